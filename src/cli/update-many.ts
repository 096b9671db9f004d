// `update-many <file>`: one PATCH per row, with bounded concurrency, in two passes over the input
// (rows.ts streams it, so memory does not grow with its length):
// 1. check: every row read — a byte that is not UTF-8 or a broken quote stops the run here, before
//    anything is sent — and repeats of one user found (a compact number per row, not the row);
// 2. send: each row in file order is reported invalid, skipped as a repeat, carried over as applied
//    by an earlier run of the same journal, or sent — its `sending` entry with its MS-RequestId
//    flushed to the report first (journal/report.ts), so a resume re-sends an unfinished row with the same id.
// The report is the job's journal (journal/): one run at a time holds it (lock.ts); a run given a
// report that holds entries continues it, never empties it (destination.ts); its entries are
// matched to rows by content (row-keys.ts), so a rerun, a resume or a re-sorted file sends each
// change once.
// Every input row ends with exactly one outcome in the report. If the report cannot be written the
// run starts no more rows and awaits those in flight; on Ctrl-C it stops, and rows not finished are
// reported cancelled.
import { hash, randomUUID } from "node:crypto";
import { resolve } from "node:path";
import type { CustomerUserPatch } from "../index.js";
import { checkTarget, connect, openTarget, resolveToken, type Client, type SessionOptions, type Target } from "./connection.js";
import { directoryOf, notLookedUpHint } from "./find.js";
import { describeChanges, type Changes } from "./plan/changes.js";
import { judge, type StateOptions } from "./plan/judge.js";
import { openPlan, PlanOutput } from "./plan/plan-file.js";
import { openUndo } from "./plan/undo-file.js";
import { linkPlanToReport, linkUndoToReport } from "./plan/apply-link.js";
import { answerIssue } from "./plan/answer.js";
import { checkStatusTarget, writeStatusCopy } from "./status-out.js";
import { refuseOtherJob } from "./journal/job-kind.js";
import { checkNotInput, checkStdoutReport, createReport, openDestination, removeIfEmpty, statOf, type Destination } from "./journal/destination.js";
import { JournalLocks, namedTargets } from "./journal/lock.js";
import { contentLocksOf } from "./journal/content-lock.js";
import { NumberTable } from "./number-table.js";
import { isGuid, principalNameKey } from "../ids.js";
import { formatIssue } from "./patch.js";
import { ReportWriteError, type Journal, type KnownChange, type Outcome, type OutcomeResult, type EntryWriter } from "./journal/report.js";
import { RowKeyer, type RowKeys } from "./journal/row-keys.js";
import { openInput, rowIds, someLines, type InputOptions, type Row, type RowInput } from "./rows.js";
import { errorLine, summarizeError } from "./messages.js";
import { createProgress } from "./progress.js";
import { abortOnInterrupt, exitCode, programName, UsageError } from "./run-end.js";
import { checkOneStdinReader } from "./stdin.js";
import type { Terminal } from "./terminal.js";

export interface UpdateManyOptions extends SessionOptions, InputOptions, StateOptions {
  readonly concurrency: number;
  readonly report?: string;
  readonly dryRun?: boolean;
  readonly onlyFailed?: string;
  readonly correlationId?: string;
  /** --plan-out: where the plan is saved. */
  readonly planOut?: string;
  /** --status-out: where the input is written back with each row's status. */
  readonly statusOut?: string;
  /** What the file is: rows (default), a plan to apply (--apply), or a report to undo (`undo`). */
  readonly source?: "plan" | "undo";
}

const successes: ReadonlySet<OutcomeResult> = new Set(["ok", "skipped", "valid", "unchanged", "change"]);

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
    case "unchanged":
      return "unchanged: the user has every value asked already";
    case "change":
      return `would change ${describeChanges(entry.changes)}`;
  }
}

function checkOptions(file: string, options: UpdateManyOptions): void {
  checkTarget(options);
  checkOneStdinReader({ "--token-stdin": options.tokenStdin, "update-many -": file === "-" });
  if (options.correlationId !== undefined && !isGuid(options.correlationId)) throw new UsageError(`--correlation-id must be a GUID`);
  checkNotInput(file, options.report);
  if (options.plan) {
    if (options.sendUnchanged) throw new UsageError("--plan cannot be given with --send-unchanged: a plan sends nothing, and --apply sends only its changes — leave it out (rows with nothing to change show as unchanged)");
    const clash = Object.entries({ "--report": options.report, "--only-failed": options.onlyFailed, "--dry-run": options.dryRun, "--apply": options.source }).find(([, given]) => given);
    if (clash) throw new UsageError(`--plan sends nothing and writes no report: it cannot be given with ${clash[0]} (save the plan with --plan-out <file>)`);
    if (options.planOut !== undefined) checkNotInput(file, options.planOut, "--plan-out");
  } else if (options.planOut !== undefined) throw new UsageError("--plan-out saves the plan of --plan: give --plan too");
  if (options.statusOut !== undefined) {
    if (options.source !== undefined) throw new UsageError("--status-out writes an input file back with each row's status: it goes with update-many <file>");
    checkNotInput(file, options.statusOut, "--status-out");
    if (options.report !== undefined && resolve(options.report) === resolve(options.statusOut)) throw new UsageError("--status-out and --report name the same file: give two");
    checkStatusTarget(options.statusOut);
  }
  else if (options.report === undefined && !options.plan && !options.dryRun) checkStdoutReport(); // a plan or a dry run on stdout is no journal
}

/** Where the run's entries go: a plan (--plan), or the report, which is the job's journal. */
async function destinationOf(options: UpdateManyOptions, terminal: Terminal): Promise<Omit<Destination, "report"> & { readonly report: EntryWriter; readonly plan?: PlanOutput }> {
  if (!options.plan) return openDestination(options, terminal);
  const plan = new PlanOutput(options.planOut, terminal, describe);
  return { journal: undefined, report: plan, reportHasJournal: false, plan };
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
const keyOf = (customerId: string, user: string): number => Number.parseInt(hash("sha1", principalNameKey(`${customerId}/${user}`), "hex").slice(0, 13), 16);
// The change's key is a digest already (base64url): its first four characters are 24 bits of it.
const packed = (line: number, change: string): number => line * hashBits + Buffer.from(change.slice(0, 4), "base64url").readUIntBE(0, 3);

interface Checked {
  readonly total: number;
  readonly firstRows: FirstRows;
  /** Valid rows that name their user by sign-in name: looked up before sending. */
  readonly byName: number;
}

async function check(input: RowInput, keyer: RowKeyer, journal: Journal | undefined, journalName: string | undefined): Promise<Checked> {
  const firstRows: FirstRows = new NumberTable();
  let total = 0;
  let matched = 0;
  let byName = 0;
  for await (const row of input.rows()) {
    total++;
    if (row.issues.length > 0 || row.customerId === undefined) continue;
    if (row.userId === undefined) byName++;
    const keys = keyer.keys(row);
    if (journal?.changes.has(keys.row) || keys.unverifiable !== undefined) matched++; // the latter refused, each saying why
    firstRows.setIfAbsent(keyOf(row.customerId, row.userId ?? row.user ?? ""), packed(row.line, keys.change));
  }
  if (total === 0) throw new UsageError("the input has no rows");
  // A journal that knows changes but none of this file's: the report of another job, whose unknown
  // outcomes would be lost on this one's if it went on.
  if (journal !== undefined && journal.changes.size > 0 && matched === 0) {
    throw new UsageError(`the report ${journalName} records none of this file's rows: it is the report of another job — give that job's input, or a new --report for this one; nothing was sent`);
  }
  return { total, firstRows, byName };
}

/**
 * A dry run looks up the sign-in names its rows give (listing users only, never a change), so a
 * name nobody has fails here as in the real run. Without a way to sign in it still checks the
 * file, and says the names were not looked up.
 */
async function dryRunToken(options: UpdateManyOptions, terminal: Terminal, byName: number): Promise<Awaited<ReturnType<typeof resolveToken>> | undefined> {
  try {
    return await resolveToken(options, terminal);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    terminal.say(
      `${byName} row${byName === 1 ? " names its user" : "s name their users"} by sign-in name: not looked up, for want of a sign-in (${error.message}); ${notLookedUpHint}`,
    );
    return undefined;
  }
}

// ---- Pass 2: send ---------------------------------------------------------------------------------

interface Run {
  readonly report: EntryWriter;
  readonly record: (entry: Outcome, row: Row) => void;
  readonly signal: AbortSignal;
  readonly correlationId: string;
  readonly journal: Journal | undefined;
  readonly reportHasJournal: boolean;
  readonly keyer: RowKeyer;
  readonly firstRows: FirstRows;
  /** Rows named by sign-in name, once looked up: the first line for each user id, as firstRows has it. */
  readonly resolvedFirst: FirstRows;
  readonly client: Client | undefined;
  readonly dryRun: boolean;
  readonly state: StateOptions;
  /** Answers come from the mock: the spec's example, which names one user whichever was patched. */
  readonly mock: boolean;
}

/**
 * How an entry names its row: line, ids, content key and, for a row that sets a password, the
 * journal secret in its key. A dry run's password rows get no key: their secret is not kept, and
 * the entry of a row never sent needs matching to nothing.
 */
function entryIds(row: Row, keys: RowKeys, run: Run) {
  const ids = rowIds(row);
  if (row.secret !== undefined && run.dryRun) return ids;
  return {
    ...ids,
    key: keys.row,
    ...(keys.resolved !== undefined && { resolvedKey: keys.resolved }),
    ...(row.secret !== undefined && { keyId: run.keyer.keyId }),
  };
}

/**
 * A repeat of an earlier row for the same user: skipped when it asks the same, refused when not.
 * Earlier rows are the first rows of pass 1 and, for rows that named their user by sign-in name,
 * those looked up so far in this pass (pass 1 knew them by name only).
 */
function repeatOf(row: Row, keys: RowKeys, run: Run): Outcome | undefined {
  if (row.customerId === undefined) return undefined;
  const key = keyOf(row.customerId, row.userId ?? row.user ?? "");
  const mine = packed(row.line, keys.change);
  const first = Math.min(run.firstRows.get(key) ?? Infinity, run.resolvedFirst.get(key) ?? Infinity);
  const line = Math.floor(first / hashBits);
  if (first !== Infinity && line < row.line) {
    const ids = entryIds(row, keys, run);
    if (first % hashBits === mine % hashBits) return { ...ids, result: "skipped", duplicateOf: line };
    return { ...ids, result: "invalid", issues: [{ message: `updates the same user as ${run.state.source === "plan" ? "plan line" : "line"} ${line} with different changes: merge them into one row` }] };
  }
  const lookedUp = row.user !== undefined && row.userId !== undefined && !isGuid(row.user);
  if (lookedUp) run.resolvedFirst.setIfAbsent(key, mine);
  return undefined;
}

/** The row's change was applied by an earlier run of this journal: carried over, never sent again. */
function carriedOver(row: Row, keys: RowKeys, known: KnownChange, run: Run): Outcome {
  return repeatOf(row, keys, run) ?? { ...entryIds(row, keys, run), result: "ok", requestId: known.requestId ?? "", carriedOver: true };
}

/** The journal gives the change two request ids: which one reached the server cannot be told. */
function conflicting(row: Row, keys: RowKeys, known: KnownChange, run: Run): Outcome {
  const message = `the report gives this change two request ids (report lines ${known.reportLine} and ${known.conflictsWith}; written by two runs at once?): check the user, then send it in a new report if it still needs it`;
  return { ...entryIds(row, keys, run), result: "invalid", issues: [{ message }] };
}

/** A row to send, with its id and, when its user's state was read, what it changes. */
interface Sendable {
  readonly row: Row;
  readonly keys: RowKeys;
  readonly requestId: string;
  readonly changes?: Changes | undefined;
}
type Step = { outcome: Outcome; written?: true } | Sendable;

/** What to do with a row: an outcome now (`written` when the report holds it already), or the request id to send it with. */
async function stepFor(row: Row, run: Run, lookUp: (row: Row) => Promise<Row>): Promise<Step> {
  let keys = run.keyer.keys(row);
  const ids = entryIds(row, keys, run);
  if (row.issues.length > 0) return { outcome: { ...ids, result: "invalid", issues: row.issues } };
  if (keys.unverifiable !== undefined) {
    return { outcome: { ...ids, result: "invalid", issues: [{ field: "passwordProfile.password", message: `cannot be matched to the report: ${keys.unverifiable} — continue the report there, or send this row in a new report` }] } };
  }
  const known = run.journal?.changes.get(keys.row);
  if (known?.conflictsWith !== undefined) return { outcome: conflicting(row, keys, known, run) };
  if (known?.done) {
    const outcome = carriedOver(row, keys, known, run);
    return run.reportHasJournal && known.line === row.line && outcome.result === "ok" ? { outcome, written: true } : { outcome };
  }
  let found = row;
  let sent = known;
  if ((row.userId === undefined || run.state.readState === true) && run.client) {
    try {
      found = await lookUp(row);
    } catch (error) {
      if (!run.signal.aborted) throw error;
      return { outcome: { ...ids, result: "cancelled" } };
    }
    // Found by sign-in name: the journal may know the change by the user's object id (a row that
    // named the user so, in this file or an earlier one).
    if (found.userId !== undefined && row.userId === undefined) {
      keys = { ...keys, resolved: run.keyer.keys({ ...found, user: found.userId }).row };
      const byId = run.journal?.changes.get(keys.resolved as string);
      if (byId?.conflictsWith !== undefined) return { outcome: conflicting(found, keys, byId, run) };
      if (byId?.done) return { outcome: carriedOver(found, keys, byId, run) };
      if (sent?.requestId === undefined) sent = byId;
    }
  }
  const foundIds = entryIds(found, keys, run);
  if (found.issues.length > 0) return { outcome: { ...foundIds, result: "invalid", issues: found.issues } };
  const repeat = repeatOf(found, keys, run);
  if (repeat) return { outcome: repeat };
  const judged = judge(found, sent, run.state);
  if ("outcome" in judged) return { outcome: { ...foundIds, ...judged.outcome } };
  const { changes } = judged;
  if (run.dryRun) return { outcome: run.state.plan && changes ? { ...foundIds, result: "change", changes } : { ...foundIds, result: "valid", patch: found.patch } };
  // Sent before, outcome unknown: the same logical call, the same id. After an answer, a new one.
  return { row: found, keys, requestId: sent?.requestId ?? randomUUID(), changes };
}

/** Sends the row; resolves with its request id if its outcome could not be recorded (the report failed). */
async function send({ row, keys, requestId, changes }: Sendable, run: Run): Promise<string | undefined> {
  const { client, signal } = run;
  if (!client) return undefined;
  const ids = entryIds(row, keys, run);
  const recorded = changes && { changes };
  await run.report.intend({ ...ids, result: "sending", requestId, ...recorded });
  let outcome: Outcome;
  try {
    const user = await client.customers
      .byId(row.customerId ?? "")
      .users.byId(row.userId ?? "")
      .patch(row.patch as CustomerUserPatch, { signal, requestId, correlationId: run.correlationId });
    const wrong = run.mock ? undefined : answerIssue(user, row.userId);
    outcome = wrong ? { ...ids, result: "failed", requestId, error: wrong } : { ...ids, result: "ok", requestId, user, ...recorded };
  } catch (error) {
    outcome = signal.aborted ? { ...ids, result: "cancelled", requestId } : { ...ids, result: "failed", requestId, error: summarizeError(error) };
  }
  try {
    run.record(outcome, row);
    return undefined;
  } catch (error) {
    if (error instanceof ReportWriteError) return requestId;
    throw error;
  }
}

/** An argument as a POSIX shell reads it back: bare when it is safe so, else in single quotes. */
const shellQuoted = (arg: string): string => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);

/** A URL with a user name or password in it is not printed: it may hold a credential. */
const printableArg = (arg: string): string => {
  const url = URL.canParse(arg) ? new URL(arg) : undefined;
  return url && (url.username !== "" || url.password !== "") ? "<the same URL>" : shellQuoted(arg);
};

/** After Ctrl-C: the command that resumes the job, which is this very command with its report. */
function resumeLine(options: UpdateManyOptions): string {
  const args = process.argv.slice(2);
  // Rows from stdin (`-`) must be given again the same way.
  const command = [programName, ...args].map(printableArg).join(" ") + (args.includes("-") ? " < (the same rows)" : "");
  if (options.report !== undefined) return `to resume, run the same command: ${command}`;
  return `to resume, save this run's report (it went to stdout) to a file and run: ${command} --only-failed <that file> --report <a new file>`;
}

export async function runUpdateMany(file: string, options: UpdateManyOptions, terminal: Terminal): Promise<number> {
  checkOptions(file, options);
  const dryRun = options.dryRun === true || options.plan === true;
  const made = options.report !== undefined && statOf(options.report) === undefined ? options.report : undefined;
  if (made !== undefined) createReport(made);
  // Before the input is read: a second run on the same journal, or on the same content (a copy), stops here.
  // An undo locks the report it undoes too: not while that job still runs. An apply locks its plan
  // (two applies of one plan would each send it), and --plan-out its file (two plans written at once).
  const locked = { "--report": options.report, "--only-failed": options.onlyFailed, [options.source === "plan" ? "--apply" : "undo"]: options.source !== undefined ? file : undefined, "--plan-out": options.planOut };
  // Refused here, the report made above stays: another run may hold it, to write to it.
  const locks = JournalLocks.acquire(namedTargets(locked));
  try {
    await refuseOtherJob(options.report, "update-many");
    if (!dryRun && !options.mock) locks.adopt(JournalLocks.acquire(await contentLocksOf(file, options.baseUrl ?? "")));
    const input = options.source === "plan" ? openPlan(file) : options.source === "undo" ? await openUndo(file, (line) => terminal.say(line)) : await openInput(file, options);
    for (const note of input.notes) terminal.say(note);
    // Usage problems (token, target) stop the run before any report line is written.
    let token = options.dryRun ? undefined : await resolveToken(options, terminal);
    const { journal, report, reportHasJournal, plan } = await destinationOf(options, terminal);
    try {
      // A secret is kept only where a resume can use it: for a report on disk (not a dry run's, not a pipe's).
      const keyer = new RowKeyer(journal?.keyId, { store: !dryRun && report.durable });
      const before = input.notes.length;
      const { total, firstRows, byName } = await check(input, keyer, journal, options.onlyFailed ?? options.report);
      // What reading every row met (columns ignored, blank rows and repeated headers skipped), said once.
      for (const note of input.notes.slice(before)) terminal.say(note);
      if (options.source !== undefined && !dryRun) (options.source === "plan" ? linkPlanToReport : linkUndoToReport)(file, options.report);
      if (options.dryRun && byName > 0) token = await dryRunToken(options, terminal, byName);
      const statuses = options.statusOut === undefined ? undefined : new Map<number, string>();
      const secrets = new Set<string>();
      const code = await sendAll({ input, options, terminal, token, journal, report, reportHasJournal, keyer, total, firstRows, statuses, secrets });
      if (code !== exitCode.interrupted) plan?.finish();
      if (statuses && options.statusOut !== undefined) {
        await writeStatusCopy(input, (line) => statuses.get(line), options.statusOut, secrets);
        terminal.say(`the input with each row's status: ${options.statusOut}`);
      }
      return code;
    } finally {
      report.close();
    }
  } finally {
    if (made !== undefined) removeIfEmpty(made); // a run refused before its first entry leaves no report behind
    locks.release();
  }
}

interface Prepared {
  readonly input: RowInput;
  readonly options: UpdateManyOptions;
  readonly terminal: Terminal;
  readonly token: Awaited<ReturnType<typeof resolveToken>> | undefined;
  readonly journal: Journal | undefined;
  readonly report: EntryWriter;
  readonly reportHasJournal: boolean;
  readonly keyer: RowKeyer;
  readonly total: number;
  readonly firstRows: FirstRows;
  /** Each row's status by line, for --status-out. */
  readonly statuses: Map<number, string> | undefined;
  /** The run's passwords, which --status-out never writes. */
  readonly secrets: Set<string>;
}

async function sendAll({ input, options, terminal, token, journal, report, reportHasJournal, keyer, total, firstRows, statuses, secrets: known }: Prepared): Promise<number> {
  const dryRun = options.dryRun === true || options.plan === true;
  if (!dryRun && !report.durable) {
    terminal.say(`note: the report (${options.report ?? "stdout"}) is not a file on disk, so it cannot be flushed before each send: if this machine crashes, rows in flight cannot be resumed with their request ids — use --report <file> (or > file) for that`);
  }
  const counts = new Map<OutcomeResult, number>();
  const progress = createProgress(terminal, total);
  let cancelled = 0;
  let carried = 0;
  const record = (entry: Outcome, row: Row, written = false) => {
    const secrets = row.secret === undefined ? [] : [row.secret];
    if (row.secret !== undefined) known.add(row.secret);
    if (!written) report.write(entry, secrets);
    statuses?.set(row.line, terminal.line(describe(entry), secrets));
    if ("carriedOver" in entry) carried++;
    counts.set(entry.result, (counts.get(entry.result) ?? 0) + 1);
    // Interrupted: one summary line for the rows that did not finish, not one line each.
    if (entry.result === "cancelled") cancelled++;
    // A resume: one line for all the rows an earlier run applied, not one each (they are in the report).
    else if ("carriedOver" in entry) progress.rowCounted();
    else progress.rowDone(row.line, successes.has(entry.result), describe(entry), secrets);
  };
  const correlationId = options.correlationId ?? randomUUID();
  const controller = new AbortController();
  const stopping = options.plan ? "the plan will not be saved" : "rows not finished are reported as cancelled";
  const stopListening = abortOnInterrupt(controller, () => progress.note(`interrupted: stopping; ${stopping} (Ctrl-C again to quit at once)`));
  let target: Target | undefined;
  let stopped: ReportWriteError | undefined;
  const stop = (error: ReportWriteError) => {
    stopped ??= error;
    controller.abort(error);
  };
  /** Rows sent whose outcome could not be recorded: line and request id. */
  const unrecorded: [number, string][] = [];
  const inFlight = new Set<Promise<void>>();
  try {
    // A dry run has a target only to look sign-in names up (dryRunToken).
    target = token === undefined ? undefined : await openTarget(options, (line) => progress.note(line), controller.signal);
    const client = target && token !== undefined ? connect({ token, baseUrl: target.baseUrl, verbose: options.verbose === true, timeoutMs: options.timeout, maxRetries: options.maxRetries }, terminal) : undefined;
    const run: Run = { report, record, signal: controller.signal, correlationId, journal, reportHasJournal, keyer, firstRows, resolvedFirst: new NumberTable(), client, dryRun, state: options, mock: options.mock === true };
    const lookUp = client ? directoryOf(client, { signal: controller.signal, maxPages: options.maxPages }, (line) => progress.note(line), { everyRow: options.readState === true }) : async (row: Row) => row;

    for await (const row of input.rows()) {
      if (stopped) break; // the report cannot be written: no row more is started
      // A slow reader of the progress lines (a pipe to `tee`, a parent process) slows the run down
      // rather than letting the lines pile up in memory.
      if (terminal.backlogged) await terminal.room(controller.signal);
      if (controller.signal.aborted) {
        record({ ...rowIds(row), result: "cancelled" }, row);
        continue;
      }
      const step = await stepFor(row, run, lookUp);
      if ("outcome" in step) {
        record(step.outcome, row, step.written);
        continue;
      }
      const sending = send(step, run).then(
        (lost) => {
          if (lost !== undefined) unrecorded.push([step.row.line, lost]);
        },
        (error: unknown) => {
          if (!(error instanceof ReportWriteError)) throw error;
          stop(error); // its sending entry could not be written: it was not sent
        },
      );
      inFlight.add(sending);
      void sending.finally(() => inFlight.delete(sending));
      if (inFlight.size >= options.concurrency) await Promise.race(inFlight);
    }
  } catch (error) {
    if (!(error instanceof ReportWriteError)) throw error;
    stop(error);
  } finally {
    // Every row in flight ends — answered, or aborted once the report failed — before the report is
    // closed: an outcome arriving later would have nowhere true to go.
    if (stopped) controller.abort(stopped);
    await Promise.allSettled(inFlight);
    stopListening();
    progress.stop();
    await target?.close();
  }

  if (stopped) {
    const lines = unrecorded.sort(([a], [b]) => a - b).map(([line, requestId]) => `${line} (${requestId})`);
    const lost = lines.length === 0 ? "" : `; rows at lines ${someLines(lines)} were sent and their outcomes could not be recorded — the same command re-sends them with those request ids`;
    terminal.sayError(`${stopped.message}: stopped sending; the report holds every outcome up to where it could be written${lost}. Resume with the same command once it can be written again`);
    return exitCode.failed;
  }
  if (options.plan && controller.signal.aborted) {
    terminal.say(`interrupted: nothing was sent; the plan is not whole, so it was not saved${options.planOut === undefined ? "" : ` (${options.planOut} is as it was)`} — plan again`);
    return exitCode.interrupted;
  }
  if (carried > 0) terminal.say(`${carried} rows carried over from ${options.onlyFailed ?? options.report} (already applied; each is in the report)`);
  if (cancelled > 0) terminal.say(`${cancelled} rows cancelled: not sent, or sent with their outcome unknown (their request ids are in the report; the same command re-sends them with the same ids)`);
  if (controller.signal.aborted && !dryRun) terminal.say(resumeLine(options));
  const order: readonly OutcomeResult[] = ["invalid", "change", "unchanged", "ok", "failed", "skipped", "valid", "cancelled"];
  const summary = order.flatMap((result) => (counts.has(result) ? [`${counts.get(result)} ${result}`] : [])).join(", ");
  terminal.say(
    `${total} rows: ${summary}` +
      (options.plan ? `; a plan, nothing sent${options.planOut === undefined ? "" : `; saved to ${options.planOut}`}` : dryRun ? "; dry run, nothing sent" : `; correlation id ${correlationId}`) +
      (options.report === undefined ? "" : `; report: ${options.report}`),
  );
  if (controller.signal.aborted) return exitCode.interrupted;
  return [...counts.keys()].every((result) => successes.has(result)) ? exitCode.ok : exitCode.failed;
}
