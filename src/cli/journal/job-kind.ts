// Which kind of job wrote a report. Each bulk command journals into its own report and reads only
// its own entries back, so one given another kind's report would append to it and misread it (a
// create-many rerun finding none of its steps there, an undo restoring from the wrong entries).
// Entries say their kind: offboard-many's and its undo's carry `job`, create-many's a `step`
// (create, licenses, role), update-many's (and its undo's) neither.
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { UsageError } from "../run-end.js";
import { statOf } from "./destination.js";

export type JobKind = "update-many" | "create-many" | "offboard-many" | "offboard-undo";

const words: Readonly<Record<JobKind, string>> = {
  "update-many": "update-many (or its undo)",
  "create-many": "create-many",
  "offboard-many": "offboard-many",
  "offboard-undo": "an undo of an offboard-many report",
};

function kindOf(entry: Record<string, unknown>): JobKind | undefined {
  if (entry["job"] === "offboard") return "offboard-many";
  if (entry["job"] === "offboard-undo") return "offboard-undo";
  if (typeof entry["step"] === "string") return "create-many";
  return undefined;
}

/** The kind of job whose entries a report holds; undefined when it holds none (missing, empty, not a file). */
export async function reportJob(path: string): Promise<JobKind | undefined> {
  if (statOf(path)?.isFile() !== true) return undefined;
  let entries = 0;
  for await (const source of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
    let entry: unknown;
    try {
      entry = JSON.parse(source);
    } catch {
      continue; // a line torn by a kill
    }
    if (entry === null || typeof entry !== "object") continue;
    entries++;
    const kind = kindOf(entry as Record<string, unknown>);
    if (kind !== undefined) return kind;
  }
  return entries > 0 ? "update-many" : undefined;
}

/** Refuses a --report holding another kind of job's entries, naming that kind; before anything is sent. */
export async function refuseOtherJob(report: string | undefined, mine: JobKind): Promise<void> {
  if (report === undefined) return;
  const kind = await reportJob(report);
  if (kind === undefined || kind === mine) return;
  throw new UsageError(`${report} holds the report of ${words[kind]}, not of ${words[mine]}: give this run its own --report (a new file); nothing was sent`);
}


