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

/** The report an earlier apply of `plan` recorded: a path, null for one on stdout, undefined if never applied. */
function recorded(plan: string): string | null | undefined {
  let text: string;
  try {
    text = readFileSync(linkOf(plan), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new UsageError(`cannot read ${linkOf(plan)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}; nothing was sent`);
  }
  try {
    const { report } = JSON.parse(text) as { report?: unknown };
    if (typeof report === "string" || report === null) return report;
  } catch {
    // not ours, or torn: refused below as naming no report
  }
  throw new UsageError(`${linkOf(plan)} does not name the report ${plan} was applied with: if you know it, apply with --report naming it; otherwise remove ${linkOf(plan)} and plan again; nothing was sent`);
}

/**
 * Before an apply sends anything: refuses a plan applied before with another report, and records
 * this run's report as the plan's journal (the path as the lock knows it).
 */
export function linkPlanToReport(plan: string, report: string | undefined): void {
  const mine = report === undefined ? null : canonicalPath(report);
  const earlier = recorded(plan);
  if (earlier === undefined) {
    try {
      writeFileSync(linkOf(plan), `${JSON.stringify({ report: mine })}\n`, { mode: 0o600 });
    } catch (error) {
      throw new UsageError(`cannot write ${linkOf(plan)}, which ties the plan to its report: ${(error as NodeJS.ErrnoException).code ?? String(error)}; nothing was sent`);
    }
    return;
  }
  if (earlier !== null && earlier === mine) return;
  const how = earlier === null ? "with its report on stdout, which is never continued" : `with --report ${earlier}`;
  const what = earlier === null ? "plan again to see what is left to change" : `continue that report (update-many --apply ${plan} --report ${earlier}): it sends only what is not applied yet`;
  throw new UsageError(`${plan} was applied before ${how}: another report would send its rows again — ${what}; nothing was sent`);
}

/** A new plan replaces `plan`: whatever report the old one was applied with is not the new one's. */
export function forgetApplied(plan: string): void {
  rmSync(linkOf(plan), { force: true });
}
