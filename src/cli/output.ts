// Everything the CLI prints goes through here: data (JSON) on stdout, messages on stderr, both
// scrubbed of known secrets. Lines are written synchronously on files and pipes, so nothing
// already reported is lost if the process is interrupted.
import { scrub } from "./secrets.js";

export const programName = "partner-center-users";

export function printJson(value: unknown): void {
  process.stdout.write(`${scrub(JSON.stringify(value, null, 2))}\n`);
}

/** A line on stderr for the person running the program. */
export function say(line: string, extraSecrets: readonly string[] = []): void {
  process.stderr.write(`${scrub(line, extraSecrets)}\n`);
}

/** One readable error line on stderr. */
export function sayError(message: string): void {
  say(`${programName}: ${message}`);
}
