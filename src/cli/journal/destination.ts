// Which journal a bulk run writes, and what earlier runs of the job knew: a report that holds
// entries is continued, never emptied; anything else in its place is never written over; the input
// is never written, by any name; `--only-failed` from another report seeds a new one. A dry run
// reads journals but never writes to one.
import { closeSync, fstatSync, openSync, rmSync, statSync, type Stats } from "node:fs";
import { fileProblem } from "../messages.js";
import { UsageError } from "../run-end.js";
import type { Terminal } from "../terminal.js";
import { canonicalPath } from "./lock.js";
import { readJournal, ReportWriter, reportFileKind, seedReport, type Journal } from "./report.js";

export const statOf = (path: string): Stats | undefined => {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
};

/**
 * The report would be written into the input: the same file by any name (a hard link, a symlink,
 * stdin redirected from it, stdout appended to it) — a run reading back its own report as rows.
 */
export function checkNotInput(file: string, report: string | undefined, option = "--report"): void {
  const input = file === "-" ? fstatSync(0) : statOf(file);
  const output = report === undefined ? fstatSync(1) : statOf(report);
  if (input && output && output.isFile() && input.dev === output.dev && input.ino === output.ino) {
    const where = report === undefined ? "stdout (where the report goes)" : `${option} ${report}`;
    throw new UsageError(`${where} is the input file${file === "-" ? " (stdin is read from it)" : ""}: write ${option === "--report" ? "the report" : "it"} elsewhere; nothing was sent`);
  }
}

/** A report on stdout is never continued: one appended to a file that holds data (`>> report.jsonl`) would mix two runs' entries unread. */
export function checkStdoutReport(): void {
  const stdout = fstatSync(1);
  if (stdout.isFile() && stdout.size > 0) {
    throw new UsageError("stdout is a file that already holds data (>>?): a report on stdout is never continued — give --report <file>, which a rerun of the same command continues; nothing was sent");
  }
}

/** Makes the report, owner-only, if it is not there: so a symlink to a report not made yet locks and resumes as its target. */
export function createReport(path: string): void {
  try {
    closeSync(openSync(path, "a", 0o600));
  } catch (error) {
    throw new UsageError(`cannot write the report ${path}: ${fileProblem(error)}`);
  }
}

/** Removes a report this run made if it holds nothing: a run refused before its first entry leaves no empty file. */
export function removeIfEmpty(path: string): void {
  if (statOf(path)?.isFile() === true && statOf(path)?.size === 0) rmSync(path, { force: true });
}

export interface DestinationOptions {
  readonly report?: string | undefined;
  readonly onlyFailed?: string | undefined;
  readonly dryRun?: boolean | undefined;
}

export interface Destination {
  readonly journal: Journal | undefined;
  readonly report: ReportWriter;
  /** The report holds the journal's entries (continued in place, or seeded): a carried row at the same line is there already. */
  readonly reportHasJournal: boolean;
}

/**
 * Where the run's entries go and what earlier runs knew. A report holding entries is continued;
 * anything else in its place is never written over; `--only-failed` from another report seeds a
 * new one. A dry run reads journals but never writes to one.
 */
export async function openDestination(options: DestinationOptions, terminal: Terminal): Promise<Destination> {
  const { report: path, onlyFailed, dryRun } = options;
  const kind = path === undefined ? "none" : reportFileKind(path);
  if (kind === "other") throw new UsageError(`${path} holds something that is not a report of this program: give the report another name (it is never written over); nothing was sent`);
  if (kind === "journal") {
    if (dryRun) throw new UsageError(`${path} holds the journal of a run: a dry run never writes to one — give --report another name, or leave it out; nothing was sent`);
    if (onlyFailed !== undefined && canonicalPath(onlyFailed) !== canonicalPath(path as string)) {
      throw new UsageError(`${path} already holds a report: continue it (--report ${path}), or give a new name; nothing was sent`);
    }
    const journal = await readJournal(path as string);
    terminal.say(`${path} holds ${journal.entries} entries of an earlier run: continuing it — rows applied there are not sent again, rows whose outcome is unknown are sent with the same request id (a new job needs a new --report)`);
    return { journal, report: new ReportWriter(path, terminal), reportHasJournal: true };
  }
  const journal = onlyFailed === undefined ? undefined : await readJournal(onlyFailed);
  if (journal?.entries === 0) throw new UsageError(`${onlyFailed} holds no entries: there is nothing to resume from; nothing was sent`);
  // Seeded only into a file: a device or a pipe given as --report is written to, never replaced.
  const seeded = journal !== undefined && path !== undefined && !dryRun && statSync(path).isFile();
  if (seeded) seedReport(canonicalPath(path), journal, terminal);
  return { journal, report: new ReportWriter(path, terminal), reportHasJournal: seeded };
}
