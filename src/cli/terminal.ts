// The terminal: everything between one run of the program and the person who started it.
// - Out: data (JSON) on stdout, messages on stderr, the bulk run's progress, --verbose lines, a
//   failure as one line. All of it goes through the run's Terminal, made once per run by main.ts,
//   which holds that run's secrets (its token, the passwords it sends) and scrubs them by value
//   from every line, in any form a server may echo them in, after structured output has already
//   been redacted by key (the library's redactBody), and then makes it printable (printable.ts):
//   server- and token-supplied text can hold escape sequences, newlines and bidi overrides, which
//   are shown escaped, never obeyed. No module-level state: each run has its own.
// - In: secrets from stdin (never from argv, which shows in `ps` and shell history), and Ctrl-C.
// - How a run ends: the exit codes, and a UsageError (one line, exit 2, nothing sent), which every
//   other module may throw — so it lives here, in the module they all import, not in main.ts.
// Lines go to files and terminals synchronously, but to a pipe (`2>&1 | tee log`, a CI runner, a
// parent process) asynchronously: what its reader has not taken yet waits in memory. A loop that
// prints per row waits for `room` when it has to, so a slow reader slows the run instead of
// growing it (a million-row run read slowly peaked at 795 MiB before). A stream whose reader went
// away is written no more: the run goes on (stderr) or stops on its own terms (stdout).
import cliProgress from "cli-progress";
import { buffer, text } from "node:stream/consumers";
import { PartnerCenterCredentialError, PartnerCenterError, redactBody, redactHeaders, scrubSecrets, type PartnerCenterLogEntry } from "../index.js";
import { partnerCenterHint } from "./auth/hints.js";
import { printable, printableJson, table } from "./printable.js";

export const programName = "partner-center-users";

/** How a run ends (README "Exit codes"; `--help` says the same). */
export const exitCode = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

/** A mistake in how the program was called: reported as one line, exit code 2, nothing sent. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** Ctrl-C before there was anything to report (while the mock started): exit 130, one line. */
export class InterruptedError extends Error {
  override readonly name = "InterruptedError";
}

// ---- Printing, secrets scrubbed ---------------------------------------------------------------


/** Where a run writes: the process's stdout and stderr, or a test's stand-ins. */
export interface Streams {
  readonly stdout: NodeJS.WritableStream & { readonly isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean };
}

// Streams that failed (their reader went away: EPIPE): nothing more is written to them, and nobody
// waits for them to drain. Node's stdio streams stay "not destroyed" after an EPIPE, still wanting
// a drain that never comes, so a failure is remembered here; one listener per stream, however many
// runs share it.
const failedStreams = new WeakMap<object, Error>();
const watchedStreams = new WeakSet<object>();
function watch(stream: NodeJS.WritableStream): void {
  if (watchedStreams.has(stream) || typeof stream.on !== "function") return;
  watchedStreams.add(stream);
  stream.on("error", (error: Error) => failedStreams.set(stream, error));
}
const usable = (stream: NodeJS.WritableStream): boolean => !failedStreams.has(stream);
const needsDrain = (stream: NodeJS.WritableStream): boolean => usable(stream) && (stream as { writableNeedDrain?: boolean }).writableNeedDrain === true;

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
    // Secrets shorter than the library's minSecretLength are not searched for (scrubSecrets says why).
    if (secret !== undefined) this.#secrets.push(secret);
  }

  /** `text` without this run's secrets, nor those in `also` (a bulk row's own password). */
  scrub(text: string, also: readonly string[] = []): string {
    return scrubSecrets(text, [...this.#secrets, ...also]);
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
    return failedStreams.get(this.streams.stdout);
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

/** Resolves on the stream's next drain, close or error, or the signal's abort — listening no longer. */
function drained(stream: NodeJS.WritableStream, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const events = ["drain", "close", "error"] as const;
    const settle = () => {
      for (const event of events) stream.off(event, settle);
      signal?.removeEventListener("abort", settle);
      resolve();
    };
    for (const event of events) stream.on(event, settle);
    signal?.addEventListener("abort", settle);
    if (signal?.aborted) settle();
  });
}

// ---- A failure in one line --------------------------------------------------------------------

/** A failed update, for stderr and as the bulk report's `error`: what Microsoft support asks for. */
export interface ErrorSummary {
  readonly status?: number;
  readonly code?: string | number;
  readonly description: string;
  readonly requestId?: string;
  readonly correlationId?: string;
  /** The error's class, when it says more than the status (a timeout, a network failure). */
  readonly kind?: string;
}

export function summarizeError(error: unknown): ErrorSummary {
  if (error instanceof PartnerCenterError) {
    // A sign-in that failed mid-run (auth/sign-in-error.ts, a UsageError) says what to do; the
    // client keeps it as the cause and does not quote it, so it is added here.
    const signIn = error instanceof PartnerCenterCredentialError && error.cause instanceof UsageError ? `: ${error.cause.message}` : "";
    return {
      ...(error.status !== undefined && { status: error.status }),
      ...(error.code !== undefined && { code: error.code }),
      // The library's message ends with `[MS-RequestId …]`; the line below names the ids once.
      description: `${error.description ?? error.message.replace(` [MS-RequestId ${error.requestId}]`, "")}${signIn}`,
      ...(error.requestId !== undefined && { requestId: error.requestId }),
      ...(error.correlationId !== undefined && { correlationId: error.correlationId }),
      // Without a status the class is what tells a timeout from a network failure.
      ...(error.status === undefined && { kind: error.name }),
    };
  }
  return { description: error instanceof Error ? error.message : String(error) };
}

/**
 * e.g. `404, code 60002: User object ID not found. (request id 1b…, correlation id 8a…)`; a 401 or
 * 403 ends with what to do (auth/hints.ts): `… — sign in with multi-factor authentication — …`.
 */
export function errorLine(summary: ErrorSummary): string {
  const head = [summary.status, summary.kind].filter((part) => part !== undefined).join(" ");
  const code = summary.code === undefined ? "" : `code ${summary.code}`;
  const prefix = [head, code].filter(Boolean).join(", ");
  const ids = [
    summary.requestId && `request id ${summary.requestId}`,
    summary.correlationId && `correlation id ${summary.correlationId}`,
  ].filter(Boolean);
  const oneLine = summary.description.replace(/\s+/g, " ").trim();
  const hint = partnerCenterHint(summary.status, summary.code);
  return `${prefix ? `${prefix}: ` : ""}${oneLine}${ids.length ? ` (${ids.join(", ")})` : ""}${hint ? ` — ${hint}` : ""}`;
}

// ---- --verbose --------------------------------------------------------------------------------

/** The library's marker for a hidden value, so the token's place in a --verbose line reads the same. */
const redacted = redactHeaders({ authorization: "" })["authorization"] as string;

/**
 * One stderr line per attempt, answer and retry, from the client's log hook, which hands over
 * headers and bodies already redacted (every password replaced, Authorization absent).
 */
export function formatLogEntry(entry: PartnerCenterLogEntry): string {
  switch (entry.type) {
    case "request": {
      // The client adds the token beneath its log; say that it is sent without showing it.
      const headers = { ...entry.headers, authorization: `Bearer ${redacted}` };
      const body = entry.body === undefined ? "" : ` ${JSON.stringify(entry.body)}`;
      return `→ #${entry.attempt} ${entry.method} ${entry.url} ${JSON.stringify(headers)}${body}`;
    }
    case "response":
      return `← #${entry.attempt} ${entry.status} ${JSON.stringify(entry.headers)}`;
    case "retry":
      return `↻ #${entry.attempt} ${entry.reason}: retrying in ${entry.delayMs} ms (request id ${entry.requestId ?? "none"})`;
    case "throttle":
      return `⏸ #${entry.attempt} throttled (${entry.reason === "paused" ? "a 429's Retry-After" : "rate"}${entry.customerId ? `, customer ${entry.customerId}` : ""}): waiting ${entry.delayMs} ms (request id ${entry.requestId ?? "none"})`;
    case "invalid-response":
      return `⚠ ${entry.status} answer off the spec, used anyway: ${entry.issues.map((issue) => `${issue.path} ${issue.message}`).join("; ")} (request id ${entry.requestId ?? "none"})`;
  }
}

// ---- Progress of a bulk run -------------------------------------------------------------------

export interface Progress {
  /** A row is done: `ok` says whether it counts as a success, `text` describes it. */
  rowDone(line: number, ok: boolean, text: string, secrets?: readonly string[]): void;
  /** A message that is not about one row. */
  note(text: string): void;
  stop(): void;
}

/**
 * A bar on a terminal, with each problem row logged above it; one plain line per row otherwise
 * (CI logs, pipes), so a log shows what happened to every row.
 */
export function createProgress(terminal: Terminal, total: number, interactive = terminal.streams.stderr.isTTY === true): Progress {
  return interactive ? barProgress(terminal, total) : lineProgress(terminal, total);
}

function lineProgress(terminal: Terminal, total: number): Progress {
  let done = 0;
  const width = String(total).length;
  return {
    rowDone(line, _ok, text, secrets) {
      done += 1;
      terminal.say(`[${String(done).padStart(width)}/${total}] line ${line}: ${text}`, secrets);
    },
    note: (text) => terminal.say(text),
    stop() {},
  };
}

function barProgress(terminal: Terminal, total: number): Progress {
  const bars = new cliProgress.MultiBar(
    {
      format: " {bar} {value}/{total} rows | {failed} not ok | ETA {eta_formatted}",
      hideCursor: true,
      clearOnComplete: false,
      stream: terminal.streams.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  let failed = 0;
  const bar = bars.create(total, 0, { failed });
  return {
    rowDone(line, ok, text, secrets) {
      // Problems are printed above the bar (MultiBar.log needs its own newline); successes only move it.
      if (!ok) bars.log(`${terminal.line(`line ${line}: ${text}`, secrets)}\n`);
      if (!ok) failed += 1;
      bar.increment(1, { failed });
    },
    note: (text) => bars.log(`${terminal.line(text)}\n`),
    stop() {
      bars.update(); // prints lines still waiting in the log buffer; stop() alone drops them
      bars.stop();
    },
  };
}

// ---- In: stdin and Ctrl-C ---------------------------------------------------------------------

/** Stdin can be read once per run: refuses two options that would read it, before anything is read. */
export function checkOneStdinReader(readers: Readonly<Record<string, boolean | undefined>>): void {
  const given = Object.entries(readers).filter(([, reads]) => reads).map(([option]) => option);
  if (given.length > 1) {
    throw new UsageError(`only one option can read stdin, not ${given.join(" and ")} (the token can come from PARTNER_CENTER_TOKEN)`);
  }
}

/** All of stdin, for `option`; refused on a terminal, where a typed secret would show. */
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

/**
 * Ctrl-C (or SIGTERM) stops a run cleanly: the first one aborts what is in flight and lets the run
 * write what finished and stop the mock; a second one exits at once. Returns the way to stop listening.
 */
export function abortOnInterrupt(controller: AbortController, onFirst: () => void = () => {}): () => void {
  const handler = () => {
    if (controller.signal.aborted) process.exit(exitCode.interrupted);
    onFirst();
    controller.abort(new Error("interrupted"));
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  return () => {
    process.off("SIGINT", handler);
    process.off("SIGTERM", handler);
  };
}
