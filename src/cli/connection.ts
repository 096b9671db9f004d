// Where updates go, and with what: the target (--base-url, by default the client's, the real
// Partner Center; or --mock, the embedded Prism mock of the spec started for this run only and
// stopped afterwards), the credential (auth/methods.ts: --auth or the search order — a token from
// PARTNER_CENTER_TOKEN or --token-stdin, or one that refreshes itself — every secret handed to the
// run's Terminal to hide), and the typed client made from them (with --verbose, one line per attempt).
// Also the package itself (its root, version and spec), which the CLI finds by walking up from this
// file: it runs as src/cli/*.ts under tsx and as the bundled dist/cli.js, so a path relative to the
// file differs between the two. The mock's life cycle itself is in mock-server.ts.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createPartnerCenterClient, PartnerCenterArgumentError, type Credential } from "../index.js";
import { refuseExpired, refuseWithoutMfa, signIn, type AuthOptions } from "./auth/methods.js";
import { failureLine, formatLogEntry } from "./messages.js";
import { abortOnInterrupt, exitCode, InterruptedError, UsageError } from "./run-end.js";
import type { Terminal } from "./terminal.js";

// ---- The package ------------------------------------------------------------------------------

const packageName = "partner-center-users";

function readManifest(path: string): { name?: string; version?: string } {
  return JSON.parse(readFileSync(path, "utf8")) as { name?: string; version?: string };
}

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && readManifest(manifest).name === packageName) return dir;
    if (dirname(dir) === dir) throw new Error(`cannot find the ${packageName} package above ${start}`);
  }
}

const packageRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

export const packageVersion = readManifest(join(packageRoot, "package.json")).version ?? "0.0.0";

/** The spec the embedded mock serves (PARTNER_CENTER_SPEC swaps in another, as for the scripts). */
const specPath = process.env["PARTNER_CENTER_SPEC"] ?? join(packageRoot, "openapi/partner-center-users.yaml");

// ---- The target -------------------------------------------------------------------------------

export interface TargetOptions {
  readonly baseUrl?: string;
  readonly mock?: boolean;
}

export interface Target {
  /** undefined: the client's default, the real Partner Center. */
  readonly baseUrl: string | undefined;
  close(): Promise<void>;
}

export function checkTarget(options: TargetOptions): void {
  if (options.mock && options.baseUrl !== undefined) throw new UsageError("give --mock or --base-url, not both");
  // Not quoted: a URL can carry credentials.
  if (options.baseUrl !== undefined && !URL.canParse(options.baseUrl)) throw new UsageError("--base-url is not a URL");
}

/**
 * The target, with --mock the mock started. Ctrl-C (`signal`) while it starts stops it and throws
 * InterruptedError; a mock that dies later is said so, with its log, and the command ends (exit 1):
 * every request after would fail for a reason that is not Partner Center's.
 */
export async function openTarget(options: TargetOptions, log: (line: string) => void, signal?: AbortSignal): Promise<Target> {
  checkTarget(options);
  if (!options.mock) return { baseUrl: options.baseUrl, close: async () => {} };
  // The mock needs the spec and Prism, which a clone of the repository has (after npm ci) but an
  // installed package does not: say so rather than fail on a missing module.
  if (!existsSync(specPath)) throw new UsageError(`--mock needs the spec at ${specPath}: run it from a clone of the repository`);
  // Loaded only for --mock: most runs never need it.
  const { prismBin, startPrism } = await import("./mock-server.js");
  try {
    prismBin();
  } catch {
    throw new UsageError("--mock needs @stoplight/prism-cli, a development dependency: run npm ci in a clone of the repository");
  }
  let mock: Awaited<ReturnType<typeof startPrism>>;
  try {
    mock = await startPrism({ specPath, mode: "mock", signal });
  } catch (error) {
    if (signal?.aborted) throw new InterruptedError("interrupted while the mock was starting; nothing was sent");
    throw error;
  }
  log(`mock: Prism serving ${specPath} at ${mock.url} (pid ${mock.pid})`);
  void mock.died.then((how) => {
    log(`mock: Prism exited unexpectedly (${how}); its last words:`);
    for (const line of mock.log().trim().split("\n").slice(-15)) log(line); // a line each: every line printed is one line
    process.exit(exitCode.failed);
  });
  return { baseUrl: mock.url, close: () => mock.stop() };
}

// ---- The token --------------------------------------------------------------------------------

export const tokenVariable = "PARTNER_CENTER_TOKEN";

/**
 * The run's credential (docs/signing-in.md): the token as given (env), or a function that refreshes
 * it ahead of expiry; its first token already fetched, so a method that cannot sign in stops the
 * run (a UsageError) before anything is sent. Every token and secret met is hidden from all the run prints.
 */
export async function resolveToken(options: AuthOptions & { readonly verbose?: boolean | undefined; readonly timeout?: number | undefined }, terminal: Terminal): Promise<Credential> {
  const signedIn = await signIn(options, { hide: (secret) => terminal.hide(secret), warn: (line) => terminal.say(line), timeoutMs: options.timeout });
  refuseExpired(signedIn);
  // The mock takes any token.
  if (!options.mock) refuseWithoutMfa(signedIn);
  if (options.verbose) terminal.say(`auth: ${signedIn.method} (${signedIn.source})`);
  return signedIn.credential;
}

// ---- The client -------------------------------------------------------------------------------

/** Waits at least this long are announced on stderr. */
const longWaitMs = 5_000;
/** The client's own default per attempt (README, the client's options), for messages. */
export const defaultTimeoutMs = 30_000;

export type Client = ReturnType<typeof createPartnerCenterClient>;

export interface ConnectOptions {
  readonly token: Credential;
  readonly baseUrl: string | undefined;
  readonly verbose?: boolean;
  /** Per attempt (--timeout); default the client's. */
  readonly timeoutMs?: number | undefined;
  /** Retries after the first attempt (--max-retries); default the client's. */
  readonly maxRetries?: number | undefined;
  /** Say every retry on stderr, not just long waits: a command of one call is not left silent while it retries (a bulk run has its progress). */
  readonly sayRetries?: boolean;
}

/**
 * The typed client as the CLI uses it, with an application name Microsoft's logs can show. Throws a
 * PartnerCenterArgumentError (a usage error here) for a base URL the client refuses.
 */
export function connect(options: ConnectOptions, terminal: Terminal): Client {
  return createPartnerCenterClient({
    credential: options.token,
    baseUrl: options.baseUrl,
    applicationName: `partner-center-users-cli/${packageVersion}`,
    timeoutMs: options.timeoutMs,
    ...(options.maxRetries !== undefined && { retry: { maxRetries: options.maxRetries } }),
    log: (entry) => {
      if (options.verbose) terminal.say(formatLogEntry(entry));
      // A long wait the server asked for is said, not sat through in silence.
      else if (entry.type === "retry" && (entry.delayMs >= longWaitMs || options.sayRetries)) {
        const reason = entry.reason === "status 429" ? "throttled" : entry.reason === "timeout" ? `no answer within ${options.timeoutMs ?? defaultTimeoutMs} ms` : entry.reason;
        const wait = entry.delayMs >= 1000 ? `${Math.round(entry.delayMs / 1000)} s` : `${entry.delayMs} ms`;
        terminal.say(`${reason}: waiting ${wait} before retrying (request id ${entry.requestId ?? "none"})`);
      }
    },
  });
}

// ---- A session --------------------------------------------------------------------------------

export interface SessionOptions extends TargetOptions {
  readonly auth?: string;
  readonly tokenStdin?: boolean;
  readonly verbose?: boolean;
  /** --timeout: per attempt, in ms. */
  readonly timeout?: number;
  /** --max-retries. */
  readonly maxRetries?: number;
  /** --max-pages: the most pages a listing (list, a lookup by sign-in name) reads. */
  readonly maxPages?: number;
}

/** What a command that calls Partner Center works with: the client, and a signal Ctrl-C aborts. */
export interface Session {
  readonly client: Client;
  readonly signal: AbortSignal;
  /** Stops listening for Ctrl-C and stops the mock, if one was started. */
  close(): Promise<void>;
}

/** The credential, the target and the client, in that order, so a usage problem stops before a mock starts. */
export async function openSession(options: SessionOptions, terminal: Terminal): Promise<Session> {
  const token = await resolveToken(options, terminal);
  const controller = new AbortController();
  const stopListening = abortOnInterrupt(controller);
  let target: Target;
  try {
    target = await openTarget(options, (line) => terminal.say(line), controller.signal);
  } catch (error) {
    stopListening();
    throw error;
  }
  const close = async () => {
    stopListening();
    await target.close();
  };
  try {
    const client = connect({ token, baseUrl: target.baseUrl, verbose: options.verbose === true, timeoutMs: options.timeout, maxRetries: options.maxRetries, sayRetries: true }, terminal);
    return { client, signal: controller.signal, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Runs `work` with a session, mapping how it ends to an exit code: done, interrupted, or failed with
 * one line. A usage error found on the way (a SKU or role no one has) is rethrown: exit 2, as before sending.
 */
export async function inSession(options: SessionOptions, terminal: Terminal, work: (session: Session) => Promise<void>): Promise<number> {
  const session = await openSession(options, terminal);
  try {
    await work(session);
    return exitCode.ok;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    if (error instanceof PartnerCenterArgumentError) throw new UsageError(error.message);
    if (session.signal.aborted) return exitCode.interrupted;
    terminal.sayError(failureLine(error));
    return exitCode.failed;
  } finally {
    await session.close();
  }
}
