// One onboarding row, step by step — create the user, assign its licences (one request per licence
// group), add it to each directory role — each step journaled like an update-many row
// (journal/report.ts): a `sending` entry with the step's MS-RequestId flushed to disk before the
// request leaves, then its outcome. Each step has its own key (customer, sign-in name, step), so a
// rerun of the same job skips the steps done and continues at the first one not done:
// - a step the journal records as done is never sent again;
// - a step sent with its outcome unknown (a crash, kill -9, a timeout) is first checked by reading —
//   the user looked up by sign-in name, its licences or roles listed — and re-sent, with its first
//   MS-RequestId, only if it did not happen;
// - a licence refused because the user's usage location is not seen yet (it takes tens of seconds
//   to reach the licence service after a create) is retried with a bounded, cancellable backoff.
import { setTimeout as sleep } from "node:timers/promises";
import { PartnerCenterError, type DirectoryRole, type SubscribedSku } from "../../index.js";
import { principalNameKey } from "../../ids.js";
import { generatePassword } from "../accounts.js";
import type { Client } from "../connection.js";
import { ReportWriteError, type Journal, type EntryWriter } from "../journal/report.js";
import { digest } from "../journal/row-keys.js";
import { summarizeWithDetails, type ErrorSummary } from "../messages.js";
import { exactlyOnce, StepFailed, type StepEntry } from "./journaled-step.js";
import type { PasswordsFile } from "./passwords.js";
import type { OnboardRow } from "./onboard-file.js";
import type { ResolvedRow } from "./preflight.js";

export type Step = { readonly kind: "create" } | { readonly kind: "licenses"; readonly group: string; readonly skus: readonly SubscribedSku[] } | { readonly kind: "role"; readonly role: DirectoryRole };

/** The row's steps in order: create, a licence update per licence group, a role each. */
export function stepsOf(row: ResolvedRow): Step[] {
  const groups = new Map<string, SubscribedSku[]>();
  for (const sku of row.skus) {
    const group = sku.productSku.licenseGroupId ?? "group1";
    groups.set(group, [...(groups.get(group) ?? []), sku]);
  }
  return [{ kind: "create" }, ...[...groups].map(([group, skus]) => ({ kind: "licenses" as const, group, skus })), ...row.directoryRoles.map((role) => ({ kind: "role" as const, role }))];
}

/** What a step does, as its key holds it: the same step of the same user is the same key in any run, however the file was sorted. */
function contentOf(step: Step | "row"): string {
  if (step === "row") return "row";
  if (step.kind === "create") return "create";
  if (step.kind === "licenses") return `licenses ${step.group} ${step.skus.map((sku) => sku.productSku.id.toLowerCase()).sort().join(",")}`;
  return `role ${step.role.id.toLowerCase()}`;
}

export const stepKey = (row: Pick<OnboardRow, "customerId" | "user">, step: Step | "row"): string => digest(`onboard\n${principalNameKey(row.customerId)}\n${principalNameKey(row.user.userPrincipalName)}\n${contentOf(step)}`);

const skuNames = (skus: readonly SubscribedSku[]) => skus.map((sku) => sku.productSku.skuPartNumber ?? sku.productSku.id);

/** A licence refused because the user's usage location is not seen (yet): Partner Center documents no code for it, so its words tell. */
export function isUsageLocationError(error: unknown): boolean {
  if (!(error instanceof PartnerCenterError) || error.status !== 400) return false;
  return /usage\s*location/i.test([error.description ?? "", ...(error.data ?? []).map(String)].join(" "));
}

export interface UsageLocationWait {
  /** The most, in ms, that one row waits for its usage location to be seen (--usage-location-wait). */
  readonly budgetMs: number;
}

const firstDelayMs = 2_000;
const longestDelayMs = 30_000;

/** The waits between tries, as docs/cli.md says: 2 s, doubling, at most 30 s apiece, the last cut to what is left of the budget. */
export function usageLocationDelays({ budgetMs }: UsageLocationWait): number[] {
  const delays: number[] = [];
  let left = Math.max(0, Math.round(budgetMs)); // --usage-location-wait 0: one try
  for (let delay = firstDelayMs; left > 0 && delays.length < 1000; delay = Math.min(delay * 2, longestDelayMs)) {
    delays.push(Math.min(delay, left));
    left -= Math.min(delay, left);
  }
  return delays;
}

export interface RowContext {
  readonly client: Client;
  readonly report: EntryWriter;
  readonly journal: Journal | undefined;
  /** Object ids of users an earlier run of the job created, by create-step key (read from the report). */
  readonly created: ReadonlyMap<string, string>;
  readonly passwords: PasswordsFile | undefined;
  readonly signal: AbortSignal;
  readonly correlationId: string;
  readonly wait: UsageLocationWait;
  /** The user with this sign-in name, if the customer has one (one listing per customer, on first need). */
  lookUp(row: ResolvedRow): Promise<string | undefined>;
  /** A line on stderr about the run (above a progress bar). */
  note(line: string): void;
}

/** How a row ended, for its report entry and its progress line. */
export type RowResult =
  | { readonly result: "ok"; readonly userId: string; readonly sent: number; readonly usageLocationRetries: number }
  | { readonly result: "failed"; readonly userId?: string; readonly step: string; readonly error: ErrorSummary; readonly usageLocationNotSeen?: { readonly tries: number; readonly waitedMs: number } }
  | { readonly result: "cancelled"; readonly userId?: string; readonly step: string };

/**
 * The row's password (given or generated), to scrub from what is written about the row: per row,
 * not hidden from the whole run — scrubbing every line of a 1,000-row run for 1,000 passwords made
 * the run quadratic (1,000 rows: 5.7 rows/s; scrubbed per row, 213 rows/s).
 */
export const rowSecrets = (context: Pick<RowContext, "passwords">, row: OnboardRow): string[] =>
  [row.password, context.passwords?.passwordOf(row.customerId, row.user.userPrincipalName)].filter((secret): secret is string => secret !== undefined);

/** The step of a row, as the journal knows it. */
function entryOf(context: RowContext, row: ResolvedRow, step: Step, ids: Record<string, unknown> = {}): StepEntry {
  const base = { line: row.line, customerId: row.customerId, userPrincipalName: row.user.userPrincipalName, ...ids };
  return { key: stepKey(row, step), kind: step.kind, base, secrets: rowSecrets(context, row) };
}

/** Creates the user (or finds the one an earlier run created); resolves with its object id and the requests sent. */
async function create(context: RowContext, row: ResolvedRow): Promise<{ userId: string; sent: number }> {
  const step: Step = { kind: "create" };
  const key = stepKey(row, step);
  const known = context.journal?.changes.get(key);
  if (known?.done) {
    const userId = context.created.get(key) ?? (await context.lookUp(row));
    if (userId === undefined) throw new StepFailed("create", new Error("the report records this user created, and the customer has no user with this sign-in name (deleted since?): check it"));
    return { userId, sent: 0 };
  }
  let userId: string | undefined;
  const happened = async () => (userId = await context.lookUp(row)) !== undefined;
  const sent = await exactlyOnce(context, entryOf(context, row, step), happened, async (requestId) => {
    const password = passwordFor(context, row);
    const user = await context.client.customers.byId(row.customerId).users.create({ ...row.user, passwordProfile: { password, forceChangePassword: row.forceChangePassword } }, { signal: context.signal, requestId, correlationId: context.correlationId });
    userId = user.id;
  }, { learnt: () => ({ userId }) }).catch(async (error: unknown) => {
    // Refused, and the sign-in name was another user's before the run (the listing taken before
    // any create): that user is not ours, so the password generated for it is taken out of the file.
    if (error instanceof StepFailed && isRefusal(error.error) && (await context.lookUp(row)) !== undefined) context.passwords?.forget(row.customerId, row.user.userPrincipalName);
    throw error;
  });
  if (userId === undefined) throw new StepFailed("create", new Error("no user id")); // cannot be: created or found
  return { userId, sent };
}

/** An answer that refuses the request (4xx), never a timeout or throttling, whose request may yet apply. */
const isRefusal = (error: unknown) => error instanceof PartnerCenterError && error.status !== undefined && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;

/** The row's password, or one generated — on disk in --passwords-out (and kept for a rerun) before the create that uses it is sent. */
function passwordFor(context: RowContext, row: ResolvedRow): string {
  if (row.password !== undefined) return row.password;
  const earlier = context.passwords?.passwordOf(row.customerId, row.user.userPrincipalName);
  if (earlier !== undefined) return earlier;
  if (!context.passwords) throw new Error("no password: give a password column or --passwords-out"); // refused before sending
  const password = generatePassword();
  context.passwords.add(row.customerId, row.user.userPrincipalName, password);
  return password;
}

/** Assigns one licence group's SKUs, retrying while the user's usage location is not seen; resolves with requests sent and retries. */
async function license(context: RowContext, row: ResolvedRow, userId: string, step: Extract<Step, { kind: "licenses" }>): Promise<{ sent: number; retries: number }> {
  const user = context.client.customers.byId(row.customerId).users.byId(userId);
  const ids = step.skus.map((sku) => sku.productSku.id.toLowerCase());
  const happened = async () => {
    const held = new Set((await user.licenses.list({ groups: ["Group1", "Group2"], signal: context.signal })).map((held) => held.productSku.id.toLowerCase()));
    return ids.every((id) => held.has(id));
  };
  const assign = async (requestId: string) => void (await user.licenses.assign(ids, { signal: context.signal, requestId, correlationId: context.correlationId }));
  const delays = usageLocationDelays(context.wait);
  let sent = 0;
  let waited = 0;
  for (let retries = 0; ; retries++) {
    try {
      sent += await exactlyOnce(context, entryOf(context, row, step, { userId, skus: skuNames(step.skus) }), happened, assign, { fresh: retries > 0 });
      return { sent, retries };
    } catch (error) {
      const delay = delays[retries];
      if (!(error instanceof StepFailed) || !isUsageLocationError(error.error)) throw error;
      sent++;
      if (delay === undefined || context.signal.aborted) throw new StepFailed("licenses", error.error, { tries: retries + 1, waitedMs: waited });
      if (delay >= 1000) context.note(`line ${row.line}: ${row.user.userPrincipalName}'s usage location is not seen by the licence service yet: trying again in ${Math.round(delay / 1000)} s`);
      try {
        await sleep(delay, undefined, { signal: context.signal });
      } catch {
        throw new StepFailed("licenses", error.error); // Ctrl-C while waiting
      }
      waited += delay;
    }
  }
}

/** Adds the user to the role (the API wants its display name and sign-in name too). */
async function addRole(context: RowContext, row: ResolvedRow, userId: string, step: Extract<Step, { kind: "role" }>): Promise<number> {
  const customer = context.client.customers.byId(row.customerId);
  const happened = async () => (await customer.users.byId(userId).roles.list({ signal: context.signal })).some((role) => role.id.toLowerCase() === step.role.id.toLowerCase());
  return exactlyOnce(context, entryOf(context, row, step, { userId, role: step.role.name }), happened, async (requestId) => {
    const member = { id: userId, displayName: row.user.displayName, userPrincipalName: row.user.userPrincipalName };
    await customer.directoryRoles.byId(step.role.id).members.add(member, { signal: context.signal, requestId, correlationId: context.correlationId });
  });
}

/** Onboards one row: every step not done yet, in order; the first that fails ends the row. */
export async function onboardRow(context: RowContext, row: ResolvedRow): Promise<RowResult> {
  let userId: string | undefined;
  let step: Step["kind"] = "create";
  let sent = 0;
  let usageLocationRetries = 0;
  try {
    const made = await create(context, row);
    userId = made.userId;
    sent += made.sent;
    for (const next of stepsOf(row).slice(1)) {
      step = next.kind;
      if (next.kind === "licenses") {
        const done = await license(context, row, userId, next);
        sent += done.sent;
        usageLocationRetries += done.retries;
      } else if (next.kind === "role") sent += await addRole(context, row, userId, next);
    }
    return { result: "ok", userId, sent, usageLocationRetries };
  } catch (error) {
    // The report cannot be written: the run stops (nothing more may be sent whose outcome cannot be recorded).
    if (error instanceof ReportWriteError) throw error;
    if (error instanceof StepFailed && error.error instanceof ReportWriteError) throw error.error;
    const failed = error instanceof StepFailed ? error : new StepFailed(step, error);
    if (context.signal.aborted) return { result: "cancelled", step: failed.step, ...(userId !== undefined && { userId }) };
    return { result: "failed", step: failed.step, error: summarizeWithDetails(failed.error), ...(userId !== undefined && { userId }), ...(failed.notSeen && { usageLocationNotSeen: failed.notSeen }) };
  }
}
