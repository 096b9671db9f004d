// `offboard-many <file>`: per row (customerId, user — an object id or a sign-in name), read what the
// user holds, record it in the report (its `before` entry), then remove its licences (one request
// per licence group), take it out of each directory role, and delete it (soft: 30 days to restore).
// Each step is journaled like create-many's (journaled-step.ts), so the same command after a crash
// continues each row where it stopped, and `undo <report>` (offboard-undo.ts) restores the user and
// gives back its roles and licences from the before-values.
import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { PartnerCenterError } from "../../index.js";
import { isGuid, principalNameKey } from "../../ids.js";
import { checkTarget, connect, openTarget, resolveToken, type Client, type SessionOptions } from "../connection.js";
import { checkNotInput, checkStdoutReport, createReport, openDestination, removeIfEmpty, statOf } from "../journal/destination.js";
import { refuseOtherJob } from "../journal/job-kind.js";
import { JournalLocks } from "../journal/lock.js";
import { ReportWriteError } from "../journal/report.js";
import { digest } from "../journal/row-keys.js";
import { errorLine, summarizeError } from "../messages.js";
import { idIssues } from "../patch.js";
import { createProgress } from "../progress.js";
import { abortOnInterrupt, exitCode, UsageError } from "../run-end.js";
import { checkOneStdinReader } from "../stdin.js";
import type { Terminal } from "../terminal.js";
import { exactlyOnce, StepFailed, writeEntry, type StepJournal } from "./journaled-step.js";
import { readRawRows, someOf, type OnboardInputOptions } from "./onboard-file.js";

export interface OffboardManyOptions extends SessionOptions, OnboardInputOptions {
  readonly concurrency: number;
  readonly report?: string;
  readonly yes?: boolean;
  readonly correlationId?: string;
}

/** Marks every entry of an offboarding report: `undo` tells it from update-many's by it. */
export const offboardJob = "offboard";

interface OffboardRow {
  readonly line: number;
  readonly customerId: string;
  /** As given: an object id or a sign-in name. */
  readonly user: string;
}

/** What the user held before the run took it away: what undo gives back. */
export interface Before {
  readonly userId: string;
  readonly userPrincipalName: string;
  readonly displayName: string;
  readonly licenses: readonly { readonly skuId: string; readonly group: string; readonly skuPartNumber?: string | undefined }[];
  readonly roles: readonly { readonly id: string; readonly name: string }[];
}

export const offboardKey = (customerId: string, user: string, step: string) => digest(`${offboardJob}\n${principalNameKey(customerId)}\n${principalNameKey(user)}\n${step}`);

async function readRows(file: string, options: OnboardInputOptions): Promise<OffboardRow[]> {
  const raw = await readRawRows(file, options, ["customerId", "user"]);
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const rows = raw.map(({ line, values }) => {
    const issues = idIssues({ customerId: values["customerId"], user: values["user"] });
    if (issues.length > 0) problems.push(`line ${line}: ${issues.map((issue) => `${issue.field} ${issue.message}`).join("; ")}`);
    const row = { line, customerId: String(values["customerId"] ?? ""), user: String(values["user"] ?? "") };
    const who = `${principalNameKey(row.customerId)}/${principalNameKey(row.user)}`;
    if (seen.has(who)) problems.push(`line ${line}: names the same user as line ${seen.get(who)}: one row per user`);
    seen.set(who, line);
    return row;
  });
  if (problems.length > 0) throw new UsageError(`nothing was sent: fix these rows of ${file}: ${someOf(problems).join(" · ")}`);
  return rows;
}

/** The `before` entries of a report, by key: a rerun reuses them (the user no longer holds what it held). */
export async function beforeEntries(report: string): Promise<Map<string, Before & { line: number; customerId: string; userGiven: string }>> {
  const found = new Map<string, Before & { line: number; customerId: string; userGiven: string }>();
  for await (const source of createInterface({ input: createReadStream(report), crlfDelay: Infinity })) {
    try {
      const entry = JSON.parse(source) as { job?: unknown; step?: unknown; key?: unknown; result?: unknown };
      if (entry.job === offboardJob && entry.step === "before" && entry.result === "ok" && typeof entry.key === "string") found.set(entry.key, entry as never);
    } catch {
      // a line torn by a kill
    }
  }
  return found;
}

interface Context extends StepJournal {
  readonly client: Client;
  readonly correlationId: string;
  readonly befores: ReadonlyMap<string, Before>;
  /** The active user a row names, or undefined (one listing per customer for sign-in names). */
  find(row: OffboardRow): Promise<{ id: string; userPrincipalName: string; displayName: string } | undefined>;
}

const isNotFound = (error: unknown) => error instanceof PartnerCenterError && error.status === 404;

/** Offboards one row; resolves with its outcome fields. */
async function offboardRow(context: Context, row: OffboardRow): Promise<Record<string, unknown>> {
  const base = { line: row.line, job: offboardJob, customerId: row.customerId, userGiven: row.user }; // `{"line":` first: how a report is told (report.ts)
  const beforeKey = offboardKey(row.customerId, row.user, "before");
  let before = context.befores.get(beforeKey);
  const { signal, correlationId } = context;
  const users = context.client.customers.byId(row.customerId).users;
  if (!before) {
    const found = await context.find(row);
    if (!found) throw new StepFailed("before", new Error(`no active user of customer ${row.customerId} is ${row.user}`));
    const user = users.byId(found.id);
    const licenses = (await user.licenses.list({ groups: ["Group1", "Group2"], signal })).map((held) => ({ skuId: held.productSku.id, group: held.productSku.licenseGroupId ?? "group1", skuPartNumber: held.productSku.skuPartNumber }));
    const roles = (await user.roles.list({ signal })).map((role) => ({ id: role.id, name: role.name }));
    before = { userId: found.id, userPrincipalName: found.userPrincipalName, displayName: found.displayName, licenses, roles };
    writeEntry(context, { ...base, key: beforeKey, step: "before", result: "ok", ...before });
  }
  const { userId } = before;
  const user = users.byId(userId);
  const step = (name: string, ids: Record<string, unknown> = {}) => ({ key: offboardKey(row.customerId, row.user, name), kind: name.split(" ")[0]!, base: { ...base, userId, ...ids } });
  const groups = new Map<string, string[]>();
  for (const { skuId, group } of before.licenses) groups.set(group, [...(groups.get(group) ?? []), skuId]);
  for (const [group, skuIds] of groups) {
    const heldNone = async () => {
      const held = new Set((await user.licenses.list({ groups: ["Group1", "Group2"], signal })).map((license) => license.productSku.id));
      return skuIds.every((id) => !held.has(id));
    };
    await exactlyOnce(context, step(`remove-licenses ${group} ${[...skuIds].sort().join(",")}`, { skus: skuIds }), heldNone, async (requestId) => void (await user.licenses.remove(skuIds, { signal, requestId, correlationId })));
  }
  for (const role of before.roles) {
    const notHeld = async () => !(await user.roles.list({ signal })).some((held) => held.id === role.id);
    await exactlyOnce(context, step(`remove-role ${role.id}`, { role: role.name }), notHeld, (requestId) => context.client.customers.byId(row.customerId).directoryRoles.byId(role.id).members.remove(userId, { signal, requestId, correlationId }));
  }
  const gone = async () => {
    try {
      return (await user.get({ signal })).state !== "active";
    } catch (error) {
      if (isNotFound(error)) return true;
      throw error;
    }
  };
  // When it was deleted: undo restores only within the 30 days.
  await exactlyOnce(context, step("delete"), gone, (requestId) => user.delete({ signal, requestId, correlationId }), { learnt: () => ({ deletedAt: new Date().toISOString() }) });
  return { userId, userPrincipalName: before.userPrincipalName, licenses: before.licenses.length, roles: before.roles.length };
}

function finder(client: Client, signal: AbortSignal, maxPages: number | undefined): Context["find"] {
  const listings = new Map<string, Promise<Map<string, { id: string; userPrincipalName: string; displayName: string }[]>>>();
  const listing = async (customerId: string) => {
    const byName = new Map<string, { id: string; userPrincipalName: string; displayName: string }[]>();
    for await (const user of client.customers.byId(customerId).users.list({ signal, maxPages })) {
      const found = { id: user.id, userPrincipalName: user.userPrincipalName, displayName: user.displayName ?? user.userPrincipalName };
      for (const key of [principalNameKey(user.userPrincipalName), user.id.toLowerCase()]) byName.set(key, [...(byName.get(key) ?? []), found]);
    }
    return byName;
  };
  return async (row) => {
    const customerId = row.customerId.toLowerCase();
    if (!listings.has(customerId)) listings.set(customerId, listing(customerId));
    const matches = (await listings.get(customerId))?.get(isGuid(row.user) ? row.user.toLowerCase() : principalNameKey(row.user)) ?? [];
    if (matches.length > 1) throw new StepFailed("before", new Error(`${matches.length} active users of customer ${row.customerId} have the sign-in name ${row.user}: give the object id`));
    return matches[0];
  };
}

/** Two rows naming one user two ways (sign-in name, object id) are refused up front, as exact repeats are: the second names the first. */
async function refuseSameUserTwice(rows: readonly OffboardRow[], context: Context): Promise<void> {
  const seen = new Map<string, number>();
  const problems: string[] = [];
  for (const row of rows) {
    const userId = context.befores.get(offboardKey(row.customerId, row.user, "before"))?.userId ?? (await context.find(row).catch(() => undefined))?.id;
    if (userId === undefined) continue; // refused at its row: no such active user
    const who = `${principalNameKey(row.customerId)}/${userId.toLowerCase()}`;
    const first = seen.get(who);
    if (first !== undefined) problems.push(`line ${row.line}: ${row.user} is the same user as line ${first} (object id ${userId}): one row per user`);
    else seen.set(who, row.line);
  }
  if (problems.length > 0) throw new UsageError(`nothing was sent: ${someOf(problems).join(" · ")}`);
}

export async function runOffboardMany(file: string, options: OffboardManyOptions, terminal: Terminal): Promise<number> {
  checkTarget(options);
  checkOneStdinReader({ "--token-stdin": options.tokenStdin, "offboard-many -": file === "-" });
  if (options.correlationId !== undefined && !isGuid(options.correlationId)) throw new UsageError("--correlation-id must be a GUID");
  if (options.yes !== true) throw new UsageError("offboard-many removes licences and roles and deletes users: add --yes to go ahead (nothing was sent)");
  checkNotInput(file, options.report);
  if (options.report === undefined) checkStdoutReport();
  const made = options.report !== undefined && statOf(options.report) === undefined ? options.report : undefined;
  if (made !== undefined) createReport(made);
  const locks = JournalLocks.acquire(options.report === undefined ? [] : [options.report]);
  try {
    await refuseOtherJob(options.report, "offboard-many");
    const rows = await readRows(file, options);
    const token = await resolveToken(options, terminal);
    const { journal, report } = await openDestination({ report: options.report }, terminal);
    const controller = new AbortController();
    const stopListening = abortOnInterrupt(controller, () => terminal.say("interrupted: stopping; rows not finished are reported as cancelled (Ctrl-C again to quit at once)"));
    const target = await openTarget(options, (line) => terminal.say(line), controller.signal).catch((error: unknown) => {
      stopListening();
      throw error;
    });
    try {
      const client = connect({ token, baseUrl: target.baseUrl, verbose: options.verbose === true, timeoutMs: options.timeout, maxRetries: options.maxRetries }, terminal);
      const befores = options.report !== undefined && journal !== undefined ? await beforeEntries(options.report) : new Map<string, Before>();
      const context: Context = { client, report, journal, signal: controller.signal, correlationId: options.correlationId ?? randomUUID(), befores, find: finder(client, controller.signal, options.maxPages) };
      // Every listing whole before the first delete: a listing paged while users are deleted skips
      // some (the pages shift under it; seen with the stateful fake after a kill -9).
      for (const row of rows) if (!befores.has(offboardKey(row.customerId, row.user, "before"))) await context.find(row).catch(() => undefined);
      await refuseSameUserTwice(rows, context);
      return await runRows(rows, context, options, terminal, controller, (row) => offboardRow(context, row), { done: "offboarded", job: offboardJob });
    } finally {
      stopListening();
      report.close();
      await target.close();
    }
  } finally {
    if (made !== undefined) removeIfEmpty(made); // a run refused before its first entry leaves no report behind
    locks.release();
  }
}

/**
 * Runs every row, a few at a time, each ending with one outcome entry (ok, failed, cancelled) and a
 * progress line; a report that cannot be written stops the run. The exit code, as update-many's.
 */
export async function runRows<Row extends { readonly line: number; readonly customerId: string }>(
  rows: readonly Row[],
  context: StepJournal & { readonly correlationId: string },
  options: { readonly concurrency: number; readonly report?: string | undefined },
  terminal: Terminal,
  controller: AbortController,
  work: (row: Row) => Promise<Record<string, unknown>>,
  { done, job }: { readonly done: string; readonly job: string },
): Promise<number> {
  const progress = createProgress(terminal, rows.length);
  const counts = { ok: 0, failed: 0, cancelled: 0 };
  let stopped: ReportWriteError | undefined;
  const one = async (row: Row) => {
    const base = { line: row.line, job, customerId: row.customerId, key: digest(`${job}-row\n${JSON.stringify(row)}`) };
    if (context.signal.aborted) return { ...base, result: "cancelled" as const };
    try {
      return { ...base, result: "ok" as const, ...(await work(row)) };
    } catch (error) {
      if (error instanceof ReportWriteError) throw error;
      if (error instanceof StepFailed && error.error instanceof ReportWriteError) throw error.error;
      const failed = error instanceof StepFailed ? error : new StepFailed("read", error);
      if (context.signal.aborted) return { ...base, result: "cancelled" as const, step: failed.step };
      return { ...base, result: "failed" as const, step: failed.step, error: summarizeError(failed.error) };
    }
  };
  let next = 0;
  const lane = async () => {
    for (let row = rows[next++]; row !== undefined; row = rows[next++]) {
      try {
        const outcome = await one(row);
        writeEntry(context, outcome);
        counts[outcome.result]++;
        if (outcome.result === "cancelled") continue;
        const fields = outcome as Record<string, unknown>;
        const text = outcome.result === "ok" ? `ok: ${done} ${String(fields["userPrincipalName"] ?? "")} (object id ${String(fields["userId"] ?? "")})` : `failed at step ${String(fields["step"])}: ${errorLine(fields["error"] as ReturnType<typeof summarizeError>)}`;
        progress.rowDone(row.line, outcome.result === "ok", text);
      } catch (error) {
        if (!(error instanceof ReportWriteError)) throw error;
        stopped ??= error;
        controller.abort(error);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(options.concurrency, rows.length) }, lane));
  } finally {
    progress.stop();
  }
  if (stopped) {
    terminal.sayError(`${stopped.message}: stopped sending; run the same command once the report can be written again`);
    return exitCode.failed;
  }
  if (counts.cancelled > 0) terminal.say(`${counts.cancelled} rows cancelled: the same command continues them where they stopped`);
  const summary = (["ok", "failed", "cancelled"] as const).flatMap((result) => (counts[result] > 0 ? [`${counts[result]} ${result}`] : [])).join(", ");
  terminal.say(`${rows.length} rows: ${summary}; correlation id ${context.correlationId}${options.report === undefined ? "" : `; report: ${options.report}`}`);
  if (context.signal.aborted) return exitCode.interrupted;
  return counts.failed > 0 ? exitCode.failed : exitCode.ok;
}
