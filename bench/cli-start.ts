// CLI start-up: `partner-center-users --help`, and `get` of one user from a local server, each a
// fresh process timed from spawn to exit, against a baseline built in the same run: the CLI as it
// was just before sign-in landed (baselineCommit), built from git history with the same esbuild
// settings and the same node_modules, so the two differ only by the code since. Spawns alternate
// between the two; the figure is the median of the paired ratios.
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import { median } from "./stats.ts";

const run = promisify(execFile);
const projectRoot = fileURLToPath(new URL("..", import.meta.url));
const currentCli = join(projectRoot, "dist/cli.js");

/** The last commit before sign-in (MSAL) was merged: the first parent of `Merge branch 'sign-in'` (aed382e). */
export const baselineCommit = "07619c0";

/** The baseline CLI, built from git into a temporary folder; undefined (with why) when history is missing, as in a shallow clone. */
async function buildBaseline(): Promise<{ cli: string; remove(): void } | { missing: string }> {
  const dir = mkdtempSync(join(tmpdir(), "pcu-baseline-"));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    execFileSync("sh", ["-c", `git archive ${baselineCommit} src generated package.json | tar -x -C "$1"`, "sh", dir], { cwd: projectRoot, stdio: ["ignore", "ignore", "pipe"] });
  } catch {
    remove();
    return { missing: `commit ${baselineCommit} is not in this clone's history` };
  }
  symlinkSync(join(projectRoot, "node_modules"), join(dir, "node_modules"));
  // scripts/build.ts's settings for the CLI as they were then: one file.
  await build({
    entryPoints: [join(dir, "src/cli/main.ts")],
    outfile: join(dir, "dist/cli.js"),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "bundle",
    external: ["openapi-fetch", "@stoplight/prism-cli"],
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: "warning",
  });
  return { cli: join(dir, "dist/cli.js"), remove };
}

async function timed(cli: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const start = performance.now();
  await run(process.execPath, [cli, ...args], { env });
  return performance.now() - start;
}

export interface StartUp {
  readonly command: string;
  readonly currentMs: number;
  readonly baselineMs: number;
  /** The median of current / baseline over paired spawns. */
  readonly ratio: number;
}

export async function measureCliStartUp(baseUrl: string, spawns: number): Promise<StartUp[] | { missing: string }> {
  const baseline = await buildBaseline();
  if ("missing" in baseline) return baseline;
  const configDir = mkdtempSync(join(tmpdir(), "pcu-bench-config-"));
  // A token as the environment gives it (both CLIs' first way), no login cache, nothing else of the machine's.
  const env = { PATH: process.env["PATH"], PARTNER_CENTER_TOKEN: "bench-token", PARTNER_CENTER_USERS_CONFIG_DIR: configDir };
  const commands: Record<string, readonly string[]> = {
    "--help": ["--help"],
    get: ["get", "eebd1b55-5360-4438-a11d-5c06918c3014", "4b10bf41-ab11-40e3-8c53-cd67849b50de", "--base-url", baseUrl],
  };
  try {
    const results: StartUp[] = [];
    for (const [command, args] of Object.entries(commands)) {
      await timed(currentCli, args, env); // warm the file cache for both
      await timed(baseline.cli, args, env);
      const current: number[] = [];
      const old: number[] = [];
      const ratios: number[] = [];
      for (let i = 0; i < spawns; i++) {
        current.push(await timed(currentCli, args, env));
        old.push(await timed(baseline.cli, args, env));
        ratios.push(current[i]! / old[i]!);
      }
      results.push({ command, currentMs: median(current), baselineMs: median(old), ratio: median(ratios) });
    }
    return results;
  } finally {
    baseline.remove();
    rmSync(configDir, { recursive: true, force: true });
  }
}
