// One journal, one writer. Two runs on one report (two terminals, a cron job retried while the
// first still runs) would each send the rows the other is sending, under ids of their own. So a run
// holds `<report>.lock` — made with O_EXCL, holding its pid and host — for as long as it lasts, and
// a second run refuses before it reads its input.
//
// A run killed with -9 leaves its lock behind. A lock whose process is gone (same host, pid not
// running) is stale and taken over — under `<report>.lock.takeover`, itself made with O_EXCL, so two
// runs finding one stale lock cannot both take it: the second to get in finds the first's live lock.
import { randomUUID } from "node:crypto";
import { fileProblem } from "../messages.js";
import { closeSync, linkSync, openSync, readFileSync, realpathSync, statSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import { UsageError } from "../run-end.js";

interface Holder {
  readonly pid: number;
  readonly host: string;
  readonly started: string;
}

/**
 * The path a report is known by whatever it is called (a symlink, `./r` or `r`): its real one. A
 * symlink to a file not made yet cannot be resolved: make the report first (openReportFile).
 */
export function canonicalPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return join(realpathSync(dirname(path)), basename(path)); // not there yet: its folder's real path
  }
}

function canonicalOrRefuse(path: string): string {
  try {
    return canonicalPath(path);
  } catch (error) {
    throw new UsageError(`cannot write the report ${path}: ${fileProblem(error)}`);
  }
}

/** A journal is a file: a device or a FIFO given as --report (/dev/null, a pipe) is written to, never resumed, and not locked. */
function isFileOrMissing(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return true;
  }
}

/**
 * A lock belongs to a name, so a journal must have one: two runs given two hard links of one file
 * would each hold a lock of their own.
 */
function checkOneName(report: string, named: string): void {
  let links: number;
  try {
    links = statSync(report).nlink;
  } catch {
    return; // not there (yet): one name
  }
  if (links > 1) throw new UsageError(`${named} has ${links} names (hard links): two runs given two of them could not tell each other apart — give a file with one name (a copy: cp ${report} <new name>); nothing was sent`);
}

function readHolder(lockPath: string): { text: string; holder: Partial<Holder> } | undefined {
  let text: string;
  try {
    text = readFileSync(lockPath, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined; // released meanwhile
    throw error;
  }
  try {
    return { text, holder: JSON.parse(text) as Partial<Holder> };
  } catch {
    // Not whole: left so by an earlier version of this program, which wrote a lock after making
    // it — or one of those being written now. Either way its writer cannot be told gone.
    return { text, holder: {} };
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // someone else's process: running
  }
}

/** Whether the lock's process is gone for sure: on this host, and not running. */
function isStale(holder: Partial<Holder>): boolean {
  return holder.pid !== undefined && holder.host === hostname() && holder.pid !== process.pid && !isRunning(holder.pid);
}

/**
 * Makes `path` holding `text`, unless it exists. Written whole under a name of this process first,
 * then linked into place (atomic, and refused if the name exists): a lock made with O_EXCL and
 * then written is empty for a moment, and a second run that read it so took it for a stale lock
 * and removed it — both runs then sent the same rows (seen: two `--apply` started at once).
 */
function createExclusive(path: string, text: string): boolean {
  const whole = `${path}.${process.pid}.${randomUUID()}`;
  const fd = openSync(whole, "wx", 0o600);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(whole, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    unlinkSync(whole);
  }
}

/** What a lock guards, as messages name it: `--report r.jsonl`, or a phrase of its own. */
export interface LockTarget {
  readonly path: string;
  /** How the file is named in messages (the option that gave it); the path by default. */
  readonly named?: string;
  /** What a run refused because another holds the lock is told, given that run (`another run (pid …)`). */
  readonly busy?: (who: string) => string;
}

/** Files to lock by the option that gave each (`{ "--report": "r.jsonl" }`), those given. */
export const namedTargets = (files: Readonly<Record<string, string | undefined>>): LockTarget[] =>
  Object.entries(files).flatMap(([option, path]) => (path === undefined ? [] : [{ path, named: `${option} ${path}` }]));

const busyFile = (named: string) => (who: string) => `${named} is in use by ${who}: wait for it to end — two runs on one report or plan would send rows twice`;

function inUse(target: LockTarget, lockPath: string, holder: Partial<Holder>): UsageError {
  const who = holder.pid === undefined ? "another run" : `another run (pid ${holder.pid}${holder.host === hostname() ? "" : ` on ${holder.host}`}, started ${holder.started})`;
  return new UsageError(`${(target.busy ?? busyFile(target.named ?? target.path))(who)}. If no run is using it, remove ${lockPath}; nothing was sent`);
}

/** Removes the stale lock whose text is `text`, if it is still that one. */
function takeOver(report: string, lockPath: string, text: string): void {
  const guard = `${lockPath}.takeover`;
  if (!createExclusive(guard, String(process.pid))) {
    throw new UsageError(`another run is taking over the lock of ${report} left by a run that ended: try again; if this persists, remove ${guard}; nothing was sent`);
  }
  try {
    if (readHolder(lockPath)?.text === text) unlinkSync(lockPath);
  } finally {
    unlinkSync(guard);
  }
}

/** Held locks on journals; released when the run ends, however it ends. */
export class JournalLocks {
  readonly #held: { readonly path: string; readonly text: string }[] = [];
  readonly #onExit = () => this.release();

  /**
   * Locks each report (those the run reads and writes), or throws a UsageError naming the one in
   * use; a path given as a string is named in messages by `optionOf` (default --report).
   */
  static acquire(reports: readonly (string | LockTarget)[], optionOf: (path: string) => string = () => "--report"): JournalLocks {
    const locks = new JournalLocks();
    try {
      const seen = new Set<string>();
      for (const given of reports) {
        const target = typeof given === "string" ? { path: given } : given;
        const report = canonicalOrRefuse(target.path);
        if (seen.has(report) || !isFileOrMissing(report)) continue;
        seen.add(report);
        locks.#lock(report, target);
        checkOneName(report, target.named ?? `${optionOf(target.path)} ${report}`);
      }
    } catch (error) {
      locks.release();
      if (error instanceof UsageError) throw error;
      throw new UsageError(`cannot lock the report: ${fileProblem(error)}; nothing was sent`);
    }
    process.once("exit", locks.#onExit); // process.exit() on a second Ctrl-C skips every finally
    return locks;
  }

  #lock(report: string, target: LockTarget): void {
    const lockPath = `${report}.lock`;
    const text = JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString() } satisfies Holder);
    for (let attempt = 0; attempt < 3; attempt++) {
      if (createExclusive(lockPath, text)) {
        this.#held.push({ path: lockPath, text });
        return;
      }
      const found = readHolder(lockPath);
      if (found === undefined) continue;
      if (!isStale(found.holder)) throw inUse({ ...target, named: target.named ?? report }, lockPath, found.holder);
      takeOver(report, lockPath, found.text);
    }
    throw inUse({ ...target, named: target.named ?? report }, lockPath, {});
  }

  /** Adds the locks of `other` to this run's: released together. */
  adopt(other: JournalLocks): void {
    this.#held.push(...other.#held.splice(0));
    other.release();
  }

  /** Removes the locks this run holds (each only if it is still this run's). */
  release(): void {
    process.off("exit", this.#onExit);
    for (const { path, text } of this.#held.splice(0)) {
      try {
        if (readFileSync(path, "utf8") === text) unlinkSync(path);
      } catch {
        // already gone
      }
    }
  }
}
