// One step of a bulk job, sent exactly once across runs through the job's journal (journal/report.ts):
// a `sending` entry with the step's MS-RequestId flushed to disk before the request leaves, then its
// outcome. A step the journal records as done is skipped; one sent with its outcome unknown (a crash,
// kill -9, a timeout) is first read back — `happened()` — and re-sent with its first id only if it
// did not happen; after an answer, a new send gets a new id. create-many and offboard-many build
// their rows from these.
import { randomUUID } from "node:crypto";
import type { EntryWriter, Journal, ReportEntry, Sending } from "../journal/report.js";
import { summarizeError } from "../messages.js";

export interface StepJournal {
  readonly report: EntryWriter;
  readonly journal: Journal | undefined;
  readonly signal: AbortSignal;
}

export interface StepEntry {
  /** The step's row key (journal/row-keys.ts `digest`): the same step of the same user in any run. */
  readonly key: string;
  /** What the step is, as entries and messages name it. */
  readonly kind: string;
  /** The fields every entry of the step carries (line, customer, user…). */
  readonly base: Record<string, unknown>;
  /** Secrets of the row, scrubbed from what is written about it. */
  readonly secrets?: readonly string[];
}

/** A step that failed: which, why, and (a usage location never seen) how long it was waited for. */
export class StepFailed extends Error {
  constructor(
    readonly step: string,
    readonly error: unknown,
    readonly notSeen?: { readonly tries: number; readonly waitedMs: number },
  ) {
    super("step failed");
  }
}

/** Journal entries carry a step's fields beside the report's own. */
export const writeEntry = (journal: StepJournal, entry: Record<string, unknown>, secrets: readonly string[] = []) => journal.report.write(entry as unknown as ReportEntry, secrets);

/**
 * Runs one step exactly once across runs: skipped when done; when sent before with its outcome
 * unknown, `happened()` reads whether it did, and it is re-sent with the same id only if not.
 * `fresh`: a retry after an answer, which gets a new id whatever the journal says; `learnt`: what
 * its ok entry records beside the ids (a created user's id, when it was deleted).
 * Resolves with the number of requests it sent (0 or 1); rejects with a StepFailed.
 */
export async function exactlyOnce(
  journal: StepJournal,
  step: StepEntry,
  happened: () => Promise<boolean>,
  send: (requestId: string) => Promise<void>,
  { fresh = false, learnt = () => ({}) }: { fresh?: boolean; learnt?: () => Record<string, unknown> } = {},
): Promise<number> {
  const known = fresh ? undefined : journal.journal?.changes.get(step.key);
  const base = { ...step.base, key: step.key, step: step.kind };
  const write = (entry: Record<string, unknown>) => writeEntry(journal, entry, step.secrets);
  if (known?.done) return 0;
  if (known?.requestId !== undefined && (await happened())) {
    write({ ...base, ...learnt(), result: "ok", requestId: known.requestId, reconciled: true });
    return 0;
  }
  const requestId = known?.requestId ?? randomUUID();
  await journal.report.intend({ ...base, result: "sending", requestId } as unknown as Sending);
  try {
    await send(requestId);
  } catch (error) {
    if (journal.signal.aborted) write({ ...base, result: "cancelled", requestId });
    else write({ ...base, result: "failed", requestId, error: summarizeError(error) });
    throw new StepFailed(step.kind, error);
  }
  write({ ...base, ...learnt(), result: "ok", requestId });
  return 1;
}
