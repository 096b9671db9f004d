// The bulk run's report, which is also its journal. JSON Lines, only ever appended to:
// - before a row is sent, a `sending` entry with the row's MS-RequestId, written and flushed to
//   disk first (write-ahead): whatever happens next — a crash, kill -9, power loss — a resume
//   knows the row may have been applied and re-sends it with that same id, Partner Center's
//   idempotency key;
// - then one outcome per input row (ok, failed, invalid, skipped, valid, cancelled), written the
//   moment it is known.
// Entries are matched to rows by the row's key (row-keys.ts), not its line, so a resume is right
// however the file was sorted or filtered since. A row's request id lives as long as its outcome
// is unknown (sent, no answer); after any answer a new send gets a new id, as the documentation asks.
// If the report cannot be written (disk full, permission lost, stdout closed), writing throws and
// the run stops sending: no row may be sent whose outcome cannot be recorded — and nothing is
// written after that, nor after the report is closed (its descriptor may belong to another file by then).
import { closeSync, createReadStream, fstatSync, fsyncSync, openSync, readSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { fileProblem } from "../messages.js";
import { createInterface } from "node:readline";
import { retryableStatuses } from "../../retry/policy.js";
import { ChangeIndex, isRowKey } from "./change-index.js";
import type { Issue } from "../patch.js";
import { isChanges, type Changes } from "../plan/changes.js";
import type { ErrorSummary } from "../messages.js";
import { UsageError } from "../run-end.js";
import type { Terminal } from "../terminal.js";

interface EntryBase {
  /** The line the row starts on in the input of the run that wrote the entry. */
  readonly line: number;
  readonly customerId?: string;
  /** The row's `user` column as given (an object id or a sign-in name), when it named the user that way. */
  readonly userGiven?: string;
  readonly userId?: string;
  /** The row's content key (row-keys.ts). */
  readonly key?: string;
  /** For a row that named its user by sign-in name: its key with the object id found instead. */
  readonly resolvedKey?: string;
  /** The journal secret its password entered the key through, for rows that set one. */
  readonly keyId?: string;
}

export type Outcome = EntryBase &
  (
    /** `changes`: each field it changed, from → to, when the user's state was read before (what undo reverses). */
    | { readonly result: "ok"; readonly requestId: string; readonly user?: unknown; readonly carriedOver?: true; readonly changes?: Changes }
    | { readonly result: "failed"; readonly requestId?: string; readonly error: ErrorSummary }
    | { readonly result: "invalid"; readonly issues: readonly Issue[] }
    /** The same update as an earlier row: sent once, for that row. */
    | { readonly result: "skipped"; readonly duplicateOf: number }
    /** --dry-run: the row would be sent with this body (passwords redacted). */
    | { readonly result: "valid"; readonly patch: unknown }
    /** Interrupted or stopped before it finished; `requestId` when it had been sent (its outcome is unknown). */
    | { readonly result: "cancelled"; readonly requestId?: string }
    /** Not sent: the user, as listed, has every value the row asks already. */
    | { readonly result: "unchanged" }
    /** --plan: the row would change these fields. */
    | { readonly result: "change"; readonly changes: Changes }
  );

/** The write-ahead entry: this row is about to be sent with this id (and, when known, these changes). */
export type Sending = EntryBase & { readonly result: "sending"; readonly requestId: string; readonly changes?: Changes };

export type ReportEntry = Outcome | Sending;
export type OutcomeResult = Outcome["result"];

/** The report could not be written: the run must stop sending. */
export class ReportWriteError extends Error {
  override readonly name = "ReportWriteError";
}

const ownerOnly = 0o600;

/** Where a run's entries go: a report (ReportWriter), or a plan (plan/plan-file.ts). */
export interface EntryWriter {
  /** Whether an entry is on disk before a row is sent. */
  readonly durable: boolean;
  /** Writes a row's `sending` entry: await it before sending. */
  intend(entry: Sending): Promise<void>;
  write(entry: ReportEntry, also?: readonly string[]): void;
  close(): void;
}

export class ReportWriter implements EntryWriter {
  readonly #fd: number;
  readonly #path: string;
  readonly #terminal: Terminal;
  readonly #durable: boolean;
  /** stdout when it is not a file (a pipe, a terminal): written as a stream, so a slow reader is waited for. */
  readonly #stream: NodeJS.WritableStream | undefined;
  /** Why nothing more can be written: a failed write, or the report closed. */
  #stopped: ReportWriteError | undefined;

  /**
   * Appends to `path` (made owner-only if new; never truncated: it holds nothing, or a journal this
   * run continues), or writes to stdout without one; either way without the run's secrets.
   */
  constructor(path: string | undefined, terminal: Terminal) {
    this.#terminal = terminal;
    this.#path = path ?? "stdout";
    try {
      this.#fd = path === undefined ? 1 : openSync(path, "a+", ownerOnly);
      // A line torn by a kill mid-write is left to itself: the next entry starts on a line of its own.
      if (path !== undefined && !endsWithNewline(this.#fd)) writeAll(this.#fd, "\n");
    } catch (error) {
      throw new UsageError(`cannot write the report ${path}: ${fileProblem(error)}`);
    }
    // Only a file on disk can be flushed (fsync fails on a pipe or a device): `--report <file>`, or
    // stdout redirected to one (`> report.jsonl`).
    this.#durable = isRegularFile(this.#fd);
    // Node's stdout pipe is non-blocking: written directly it would fail (EAGAIN) whenever its reader lags.
    this.#stream = path === undefined && !this.#durable ? terminal.streams.stdout : undefined;
  }

  /** Whether an entry is on disk before a row is sent (a file, not a pipe, a terminal or a device). */
  get durable(): boolean {
    return this.#durable;
  }

  /**
   * Writes the row's `sending` entry: resolved once it is on disk (a file) or with stdout's reader
   * (a pipe). Await it before sending.
   */
  async intend(entry: Sending): Promise<void> {
    const line = this.#line(entry);
    if (!this.#stream) {
      this.#writeAll(line);
      return this.flush();
    }
    this.#check();
    return handedOver(this.#stream, line, (error) => this.#failed(error));
  }

  /** Flushes what was written to disk. */
  flush(): void {
    if (!this.#durable) return;
    this.#check();
    try {
      fsyncSync(this.#fd);
    } catch (error) {
      throw this.#failed(error);
    }
  }

  /** One entry, passwords redacted by key, the run's secrets and `also` (the row's password) scrubbed. */
  write(entry: ReportEntry, also: readonly string[] = []): void {
    const line = this.#line(entry, also);
    if (!this.#stream) return this.#writeAll(line);
    this.#check();
    this.#stream.write(line);
  }

  /** Throws once nothing more may be written: after a failure, after close, or once stdout's reader went away (`| head -1`). */
  #check(): void {
    if (this.#stopped) throw this.#stopped;
    const failure = this.#stream ? this.#terminal.outputFailure : undefined;
    if (failure) throw this.#failed(failure);
  }

  #line(entry: ReportEntry, also: readonly string[] = []): string {
    return `${this.#terminal.jsonLine(entry, also)}\n`;
  }

  #writeAll(line: string): void {
    this.#check();
    try {
      writeAll(this.#fd, line);
    } catch (error) {
      throw this.#failed(error);
    }
  }

  close(): void {
    if (this.#stopped?.message.endsWith("(closed)")) return;
    if (this.#fd !== 1) closeSync(this.#fd);
    this.#stopped ??= new ReportWriteError(`cannot write the report ${this.#path} (closed)`);
  }

  #failed(error: unknown): ReportWriteError {
    this.#stopped ??= new ReportWriteError(`cannot write the report ${this.#path} (${fileProblem(error)})`);
    return this.#stopped;
  }
}

/** The whole text: a write may take only part of it (a disk filling up). */
function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; ) {
    const written = writeSync(fd, bytes, at);
    if (written <= 0) throw new Error("nothing could be written");
    at += written;
  }
}

/** Resolves once `line` is handed to the stream's reader; rejects with `failed(error)` if it cannot be. */
function handedOver(stream: NodeJS.WritableStream, line: string, failed: (error: unknown) => Error): Promise<void> {
  return new Promise((resolve, reject) => stream.write(line, (error) => (error ? reject(failed(error)) : resolve())));
}

function isRegularFile(fd: number): boolean {
  try {
    return fstatSync(fd).isFile();
  } catch {
    return false; // closed
  }
}

function endsWithNewline(fd: number): boolean {
  const { size } = fstatSync(fd);
  if (size === 0) return true;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  return last[0] === 0x0a;
}

// ---- Reading a journal ----------------------------------------------------------------------------

/** What a journal knows of one change (one row key). */
export interface KnownChange {
  /** The input line of its last entry, in the file of the run that wrote it. */
  readonly line: number;
  /** The report line of that entry. */
  readonly reportLine: number;
  /** Applied: carried over, never sent again. */
  readonly done: boolean;
  /** The id it was sent with, while its outcome is unknown (or, when done, the id that applied it). */
  readonly requestId?: string;
  /** Another report line that gave this change a different request id: which one holds is unknown. */
  readonly conflictsWith?: number;
  /** What its sending entry recorded it would change, while its outcome is unknown: a resume records these, not what it finds then. */
  readonly changes?: Changes;
}

export interface Journal {
  readonly changes: ChangeIndex;
  /** The secret its password rows were keyed with (row-keys.ts), if any. */
  readonly keyId?: string;
  /** Entries it holds. */
  readonly entries: number;
}

const known: ReadonlySet<string> = new Set(["ok", "failed", "invalid", "skipped", "valid", "cancelled", "unchanged", "sending"]);

type RawEntry = Partial<Record<keyof EntryBase | "result" | "requestId" | "error" | "changes", unknown>>;

/** Whether `text` is an entry a report of this program holds. */
function isEntry(entry: unknown): entry is RawEntry {
  const { line, result } = (entry ?? {}) as RawEntry;
  return typeof entry === "object" && Number.isInteger(line) && typeof result === "string" && known.has(result);
}

/** What the journal knows of a change after one more entry for it. */
function after(before: KnownChange | undefined, entry: RawEntry, reportLine: number): KnownChange {
  const line = entry.line as number;
  const requestId = typeof entry.requestId === "string" ? entry.requestId : undefined;
  if (before?.conflictsWith !== undefined) return before;
  switch (entry.result) {
    case "ok":
      return { line, reportLine, done: true, ...(requestId !== undefined && { requestId }) };
    case "sending": {
      // Sent again although applied, or under a second id while the first one's fate is unknown:
      // two runs wrote this journal at once, or it was edited. Which id holds cannot be told.
      const clash = before !== undefined && (before.done || (before.requestId !== undefined && before.requestId !== requestId));
      if (clash) return { ...before, conflictsWith: reportLine };
      // A resend keeps what the first send recorded: by then the user may show the change applied.
      const changes = before?.changes ?? (isChanges(entry.changes) ? entry.changes : undefined);
      return { line, reportLine, done: false, ...(requestId !== undefined && { requestId }), ...(changes !== undefined && { changes }) };
    }
    case "failed": {
      // An answer settles the id: a resend gets a new one. No answer (a timeout, the network), or
      // one the client retries under the same id (a gateway's 502/504, a 408, 429, 503: not acted
      // on, or not known to be), leaves the outcome unknown: the same id.
      const status = (entry.error as { status?: unknown } | undefined)?.status;
      const answered = typeof status === "number" && !retryableStatuses.has(status);
      const kept = answered ? undefined : (requestId ?? before?.requestId);
      const changes = kept === undefined ? undefined : before?.changes;
      return { line, reportLine, done: false, ...(kept !== undefined && { requestId: kept }), ...(changes !== undefined && { changes }) };
    }
    default: {
      // cancelled (sent or not), invalid, skipped, valid, unchanged: nothing learnt of an id already given.
      const kept = requestId ?? before?.requestId;
      const changes = kept === undefined ? undefined : before?.changes;
      return { line, reportLine, done: before?.done ?? false, ...(kept !== undefined && { requestId: kept }), ...(changes !== undefined && { changes }) };
    }
  }
}

/** A file's first line without a UTF-8 byte-order mark (Notepad saves one): the line as written. */
export const withoutBom = (line: string): string => (line.startsWith("\uFEFF") ? line.slice(1) : line);

/** A journal, read as a stream: what it knows of each change it names. */
export async function readJournal(path: string): Promise<Journal> {
  const changes = new ChangeIndex();
  let keyId: string | undefined;
  let entries = 0;
  let reportLine = 0;
  try {
    for await (const text of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
      reportLine++;
      const source = reportLine === 1 ? withoutBom(text) : text;
      if (source.trim() === "") continue;
      let entry: unknown;
      try {
        entry = JSON.parse(source);
      } catch {
        // A line torn by a kill mid-write (the last of that run, continued after by a resume):
        // never a `sending` entry whose request left, since a request leaves only once its entry
        // is whole on disk.
        continue;
      }
      if (!isEntry(entry)) throw new UsageError(`${path} line ${reportLine} is not a report entry of this program`);
      entries++;
      if (typeof entry.key !== "string") {
        if (entry.result === "invalid" || entry.result === "cancelled" || entry.result === "valid") continue; // a row not sent, nor ever to be matched
        throw new UsageError(`${path} line ${reportLine} has no row key: the report was written by an earlier version of this program — finish it with that version, or start a new report`);
      }
      if (!isRowKey(entry.key)) throw new UsageError(`${path} line ${reportLine} has a key that is not a row key of this program`);
      if (typeof entry.keyId === "string") keyId ??= entry.keyId;
      // A row found by sign-in name is known by both names of its user: rerun with its user named
      // the other way (or its repeat now first), it is still the same change.
      for (const key of typeof entry.resolvedKey === "string" && isRowKey(entry.resolvedKey) ? [entry.key, entry.resolvedKey] : [entry.key]) {
        changes.set(key, after(changes.get(key), entry, reportLine));
      }
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read the report ${path}: ${fileProblem(error)}`);
  }
  return { changes, entries, ...(keyId !== undefined && { keyId }) };
}

/**
 * What a path given as --report holds: nothing, a journal (every entry this program writes starts
 * `{"line":` — a first line torn by a crash or longer than any buffer is still one), or something
 * else, never to be written over. A device or a FIFO (/dev/null, a pipe) is written to, never read.
 */
export function reportFileKind(path: string): "none" | "journal" | "other" {
  let fd: number;
  try {
    if (!statSync(path).isFile()) return "none";
    fd = openSync(path, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "none";
    throw new UsageError(`cannot read the report ${path}: ${fileProblem(error)}`);
  }
  try {
    const head = Buffer.alloc(4096);
    const text = head.subarray(0, readSync(fd, head, 0, head.length, 0)).toString("utf8").trimStart();
    if (text === "") return "none";
    return text.startsWith(`{"line":`) ? "journal" : "other";
  } finally {
    closeSync(fd);
  }
}

/**
 * A new report for a resume, seeded with everything the previous one knows — each applied change,
 * each other change's request id while its outcome is unknown — written to a temporary file and
 * renamed into place before anything is sent: however this run ends, its report knows at least
 * what the previous one did, so resuming from it never loses an id.
 */
export function seedReport(path: string, journal: Journal, terminal: Terminal): void {
  const clash = [...journal.changes.values()].find((change) => change.conflictsWith !== undefined);
  if (clash) throw new UsageError(`the report gives one change two request ids (its lines ${clash.reportLine} and ${clash.conflictsWith}): resume it in place (--report naming it) so those rows stay refused; nothing was sent`);
  const temporary = `${path}.partial`;
  rmSync(temporary, { force: true }); // left by a run killed while seeding
  const writer = new ReportWriter(temporary, terminal);
  const keyId = journal.keyId === undefined ? {} : { keyId: journal.keyId };
  try {
    for (const [key, { line, done, requestId, changes }] of journal.changes) {
      if (requestId === undefined) continue;
      writer.write(done ? { line, key, ...keyId, result: "ok", requestId, carriedOver: true } : { line, key, ...keyId, result: "sending", requestId, ...(changes && { changes }) });
    }
    writer.flush();
  } finally {
    writer.close();
  }
  renameSync(temporary, path);
}
