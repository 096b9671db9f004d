// `create-many <file>`: onboarding. Every row is checked (onboard-file.ts), every SKU and role it
// names resolved and the licences the rows need counted against each customer's free units
// (preflight.ts) before any write is sent; then each row is onboarded — created, licensed, given
// its roles — step by step through the job's journal (steps.ts), a few rows at a time. The report
// is that journal, exactly as update-many's: one run at a time holds it (journal/lock.ts), a rerun
// continues it (journal/destination.ts), and so a run killed at any moment is finished by running
// the same command again, each user created once and each licence and role given once.
import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import { principalNameKey, isGuid } from "../../ids.js";
import { checkTarget, connect, openTarget, resolveToken, type Client, type SessionOptions, type Target } from "../connection.js";
import { checkNotInput, checkStdoutReport, createReport, openDestination, removeIfEmpty, statOf } from "../journal/destination.js";
import { refuseOtherJob } from "../journal/job-kind.js";
import { JournalLocks } from "../journal/lock.js";
import { ReportWriteError, type Journal, type ReportEntry } from "../journal/report.js";
import { errorLine } from "../messages.js";
import { createProgress } from "../progress.js";
import { abortOnInterrupt, exitCode, UsageError } from "../run-end.js";
import { checkOneStdinReader } from "../stdin.js";
import type { Terminal } from "../terminal.js";
import { readOnboardFile, someOf, type OnboardInputOptions, type OnboardRow } from "./onboard-file.js";
import { PasswordsFile } from "./passwords.js";
import { resolveRows, shortfallTable, shortfalls, type ResolvedRow } from "./preflight.js";
import { onboardRow, rowSecrets, stepKey, stepsOf, type RowContext, type RowResult } from "./steps.js";

export interface CreateManyOptions extends SessionOptions, OnboardInputOptions {
  readonly concurrency: number;
  readonly report?: string;
  readonly dryRun?: boolean;
  /** Where generated passwords go (0600); without it every row needs a password. */
  readonly passwordsOut?: string;
  readonly correlationId?: string;
  /** The most, in ms, a row waits for its usage location to be seen by the licence service. */
  readonly usageLocationWait: number;
}

function checkOptions(file: string, options: CreateManyOptions): void {
  checkTarget(options);
  checkOneStdinReader({ "--token-stdin": options.tokenStdin, "create-many -": file === "-" });
  if (options.correlationId !== undefined && !isGuid(options.correlationId)) throw new UsageError("--correlation-id must be a GUID");
  if (options.dryRun && options.report !== undefined) throw new UsageError("--dry-run sends no write and writes no report: leave out --report");
  checkNotInput(file, options.report);
  if (options.passwordsOut !== undefined) {
    checkNotInput(file, options.passwordsOut, "--passwords-out");
    if (options.report !== undefined && resolve(options.report) === resolve(options.passwordsOut)) throw new UsageError("--passwords-out and --report name the same file: give two (the report is never to hold a password)");
  }
  if (options.report === undefined && !options.dryRun) checkStdoutReport();
}

/** The object ids of users an earlier run of the job created, by create-step key: so a rerun need not look them up. */
async function createdIds(report: string): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for await (const source of createInterface({ input: createReadStream(report), crlfDelay: Infinity })) {
    try {
      const entry = JSON.parse(source) as { step?: unknown; result?: unknown; key?: unknown; userId?: unknown };
      if (entry.step === "create" && entry.result === "ok" && typeof entry.key === "string" && typeof entry.userId === "string") ids.set(entry.key, entry.userId);
    } catch {
      // a line torn by a kill: never an ok entry whose user id is needed (a rerun looks the user up)
    }
  }
  return ids;
}

/** Looks users up by sign-in name: one listing per customer, on first need (rows whose create an earlier run sent). */
function lookUpBy(client: Client, signal: AbortSignal, maxPages: number | undefined): (row: ResolvedRow) => Promise<string | undefined> {
  const listings = new Map<string, Promise<Map<string, string>>>();
  const listing = async (customerId: string) => {
    const byName = new Map<string, string>();
    for await (const user of client.customers.byId(customerId).users.list({ signal, maxPages })) byName.set(principalNameKey(user.userPrincipalName), user.id);
    return byName;
  };
  return async (row) => {
    const customerId = row.customerId.toLowerCase();
    if (!listings.has(customerId)) listings.set(customerId, listing(customerId));
    return (await listings.get(customerId))?.get(principalNameKey(row.user.userPrincipalName));
  };
}

/**
 * Whether a row's licence of a SKU needs no unit any more: its step is done in the journal, or was
 * sent with its outcome unknown and the user (read back now) holds every SKU of the step.
 */
async function licencesHeld(client: Client, rows: readonly ResolvedRow[], journal: Journal | undefined, existing: ReadonlyMap<ResolvedRow, string | undefined>, signal: AbortSignal) {
  const done = new Set<string>();
  for (const row of rows) {
    for (const step of stepsOf(row)) {
      if (step.kind !== "licenses") continue;
      const known = journal?.changes.get(stepKey(row, step));
      const userId = existing.get(row);
      if (known?.done === true) done.add(stepKey(row, step));
      else if (known?.requestId !== undefined && userId !== undefined) {
        const held = new Set((await client.customers.byId(row.customerId).users.byId(userId).licenses.list({ groups: ["Group1", "Group2"], signal })).map((sku) => sku.productSku.id.toLowerCase()));
        if (step.skus.every((sku) => held.has(sku.productSku.id.toLowerCase()))) done.add(stepKey(row, step));
      }
    }
  }
  return (row: ResolvedRow, skuId: string) => stepsOf(row).some((step) => step.kind === "licenses" && step.skus.some((sku) => sku.productSku.id === skuId) && done.has(stepKey(row, step)));
}

/** A row's outcome, in a few words for the progress line. */
function describe(row: ResolvedRow, outcome: RowResult): string {
  const upn = row.user.userPrincipalName;
  if (outcome.result === "ok") {
    const what = [`${row.skus.length} licences`, `${row.directoryRoles.length} roles`].join(", ");
    const retried = outcome.usageLocationRetries > 0 ? `; licensed after ${outcome.usageLocationRetries} retries waiting for its usage location to be seen` : "";
    return `ok: ${upn} (object id ${outcome.userId}), ${what}${outcome.sent === 0 ? " (done by an earlier run)" : ""}${retried}`;
  }
  if (outcome.result === "cancelled") return `cancelled at step ${outcome.step}: the same command continues there`;
  if (outcome.usageLocationNotSeen) {
    const { tries, waitedMs } = outcome.usageLocationNotSeen;
    return `failed at step licenses: the user's usage location was still not seen by the licence service after ${tries} ${tries === 1 ? "try" : "tries"} over ${Math.round(waitedMs / 1000)} s (${errorLine(outcome.error)}) — run the same command again later: it continues at this step`;
  }
  // A create refused as invalid is most often a sign-in name taken already (the answer rarely says).
  const taken = outcome.step === "create" && (outcome.error.status === 400 || outcome.error.status === 409) ? ` — the sign-in name may already exist in the customer's tenant (${upn}): check it (list), or change the row` : "";
  return `failed at step ${outcome.step}: ${errorLine(outcome.error)}${taken}`;
}

export async function runCreateMany(file: string, options: CreateManyOptions, terminal: Terminal): Promise<number> {
  checkOptions(file, options);
  const made = options.report !== undefined && statOf(options.report) === undefined ? options.report : undefined;
  if (made !== undefined) createReport(made);
  // Before the input is read: a second run on the same journal (or passwords file) stops here.
  const locks = JournalLocks.acquire([options.report, options.passwordsOut].filter((path): path is string => path !== undefined), (path) => (path === options.passwordsOut ? "--passwords-out" : "--report"));
  try {
    await refuseOtherJob(options.report, "create-many");
    const rows = await readOnboardFile(file, options);
    const token = await resolveToken(options, terminal);
    const destination = options.dryRun ? undefined : await openDestination({ report: options.report }, terminal);
    let passwords: PasswordsFile | undefined;
    try {
      const journal = destination?.journal;
      const createDone = (row: OnboardRow) => journal?.changes.get(stepKey(row, { kind: "create" }))?.done === true;
      const withoutPassword = rows.filter((row) => row.password === undefined && !createDone(row));
      if (withoutPassword.length > 0 && options.passwordsOut === undefined) {
        throw new UsageError(
          `rows without a password (lines ${someOf(withoutPassword.map((row) => String(row.line))).join(", ")}): give each a password column, or --passwords-out <file> to have strong ones generated into a file only you can read (never printed); nothing was sent`,
        );
      }
      passwords = options.passwordsOut !== undefined && !options.dryRun ? new PasswordsFile(options.passwordsOut) : undefined;
      const created = options.report !== undefined && journal !== undefined ? await createdIds(options.report) : new Map<string, string>();
      return await onboard({ rows, options, terminal, token, report: destination?.report, journal, created, passwords });
    } finally {
      destination?.report.close();
      passwords?.close();
    }
  } finally {
    if (made !== undefined) removeIfEmpty(made); // a run refused before its first entry leaves no report behind
    locks.release();
  }
}

interface Prepared extends Pick<RowContext, "journal" | "created" | "passwords"> {
  readonly rows: readonly OnboardRow[];
  readonly options: CreateManyOptions;
  readonly terminal: Terminal;
  readonly token: Awaited<ReturnType<typeof resolveToken>>;
  readonly report: RowContext["report"] | undefined;
}

async function onboard({ rows, options, terminal, token, report, journal, created, passwords }: Prepared): Promise<number> {
  const correlationId = options.correlationId ?? randomUUID();
  const controller = new AbortController();
  const { signal } = controller;
  const stopListening = abortOnInterrupt(controller, () => terminal.say("interrupted: stopping; rows not finished are reported as cancelled (Ctrl-C again to quit at once)"));
  let target: Target | undefined;
  try {
    target = await openTarget(options, (line) => terminal.say(line), signal);
    const client = connect({ token, baseUrl: target.baseUrl, verbose: options.verbose === true, timeoutMs: options.timeout, maxRetries: options.maxRetries }, terminal);
    let resolved: ResolvedRow[];
    try {
      resolved = await resolveRows(client, rows, signal);
    } catch (error) {
      if (signal.aborted) return exitCode.interrupted;
      throw error;
    }
    const lookUp = lookUpBy(client, signal, options.maxPages);
    // A customer's listing is taken whole before this run creates anyone: paged while users are
    // added or removed, a listing can skip some (the pages shift under it). Read for rows an
    // earlier run sent; below, for a dry run's would-fail rows and for generated passwords.
    const existing = new Map<ResolvedRow, string | undefined>();
    for (const row of resolved) {
      const key = stepKey(row, { kind: "create" });
      if (journal?.changes.get(key) !== undefined) existing.set(row, created.get(key) ?? (await lookUp(row)));
    }
    const assigned = await licencesHeld(client, resolved, journal, existing, signal);
    const short = shortfalls(resolved, (row, sku) => !assigned(row, sku.productSku.id));
    if (short.length > 0) {
      terminal.say("not enough free licences for these rows:");
      for (const line of shortfallTable(short)) terminal.say(`  ${line}`);
      throw new UsageError("nothing was sent (only the subscribed SKUs were read): buy the units short, or take rows out of the file, then run the same command again");
    }
    if (options.dryRun) {
      // Reads only: a sign-in name taken already would be refused at its create.
      const taken: ResolvedRow[] = [];
      for (const row of resolved) if ((await lookUp(row)) !== undefined) taken.push(row);
      for (const row of taken) terminal.say(`line ${row.line}: would fail: ${row.user.userPrincipalName} already exists in customer ${row.customerId}`);
      const licences = resolved.reduce((sum, row) => sum + row.skus.length, 0);
      const roles = resolved.reduce((sum, row) => sum + row.directoryRoles.length, 0);
      const failing = taken.length > 0 ? `; ${taken.length} would fail (sign-in name taken)` : "";
      terminal.say(`${rows.length} rows valid: would create ${rows.length - taken.length} users, assign ${licences} licences (enough are free) and ${roles} roles${failing}; dry run, no write sent`);
      return taken.length > 0 ? exitCode.failed : exitCode.ok;
    }
    // Generated passwords: the listing before any create tells a sign-in name taken by another user (steps.ts).
    if (passwords) for (const row of resolved) if (row.password === undefined) await lookUp(row);
    const context = { client, report: report!, journal, created, passwords, signal, correlationId, wait: { budgetMs: options.usageLocationWait }, lookUp };
    return await sendAll(resolved, context, options, terminal, controller);
  } finally {
    stopListening();
    await target?.close();
  }
}

async function sendAll(rows: readonly ResolvedRow[], withoutNote: Omit<RowContext, "note">, options: CreateManyOptions, terminal: Terminal, controller: AbortController): Promise<number> {
  const progress = createProgress(terminal, rows.length);
  const context: RowContext = { ...withoutNote, note: (line) => progress.note(line) };
  const counts = { ok: 0, failed: 0, cancelled: 0 };
  let stopped: ReportWriteError | undefined;
  const record = (row: ResolvedRow, outcome: RowResult) => {
    const { result, ...rest } = outcome;
    const entry = { line: row.line, customerId: row.customerId, userPrincipalName: row.user.userPrincipalName, key: stepKey(row, "row"), result, ...rest, licenses: row.licenses, roles: row.roles };
    const secrets = rowSecrets(context, row);
    context.report.write(entry as unknown as ReportEntry, secrets);
    counts[result]++;
    if (result === "cancelled") return; // one summary line for them, not one each
    progress.rowDone(row.line, result === "ok", describe(row, outcome), secrets);
  };
  let next = 0;
  const lane = async () => {
    for (let row = rows[next++]; row !== undefined; row = rows[next++]) {
      try {
        record(row, context.signal.aborted ? { result: "cancelled", step: "create" } : await onboardRow(context, row));
      } catch (error) {
        if (!(error instanceof ReportWriteError)) throw error;
        stopped ??= error;
        controller.abort(error); // no row more is sent whose outcome could not be recorded
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(options.concurrency, rows.length) }, lane));
  } finally {
    progress.stop();
  }
  if (stopped) {
    terminal.sayError(`${stopped.message}: stopped sending; the report holds every step up to where it could be written. Run the same command once it can be written again: it checks what happened to the steps in flight before sending them again`);
    return exitCode.failed;
  }
  if (counts.cancelled > 0) terminal.say(`${counts.cancelled} rows cancelled: the same command continues them where they stopped`);
  const summary = (["ok", "failed", "cancelled"] as const).flatMap((result) => (counts[result] > 0 ? [`${counts[result]} ${result}`] : [])).join(", ");
  terminal.say(`${rows.length} rows: ${summary}; correlation id ${context.correlationId}${options.report === undefined ? "" : `; report: ${options.report}`}${context.passwords ? `; generated passwords: ${context.passwords.path}` : ""}`);
  if (context.signal.aborted) return exitCode.interrupted;
  return counts.failed > 0 ? exitCode.failed : exitCode.ok;
}
