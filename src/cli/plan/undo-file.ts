// `undo <report>`: the reverse of what a report's run applied, as update-many's input. Each `ok`
// entry that sent its change (not one carried over from an earlier report) records the fields it
// changed, from → to; undo sets each back to its from-value, expecting the to-value (judge.ts
// refuses a user someone changed since, unless --force). A user changed by several runs of one
// report is set back to what it had before the first, in one row. Not undone, and said per row: a
// password (never kept), a field that had no value before (the API cannot clear one), and rows
// applied without reading their user first (their before-values are unknown). A report holding a
// row sent with its outcome unknown (a crash, Ctrl-C) is refused whole: undo would leave that row
// as it is while saying the run was set back — the run is finished first, then undone.
import { createReadStream } from "node:fs";
import { fileProblem } from "../messages.js";
import { createInterface } from "node:readline";
import { idIssues, patchIssues, type Issue } from "../patch.js";
import type { Row, RowInput } from "../rows.js";
import { readJournal, withoutBom } from "../journal/report.js";
import { UsageError } from "../run-end.js";
import { isChanges, patchOf, type Changes, type FieldChange } from "./changes.js";

/** One user's changes across the report: the first from-value and the last to-value of each field. */
interface Applied {
  readonly line: number;
  readonly customerId: string;
  readonly userId: string;
  readonly user: string;
  readonly changes: Record<string, FieldChange>;
}

interface Collected {
  readonly users: Map<string, Applied>;
  /** Applied rows whose changes were not recorded (their user was not read before). */
  readonly unknown: number[];
  /** Who each entry that sent a row names, by report line: to name a row whose outcome is unknown. */
  readonly sent: Map<number, string>;
}

async function collect(path: string): Promise<Collected> {
  const users = new Map<string, Applied>();
  const unknown: number[] = [];
  const sent = new Map<number, string>();
  let reportLine = 0;
  let entries = 0;
  try {
    for await (const text of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
      reportLine++;
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(reportLine === 1 ? withoutBom(text) : text) as Record<string, unknown>;
      } catch {
        continue; // a line torn by a kill: never an `ok` (that is written whole, or not at all)
      }
      if (entry === null || typeof entry !== "object" || !Number.isInteger(entry["line"]) || typeof entry["result"] !== "string") {
        throw new UsageError(`${path} line ${reportLine} is not a report entry of this program; nothing was sent`);
      }
      entries++;
      if (entry["result"] === "change") throw notReport(path, "plan");
      if (typeof entry["requestId"] === "string" && entry["result"] !== "ok") sent.set(reportLine, whoOf(entry, entry["requestId"]));
      if (entry["result"] !== "ok" || entry["carriedOver"] === true) continue;
      const { customerId, userId, userGiven, changes } = entry;
      if (typeof customerId !== "string" || typeof userId !== "string" || !isChanges(changes)) {
        unknown.push(reportLine);
        continue;
      }
      const key = `${customerId}/${userId}`.toLowerCase();
      const earlier = users.get(key);
      const merged: Record<string, FieldChange> = { ...earlier?.changes };
      for (const [column, change] of Object.entries(changes as Changes)) merged[column] = earlier?.changes[column] ? { ...earlier.changes[column], to: change.to } : change;
      users.set(key, earlier ? { ...earlier, changes: merged } : { line: reportLine, customerId, userId, user: typeof userGiven === "string" ? userGiven : userId, changes: merged });
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read the report ${path}: ${fileProblem(error)}`);
  }
  if (entries === 0 && reportLine > 0) throw notReport(path, "other");
  return { users, unknown, sent };
}

/** The file given to undo is no report: a plan (apply it first), or something else (a CSV input?). */
function notReport(path: string, kind: "plan" | "other"): UsageError {
  if (kind === "plan") return new UsageError(`${path} is a plan, not a report: apply it first (update-many --apply ${path} --report <file>), then undo that report; nothing was sent`);
  return new UsageError(`${path} is not a report: no line of it is a JSON entry (an input file, a CSV?) — undo takes the --report of a run that sent; nothing was sent`);
}

/** `line 4 (ada@contoso.com, step delete, request id 1b…)`: a row as the admin can find it in the input and the report. */
export function whoOf(entry: Record<string, unknown>, requestId: string): string {
  const user = [entry["userGiven"], entry["userId"]].find((name) => typeof name === "string") ?? "user unknown";
  const step = typeof entry["step"] === "string" ? `, step ${entry["step"]}` : "";
  return `line ${String(entry["line"])} (${String(user)}${step}, request id ${requestId})`;
}

/**
 * Refuses a report holding rows sent whose outcome is unknown — the journal's own reading of it
 * (a `sending` with no answer, `cancelled` after being sent, a timeout): undo cannot tell whether
 * to set them back. `sent` names each entry that sent, by report line; `finish` says how to finish the run.
 */
export async function refuseUnfinished(path: string, sent: ReadonlyMap<number, string>, finish = `rerun it with --report ${path}`): Promise<void> {
  const journal = await readJournal(path);
  const pending = [...journal.changes.values()].filter((change) => !change.done && change.requestId !== undefined).map((change) => sent.get(change.reportLine) ?? `report line ${change.reportLine}`);
  const rows = [...new Set(pending)];
  if (rows.length === 0) return;
  const named = `${rows.slice(0, 10).join("; ")}${rows.length > 10 ? `; and ${rows.length - 10} more` : ""}`;
  throw new UsageError(
    `${path} holds ${rows.length} rows sent whose outcome is unknown — sent with no answer received (a crash, Ctrl-C or a timeout): ${named} — undo cannot tell whether they were applied. Finish that run first (${finish}: it re-sends them with the same request ids), then undo; nothing was sent`,
  );
}

/** Why a field's change cannot be undone, if it cannot. */
function irreversible(column: string, change: FieldChange): string | undefined {
  if (column === "state") return "a restore cannot be undone by undo: delete the user if it should go (partner-center-users delete <customer-id> <user>)";
  if (column === "passwordProfile.password") return "a password change cannot be undone (a password is never kept)";
  if (column.startsWith("passwordProfile.")) return undefined; // goes with the password
  if (change.from === undefined || change.from === null) return `${column} cannot be undone: it had no value before, and the API cannot clear a field`;
  return undefined;
}

function rowOf(applied: Applied, note: (line: string) => void): Row {
  const reversible: Record<string, FieldChange> = {};
  const reasons: string[] = [];
  for (const [column, change] of Object.entries(applied.changes)) {
    const reason = irreversible(column, change);
    if (reason !== undefined) reasons.push(reason);
    else if (!column.startsWith("passwordProfile.")) reversible[column] = change;
  }
  const patch = patchOf(reversible, "from");
  const expected = Object.fromEntries(Object.entries(reversible).map(([column, change]) => [column, change.to]));
  const nothing = Object.keys(reversible).length === 0;
  if (!nothing && reasons.length > 0) note(`report line ${applied.line} (${applied.user}): undoing ${Object.keys(reversible).join(", ")} only — ${reasons.join("; ")}`);
  const issues: Issue[] = nothing ? reasons.map((message) => ({ message })) : [...idIssues({ customerId: applied.customerId, userId: applied.userId }), ...patchIssues(patch)];
  return { line: applied.line, customerId: applied.customerId, userId: applied.userId, user: applied.user, patch, expected, issues };
}

/** The reverse of a report's applied changes, as update-many's input: one row per user, at the report line that first changed them. */
export async function openUndo(path: string, note: (line: string) => void): Promise<RowInput> {
  const { users, unknown, sent } = await collect(path);
  await refuseUnfinished(path, sent);
  if (unknown.length > 0) {
    const lines = `${unknown.slice(0, 10).join(", ")}${unknown.length > 10 ? ` and ${unknown.length - 10} more` : ""}`;
    note(`${unknown.length} applied rows of ${path} (report lines ${lines}) were sent without reading their user first — named by object id, without --apply — so what they changed is not known: they are not undone`);
  }
  if (users.size === 0) {
    // A plan with no change (all unchanged) cannot be told from a report of a run that sent none.
    const plan = unknown.length === 0 ? " (a plan records none: apply it first, then undo the report of that apply)" : "";
    throw new UsageError(`${path} records no applied change that can be undone${plan}; nothing was sent`);
  }
  const rows = [...users.values()].map((applied) => rowOf(applied, note));
  const shown = rows.reduce((count, row) => count + (row.issues.length === 0 ? 1 : 0), 0);
  note(`undoing ${shown} users' changes recorded in ${path}${shown < rows.length ? ` (${rows.length - shown} cannot be undone)` : ""}`);
  return {
    format: "jsonl",
    notes: [],
    async *rows() {
      yield* rows;
    },
  };
}

