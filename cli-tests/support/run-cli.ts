// The built CLI, run as a separate process the way an operator runs it: `node dist/cli.js …`.
// Asynchronous on purpose: the fake server the CLI talks to lives in this same process.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";
import { isRunning } from "../../src/cli/mock-server.ts";

export const cliPath = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));
export const projectRoot = fileURLToPath(new URL("../../", import.meta.url));

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  /**
   * Added to a clean environment: no PARTNER_CENTER_TOKEN nor any other sign-in variable unless given
   * here, an empty login-cache folder, and a PATH of node's own folder only (so no `az` the machine
   * may have is found) unless PATH is given.
   */
  readonly env?: Readonly<Record<string, string>>;
  /** Written to the CLI's stdin, which is then closed. */
  readonly stdin?: string;
  /** A file descriptor the CLI's stdin reads from (as with `< file`), instead of a pipe. */
  readonly stdinFd?: number;
  /** A file descriptor the CLI's stdout goes to (as with `> file`), instead of a pipe. */
  readonly stdoutFd?: number;
  /** stderr into the same pipe as stdout, as `2>&1 | …` does (through /bin/sh). */
  readonly stderrToStdout?: boolean;
  /** Shell commands run first, in the shell that then becomes the CLI (e.g. `ulimit -f 8;`, through /bin/sh). */
  readonly shellBefore?: string;
}

/** Every variable sign-in reads (src/cli/auth/methods.ts), and the test-only network setting. */
const signInVariables = [
  "PARTNER_CENTER_TOKEN",
  "PARTNER_CENTER_AUTH",
  "PARTNER_CENTER_CLIENT_ID",
  "PARTNER_CENTER_TENANT",
  "PARTNER_CENTER_AUTHORITY_HOST",
  "PARTNER_CENTER_APP_ID",
  "PARTNER_CENTER_APP_SECRET",
  "PARTNER_CENTER_REFRESH_TOKEN",
  "PARTNER_CENTER_REFRESH_TOKEN_FILE",
  "PARTNER_CENTER_USERS_CONFIG_DIR",
  "NODE_EXTRA_CA_CERTS",
];

/** A login-cache folder no test signed in to, for runs that do not name their own (a bulk run may keep a journal's secret there). */
const noLoginConfigDir = join(tmpdir(), `pcu-no-login-${process.pid}`);
afterAll(() => rmSync(noLoginConfigDir, { recursive: true, force: true }));

function environment(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of signInVariables) delete env[name];
  return { ...env, PARTNER_CENTER_USERS_CONFIG_DIR: noLoginConfigDir, PATH: dirname(process.execPath), ...extra };
}

export function startCli(args: readonly string[], options: CliOptions = {}): ChildProcess {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run npm run build first`);
  const stdio = [options.stdinFd ?? "pipe", options.stdoutFd ?? "pipe", "pipe"] as const;
  const shell = options.stderrToStdout === true || options.shellBefore !== undefined;
  const script = `${options.shellBefore ?? ""} exec "$0" "$@"${options.stderrToStdout ? " 2>&1" : ""}`;
  const [command, argv] = shell ? ["/bin/sh", ["-c", script, process.execPath, cliPath, ...args]] : [process.execPath, [cliPath, ...args]];
  const child = spawn(command, argv, { cwd: projectRoot, env: environment(options.env), stdio: [...stdio] });
  child.stdin?.end(options.stdin ?? "");
  return child;
}

export function finished(child: ChildProcess): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return finished(startCli(args, options));
}

/** Whether the process `pid` has ended within `withinMs` (polled every 100 ms). */
export async function gone(pid: number, withinMs = 5_000): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < withinMs; await new Promise((resolve) => setTimeout(resolve, 100))) if (!isRunning(pid)) return true;
  return false;
}

/**
 * The same command run again and again, the first `killedRuns` runs each killed with SIGKILL once
 * the server has seen a few (up to `spread`) more requests, until a run ends on its own: how many
 * runs were killed, and the run that ended.
 */
export async function killUntilDone(args: readonly string[], options: CliOptions & { seen: () => number; killedRuns: number; spread: number }): Promise<{ kills: number; last: CliResult }> {
  let kills = 0;
  for (let run = 0; run < options.killedRuns + 8; run++) {
    const child = startCli(args, options);
    const done = finished(child);
    const killAfter = options.seen() + 5 + Math.floor(Math.random() * options.spread);
    const watch = run < options.killedRuns ? setInterval(() => options.seen() >= killAfter && child.kill("SIGKILL"), 1) : undefined;
    const result = await done;
    clearInterval(watch);
    if (result.signal !== "SIGKILL") return { kills, last: result };
    kills++;
  }
  throw new Error(`${args[0]} was still killed after ${options.killedRuns + 8} runs`);
}
