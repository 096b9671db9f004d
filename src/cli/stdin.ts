// What the CLI reads from stdin: secrets (never from argv, which shows in `ps` and shell history)
// and a bulk run's rows. Stdin can be read once per run, and never from a terminal, where a typed
// secret would show.
import { buffer, text } from "node:stream/consumers";
import { programName, UsageError } from "./run-end.js";

/** Refuses two options that would both read stdin, before anything is read. */
export function checkOneStdinReader(readers: Readonly<Record<string, boolean | undefined>>): void {
  const given = Object.entries(readers).filter(([, reads]) => reads).map(([option]) => option);
  if (given.length > 1) {
    throw new UsageError(`only one option can read stdin, not ${given.join(" and ")} (the token can come from PARTNER_CENTER_TOKEN)`);
  }
}

/** All of stdin, for `option`; refused on a terminal. */
export async function readStdin(option: string): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError(`${option} reads a pipe, e.g. printf '%s' "$SECRET" | ${programName} … ${option}`);
  return text(process.stdin);
}

/** All of stdin as bytes (a file piped in, decoded by its reader), for `what`; refused on a terminal. */
export async function readStdinBytes(what: string): Promise<Buffer> {
  if (process.stdin.isTTY) throw new UsageError(`${what} reads a pipe or a redirected file, e.g. ${programName} update-many - < users.csv`);
  return buffer(process.stdin);
}

/** The line break a shell or an editor adds at the end is not part of the secret. */
export function withoutFinalNewline(value: string): string {
  return value.replace(/\r?\n$/, "");
}
