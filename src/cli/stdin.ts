// Secrets come in on stdin, never on the command line (argv shows in `ps` and shell history).
// Stdin can be read once per run, so the options that read it exclude each other.
import { text } from "node:stream/consumers";
import { UsageError } from "./usage-error.js";

/** Refuses two stdin readers at once, before anything is read. */
export function checkOneStdinReader(readers: Readonly<Record<string, boolean | undefined>>): void {
  const given = Object.entries(readers).filter(([, reads]) => reads).map(([option]) => option);
  if (given.length > 1) {
    throw new UsageError(`only one option can read stdin, not ${given.join(" and ")} (the token can come from PARTNER_CENTER_TOKEN)`);
  }
}

/** All of stdin, for `option`; refused on a terminal, where a typed secret would show. */
export async function readStdin(option: string): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError(`${option} reads a pipe, e.g. printf '%s' "$SECRET" | partner-center-users … ${option}`);
  return text(process.stdin);
}

/** The line break a shell or an editor adds at the end is not part of the secret. */
export function withoutFinalNewline(value: string): string {
  return value.replace(/\r?\n$/, "");
}
