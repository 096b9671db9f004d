// The terminal: a run's output — data (JSON, CSV, tables) on stdout, messages on stderr — through
// one Terminal per run, made by main.ts, which holds that run's secrets (its token, the passwords
// it sends) and scrubs them by value from every line, in any form a server may echo them in, after
// structured output has already been redacted by key (redactBody), and then makes the line
// printable (printable.ts): server- and token-supplied text can hold escape sequences, newlines and
// bidi overrides, which are shown escaped, never obeyed. How it waits for a slow reader or stops
// writing to a gone one is streams.ts's. No module-level state: each run has its own.
import { redactBody, scrub } from "../redact.js";
import { printable, printableJson, table } from "./printable.js";
import { programName } from "./run-end.js";
import { drained, failureOf, needsDrain, usable, watch, type Streams } from "./streams.js";

/** One run's output, and the secrets of that run it must never print. */
export class Terminal {
  readonly streams: Streams;
  readonly #secrets: string[] = [];

  constructor(streams: Streams = { stdout: process.stdout, stderr: process.stderr }) {
    this.streams = streams;
    watch(streams.stdout);
    watch(streams.stderr);
  }

  /** From now on `secret` (the run's token, a password it sends) is scrubbed from all it prints. */
  hide(secret: string | undefined): void {
    // Secrets shorter than the library's minSecretLength are not searched for (redact.ts says why).
    if (secret !== undefined) this.#secrets.push(secret);
  }

  /** `text` without this run's secrets, nor those in `also` (a bulk row's own password). */
  scrub(text: string, also: readonly string[] = []): string {
    return scrub(text, [...this.#secrets, ...also]);
  }

  /** `text` scrubbed (first: a secret must be matched as it is) and made one printable line. */
  line(text: string, also: readonly string[] = []): string {
    return printable(this.scrub(text, also));
  }

  /** Writes text already scrubbed and printable, and a newline. */
  #write(stream: NodeJS.WritableStream, text: string): void {
    if (usable(stream)) stream.write(`${text}\n`);
  }

  /** A line of text on stdout, every control character in it escaped. */
  out(line: string, also: readonly string[] = []): void {
    this.#write(this.streams.stdout, this.line(line, also));
  }

  /** A value as JSON on stdout (pretty, or one line with `indent` 0), every password redacted by key first. */
  printJson(value: unknown, indent = 2): void {
    this.#write(this.streams.stdout, this.jsonLine(value, [], indent));
  }

  /** A value as JSON text, redacted by key, scrubbed, unsafe characters as \u escapes (the same value to a reader). */
  jsonLine(value: unknown, also: readonly string[] = [], indent = 0): string {
    return printableJson(this.scrub(JSON.stringify(redactBody(value), null, indent), also));
  }

  /** Rows of cells (a header first) as aligned columns on stdout. */
  printTable(rows: readonly (readonly string[])[]): void {
    for (const row of table(rows.map((cells) => cells.map((cell) => this.scrub(cell))))) this.#write(this.streams.stdout, row);
  }

  /**
   * A line of CSV on stdout. CSV is data: to a file or a pipe it is written exactly (update-many
   * takes it back, a value with a newline in a quoted cell included); to a terminal, where nobody
   * will read it back, it is escaped like any other text.
   */
  outCsv(line: string): void {
    if (this.streams.stdout.isTTY === true) this.out(line);
    else this.#write(this.streams.stdout, this.scrub(line));
  }

  /**
   * A line on stderr for the person running the program. Once stderr's reader has gone away
   * (`2>&1 >/dev/null | head`), lines are dropped and the run goes on: the report is its record.
   */
  say(line: string, also: readonly string[] = []): void {
    this.#write(this.streams.stderr, this.line(line, also));
  }

  /** One readable error line on stderr. */
  sayError(message: string): void {
    this.say(`${programName}: ${message}`);
  }

  /** Why stdout can no longer be written (its reader went away, as `| head -1` does), if it cannot. */
  get outputFailure(): Error | undefined {
    return failureOf(this.streams.stdout);
  }

  /** Whether printed lines wait in memory for a slow reader of stdout or stderr. */
  get backlogged(): boolean {
    return needsDrain(this.streams.stdout) || needsDrain(this.streams.stderr);
  }

  /** Until the readers have taken what waits (or `signal` aborts, or a stream fails or closes). */
  async room(signal?: AbortSignal): Promise<void> {
    for (const stream of [this.streams.stdout, this.streams.stderr]) {
      if (needsDrain(stream)) await drained(stream, signal);
    }
  }
}
