// The bulk run's JSON Lines report: one entry per input row, written the moment the row is done
// (synchronously, so a crash or Ctrl-C loses nothing already finished), and read back by
// --only-failed to re-run only what did not succeed.
import { closeSync, openSync, readFileSync, writeSync } from "node:fs";
import type { ErrorSummary } from "./describe-error.js";
import type { Issue } from "./issues.js";
import { redactSecrets, scrub } from "./secrets.js";
import { UsageError } from "./usage-error.js";

interface EntryBase {
  readonly line: number;
  readonly customerId?: string;
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

export type ReportResult = ReportEntry["result"];

/** Results that need nothing more: --only-failed carries these over instead of re-running them. */
export const doneResults: ReadonlySet<ReportResult> = new Set(["ok", "skipped"]);

export class ReportWriter {
  readonly #fd: number | undefined;

  /** Writes to `path`, or to stdout without one. */
  constructor(path: string | undefined) {
    try {
      this.#fd = path === undefined ? undefined : openSync(path, "w");
    } catch (error) {
      throw new UsageError(`cannot write the report ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  }

  write(entry: ReportEntry, extraSecrets: readonly string[] = []): void {
    const line = `${scrub(JSON.stringify(redactSecrets(entry)), extraSecrets)}\n`;
    if (this.#fd === undefined) process.stdout.write(line);
    else writeSync(this.#fd, line);
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
export function readReport(path: string): Map<number, ReportEntry> {
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
