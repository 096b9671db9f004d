// Whether a row needs sending, judged against its user as the run listed them: a row whose every
// field already holds the value asked is `unchanged` and not sent (unless --send-unchanged); a row
// of a plan or an undo whose user someone changed since is refused (unless --force); any other row
// is sent, recording what it changes from → to (the journal's before-values, which undo reverses).
// The state is known only for rows the run looked up in a listing: those naming their user by
// sign-in name, and every row with --plan, --apply and undo. A change sent before with its outcome
// unknown is re-sent with its id as its first send recorded it, never judged unchanged by what the
// user shows now — that may be its own first send, applied.
import type { KnownChange } from "../journal/report.js";
import type { Issue } from "../patch.js";
import type { Row } from "../rows.js";
import { changesOf, driftOf, isEmpty, noSecret, type Changes } from "./changes.js";

export interface StateOptions {
  /** Every row's user is listed before it is judged (--plan, --apply, undo), not only those named by sign-in name. */
  readonly readState?: boolean;
  /** --plan: rows are judged and shown, never sent. */
  readonly plan?: boolean;
  /** Send rows that change nothing, too. */
  readonly sendUnchanged?: boolean;
  /** Send rows whose user changed since their change was planned. */
  readonly force?: boolean;
  /** What the rows are: a plan applied, or a report undone (refusals say what to do for each). */
  readonly source?: "plan" | "undo";
}

export type Judgement = { readonly outcome: { readonly result: "unchanged" } | { readonly result: "invalid"; readonly issues: readonly Issue[] } } | { readonly changes: Changes | undefined };

export function judge(row: Row, sent: KnownChange | undefined, options: StateOptions): Judgement {
  // A plan never holds a password, so --apply refuses such a row: the plan says it would fail.
  if (options.plan === true && row.secret !== undefined) return { outcome: { result: "invalid", issues: [noSecret] } };
  const pending = sent?.requestId !== undefined;
  if (!row.current) return { changes: pending ? sent?.changes : undefined };
  const changes = pending ? sent?.changes : changesOf(row.patch, row.current);
  if (!pending && changes && isEmpty(changes) && options.sendUnchanged !== true) return { outcome: { result: "unchanged" } };
  if (row.expected && options.force !== true) {
    const drift = driftOf(row.expected, row.patch, row.current);
    if (drift.length > 0) return { outcome: { result: "invalid", issues: [{ message: driftMessage(drift, options.source) }] } };
  }
  return { changes };
}

function driftMessage(drift: readonly string[], source: StateOptions["source"]): string {
  if (source === "undo") return `the user changed since the run being undone: ${drift.join("; ")} — someone else changed it after; check the user, and only if it should still go back, undo again with --force (which overwrites that later change)`;
  return `the user changed since this change was planned: ${drift.join("; ")} — plan again, or --force to send it anyway`;
}
