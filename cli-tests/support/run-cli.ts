// The built CLI, run as a separate process the way an operator runs it: `node dist/cli.js …`.
// Asynchronous on purpose: the fake server the CLI talks to lives in this same process.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const cliPath = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));
export const projectRoot = fileURLToPath(new URL("../../", import.meta.url));

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  /** Added to a clean environment (no PARTNER_CENTER_TOKEN unless given here). */
  readonly env?: Readonly<Record<string, string>>;
  /** Written to the CLI's stdin, which is then closed. */
  readonly stdin?: string;
}

function environment(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  if (!("PARTNER_CENTER_TOKEN" in extra)) delete env["PARTNER_CENTER_TOKEN"];
  return env;
}

export function startCli(args: readonly string[], options: CliOptions = {}): ChildProcess {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run npm run build first`);
  const child = spawn(process.execPath, [cliPath, ...args], { cwd: projectRoot, env: environment(options.env) });
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
