// update-many applies each row once, across crashes: the report is written ahead of every send, a
// resume re-sends an unfinished row with its original MS-RequestId, and a report that cannot be
// written stops the run before anything more is sent. Real processes, killed for real.
import { existsSync, readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { customerId, parseJournal, parseReport, readReportFile, scratchFolder, userIdFor } from "./support/files.ts";
import { startFakePartnerCenter, updated, type FakePartnerCenter } from "./support/fake-partner-center.ts";
import { finished, runCli, startCli } from "./support/run-cli.ts";

const env = { PARTNER_CENTER_TOKEN: "tok-once-test-3c1a" };
const file = scratchFolder();
const servers: FakePartnerCenter[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const rows = 60;
const input = () => file("rows.csv", ["customerId,userId,usageLocation", ...Array.from({ length: rows }, (_, i) => `${customerId},${userIdFor(i)},US`)].join("\n") + "\n");

describe("exactly once, across any crash", { timeout: 120_000 }, () => {
  it("killed with SIGKILL at random moments, then resumed until done — by the same command, from a new report, or with the file re-sorted: every row applied, each with one and the same MS-RequestId", async () => {
    // Slow answers, so each kill catches rows in flight.
    const server = await startFakePartnerCenter(async (request) => {
      await new Promise((resolve) => setTimeout(resolve, 20 + (request.userId.charCodeAt(35) % 5) * 15));
      return updated(request);
    });
    servers.push(server);
    const rowsFile = input();
    const resorted = file("resorted.csv", ["customerId,userId,usageLocation", ...Array.from({ length: rows }, (_, i) => `${customerId},${userIdFor(rows - 1 - i)},US`)].join("\n") + "\n");
    let previous: string | undefined;
    let kills = 0;
    for (let run = 0; run < 20; run++) {
      // Each resume a different way: the same command again (its report continued), a new report
      // seeded from the last, the input sorted the other way round.
      const way = run % 3;
      const report = previous !== undefined && way === 1 ? previous : file(`report-${run}.jsonl`);
      const from = previous !== undefined && report !== previous ? ["--only-failed", previous] : [];
      const args = ["update-many", way === 2 ? resorted : rowsFile, "--report", report, "--concurrency", "8", "--base-url", server.url, ...from];
      const child = startCli(args, { env });
      const done = finished(child);
      // The first runs are killed at a random moment once they are sending (a few more requests
      // reach the server), however fast the machine; then one is let finish.
      const killAfter = server.requests.length + 2 + Math.floor(Math.random() * 5);
      const watch = run < 6 ? setInterval(() => server.requests.length >= killAfter && child.kill("SIGKILL"), 2) : undefined;
      const result = await done;
      clearInterval(watch);
      // Killed before its report was in place (while seeding it), a run leaves the previous one the one to resume from.
      if (existsSync(report)) previous = report;
      if (result.signal === "SIGKILL") kills++;
      else {
        expect(result.code, result.stderr).toBe(0);
        break;
      }
    }
    expect(kills).toBeGreaterThanOrEqual(4);
    const final = readReportFile(previous ?? "");
    expect(new Set(final.filter((entry) => entry.result === "ok").map((entry) => entry.userId)).size).toBe(rows);
    // Every row reached the server, and every request for one row carried one id.
    for (let i = 0; i < rows; i++) {
      const ids = new Set(server.attemptsFor(userIdFor(i)).map((request) => request.headers["ms-requestid"]));
      expect(ids.size, `row ${i + 2}: ${[...ids].join(", ")}`).toBe(1);
    }
  });

  it("writes each row's sending entry, with the id it then sends, before the request leaves", async () => {
    const server = await startFakePartnerCenter(updated);
    servers.push(server);
    const report = file("journal.jsonl");
    const result = await runCli(["update-many", input(), "--report", report, "--base-url", server.url], { env });
    expect(result.code).toBe(0);
    const journal = parseJournal(readFileSync(report, "utf8"));
    for (const request of server.requests) {
      const line = Number.parseInt(request.userId.slice(-12), 16) + 2;
      const sending = journal.findIndex((entry) => entry.line === line && entry.result === "sending");
      const outcome = journal.findIndex((entry) => entry.line === line && entry.result === "ok");
      expect(sending).toBeGreaterThanOrEqual(0);
      expect(sending).toBeLessThan(outcome);
      expect(journal[sending]).toMatchObject({ requestId: request.headers["ms-requestid"] });
    }
  });

  it("sends, on resume, a row edited since as the new change it is, and none of the rows applied before", async () => {
    const server = await startFakePartnerCenter(updated);
    servers.push(server);
    const rowsFile = input();
    const report = file("first.jsonl");
    expect((await runCli(["update-many", rowsFile, "--report", report, "--base-url", server.url], { env })).code).toBe(0);
    const edited = file("rows.csv", ["customerId,userId,usageLocation", ...Array.from({ length: rows }, (_, i) => `${customerId},${userIdFor(i)},${i === 7 ? "GB" : "US"}`)].join("\n") + "\n");
    const sent = server.requests.length;
    const result = await runCli(["update-many", edited, "--only-failed", report, "--report", file("second.jsonl"), "--base-url", server.url], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(server.requests.slice(sent).map((request) => [request.userId, JSON.parse(request.body)])).toEqual([[userIdFor(7), { usageLocation: "GB" }]]);
  });
});

describe("no row is sent whose outcome cannot be recorded", { timeout: 60_000 }, () => {
  it("stops at once, sending nothing, when the report cannot be written (a full disk: --report /dev/full)", async () => {
    const server = await startFakePartnerCenter(updated);
    servers.push(server);
    const result = await runCli(["update-many", input(), "--report", "/dev/full", "--base-url", server.url], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot write the report \/dev\/full \(the disk is full \(free some space\)\): stopped sending/);
    expect(server.requests).toHaveLength(0);
  });

  it("stops quietly when stdout, where the report goes, is closed (update-many … | head -1)", async () => {
    const server = await startFakePartnerCenter(async (request) => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      return updated(request);
    });
    servers.push(server);
    const child = startCli(["update-many", input(), "--concurrency", "2", "--base-url", server.url], { env });
    // Read the first report line, then close the pipe, as `head -1` does.
    child.stdout?.once("data", () => child.stdout?.destroy());
    const result = await finished(child);
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(result.stderr).toMatch(/cannot write the report stdout \(whatever was reading it has closed \(as `\| head` does\)\): stopped sending/);
    expect(server.requests.length).toBeLessThan(rows);
    expect(parseReport(result.stdout).length).toBeLessThanOrEqual(rows);
  });
});
