// `undo <report>` of an offboard-many report: per user the run offboarded, in the reverse order of
// the offboarding — restore the user (within the 30 days a deleted user can be restored), add it
// back to each role it was taken out of (last removed first), give back the licences removed —
// from the before-values the report recorded, only what the run did. Journaled in the undo's own
// report like any bulk run (journaled-step.ts): the same command continues it, each step once.
import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { isGuid } from "../../ids.js";
import { checkTarget, connect, openTarget, resolveToken, type SessionOptions } from "../connection.js";
import { checkNotInput, checkStdoutReport, createReport, openDestination, removeIfEmpty, statOf } from "../journal/destination.js";
import { refuseOtherJob } from "../journal/job-kind.js";
import { JournalLocks } from "../journal/lock.js";
import { abortOnInterrupt, UsageError } from "../run-end.js";
import type { Terminal } from "../terminal.js";
import { linkOnce } from "../plan/apply-link.js";
import { refuseUnfinished, whoOf } from "../plan/undo-file.js";
import { exactlyOnce, StepFailed } from "./journaled-step.js";
import { beforeEntries, offboardJob, offboardKey, runRows, type Before } from "./offboard-many.js";

export const undoJob = "offboard-undo";
/** How long a deleted user can be restored (DELETE's page: "inactive for 30 days"). */
const restorableMs = 30 * 24 * 60 * 60 * 1000;

export interface UndoOffboardOptions extends SessionOptions {
  readonly concurrency: number;
  readonly report?: string;
  readonly correlationId?: string;
}

interface UndoRow extends Before {
  readonly line: number;
  readonly customerId: string;
  readonly userGiven: string;
  /** When the run deleted the user; undefined when it did not get that far. */
  readonly deletedAt?: string;
  /** Roles the run took the user out of, in the order it did; licence groups it removed. */
  readonly rolesRemoved: Before["roles"];
  readonly licensesRemoved: Before["licenses"];
}

/** What the offboarding did, per user, from its report: the before-values and the steps done. */
async function undoRows(report: string): Promise<UndoRow[]> {
  const done = new Map<string, { deletedAt?: string }>();
  // Who each entry that sent names, by report line: to name a step whose outcome is unknown.
  const sent = new Map<number, string>();
  let reportLine = 0;
  for await (const source of createInterface({ input: createReadStream(report), crlfDelay: Infinity })) {
    reportLine++;
    try {
      const entry = JSON.parse(source) as { job?: unknown; result?: unknown; key?: unknown; deletedAt?: unknown; requestId?: unknown };
      if (typeof entry.requestId === "string" && entry.result !== "ok") sent.set(reportLine, whoOf(entry as Record<string, unknown>, entry.requestId));
      if (entry.job === offboardJob && entry.result === "ok" && typeof entry.key === "string") done.set(entry.key, typeof entry.deletedAt === "string" ? { deletedAt: entry.deletedAt } : {});
    } catch {
      // a line torn by a kill
    }
  }
  // A step sent whose outcome is unknown (a kill, Ctrl-C): the undo cannot tell whether to give it back.
  await refuseUnfinished(report, sent, `rerun the same offboard-many command, with --report ${report}`);
  const rows: UndoRow[] = [];
  for (const before of (await beforeEntries(report)).values()) {
    const did = (step: string) => done.get(offboardKey(before.customerId, before.userGiven, step));
    const groups = [...new Set(before.licenses.map((license) => license.group))];
    const removedGroups = new Set(groups.filter((group) => did(`remove-licenses ${group} ${before.licenses.filter((license) => license.group === group).map((license) => license.skuId).sort().join(",")}`)));
    const deletedAt = did("delete")?.deletedAt;
    rows.push({
      ...before,
      ...(deletedAt !== undefined && { deletedAt }),
      rolesRemoved: before.roles.filter((role) => did(`remove-role ${role.id}`)),
      licensesRemoved: before.licenses.filter((license) => removedGroups.has(license.group)),
    });
  }
  return rows;
}

/** How much later than the report's `deletedAt` the user's deletion may be and still be that run's (clocks differ). */
const sameDeletionMs = 10 * 60 * 1000;

/**
 * Before a restore is first sent: the user must still be deleted, by the run undone — not restored
 * since, nor deleted again by another run (its softDeletionTime well after the report's deletedAt).
 */
async function checkDeletedByThisRun(row: UndoRow, user: { readonly state?: string | null; readonly softDeletionTime?: string | null }): Promise<void> {
  if (user.state === "active") throw new StepFailed("restore", new Error("the user is active again (restored since the offboarding): not undone — check it"));
  const deleted = Date.parse(user.softDeletionTime ?? "");
  if (Number.isFinite(deleted) && deleted - Date.parse(row.deletedAt ?? "") > sameDeletionMs) {
    throw new StepFailed("restore", new Error(`the user was deleted again at ${user.softDeletionTime}, after this offboarding (${row.deletedAt}): not undone — undo the later run's report instead`));
  }
}

/**
 * An offboarding is undone once: its first undo records its report beside it (`<report>.undone`);
 * the same undo report continues, another (or none) is refused — it would restore again users
 * offboarded since by another run.
 */
function linkUndo(undone: string, report: string | undefined): void {
  linkOnce(`${undone}.undone`, report, (earlier) => {
    const how = earlier === null ? "with its report on stdout, which is never continued" : `with --report ${earlier}`;
    const what = earlier === null ? `it is not undone again (if that undo sent nothing, remove ${undone}.undone and undo with --report <file>)` : `to finish that undo, run it again with --report ${earlier}`;
    return `${undone} was undone before ${how}: undoing it again would restore users offboarded since — ${what}; nothing was sent`;
  }, `if you know the undo's report, give it with --report; nothing else undoes ${undone} again`);
}

export async function runUndoOffboard(undone: string, options: UndoOffboardOptions, terminal: Terminal): Promise<number> {
  checkTarget(options);
  if (options.correlationId !== undefined && !isGuid(options.correlationId)) throw new UsageError("--correlation-id must be a GUID");
  checkNotInput(undone, options.report);
  if (options.report === undefined) checkStdoutReport();
  const made = options.report !== undefined && statOf(options.report) === undefined ? options.report : undefined;
  if (made !== undefined) createReport(made);
  // The report undone is locked too: not while its offboarding still runs.
  const locks = JournalLocks.acquire([undone, ...(options.report === undefined ? [] : [options.report])]);
  try {
    await refuseOtherJob(options.report, "offboard-undo");
    const rows = await undoRows(undone);
    if (rows.length === 0) throw new UsageError(`${undone} records no user offboarded: nothing to undo; nothing was sent`);
    const token = await resolveToken(options, terminal);
    const { journal, report } = await openDestination({ report: options.report }, terminal);
    try {
      linkUndo(undone, options.report); // once the usage checks are past: a refused undo does not tie the report
    } catch (error) {
      report.close();
      throw error;
    }
    const controller = new AbortController();
    const signal = controller.signal;
    const stopListening = abortOnInterrupt(controller, () => terminal.say("interrupted: stopping; rows not finished are reported as cancelled (Ctrl-C again to quit at once)"));
    const target = await openTarget(options, (line) => terminal.say(line), signal).catch((error: unknown) => {
      stopListening();
      throw error;
    });
    try {
      const client = connect({ token, baseUrl: target.baseUrl, verbose: options.verbose === true, timeoutMs: options.timeout, maxRetries: options.maxRetries }, terminal);
      const correlationId = options.correlationId ?? randomUUID();
      const context = { report, journal, signal, correlationId };
      const undo = async (row: UndoRow) => {
        const base = { line: row.line, job: undoJob, customerId: row.customerId, userGiven: row.userGiven, userId: row.userId };
        const step = (name: string, ids: Record<string, unknown> = {}) => ({ key: offboardKey(row.customerId, row.userGiven, `undo ${name}`), kind: name.split(" ")[0]!, base: { ...base, ...ids } });
        const customer = client.customers.byId(row.customerId);
        const user = customer.users.byId(row.userId);
        if (row.deletedAt !== undefined) {
          if (Date.now() - Date.parse(row.deletedAt) > restorableMs) throw new StepFailed("restore", new Error(`deleted at ${row.deletedAt}, more than 30 days ago: it can no longer be restored`));
          const active = async () => (await user.get({ signal })).state === "active";
          if (context.journal?.changes.get(step("restore").key) === undefined) await checkDeletedByThisRun(row, await user.get({ signal }));
          await exactlyOnce(context, step("restore"), active, async (requestId) => void (await user.patch({ state: "active" }, { signal, requestId, correlationId })));
        }
        for (const role of [...row.rolesRemoved].reverse()) {
          const held = async () => (await user.roles.list({ signal })).some((found) => found.id === role.id);
          const member = { id: row.userId, displayName: row.displayName, userPrincipalName: row.userPrincipalName };
          await exactlyOnce(context, step(`role ${role.id}`, { role: role.name }), held, async (requestId) => void (await customer.directoryRoles.byId(role.id).members.add(member, { signal, requestId, correlationId })));
        }
        const groups = [...new Set(row.licensesRemoved.map((license) => license.group))];
        for (const group of groups) {
          const skuIds = row.licensesRemoved.filter((license) => license.group === group).map((license) => license.skuId);
          const held = async () => {
            const holding = new Set((await user.licenses.list({ groups: ["Group1", "Group2"], signal })).map((license) => license.productSku.id));
            return skuIds.every((id) => holding.has(id));
          };
          await exactlyOnce(context, step(`licenses ${group} ${[...skuIds].sort().join(",")}`, { skus: skuIds }), held, async (requestId) => void (await user.licenses.assign(skuIds, { signal, requestId, correlationId })));
        }
        return { userId: row.userId, userPrincipalName: row.userPrincipalName, restored: row.deletedAt !== undefined, roles: row.rolesRemoved.length, licenses: row.licensesRemoved.length };
      };
      return await runRows(rows, context, options, terminal, controller, undo, { done: "restored", job: undoJob });
    } finally {
      stopListening();
      report.close();
      await target.close();
    }
  } finally {
    if (made !== undefined) removeIfEmpty(made); // a run refused before its first entry leaves no report behind
    locks.release();
  }
}
