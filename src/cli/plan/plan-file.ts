// A plan: update-many --plan's output, one entry per input row — `change` (each field from → to),
// `unchanged`, `invalid` (would fail) or `skipped` (a repeat) — as JSON Lines on stdout (a table on
// a terminal) and, with --plan-out, in a file. The file is written beside its place, under a name
// of this run's own (two plans made at once never share one), and renamed over it once the plan is
// whole, so an interrupted plan never leaves half of one to apply.
// `--apply <plan>` reads it back: each `change` becomes a row that sets the to-values and expects
// the from-values (judge.ts refuses a user changed since). A plan never holds a password.
// Each `change` carries `planKey`, a digest of its customer, user (by id and as given) and
// changes: a row edited by hand since is refused at apply, naming its line. It catches edits, not
// forgery — anyone can compute a digest; the plan is the admin's own file. --apply names each row
// by its plan line (its report's `line`), whatever input line the plan recorded.
import { createHash, randomUUID } from "node:crypto";
import { closeSync, openSync, readSync, renameSync, rmSync } from "node:fs";
import { fileProblem } from "../messages.js";
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { ReportWriter, withoutBom, type EntryWriter, type Outcome, type ReportEntry } from "../journal/report.js";
import { canonical } from "../journal/row-keys.js";
import { forgetApplied } from "./apply-link.js";
import { idIssues, patchIssues, type Issue } from "../patch.js";
import type { Row, RowInput } from "../rows.js";
import { UsageError } from "../run-end.js";
import type { Terminal } from "../terminal.js";
import { isChanges, noSecret, patchOf, setsSecret, type Changes } from "./changes.js";

/** The results a plan's entries have. */
const planResults: ReadonlySet<string> = new Set(["change", "unchanged", "invalid", "skipped"]);

/** A planned change's digest: what --apply checks the row against. */
// The user as given is in it too: apply names the row's user by it in every message and report.
const planKeyOf = (entry: { readonly customerId?: unknown; readonly userId?: unknown; readonly userGiven?: unknown; readonly changes?: unknown }): string =>
  createHash("sha256")
    .update(canonical({ customerId: entry.customerId ?? null, userId: entry.userId ?? null, userGiven: entry.userGiven ?? null, changes: entry.changes ?? null }))
    .digest("base64url")
    .slice(0, 22);

/** Where a plan goes while it is made: written to a partial file of its own, renamed into place when whole. */
export class PlanOutput implements EntryWriter {
  readonly durable = false;
  readonly #path: string | undefined;
  readonly #partial: string | undefined;
  readonly #file: ReportWriter | undefined;
  readonly #terminal: Terminal;
  readonly #describe: (entry: Outcome) => string;
  /** The table's rows, on a terminal; JSON Lines otherwise. */
  readonly #table: string[][] | undefined;

  constructor(path: string | undefined, terminal: Terminal, describe: (entry: Outcome) => string) {
    this.#path = path;
    this.#terminal = terminal;
    this.#describe = describe;
    if (path !== undefined) {
      if (!isPlanOrNothing(path)) throw new UsageError(`--plan-out ${path} holds something that is not a plan: give another name (it is never written over); nothing was sent`);
      this.#partial = `${path}.${process.pid}.${randomUUID()}.partial`;
      this.#file = new ReportWriter(this.#partial, terminal);
    }
    this.#table = terminal.streams.stdout.isTTY === true ? [["line", "user", "plan"]] : undefined;
  }

  intend(): Promise<void> {
    throw new Error("a plan sends nothing");
  }

  write(entry: ReportEntry, also: readonly string[] = []): void {
    if (entry.result === "sending") throw new Error("a plan sends nothing");
    const planned = entry.result === "change" ? ({ ...entry, planKey: planKeyOf(entry) } as Outcome) : entry;
    this.#file?.write(planned, also);
    if (this.#table) this.#table.push([String(entry.line), entry.userGiven ?? entry.userId ?? "", this.#describe(entry)]);
    else this.#terminal.out(this.#terminal.jsonLine(planned, also));
  }

  /** The plan is whole: it replaces any earlier plan of that name, and the table is shown. */
  finish(): void {
    if (this.#path !== undefined && this.#partial !== undefined && this.#file) {
      this.#file.flush();
      this.#file.close();
      renameSync(this.#partial, this.#path);
      forgetApplied(this.#path); // a new plan: the report an earlier one was applied with is not its journal
    }
    if (this.#table) this.#terminal.printTable(this.#table);
  }

  close(): void {
    this.#file?.close();
    if (this.#partial !== undefined) rmSync(this.#partial, { force: true });
  }
}

/** Whether `path` is free for a plan: missing, empty, or a plan (a new one replaces it). */
function isPlanOrNothing(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return true;
    throw new UsageError(`cannot read --plan-out ${path}: ${fileProblem(error)}`);
  }
  try {
    const head = Buffer.alloc(4096);
    const first = withoutBom(head.subarray(0, readSync(fd, head, 0, head.length, 0)).toString("utf8").split("\n")[0] ?? "").trim();
    if (first === "") return true;
    return planResults.has(String((JSON.parse(first) as { result?: unknown }).result));
  } catch {
    return false;
  } finally {
    closeSync(fd);
  }
}

/** A plan's entry, checked: a file edited by hand, or not a plan at all, is refused before anything is sent. */
interface Planned {
  readonly line: number;
  readonly customerId?: unknown;
  readonly userId?: unknown;
  readonly userGiven?: unknown;
  readonly result: string;
  readonly changes?: unknown;
  readonly planKey?: unknown;
}

function entryOf(text: string, path: string, planLine: number): Planned | undefined {
  if (text.trim() === "") return undefined;
  let entry: unknown;
  try {
    entry = JSON.parse(text);
  } catch {
    throw new UsageError(`${path} line ${planLine} is not JSON: it is not a plan (update-many --plan --plan-out writes one); nothing was sent`);
  }
  const { line, result } = (entry ?? {}) as Partial<Planned>;
  if (typeof result === "string" && !planResults.has(result) && Number.isInteger(line)) {
    throw new UsageError(`${path} is a report, not a plan (line ${planLine} is a "${result}" outcome): --apply takes the --plan-out of update-many --plan, undo takes a report; nothing was sent`);
  }
  if (typeof result !== "string" || !planResults.has(result) || !Number.isInteger(line) || (line as number) < 1) {
    throw new UsageError(`${path} line ${planLine} is not a plan entry of this program; nothing was sent`);
  }
  return entry as Planned;
}

function rowOf(entry: Planned, path: string, planLine: number): Row {
  if (!isChanges(entry.changes)) throw new UsageError(`${path} line ${planLine} is a change without its changes: not a plan entry of this program; nothing was sent`);
  const changes: Changes = entry.changes;
  const ids = { customerId: entry.customerId, userId: entry.userId };
  const kept = Object.fromEntries(Object.entries(changes).filter(([column]) => !column.startsWith("passwordProfile.")));
  const patch = patchOf(kept);
  const expected = Object.fromEntries(Object.entries(kept).map(([column, change]) => [column, change.from ?? null]));
  const why = entry.planKey === undefined ? "it has no planKey (edited, or written by an earlier version)" : "its planKey does not match its customer, user and changes (edited, or planned by an earlier version)";
  const edited: Issue = { message: `plan line ${planLine} was edited since it was planned (${why}): it is not sent — plan again` };
  const issues = entry.planKey !== planKeyOf(entry) ? [edited] : setsSecret(changes) ? [noSecret] : [...idIssues(ids), ...patchIssues(patch)];
  const userId = typeof entry.userId === "string" ? entry.userId : undefined;
  const user = typeof entry.userGiven === "string" ? entry.userGiven : userId;
  // Named by its plan line, unique and in order whatever input lines the plan holds (plans appended
  // with >> both start at line 2): repeats of one user are found by it, and messages name it.
  return {
    line: planLine,
    ...(typeof entry.customerId === "string" && { customerId: entry.customerId }),
    ...(userId !== undefined && { userId }),
    ...(user !== undefined && { user }),
    patch,
    expected,
    issues,
  };
}

/** A plan as update-many's input: its `change` entries, in order, as rows that set the to-values and expect the from-values. */
export function openPlan(path: string): RowInput {
  return {
    format: "jsonl",
    notes: [],
    async *rows() {
      let planLine = 0;
      let changes = 0;
      let input;
      try {
        input = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
        for await (const text of input) {
          planLine++;
          const entry = entryOf(planLine === 1 ? withoutBom(text) : text, path, planLine);
          if (entry?.result !== "change") continue;
          changes++;
          yield rowOf(entry, path, planLine);
        }
      } catch (error) {
        if (error instanceof UsageError) throw error;
        throw new UsageError(`cannot read the plan ${path}: ${fileProblem(error)}`);
      }
      if (changes === 0) throw new UsageError(`${path} plans no change: there is nothing to apply`);
    },
  };
}
