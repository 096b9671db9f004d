// `update-many <file>`: one PATCH per row, with bounded concurrency, in two passes over the input
// (rows.ts streams it, so memory does not grow with its length):
// 1. check: every row read — a byte that is not UTF-8 or a broken quote stops the run here, before
//    anything is sent — repeats of one user found (a compact number per row, not the row), and,
//    with --only-failed, rows reported done but edited since refused;
// 2. send: each row in file order is reported invalid, skipped as a repeat, carried over from the
//    previous report, or sent — its `sending` entry with its MS-RequestId flushed to the report
//    first (report.ts), so a resume re-sends an unfinished row with the same id.
// Every input row ends with exactly one outcome in the report. If the report cannot be written the
// run stops sending at once; on Ctrl-C it stops, and rows not finished are reported cancelled.
import { hash as digestOf, randomUUID } from "node:crypto";
import { realpathSync } from "node:fs";
import type { CustomerUserPatch } from "../index.js";
import { checkTarget, connect, openTarget, resolveToken, type Client, type Target, type TargetOptions } from "./connection.js";
import { directoryOf } from "./find.js";
import { formatIssue, isGuid } from "./patch.js";
import { doneResults, readPrevious, ReportWriteError, ReportWriter, rowHashes, seedReport, type Outcome, type OutcomeResult, type PreviousRow, type RowHashes } from "./report.js";
import { NumberTable } from "./number-table.js";
import { openInput, rowIds, type InputOptions, type Row, type RowInput } from "./rows.js";
import { abortOnInterrupt, checkOneStdinReader, createProgress, errorLine, exitCode, summarizeError, UsageError, type Terminal } from "./terminal.js";

export interface UpdateManyOptions extends TargetOptions, InputOptions {
  readonly concurrency: number;
  readonly report?: string;
  readonly dryRun?: boolean;
  readonly onlyFailed?: string;
  readonly correlationId?: string;
  readonly tokenStdin?: boolean;
  readonly verbose?: boolean;
  readonly timeout?: number;
  readonly maxRetries?: number;
}

const successes: ReadonlySet<OutcomeResult> = new Set(["ok", "skipped", "valid"]);

/** What a row's outcome says, in a few words for the progress line. */
function describe(entry: Outcome): string {
  switch (entry.result) {
    case "ok":
      return entry.carriedOver ? "ok (carried over)" : `ok (request id ${entry.requestId})`;
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

function samePath(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false; // one of them does not exist yet: not the same file
  }
}

function checkOptions(file: string, options: UpdateManyOptions): void {
  checkTarget(options);
  checkOneStdinReader({ "--token-stdin": options.tokenStdin, "update-many -": file === "-" });
  if (options.correlationId !== undefined && !isGuid(options.correlationId)) throw new UsageError(`--correlation-id must be a GUID`);
  if (options.report !== undefined && file !== "-" && samePath(options.report, file)) {
    throw new UsageError("--report would overwrite the input file: give another file name");
  }
}

// ---- Pass 1: check ------------------------------------------------------------------------------

/**
 * One number per user a valid row names: the first line naming it (high bits) and a 24-bit hash of
 * that row's change (low bits), so a million rows fit in a few tens of megabytes. Keyed by a
 * 52-bit hash of customer and user: two users colliding is about as likely as 1 in 10 000 for a
 * million rows, and would at worst refuse a row as a conflicting repeat.
 */
type FirstRows = NumberTable;
const hashBits = 2 ** 24;
const keyOf = (customerId: string, user: string): number => Number.parseInt(digestOf("sha1", `${customerId}/${user}`.toLowerCase(), "hex").slice(0, 13), 16);
// The change's hash is a digest already (base64url): its first four characters are 24 bits of it.
const packed = (line: number, change: string): number => line * hashBits + Buffer.from(change.slice(0, 4), "base64url").readUIntBE(0, 3);

interface Checked {
  readonly total: number;
  readonly firstRows: FirstRows;
}

async function check(input: RowInput, previous: ReadonlyMap<number, PreviousRow> | undefined): Promise<Checked> {
  const firstRows: FirstRows = new NumberTable();
  const edited: number[] = [];
  let total = 0;
  let doneSeen = 0;
  for await (const row of input.rows()) {
    total++;
    const done = previous?.get(row.line);
    const hashes = rowHashes(row);
    const hash = hashes.row;
    if (done && doneResults.has(done.result)) {
      doneSeen++;
      const who = `${row.customerId ?? ""}/${row.user ?? row.userId ?? ""}`.toLowerCase();
      // A report too old to hold row hashes is checked by who each row names.
      if (done.rowHash === undefined && done.who !== who) throw new UsageError(`the report does not match this input file (line ${row.line} differs): use the input the report was made from`);
      if (done.rowHash !== undefined && done.rowHash !== hash) edited.push(row.line);
    }
    if (row.issues.length > 0 || row.customerId === undefined) continue;
    const key = keyOf(row.customerId, row.userId ?? row.user ?? "");
    firstRows.setIfAbsent(key, packed(row.line, hashes.change));
  }
  if (edited.length > 0) {
    const lines = `${edited.slice(0, 10).join(", ")}${edited.length > 10 ? ` and ${edited.length - 10} more` : ""}`;
    throw new UsageError(`the --only-failed report records line${edited.length > 1 ? "s" : ""} ${lines} as done, but the file has changed there since: undo the edit, or send those rows as a new file; nothing was sent`);
  }
  if (total === 0) throw new UsageError("the input has no rows");
  const doneInReport = [...(previous?.values() ?? [])].filter((entry) => doneResults.has(entry.result)).length;
  if (doneSeen < doneInReport) throw new UsageError(`the report does not match this input file (it records ${doneInReport - doneSeen} done rows the file does not have): use the input the report was made from`);
  return { total, firstRows };
}

// ---- Pass 2: send ---------------------------------------------------------------------------------

interface Run {
  readonly report: ReportWriter;
  readonly record: (entry: Outcome, row: Row) => void;
  readonly signal: AbortSignal;
  readonly correlationId: string;
  readonly previous: ReadonlyMap<number, PreviousRow> | undefined;
  readonly firstRows: FirstRows;
  /** Rows named by sign-in name, once looked up: the first line for each user id, as firstRows has it. */
  readonly resolvedFirst: FirstRows;
  readonly client: Client | undefined;
  readonly dryRun: boolean;
}

/**
 * A repeat of an earlier row for the same user: skipped when it asks the same, refused when not.
 * Earlier rows are the first rows of pass 1 and, for rows that named their user by sign-in name,
 * those looked up so far in this pass (pass 1 knew them by name only).
 */
function repeatOf(row: Row, { row: hash, change }: RowHashes, run: Run): Outcome | undefined {
  if (row.customerId === undefined) return undefined;
  const key = keyOf(row.customerId, row.userId ?? row.user ?? "");
  const mine = packed(row.line, change);
  const first = Math.min(run.firstRows.get(key) ?? Infinity, run.resolvedFirst.get(key) ?? Infinity);
  const line = Math.floor(first / hashBits);
  if (first !== Infinity && line < row.line) {
    if (first % hashBits === mine % hashBits) return { ...rowIds(row), rowHash: hash, result: "skipped", duplicateOf: line };
    return { ...rowIds(row), rowHash: hash, result: "invalid", issues: [{ message: `updates the same user as line ${line} with different changes: merge them into one row` }] };
  }
  const lookedUp = row.user !== undefined && row.userId !== undefined && !isGuid(row.user);
  if (lookedUp) run.resolvedFirst.setIfAbsent(key, mine);
  return undefined;
}

/** What to do with a row: an outcome now, or the request id to send it with. */
async function plan(row: Row, run: Run, lookUp: (row: Row) => Promise<Row>): Promise<{ outcome: Outcome } | { row: Row; hash: string; requestId: string }> {
  const hashes = rowHashes(row);
  const hash = hashes.row;
  const before = run.previous?.get(row.line);
  if (before && doneResults.has(before.result)) {
    const carried: Outcome =
      before.result === "skipped"
        ? { ...rowIds(row), rowHash: hash, result: "skipped", duplicateOf: before.duplicateOf ?? 0, carriedOver: true }
        : { ...rowIds(row), rowHash: hash, result: "ok", requestId: before.requestId ?? "", carriedOver: true };
    return { outcome: carried };
  }
  if (row.issues.length > 0) return { outcome: { ...rowIds(row), rowHash: hash, result: "invalid", issues: row.issues } };
  const found = row.userId === undefined && !run.dryRun ? await lookUp(row) : row;
  if (found.issues.length > 0) return { outcome: { ...rowIds(found), rowHash: hash, result: "invalid", issues: found.issues } };
  const repeat = repeatOf(found, hashes, run);
  if (repeat) return { outcome: repeat };
  if (run.dryRun) return { outcome: { ...rowIds(found), rowHash: hash, result: "valid", patch: found.patch } };
  // The same row, sent before with an outcome not known to be final: the same logical call, the same id.
  const requestId = before?.requestId !== undefined && before.rowHash === hash ? before.requestId : randomUUID();
  return { row: found, hash, requestId };
}

async function send(row: Row, hash: string, requestId: string, run: Run): Promise<void> {
  const { client, signal } = run;
  if (!client) return;
  await run.report.intend({ ...rowIds(row), rowHash: hash, result: "sending", requestId });
  try {
    const user = await client.customers
      .byId(row.customerId ?? "")
      .users.byId(row.userId ?? "")
      .patch(row.patch as CustomerUserPatch, { signal, requestId, correlationId: run.correlationId });
    run.record({ ...rowIds(row), rowHash: hash, result: "ok", requestId, user }, row);
  } catch (error) {
    if (signal.aborted) run.record({ ...rowIds(row), rowHash: hash, result: "cancelled", requestId }, row);
    else run.record({ ...rowIds(row), rowHash: hash, result: "failed", requestId, error: summarizeError(error) }, row);
  }
}

export async function runUpdateMany(file: string, options: UpdateManyOptions, terminal: Terminal): Promise<number> {
  checkOptions(file, options);
  const input = await openInput(file, options);
  for (const note of input.notes) terminal.say(note);
  const previous = options.onlyFailed === undefined ? undefined : await readPrevious(options.onlyFailed);
  const { total, firstRows } = await check(input, previous);

  const dryRun = options.dryRun === true;
  // Usage problems (token, target) stop the run before any report line is written.
  const token = dryRun ? undefined : await resolveToken(options, terminal);
  // A resume continues the previous report in place, or starts a new one that already knows all it did.
  const inPlace = options.onlyFailed !== undefined && options.report !== undefined && samePath(options.report, options.onlyFailed);
  if (previous && options.report !== undefined && !inPlace && !dryRun) seedReport(options.report, previous, terminal);
  const report = new ReportWriter(options.report, terminal, previous !== undefined && options.report !== undefined && !dryRun);
  if (!dryRun && !report.durable) {
    terminal.say(`note: the report (${options.report ?? "stdout"}) is not a file on disk, so it cannot be flushed before each send: if this machine crashes, rows in flight cannot be resumed with their request ids — use --report <file> (or > file) for that`);
  }
  const counts = new Map<OutcomeResult, number>();
  const progress = createProgress(terminal, total);
  let cancelled = 0;
  let carried = 0;
  const record = (entry: Outcome, row: Row) => {
    const secrets = row.secret === undefined ? [] : [row.secret];
    // A row carried over is in the report already (seeded, or continued in place) — except on stdout.
    if ("carriedOver" in entry) carried++;
    if (!("carriedOver" in entry) || options.report === undefined || dryRun) report.write(entry, secrets);
    counts.set(entry.result, (counts.get(entry.result) ?? 0) + 1);
    // Interrupted: one summary line for the rows that did not finish, not one line each.
    if (entry.result === "cancelled") cancelled++;
    else progress.rowDone(row.line, successes.has(entry.result), describe(entry), secrets);
  };
  const correlationId = options.correlationId ?? randomUUID();
  const controller = new AbortController();
  const stopListening = abortOnInterrupt(controller, () => progress.note("interrupted: stopping; rows not finished are reported as cancelled (Ctrl-C again to quit at once)"));
  let target: Target | undefined;
  let stopped: ReportWriteError | undefined;
  try {
    target = dryRun ? undefined : await openTarget(options, (line) => progress.note(line), controller.signal);
    const client = target && token !== undefined ? connect({ token, baseUrl: target.baseUrl, verbose: options.verbose === true, timeoutMs: options.timeout, maxRetries: options.maxRetries }, terminal) : undefined;
    const run: Run = { report, record, signal: controller.signal, correlationId, previous, firstRows, resolvedFirst: new NumberTable(), client, dryRun };
    const lookUp = client ? directoryOf(client, controller.signal, (line) => progress.note(line)) : async (row: Row) => row;

    const inFlight = new Set<Promise<void>>();
    for await (const row of input.rows()) {
      // A slow reader of the progress lines (a pipe to `tee`, a parent process) slows the run down
      // rather than letting the lines pile up in memory.
      if (terminal.backlogged) await terminal.room(controller.signal);
      if (controller.signal.aborted) {
        record({ ...rowIds(row), result: "cancelled" }, row);
        continue;
      }
      const step = await plan(row, run, lookUp);
      if ("outcome" in step) {
        record(step.outcome, row);
        continue;
      }
      const sending = send(step.row, step.hash, step.requestId, run).catch((error: unknown) => {
        // The report cannot be written: nothing more may be sent.
        if (!(error instanceof ReportWriteError)) throw error;
        stopped ??= error;
        controller.abort(error);
      });
      inFlight.add(sending);
      void sending.finally(() => inFlight.delete(sending));
      if (inFlight.size >= options.concurrency) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  } catch (error) {
    if (!(error instanceof ReportWriteError)) throw error;
    stopped ??= error;
  } finally {
    stopListening();
    progress.stop();
    report.close();
    await target?.close();
  }

  if (stopped) {
    terminal.sayError(`${stopped.message}: stopped sending; rows sent before are in the report up to where it could be written — resume with --only-failed once it can be written again`);
    return exitCode.failed;
  }
  if (cancelled > 0) terminal.say(`${cancelled} rows cancelled: not sent, or sent with their outcome unknown (their request ids are in the report; --only-failed re-sends them with the same ids)`);
  const order: readonly OutcomeResult[] = ["invalid", "ok", "failed", "skipped", "valid", "cancelled"];
  const summary = order.flatMap((result) => (counts.has(result) ? [`${counts.get(result)} ${result}`] : [])).join(", ");
  terminal.say(
    `${total} rows: ${summary}` +
      (carried > 0 ? ` (${carried} carried over from ${options.onlyFailed})` : "") +
      (dryRun ? "; dry run, nothing sent" : `; correlation id ${correlationId}`) +
      (options.report === undefined ? "" : `; report: ${options.report}`),
  );
  if (controller.signal.aborted) return exitCode.interrupted;
  return [...counts.keys()].every((result) => successes.has(result)) ? exitCode.ok : exitCode.failed;
}
