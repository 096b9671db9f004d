// The CLI against the embedded mock (--mock): Prism serving the spec, started for the run and
// stopped after it. PAGE's documented update comes back as PAGE's documented user.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parseReport, reportedLines, scratchFolder, userIdFor } from "./support/files.ts";
import { pageCustomerId, pageRequest, pageUser, pageUserId } from "./support/page.ts";
import { finished, projectRoot, runCli } from "./support/run-cli.ts";
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

  it("runs as the package's bin, as the README shows: npx partner-center-users update … --mock", async () => {
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
