// The mock's life cycle, in one place: starts the pinned Prism CLI (`prism mock`, or `prism proxy`
// for live mode) as a child process on a free loopback port, and stops it, by its pid, leaving
// nothing running. Its users: the CLI's --mock (src/cli/connection.ts), `npm start` and `npm run
// mock` (scripts/), the contract tests' global setup and live mode, and the CLI tests.
//
// Why here, in src/cli: the CLI is the one user that ships, and src/ must not depend on scripts/;
// scripts and tests may import from src/. It stays out of the library (tsconfig.build.json leaves
// src/cli out; esbuild bundles it into dist/cli.js, @stoplight/prism-cli kept external), and it
// imports node builtins only — nothing of the CLI but child-env.ts (itself builtins only) — so
// scripts and tests load it alone.
// Prism is resolved from this file's location (import.meta.url), not the working directory: under
// tsx that is src/cli/, bundled it is dist/; both find the package's own node_modules.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { childEnvironment } from "./child-env.js";

export interface PrismOptions {
  readonly specPath: string;
  readonly mode: "mock" | "proxy";
  /** The real server, for mode "proxy". */
  readonly upstream?: string | undefined;
  /** Default: a free port the operating system picks (Prism is started with `-p 0`). */
  readonly port?: number | undefined;
  /** Aborting it while Prism starts stops Prism and rejects (Ctrl-C during start-up). */
  readonly signal?: AbortSignal | undefined;
}

export interface PrismServer {
  /** Where Prism listens, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  readonly url: string;
  readonly pid: number;
  /** Everything Prism has printed so far (stdout and stderr, without colours). */
  log(): string;
  /** Stops this Prism (SIGTERM, then SIGKILL after a grace period) and waits until it has exited. */
  stop(): Promise<void>;
  /** Settles, with how it ended, if Prism exits without being stopped: a mock that died must be said so. */
  readonly died: Promise<string>;
}

/**
 * Loaded into Prism's own process: it exits when its stdin — a pipe from the process that started
 * it — closes, which happens however that process ends, kill -9 included. So no Prism outlives the
 * command that started it.
 */
const exitWithParent = `data:text/javascript,${encodeURIComponent("process.stdin.on('end',()=>process.exit(0)).on('error',()=>process.exit(0)).resume();")}`;

const readyTimeoutMs = 30_000;
const stopGraceMs = 3_000;
const maxLogChars = 1_000_000;

/** The Prism CLI entry point, from the pinned @stoplight/prism-cli's own package.json. */
export function prismBin(): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve("@stoplight/prism-cli/package.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { bin: string | Record<string, string> };
  const bin = typeof manifest.bin === "string" ? manifest.bin : manifest.bin["prism"];
  if (!bin) throw new Error(`@stoplight/prism-cli at ${dirname(manifestPath)} declares no "prism" bin`);
  return join(dirname(manifestPath), bin);
}

export async function startPrism(options: PrismOptions): Promise<PrismServer> {
  if (options.mode === "proxy" && !options.upstream) throw new Error('startPrism: mode "proxy" needs an upstream URL');
  const args = ["--import", exitWithParent, prismBin(), options.mode, options.specPath];
  if (options.mode === "proxy") args.push(options.upstream as string);
  // -p 0: the operating system picks a free port and Prism prints it, so there is no race for it.
  args.push("-h", "127.0.0.1", "-p", String(options.port ?? 0), "--errors", "false");

  const child = spawn(process.execPath, args, {
    stdio: ["pipe", "pipe", "pipe"],
    env: childEnvironment(process.env, { NO_COLOR: "1", FORCE_COLOR: "0" }),
  });
  if (child.pid === undefined) {
    // spawn reports its own failure asynchronously, as an 'error' event.
    const error = await new Promise<Error>((resolve) => child.once("error", resolve));
    throw new Error(`Prism could not be started: ${error.message}`);
  }
  const pid = child.pid;
  track(child);

  // The most recent output, in chunks so that dropping the oldest costs nothing per request.
  const chunks: string[] = [];
  let outputChars = 0;
  const append = (chunk: Buffer) => {
    const text = chunk.toString("utf8").replace(ansiEscape, "");
    chunks.push(text);
    outputChars += text.length;
    while (outputChars > maxLogChars && chunks.length > 1) outputChars -= chunks.shift()?.length ?? 0;
  };
  const output = () => chunks.join("");
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  child.on("error", (error) => append(Buffer.from(`\n[startPrism] ${error.message}\n`)));
  // 'close', not 'exit': by then Prism's last words have been read from its pipes.
  const exited = new Promise<void>((resolve) => child.once("close", () => resolve()));
  let stopping = false;
  const died = new Promise<string>((resolve) =>
    child.once("close", (code: number | null, signal: NodeJS.Signals | null) => {
      if (!stopping) resolve(signal ?? `exit code ${String(code)}`);
    }),
  );

  const stop = async (): Promise<void> => {
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const grace = setTimeout(() => child.kill("SIGKILL"), stopGraceMs);
      await exited;
      clearTimeout(grace);
    }
    untrack(child);
  };

  const url = await new Promise<string>((resolve, reject) => {
    const fail = (why: string) => {
      cleanup();
      void stop().then(() => reject(new Error(`Prism ${options.mode} ${why}. Prism's output:\n${output() || "(none)"}`)));
    };
    const onData = () => {
      const match = /Prism is listening on (http:\/\/[^\s]+)/.exec(output());
      if (match?.[1]) {
        cleanup();
        resolve(match[1].replace(/\/+$/, ""));
      }
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      fail(`exited before it was ready (${signal ?? `exit code ${String(code)}`})`);
    const timer = setTimeout(() => fail(`was not ready within ${readyTimeoutMs / 1000} s`), readyTimeoutMs);
    const onAbort = () => {
      cleanup();
      void stop().then(() => reject(options.signal?.reason ?? new Error("aborted")));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.off("close", onExit);
      options.signal?.removeEventListener("abort", onAbort);
    };
    child.stdout?.on("data", onData);
    child.once("close", onExit);
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener("abort", onAbort, { once: true });
  });

  return { url, pid, log: output, stop, died };
}

// Matches the colour codes Prism prints when a terminal is attached despite NO_COLOR.
const ansiEscape = /\x1b\[[0-9;]*m/g;

// Every Prism this process started and has not stopped yet: killed when the process exits or is
// interrupted, so an aborted run leaves nothing behind.
const running = new Set<ChildProcess>();
const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

function killAll(): void {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  running.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  killAll();
  removeHandlers();
  // If nobody else handles the signal, behave as if we had not caught it: die of it.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function addHandlers(): void {
  process.on("exit", killAll);
  for (const signal of signals) process.on(signal, onSignal);
}

function removeHandlers(): void {
  process.off("exit", killAll);
  for (const signal of signals) process.off(signal, onSignal);
}

function track(child: ChildProcess): void {
  if (running.size === 0) addHandlers();
  running.add(child);
}

function untrack(child: ChildProcess): void {
  if (running.delete(child) && running.size === 0) removeHandlers();
}

/** Whether a process with this pid still exists (signal 0 checks without sending anything). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
