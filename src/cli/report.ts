// The bulk run's report, which is also its journal. JSON Lines:
// - before a row is sent, a `sending` entry with the row's MS-RequestId, written and flushed to
//   disk first (write-ahead): whatever happens next — a crash, kill -9, power loss — a resume
//   knows the row may have been applied and re-sends it with that same id, Partner Center's
//   idempotency key;
// - then exactly one outcome per input row (ok, failed, invalid, skipped, valid, cancelled), written
//   the moment it is known.
// If the report cannot be written (disk full, permission lost, stdout closed), writing throws and
// the run stops sending: no row may be sent whose outcome cannot be recorded.
// Each entry carries a hash of the row as the file had it, so --only-failed notices a row edited
// since, and re-uses a request id only for the very same row.
import { hash, scryptSync } from "node:crypto";
import { closeSync, createReadStream, existsSync, fstatSync, fsyncSync, openSync, readSync, renameSync, statSync, writeSync } from "node:fs";
import { createInterface } from "node:readline";
import type { Issue } from "./patch.js";
import type { Row } from "./rows.js";
import { UsageError, type ErrorSummary, type Terminal } from "./terminal.js";

interface EntryBase {
  readonly line: number;
  readonly customerId?: string;
  /** The row's `user` column as given (an object id or a sign-in name), when it named the user that way. */
  readonly userGiven?: string;
  readonly userId?: string;
  /** The row as the file had it (see rowHash). */
  readonly rowHash?: string;
}

export type Outcome = EntryBase &
  (
    | { readonly result: "ok"; readonly requestId: string; readonly user?: unknown; readonly carriedOver?: true }
    | { readonly result: "failed"; readonly requestId?: string; readonly error: ErrorSummary }
    | { readonly result: "invalid"; readonly issues: readonly Issue[] }
    /** The same update as an earlier row: sent once, for that row. */
    | { readonly result: "skipped"; readonly duplicateOf: number; readonly carriedOver?: true }
    /** --dry-run: the row would be sent with this body (passwords redacted). */
    | { readonly result: "valid"; readonly patch: unknown }
    /** Interrupted or stopped before it finished; `requestId` when it had been sent (its outcome is unknown). */
    | { readonly result: "cancelled"; readonly requestId?: string }
  );

/** The write-ahead entry: this row is about to be sent with this id. */
export type Sending = EntryBase & { readonly result: "sending"; readonly requestId: string };

export type ReportEntry = Outcome | Sending;
export type OutcomeResult = Outcome["result"];

/** Results that need nothing more: --only-failed carries these over instead of sending again. */
export const doneResults: ReadonlySet<string> = new Set<OutcomeResult>(["ok", "skipped"]);

/** The report could not be written: the run must stop sending. */
export class ReportWriteError extends Error {
  override readonly name = "ReportWriteError";
}

export class ReportWriter {
  readonly #fd: number;
  readonly #path: string;
  readonly #terminal: Terminal;
  readonly #durable: boolean;
  /** stdout when it is not a file (a pipe, a terminal): written as a stream, so a slow reader is waited for. */
  readonly #stream: NodeJS.WritableStream | undefined;

  /**
   * Writes to `path`, or to stdout without one; either way without the run's secrets. `append`
   * continues a report (a resume in place) after whatever it holds, a torn last line included.
   */
  constructor(path: string | undefined, terminal: Terminal, append = false) {
    this.#terminal = terminal;
    this.#path = path ?? "stdout";
    try {
      this.#fd = path === undefined ? 1 : openSync(path, append ? "a" : "w");
      if (append && path !== undefined && !endsWithNewline(path)) writeAll(this.#fd, "\n");
    } catch (error) {
      throw new UsageError(`cannot write the report ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
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
    this.#checkStream();
    return handedOver(this.#stream, line, (error) => this.#failed(error));
  }

  /** Flushes what was written to disk. */
  flush(): void {
    if (!this.#durable) return;
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
    this.#checkStream();
    this.#stream.write(line);
  }

  /** stdout failed (its reader went away: `| head -1`): nothing more can be recorded. */
  #checkStream(): void {
    const failure = this.#terminal.outputFailure;
    if (failure) throw this.#failed(failure);
  }

  #line(entry: ReportEntry, also: readonly string[] = []): string {
    return `${this.#terminal.jsonLine(entry, also)}\n`;
  }

  #writeAll(line: string): void {
    try {
      writeAll(this.#fd, line);
    } catch (error) {
      throw this.#failed(error);
    }
  }

  close(): void {
    if (this.#fd !== 1) closeSync(this.#fd);
  }

  #failed(error: unknown): ReportWriteError {
    return new ReportWriteError(`cannot write the report ${this.#path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
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

function endsWithNewline(path: string): boolean {
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return true;
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return last[0] === 0x0a;
  } finally {
    closeSync(fd);
  }
}

/**
 * A new report for a resume, seeded with everything the previous one knows — each done row's
 * outcome, each other row's last request id — written to a temporary file and renamed into place
 * before anything is sent: however this run ends, its report knows at least what the previous one
 * did, so resuming from it never loses an id. It must not hold a report already (that of an
 * interrupted resume, whose ids would be lost): resume from that one instead.
 */
export function seedReport(path: string, previous: ReadonlyMap<number, PreviousRow>, terminal: Terminal): void {
  if (existsSync(path) && statSync(path).size > 0) {
    throw new UsageError(`${path} already holds a report (perhaps of a resume that was interrupted): resume from it (--only-failed ${path} --report ${path}), or give a new name; nothing was sent`);
  }
  const temporary = `${path}.partial`;
  const writer = new ReportWriter(temporary, terminal);
  try {
    for (const [line, row] of previous) {
      const hash = row.rowHash === undefined ? {} : { rowHash: row.rowHash };
      if (row.result === "ok") writer.write({ line, ...hash, result: "ok", requestId: row.requestId ?? "", carriedOver: true });
      else if (row.result === "skipped") writer.write({ line, ...hash, result: "skipped", duplicateOf: row.duplicateOf ?? 0, carriedOver: true });
      else if (row.requestId !== undefined) writer.write({ line, ...hash, result: "sending", requestId: row.requestId });
    }
    writer.flush();
  } finally {
    writer.close();
  }
  renameSync(temporary, path);
}

/** JSON with object keys sorted, so equal rows give equal text whatever the order of their columns. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(",")}}`;
}

/** The row's change as canonical JSON, its password, if any, through scrypt (salted with customer and user). */
function changeText(row: Row, customerId: string, user: string): string {
  const { patch } = row;
  const profile = patch["passwordProfile"] as Record<string, unknown> | undefined;
  if (!profile || row.secret === undefined) return canonical(patch);
  // The report must not hand out a cheap way to test guesses of a password.
  const password = scryptSync(row.secret, `${customerId}/${user}`, 16, { N: 4096 }).toString("base64");
  return canonical({ ...patch, passwordProfile: { ...profile, password } });
}

const digest = (text: string): string => hash("sha1", text, "base64url").slice(0, 22);

export interface RowHashes {
  /** What the row asks, as the file has it: customer, user (as named), every field. */
  readonly row: string;
  /** The change alone: two rows for one user ask the same when it is equal, however they name the user. */
  readonly change: string;
}

/** Both hashes of a row, from one pass over it. */
export function rowHashes(row: Row): RowHashes {
  const customerId = (row.customerId ?? "").toLowerCase();
  const user = (row.user ?? row.userId ?? "").toLowerCase();
  const change = changeText(row, customerId, user);
  return { row: digest(`${customerId}\n${user}\n${change}`), change: digest(`${customerId}\n${change}`) };
}

/** The row hash alone (see RowHashes). */
export const rowHash = (row: Row): string => rowHashes(row).row;

/** What a previous report says of one input line: compact, so a report of a million rows fits. */
export interface PreviousRow {
  readonly result: OutcomeResult | "sending";
  readonly rowHash?: string;
  /** `customer/user` in lower case, from a report too old to carry a rowHash: checked instead. */
  readonly who?: string;
  /** The id it was (or may have been) sent with: a resend of the same row re-uses it. */
  readonly requestId?: string;
  readonly duplicateOf?: number;
}

const known: ReadonlySet<string> = new Set(["ok", "failed", "invalid", "skipped", "valid", "cancelled", "sending"]);

/** A previous report, by line: the last entry of each (an outcome after its `sending`), read as a stream. */
export async function readPrevious(path: string): Promise<Map<number, PreviousRow>> {
  const rows = new Map<number, PreviousRow>();
  let number = 0;
  try {
    for await (const source of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
      number++;
      if (source.trim() === "") continue;
      let entry: Partial<ReportEntry> & { line?: unknown; result?: unknown };
      try {
        entry = JSON.parse(source) as typeof entry;
      } catch {
        // A line torn by a kill mid-write (the last of that run, continued after by a resume in
        // place): never a `sending` entry whose request left, since a request leaves only once its
        // entry is whole on disk.
        continue;
      }
      if (!Number.isInteger(entry.line) || typeof entry.result !== "string" || !known.has(entry.result)) {
        throw new UsageError(`${path} line ${number} is not a report entry of this program`);
      }
      const before = rows.get(entry.line as number);
      const requestId = "requestId" in entry && typeof entry.requestId === "string" ? entry.requestId : before?.requestId;
      const who = `${entry.customerId ?? ""}/${entry.userGiven ?? entry.userId ?? ""}`.toLowerCase();
      rows.set(entry.line as number, {
        result: entry.result as PreviousRow["result"],
        ...(entry.rowHash !== undefined ? { rowHash: entry.rowHash } : { who }),
        ...(requestId !== undefined && { requestId }),
        ...("duplicateOf" in entry && typeof entry.duplicateOf === "number" && { duplicateOf: entry.duplicateOf }),
      });
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read the report ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return rows;
}
