// `update-many <file>`: the bulk run and its report, one PATCH per row with bounded concurrency.
// Every input row ends up in the report exactly once:
// - the plan, before anything is sent: each row is sent, reported invalid, skipped as a repeat of
//   an earlier row, or carried over from a previous report (--only-failed);
// - the run: invalid and repeated rows are reported first, the rest as each finishes, and on
//   Ctrl-C whatever did not finish as "cancelled";
// - the report: JSON Lines, one entry per row, written the moment the row is done (synchronously,
//   so a crash or Ctrl-C loses nothing already finished), and read back by --only-failed.
// Reading the file into rows is rows.ts's; printing (progress, secrets scrubbed) is terminal.ts's.
import { randomUUID } from "node:crypto";
import { closeSync, openSync, readFileSync, writeSync } from "node:fs";
import { resolve } from "node:path";
import pLimit from "p-limit";
import { redactBody, type CustomerUserPatch } from "../index.js";
import { checkTarget, connect, openTarget, resolveToken, type Client, type Target, type TargetOptions } from "./connection.js";
import { resolveUsers } from "./find.js";
import { formatIssue, isGuid, type Issue } from "./patch.js";
import { detectFormat, readRows, rowIds, type Row, type RowFormat } from "./rows.js";
import {
  abortOnInterrupt,
  checkOneStdinReader,
  createProgress,
  errorLine,
  exitCode,
  summarizeError,
  UsageError,
  type ErrorSummary,
  type Terminal,
} from "./terminal.js";

export interface UpdateManyOptions extends TargetOptions {
  readonly concurrency: number;
  readonly report?: string;
  readonly dryRun?: boolean;
  readonly onlyFailed?: string;
  readonly format?: RowFormat;
  readonly correlationId?: string;
  readonly tokenStdin?: boolean;
  readonly verbose?: boolean;
}

/** What a row's report entry says, in a few words for the progress line. */
function describeEntry(entry: ReportEntry): string {
  switch (entry.result) {
    case "ok":
      return `ok (request id ${entry.requestId})`;
    case "failed":
      return `failed: ${errorLine(entry.error)}`;
    case "invalid":
      return `invalid: ${entry.issues.map((issue) => formatIssue(issue)).join("; ")}`;
    case "skipped":
      return `skipped: the same update as line ${entry.duplicateOf}`;
    case "valid":
      return "valid";
    case "cancelled":
      return `cancelled${entry.requestId ? ` (request id ${entry.requestId}: sent, outcome unknown)` : " (not sent)"}`;
  }
}

const successes: ReadonlySet<ReportResult> = new Set(["ok", "skipped", "valid"]);

function readInput(file: string, format: RowFormat | undefined): Row[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return readRows(text, format ?? detectFormat(file, text));
}

export async function runUpdateMany(file: string, options: UpdateManyOptions, terminal: Terminal): Promise<number> {
  checkTarget(options);
  checkOneStdinReader({ "--token-stdin": options.tokenStdin });
  if (options.correlationId !== undefined && !isGuid(options.correlationId)) {
    throw new UsageError(`--correlation-id must be a GUID`);
  }
  if (options.report !== undefined && resolve(options.report) === resolve(file)) {
    throw new UsageError("--report would overwrite the input file: give another file name");
  }
  if (options.report !== undefined && options.onlyFailed !== undefined && resolve(options.report) === resolve(options.onlyFailed)) {
    throw new UsageError("--report would overwrite the --only-failed report: give another file name");
  }
  const rows = readInput(file, options.format);
  if (rows.length === 0) throw new UsageError(`${file} has no rows`);
  const previous = options.onlyFailed === undefined ? undefined : readReport(options.onlyFailed);
  let steps = planRows(rows, previous);
  let toSend = steps.filter((step) => step.action === "send");

  // Usage problems (token, report path) stop the run before any report line is written.
  const sending = !options.dryRun && toSend.length > 0;
  const token = sending ? await resolveToken(options, terminal) : undefined;
  // Made now when the target is known, so a base URL the client refuses stops the run before the report.
  let client = token !== undefined && !options.mock ? connect({ token, baseUrl: options.baseUrl, verbose: options.verbose === true }, terminal) : undefined;
  const report = new ReportWriter(options.report, terminal);
  const counts = new Map<ReportResult, number>();
  const progress = createProgress(terminal, rows.length);
  const record = (entry: ReportEntry, row: Row) => {
    const secrets = row.secret === undefined ? [] : [row.secret];
    report.write(entry, secrets);
    counts.set(entry.result, (counts.get(entry.result) ?? 0) + 1);
    progress.rowDone(row.line, successes.has(entry.result), describeEntry(entry), secrets);
  };
  const correlationId = options.correlationId ?? randomUUID();
  const controller = new AbortController();
  const stopListening = abortOnInterrupt(controller, () =>
    progress.note("interrupted: stopping; rows not finished are reported as cancelled (Ctrl-C again to quit at once)"),
  );
  let target: Target | undefined;
  try {
    target = sending ? await openTarget(options, (line) => progress.note(line)) : undefined;
    if (target && token !== undefined && toSend.some(({ row }) => row.userId === undefined)) {
      // Rows naming users by sign-in name: looked up (one scan per customer), then planned again
      // with the ids, so repeats of one user are caught however the rows name it.
      client ??= connect({ token, baseUrl: target.baseUrl, verbose: options.verbose === true }, terminal);
      progress.note("looking up the users named by sign-in name (one listing per customer)");
      steps = planRows(await resolveUsers(rows, client, controller.signal), previous);
      toSend = steps.filter((step) => step.action === "send");
    }
    for (const step of steps) if (step.action === "report") record(step.entry, step.row);
    if (options.dryRun) {
      for (const { row } of toSend) record({ ...rowIds(row), result: "valid", patch: row.patch }, row);
    } else if (target && token !== undefined) {
      client ??= connect({ token, baseUrl: target.baseUrl, verbose: options.verbose === true }, terminal);
      const limit = pLimit(options.concurrency);
      const context = { client, signal: controller.signal, correlationId, record };
      const send = (row: Row) => sendRow(row, context);
      await Promise.all(toSend.map(({ row }) => limit(send, row)));
    }
  } finally {
    stopListening();
    progress.stop();
    report.close();
    await target?.close();
  }

  const summary = [...counts].map(([result, count]) => `${count} ${result}`).join(", ");
  const carried = previous ? steps.filter((step) => step.action === "report" && previous.get(step.row.line) === step.entry).length : 0;
  terminal.say(
    `${rows.length} rows: ${summary}` +
      (carried ? ` (${carried} carried over from ${options.onlyFailed})` : "") +
      (options.dryRun ? "; dry run, nothing sent" : `; correlation id ${correlationId}`) +
      (options.report === undefined ? "" : `; report: ${options.report}`),
  );
  if (controller.signal.aborted) return exitCode.interrupted;
  return [...counts.keys()].every((result) => successes.has(result)) ? exitCode.ok : exitCode.failed;
}

interface SendContext {
  readonly client: Client;
  readonly signal: AbortSignal;
  readonly correlationId: string;
  readonly record: (entry: ReportEntry, row: Row) => void;
}

async function sendRow(row: Row, context: SendContext): Promise<void> {
  const { client, signal } = context;
  if (signal.aborted) {
    context.record({ ...rowIds(row), result: "cancelled" }, row);
    return;
  }
  // Made here rather than by the client so the report can name it for every outcome.
  const requestId = randomUUID();
  const { customerId = "", userId = "" } = row;
  try {
    const user = await client.customers
      .byId(customerId)
      .users.byId(userId)
      .patch(row.patch as CustomerUserPatch, { signal, requestId, correlationId: context.correlationId });
    context.record({ ...rowIds(row), result: "ok", requestId, user }, row);
  } catch (error) {
    if (signal.aborted) context.record({ ...rowIds(row), result: "cancelled", requestId }, row);
    else context.record({ ...rowIds(row), result: "failed", error: summarizeError(error) }, row);
  }
}

// ---- The plan ---------------------------------------------------------------------------------

type Step =
  | { readonly action: "send"; readonly row: Row }
  | { readonly action: "report"; readonly row: Row; readonly entry: ReportEntry };

function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

/**
 * Two rows for the same user would race if sent at once, and the user would end up as whichever
 * landed last. A repeat of the very same change is harmless: it is skipped and sent once. A
 * different change for the same user is refused, so the result never depends on timing.
 */
function checkRepeats(rows: readonly Row[]): Map<Row, ReportEntry> {
  const first = new Map<string, Row>();
  const verdicts = new Map<Row, ReportEntry>();
  for (const row of rows) {
    if (row.issues.length > 0) continue;
    // A row not yet looked up (a --dry-run with sign-in names) is known by the name it gives.
    const user = `${row.customerId?.toLowerCase()}/${(row.userId ?? row.user)?.toLowerCase()}`;
    const earlier = first.get(user);
    if (!earlier) first.set(user, row);
    else if (sortedJson(earlier.patch) === sortedJson(row.patch)) {
      verdicts.set(row, { ...rowIds(row), result: "skipped", duplicateOf: earlier.line });
    } else {
      verdicts.set(row, {
        ...rowIds(row),
        result: "invalid",
        issues: [{ message: `updates the same user as line ${earlier.line} with different changes: merge them into one row` }],
      });
    }
  }
  return verdicts;
}

export function planRows(rows: readonly Row[], previous?: ReadonlyMap<number, ReportEntry>): Step[] {
  if (previous) checkSameInput(rows, previous);
  const repeats = checkRepeats(rows);
  return rows.map((row): Step => {
    const done = previous?.get(row.line);
    if (done && doneResults.has(done.result)) return { action: "report", row, entry: done };
    if (row.issues.length > 0) return { action: "report", row, entry: { ...rowIds(row), result: "invalid", issues: row.issues } };
    const repeat = repeats.get(row);
    return repeat ? { action: "report", row, entry: repeat } : { action: "send", row };
  });
}

/**
 * --only-failed must be given the report of this same input: rows are matched by line, so each row
 * it carries over (ok or skipped) must still name the same user. Rows that failed or were invalid
 * are sent again as the file now has them — correcting them is the point of a rerun.
 */
function checkSameInput(rows: readonly Row[], previous: ReadonlyMap<number, ReportEntry>): void {
  const byLine = new Map(rows.map((row) => [row.line, row]));
  for (const entry of previous.values()) {
    if (!doneResults.has(entry.result)) continue;
    const row = byLine.get(entry.line);
    // A row not yet looked up is matched by the sign-in name it gives, as the report recorded it.
    const sameUser = row?.userId === undefined ? row?.user !== undefined && row.user === entry.userGiven : row.userId === entry.userId;
    if (!row || row.customerId !== entry.customerId || !sameUser) {
      throw new UsageError(`the report does not match this input file (line ${entry.line} differs): use the input the report was made from`);
    }
  }
}

// ---- The report -------------------------------------------------------------------------------

interface EntryBase {
  readonly line: number;
  readonly customerId?: string;
  /** The row's `user` column as given (an object id or a sign-in name), when it named the user that way. */
  readonly userGiven?: string;
  readonly userId?: string;
}

export type ReportEntry = EntryBase &
  (
    | { readonly result: "ok"; readonly requestId: string; readonly user: unknown }
    | { readonly result: "failed"; readonly error: ErrorSummary }
    | { readonly result: "invalid"; readonly issues: readonly Issue[] }
    /** The same update as an earlier row: sent once, for that row. */
    | { readonly result: "skipped"; readonly duplicateOf: number }
    /** --dry-run: the row would be sent with this body (passwords redacted). */
    | { readonly result: "valid"; readonly patch: unknown }
    /** Interrupted before it finished; `requestId` when it had been sent (its outcome is unknown). */
    | { readonly result: "cancelled"; readonly requestId?: string }
  );

type ReportResult = ReportEntry["result"];

/** Results that need nothing more: --only-failed carries these over instead of re-running them. */
const doneResults: ReadonlySet<ReportResult> = new Set(["ok", "skipped"]);

class ReportWriter {
  readonly #fd: number | undefined;
  readonly #terminal: Terminal;

  /** Writes to `path`, or to stdout without one; either way without the run's secrets. */
  constructor(path: string | undefined, terminal: Terminal) {
    this.#terminal = terminal;
    try {
      this.#fd = path === undefined ? undefined : openSync(path, "w");
    } catch (error) {
      throw new UsageError(`cannot write the report ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  }

  /** One entry, passwords redacted by key, the run's secrets and `also` (the row's password) scrubbed. */
  write(entry: ReportEntry, also: readonly string[] = []): void {
    const json = JSON.stringify(redactBody(entry));
    if (this.#fd === undefined) this.#terminal.out(json, also);
    else writeSync(this.#fd, `${this.#terminal.scrub(json, also)}\n`);
  }

  close(): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
  }
}

const results: ReadonlySet<string> = new Set<ReportResult>(["ok", "failed", "invalid", "skipped", "valid", "cancelled"]);

function isEntry(value: unknown): value is ReportEntry {
  if (typeof value !== "object" || value === null) return false;
  const { line, result } = value as { line?: unknown; result?: unknown };
  return Number.isInteger(line) && typeof result === "string" && results.has(result);
}

/** A previous report, by line. A row missing from it (the run was killed) counts as not done. */
function readReport(path: string): Map<number, ReportEntry> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read the report ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const entries = new Map<number, ReportEntry>();
  const lines = text.split("\n");
  lines.forEach((source, index) => {
    if (source.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch {
      // A last line without its newline was cut off by a killed run: that row is simply not done.
      if (index === lines.length - 1) return;
    }
    if (!isEntry(value)) throw new UsageError(`${path} line ${index + 1} is not a report entry of this program`);
    if (entries.has(value.line)) throw new UsageError(`${path} has two entries for line ${value.line}`);
    entries.set(value.line, value);
  });
  return entries;
}
