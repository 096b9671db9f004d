// The CLI against the embedded mock (--mock): Prism serving the spec, started for the run and
// stopped after it. PAGE's documented update comes back as PAGE's documented user.
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseReport, reportedLines, scratchFolder, userIdFor } from "./support/files.ts";
import { pageCustomerId, pageRequest, pageUser, pageUserId } from "./support/page.ts";
import { finished, gone, projectRoot, runCli, startCli } from "./support/run-cli.ts";
import { isRunning } from "../src/cli/mock-server.ts";

const file = scratchFolder();

function mockPid(stderr: string): number {
  const pid = /mock: Prism serving .* at http:\/\/\S+ \(pid (\d+)\)/.exec(stderr)?.[1];
  expect(pid, stderr).toBeDefined();
  return Number(pid);
}

describe("--mock", { timeout: 60_000 }, () => {
  it("update sends PAGE's documented request and prints PAGE's user, with no token needed; the mock is stopped after", async () => {
    const json = file("page.json", JSON.stringify(pageRequest));
    const result = await runCli(["update", pageCustomerId, pageUserId, "--json", json, "--mock", "--verbose"]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(pageUser);
    expect(isRunning(mockPid(result.stderr))).toBe(false);
  });

  it("runs as the package's bin, as docs/cli.md shows: npx partner-center-users update … --mock", async () => {
    const npx = process.platform === "win32" ? "npx.cmd" : "npx";
    const args = ["--no-install", "partner-center-users", "update", pageCustomerId, pageUserId, "--usage-location", "US", "--mock"];
    const result = await finished(spawn(npx, args, { cwd: projectRoot, env: { ...process.env, PARTNER_CENTER_TOKEN: "" } }));
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(pageUser);
    expect(isRunning(mockPid(result.stderr))).toBe(false);
  });

  it("update-many sends a few hundred rows, reports invalid ones by line, and every row exactly once", async () => {
    const count = 300;
    const invalidEvery = 37;
    const rows = Array.from({ length: count }, (_, i) => {
      const userId = userIdFor(i);
      if (i % invalidEvery === 5) return JSON.stringify({ customerId: pageCustomerId, userId, usageLocation: "United States" });
      return JSON.stringify({ customerId: pageCustomerId, userId, ...pageRequest });
    });
    const result = await runCli(["update-many", file("mock.jsonl", rows.join("\n")), "--mock", "--concurrency", "8", "--verbose"]);
    expect(result.code).toBe(1);
    const report = parseReport(result.stdout);
    expect(reportedLines(report)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    for (const entry of report) {
      if ((entry.line - 1) % invalidEvery === 5) expect(entry).toMatchObject({ result: "invalid", issues: [{ field: "usageLocation" }] });
      else expect(entry).toMatchObject({ result: "ok", user: pageUser });
    }
    expect(isRunning(mockPid(result.stderr))).toBe(false);
  });

  it("update-many --dry-run never starts the mock", async () => {
    const rows = [JSON.stringify({ customerId: pageCustomerId, userId: pageUserId, ...pageRequest })];
    const result = await runCli(["update-many", file("dry.jsonl", rows.join("\n")), "--mock", "--dry-run", "--verbose"]);
    expect(result.code).toBe(0);
    expect(result.stderr).not.toMatch(/Prism/);
    expect(parseReport(result.stdout)).toMatchObject([{ line: 1, result: "valid", patch: pageRequest }]);
  });
});

/** update-many over many rows, one at a time, against --mock: a run that lasts long enough to be cut short. */
function longMockRun(extraEnv: Record<string, string> = {}) {
  const rows = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ customerId: pageCustomerId, userId: userIdFor(i), ...pageRequest }));
  const child = startCli(["update-many", file(`long-${Math.random()}.jsonl`, rows.join("\n")), "--mock", "--concurrency", "1", "--report", file(`long-report-${Math.random()}.jsonl`)], { env: extraEnv });
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const pid = new Promise<number>((resolve) => {
    const look = () => {
      const found = /\(pid (\d+)\)/.exec(stderr)?.[1];
      if (found) resolve(Number(found));
      else setTimeout(look, 50);
    };
    look();
  });
  return { child, pid, stderr: () => stderr };
}

describe("--mock leaves no process behind, whatever happens", { timeout: 60_000 }, () => {
  it("stops the mock when the process that started it is killed with SIGKILL, even with nothing in flight", async () => {
    // A process that starts the mock, says its pid, then idles: no request will make Prism notice by writing to a closed pipe.
    const program = `const { startPrism } = await import(${JSON.stringify(join(projectRoot, "src/cli/mock-server.ts"))});
      const mock = await startPrism({ specPath: ${JSON.stringify(join(projectRoot, "openapi/partner-center-users.yaml"))}, mode: "mock" });
      console.log(mock.pid); setInterval(() => {}, 1000);`;
    const starter = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", program], { cwd: projectRoot, stdio: ["ignore", "pipe", "inherit"] });
    const pid = await new Promise<number>((resolve) => starter.stdout.once("data", (chunk: Buffer) => resolve(Number(chunk.toString().trim()))));
    expect(isRunning(pid)).toBe(true);
    starter.kill("SIGKILL");
    expect(await gone(pid)).toBe(true);
  });

  it("stops the mock when the CLI is killed with SIGKILL in the middle of a run", async () => {
    const run = longMockRun();
    const pid = await run.pid;
    const exit = finished(run.child);
    run.child.kill("SIGKILL");
    expect((await exit).signal).toBe("SIGKILL");
    expect(await gone(pid)).toBe(true);
  });

  it("exits 130, saying so, when interrupted while the mock starts, and leaves no mock running", async () => {
    // A copy of the spec, so the mock this run starts can be told from any other by its command line.
    const spec = file(`spec-${Date.now()}.yaml`);
    copyFileSync(join(projectRoot, "openapi/partner-center-users.yaml"), spec);
    const mocksOfThisRun = () => {
      try {
        return execFileSync("pgrep", ["-f", spec], { encoding: "utf8" }).trim();
      } catch {
        return ""; // pgrep exits 1 when nothing matches
      }
    };
    const child = startCli(["update", pageCustomerId, pageUserId, "--usage-location", "US", "--mock"], { env: { PARTNER_CENTER_SPEC: spec } });
    const exit = finished(child);
    // Interrupted once Prism is starting — whatever the machine's speed, not after a fixed delay.
    while (mocksOfThisRun() === "" && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill("SIGINT");
    const result = await exit;
    expect(result.code, result.stderr).toBe(130);
    expect(result.stderr).toMatch(/interrupted while the mock was starting; nothing was sent/);
    expect(mocksOfThisRun()).toBe("");
  });

  it("says so, with the mock's last words, and exits 1 when the mock dies during a run", async () => {
    const run = longMockRun();
    const pid = await run.pid;
    const exit = finished(run.child);
    process.kill(pid, "SIGKILL");
    const result = await exit;
    expect(result.code).toBe(1);
    expect(run.stderr()).toMatch(/mock: Prism exited unexpectedly \(SIGKILL\)/);
  });
});
