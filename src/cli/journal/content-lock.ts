// Two runs at once over the same rows — a copy of a plan applied beside the original, or one input
// run twice with two reports — each hold locks of their own files and would send every row twice.
// So a run that sends also locks its input's content: a lock in the config folder named by a digest
// of the bytes and the server they go to (the same rows sent to two servers are two jobs), held for
// the run (lock.ts). The embedded mock is started per run: nothing to guard there. Sequential runs
// of one content with a new report are a new job by design (an apply's plan is tied to its report:
// apply-link.ts). Rows read from stdin cannot be read twice to digest them first: not locked.
import { createHash } from "node:crypto";
import { createReadStream, mkdirSync } from "node:fs";
import { join } from "node:path";
import { configDir } from "../auth/private-file.js";
import { fileProblem } from "../messages.js";
import { UsageError } from "../run-end.js";
import type { LockTarget } from "./lock.js";

async function digestOf(path: string, server: string): Promise<string> {
  const digest = createHash("sha256").update(`${server}\n`);
  try {
    for await (const chunk of createReadStream(path)) digest.update(chunk as Buffer);
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${fileProblem(error)}; nothing was sent`);
  }
  return digest.digest("hex");
}

/** The lock of `input`'s content sent to `server` (--base-url, or "" for Partner Center), for JournalLocks.acquire; none for stdin. */
export async function contentLocksOf(input: string, server: string, env: NodeJS.ProcessEnv = process.env): Promise<LockTarget[]> {
  if (input === "-") return [];
  const folder = join(configDir(env), "running");
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new UsageError(`cannot make ${folder}, where runs lock what they send: ${fileProblem(error)}; nothing was sent`);
  }
  const busy = (who: string) => `${who} is running over the same content as ${input} (this file, or a copy of it, with another report): wait for it to end — two runs at once would send its rows twice`;
  return [{ path: join(folder, await digestOf(input, server)), busy }];
}
