// A plan and the report it was applied with. The report is the apply's journal: a rerun that names
// it is a continuation (applied rows carried over, rows whose outcome is unknown re-sent with their
// ids). A rerun given another report — or none, the report on stdout, never continued — would have
// no journal: rows whose outcome is unknown would go out again under new ids, and --send-unchanged
// would send every row again. So the first apply records its report beside the plan
// (`<plan>.applied`), and an apply of that plan with any other report is refused. The plan is
// locked while it is applied (update-many.ts), so two applies of it never run at once; a new plan
// saved under its name forgets the link.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { canonicalPath } from "../journal/lock.js";
import { UsageError } from "../run-end.js";

const linkOf = (plan: string): string => `${plan}.applied`;

/** The report a link file names: a path, null for one on stdout, undefined if there is no link. */
function recorded(link: string, unreadable: string): string | null | undefined {
  let text: string;
  try {
    text = readFileSync(link, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new UsageError(`cannot read ${link}: ${(error as NodeJS.ErrnoException).code ?? String(error)}; nothing was sent`);
  }
  try {
    const { report } = JSON.parse(text) as { report?: unknown };
    if (typeof report === "string" || report === null) return report;
  } catch {
    // not ours, or torn: refused below as naming no report
  }
  throw new UsageError(`${link} does not name its report: ${unreadable}; nothing was sent`);
}

/**
 * Ties a file to the one report a job on it may write (`link`, a record beside the file): the first
 * run records its report (the path as the lock knows it); a run with the same report continues; one
 * with another report, or none, is refused with `refusal(earlier)`. Before anything is sent.
 */
export function linkOnce(link: string, report: string | undefined, refusal: (earlier: string | null) => string, unreadable: string): void {
  const mine = report === undefined ? null : canonicalPath(report);
  const earlier = recorded(link, unreadable);
  if (earlier === undefined) {
    try {
      writeFileSync(link, `${JSON.stringify({ report: mine })}\n`, { mode: 0o600 });
    } catch (error) {
      throw new UsageError(`cannot write ${link}, which ties the job to its report: ${(error as NodeJS.ErrnoException).code ?? String(error)}; nothing was sent`);
    }
    return;
  }
  if (earlier !== null && earlier === mine) return;
  throw new UsageError(refusal(earlier));
}

/** Before an apply sends anything: refuses a plan applied before with another report, and records this run's report as the plan's journal. */
export function linkPlanToReport(plan: string, report: string | undefined): void {
  const unreadable = `if you know the report ${plan} was applied with, apply with --report naming it; otherwise remove ${linkOf(plan)} and plan again`;
  linkOnce(linkOf(plan), report, (earlier) => {
    const how = earlier === null ? "with its report on stdout, which is never continued" : `with --report ${earlier}`;
    const what = earlier === null ? "plan again to see what is left to change" : `continue that report (update-many --apply ${plan} --report ${earlier}): it sends only what is not applied yet`;
    return `${plan} was applied before ${how}: another report would send its rows again — ${what}; nothing was sent`;
  }, unreadable);
}

/**
 * Before an undo sends anything: a report is undone once. Undone, its users may be changed again by
 * later runs, and a second undo with another report would set those changes back too (the user then
 * holds the value the report's run set, so the changed-since check passes). So the first undo
 * records its report beside the report undone (`<report>.undone`); a rerun with it continues.
 */
export function linkUndoToReport(undone: string, report: string | undefined): void {
  linkOnce(`${undone}.undone`, report, (earlier) => {
    const how = earlier === null ? "with its report on stdout, which is never continued" : `with --report ${earlier}`;
    const what = earlier === null ? "check the users, and change them with update-many if they still need it" : `to finish that undo, run it again with --report ${earlier}`;
    return `${undone} was undone before ${how}: a report is undone once — another undo would also set back what later runs changed; ${what}; nothing was sent`;
  }, `if you know the undo's report, give it with --report; nothing else undoes ${undone} again`);
}

/** A new plan replaces `plan`: whatever report the old one was applied with is not the new one's. */
export function forgetApplied(plan: string): void {
  rmSync(linkOf(plan), { force: true });
}
