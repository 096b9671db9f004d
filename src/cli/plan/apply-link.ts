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

// A report undone is tied to its undo's report the same way (`<report>.undone`): undone once, the
// users may be changed again by later runs, and a second undo with another report would set those
// changes back too (the user then holds the value the report's run set, so the check passes).

/** What a tie links: a plan to the report it was applied with, or a report to the report of its undo. */
interface Kind {
  readonly suffix: string;
  /** `applied`, `undone` */
  readonly done: string;
  /** What to do instead, given the report recorded. */
  readonly instead: (file: string, earlier: string) => string;
  readonly stdout: string;
  readonly why: string;
}

const applied: Kind = {
  suffix: ".applied",
  done: "applied",
  instead: (plan, earlier) => `continue that report (update-many --apply ${plan} --report ${earlier}): it sends only what is not applied yet`,
  stdout: "plan again to see what is left to change",
  why: "another report would send its rows again",
};

const undone: Kind = {
  suffix: ".undone",
  done: "undone",
  instead: (report, earlier) => `continue that undo (undo ${report} --report ${earlier}) if it did not finish`,
  stdout: "check the users, and change them with update-many if they still need it",
  why: "a report is undone once — another undo would also set back what later runs changed",
};

const linkOf = (file: string, kind: Kind): string => `${file}${kind.suffix}`;

/** The report an earlier run on `file` recorded: a path, null for one on stdout, undefined if none. */
function recorded(file: string, kind: Kind): string | null | undefined {
  const link = linkOf(file, kind);
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
  throw new UsageError(`${link} does not name the report ${file} was ${kind.done} with: if you know it, give it as --report; otherwise check the users, and remove ${link} only if no run of it is left to finish; nothing was sent`);
}

/**
 * Before a run sends anything: refuses `file` run before with another report, and records this
 * run's report as its journal (the path as the lock knows it).
 */
function tie(file: string, report: string | undefined, kind: Kind): void {
  const mine = report === undefined ? null : canonicalPath(report);
  const earlier = recorded(file, kind);
  if (earlier === undefined) {
    try {
      writeFileSync(linkOf(file, kind), `${JSON.stringify({ report: mine })}\n`, { mode: 0o600 });
    } catch (error) {
      throw new UsageError(`cannot write ${linkOf(file, kind)}, which ties ${file} to its report: ${(error as NodeJS.ErrnoException).code ?? String(error)}; nothing was sent`);
    }
    return;
  }
  if (earlier !== null && earlier === mine) return;
  const how = earlier === null ? "with its report on stdout, which is never continued" : `with --report ${earlier}`;
  const what = earlier === null ? kind.stdout : kind.instead(file, earlier);
  throw new UsageError(`${file} was ${kind.done} before ${how}: ${kind.why} — ${what}; nothing was sent`);
}

/** An apply of `plan`: refused if it was applied with another report; else tied to this one. */
export function linkPlanToReport(plan: string, report: string | undefined): void {
  tie(plan, report, applied);
}

/** An undo of `undoneReport`: refused if it was undone with another report; else tied to this one. */
export function linkUndoToReport(undoneReport: string, report: string | undefined): void {
  tie(undoneReport, report, undone);
}

/** A new plan replaces `plan`: whatever report the old one was applied with is not the new one's. */
export function forgetApplied(plan: string): void {
  rmSync(linkOf(plan, applied), { force: true });
}
