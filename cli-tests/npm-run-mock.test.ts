// `npm run mock &` then `kill %1`: the SIGTERM reaches npm, and everything it started — the shell,
// tsx and its child, Prism — ends with it. (npm passes the signal to its child only; a shell that
// stays in between dies of it and leaves the rest running, which is why the script execs tsx.)
import { execFileSync, spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { isRunning } from "../src/cli/mock-server.ts";
import { gone, projectRoot } from "./support/run-cli.ts";

/** Every process below `root`, by the process table's parent ids. */
function descendants(root: number): number[] {
  const table = execFileSync("ps", ["-eo", "pid=,ppid="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  for (let queue = [root]; queue.length > 0; ) {
    const children = table.filter(([, ppid]) => queue.includes(ppid)).map(([pid]) => pid);
    found.push(...children);
    queue = children;
  }
  return found;
}

describe("npm run mock", { timeout: 60_000 }, () => {
  it("leaves no tsx or Prism process behind when npm is sent SIGTERM, as `kill %1` does", async () => {
    const npm = spawn("npm", ["run", "mock"], { cwd: projectRoot, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    npm.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    npm.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    let processes: number[] = [];
    try {
      let prism: number | undefined;
      for (const started = Date.now(); prism === undefined && npm.exitCode === null && Date.now() - started < 40_000; await sleep(100)) {
        prism = Number(/listening on http:\/\/\S+ \(pid (\d+)\)/.exec(output)?.[1]) || undefined;
      }
      processes = descendants(npm.pid ?? 0);
      expect(prism, `the mock did not start:\n${output}`).toBeDefined();
      expect(processes).toContain(prism);

      npm.kill("SIGTERM");
      const left: number[] = [];
      for (const pid of processes) if (!(await gone(pid, 10_000))) left.push(pid);
      expect(left, `still running after npm got SIGTERM: ${left.join(", ")}`).toEqual([]);
    } finally {
      // Whatever is still running, the test ends itself: nothing outlives it, whatever the outcome.
      for (const pid of [npm.pid ?? 0, ...processes]) if (pid > 0 && isRunning(pid)) process.kill(pid, "SIGKILL");
    }
  });
});
