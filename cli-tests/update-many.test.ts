// `update-many` against a loopback stand-in for Partner Center that throttles, fails and holds
// requests on cue: every input row is reported exactly once, whatever happens to it.
import { closeSync, existsSync, openSync, readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { customerId, parseReport, readReportFile, reportedLines, scratchFolder, userIdFor, type ReportLine } from "./support/files.ts";
import { fault, startFakePartnerCenter, throttled, updated, type Behaviour, type FakePartnerCenter } from "./support/fake-partner-center.ts";
import { accessTokenClaims, ada, unsignedJwt } from "./support/fake-entra.ts";
import { finished, runCli, startCli } from "./support/run-cli.ts";

const env = { PARTNER_CENTER_TOKEN: "tok-bulk-test-9e2d" };
const file = scratchFolder();
const servers: FakePartnerCenter[] = [];
async function fakePartnerCenter(behaviour?: Behaviour) {
  const server = await startFakePartnerCenter(behaviour);
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const csv = (rows: readonly string[], header = "customerId,userId,usageLocation,displayName") => [header, ...rows].join("\n") + "\n";

type Fate = "ok" | "throttled-once" | "throttled-1s" | "not-found" | "bad-id" | "bad-value" | "no-change";

/** What happens to row i of the big run: each kind of trouble, spread over the file. */
function fateOf(i: number): Fate {
  if (i % 50 === 10) return "bad-id";
  if (i % 50 === 20) return "bad-value";
  if (i % 50 === 40) return "no-change";
  if (i % 100 === 7) return "throttled-1s";
  if (i % 10 === 3) return "throttled-once";
  if (i % 25 === 4) return "not-found";
  return "ok";
}

function rowFor(i: number): string {
  const user = userIdFor(1000 + i);
  switch (fateOf(i)) {
    case "bad-id":
      return `not-a-guid,${user},US,`;
    case "bad-value":
      return `${customerId},${user},usa,`;
    case "no-change":
      return `${customerId},${user},,`;
    default:
      return `${customerId},${user},US,Row ${i}`;
  }
}

const bigRunBehaviour: Behaviour = (request) => {
  const i = parseInt(request.userId.slice(-12), 16) - 1000;
  const fate = fateOf(i);
  if (fate === "throttled-once" && request.attempt === 1) return throttled(0);
  if (fate === "throttled-1s" && request.attempt === 1) return throttled(1);
  if (fate === "not-found") return fault(404, 60002, "User object ID not found.");
  return updated(request);
};

describe("update-many", { timeout: 60_000 }, () => {
  it("reports each of 300 rows exactly once through throttling, failures and invalid rows, exit 1", async () => {
    const server = await fakePartnerCenter(bigRunBehaviour);
    const count = 300;
    const indexes = Array.from({ length: count }, (_, i) => i);
    const input = file("big.csv", csv(indexes.map(rowFor)));
    const reportPath = file("big-report.jsonl");
    const result = await runCli(["update-many", input, "--report", reportPath, "--concurrency", "8", "--base-url", server.url], { env });
    expect(result.code).toBe(1);

    const report = readReportFile(reportPath);
    // Row i is on line i + 2 (the header is line 1).
    expect(reportedLines(report)).toEqual(indexes.map((i) => i + 2));
    const byLine = new Map(report.map((entry) => [entry.line, entry]));
    for (const i of indexes) {
      const entry = byLine.get(i + 2)!;
      const fate = fateOf(i);
      if (fate === "bad-id") expect(entry).toMatchObject({ result: "invalid", issues: [{ field: "customerId" }] });
      else if (fate === "bad-value") expect(entry).toMatchObject({ result: "invalid", issues: [{ field: "usageLocation" }] });
      else if (fate === "no-change") expect(entry).toMatchObject({ result: "invalid", issues: [{ message: expect.stringMatching(/must change at least one field/) }] });
      else if (fate === "not-found") {
        expect(entry).toMatchObject({ result: "failed", error: { status: 404, code: 60002, description: "User object ID not found.", requestId: expect.any(String) } });
      } else {
        expect(entry).toMatchObject({ result: "ok", userId: userIdFor(1000 + i), user: { id: userIdFor(1000 + i), displayName: `Row ${i}` } });
      }
    }

    // Invalid rows were never sent; each throttled row was retried once, with the same MS-RequestId.
    const sentUsers = new Set(server.requests.map((request) => request.userId));
    const invalid = indexes.filter((i) => ["bad-id", "bad-value", "no-change"].includes(fateOf(i)));
    for (const i of invalid) expect(sentUsers.has(userIdFor(1000 + i))).toBe(false);
    expect(sentUsers.size).toBe(count - invalid.length);
    for (const i of indexes.filter((i) => fateOf(i).startsWith("throttled"))) {
      const attempts = server.attemptsFor(userIdFor(1000 + i));
      expect(attempts.map((attempt) => attempt.attempt)).toEqual([1, 2]);
      expect(new Set(attempts.map((attempt) => attempt.headers["ms-requestid"])).size).toBe(1);
    }
    // One correlation id for the whole run, named in the summary.
    const correlationIds = new Set(server.requests.map((request) => request.headers["ms-correlationid"]));
    expect(correlationIds.size).toBe(1);
    const failed = indexes.filter((i) => fateOf(i) === "not-found").length;
    expect(result.stderr).toMatch(new RegExp(`^300 rows: ${invalid.length} invalid, `, "m"));
    expect(result.stderr).toMatch(new RegExp(`${count - invalid.length - failed} ok`));
    expect(result.stderr).toMatch(new RegExp(`${failed} failed`));
    expect(result.stderr).toContain(`correlation id ${String([...correlationIds][0])}; report: ${reportPath}`);
    // Without a terminal: one plain progress line per row.
    expect(result.stderr.match(/^\[\s*\d+\/300\] line \d+: /gm)).toHaveLength(count);
  });

  it("keeps exactly --concurrency requests in flight, never more", async () => {
    const limit = 3;
    const rows = 12;
    let inFlight = 0;
    let most = 0;
    let arrived = 0;
    const waiting: (() => void)[] = [];
    // Each answer is held until `limit` requests are waiting (or all have come): a CLI sending fewer
    // at once would stall here, one sending more would raise `most` above the limit.
    const server = await fakePartnerCenter(async (request) => {
      inFlight += 1;
      arrived += 1;
      most = Math.max(most, inFlight);
      await new Promise<void>((resolve) => {
        waiting.push(resolve);
        if (waiting.length === limit || arrived === rows) for (const release of waiting.splice(0)) release();
      });
      inFlight -= 1;
      return updated(request);
    });
    const input = file("concurrency.csv", csv(Array.from({ length: rows }, (_, i) => `${customerId},${userIdFor(i)},US,`)));
    const result = await runCli(["update-many", input, "--concurrency", String(limit), "--base-url", server.url], { env });
    expect(result.code).toBe(0);
    expect(most).toBe(limit);
    expect(parseReport(result.stdout)).toHaveLength(rows);
  });

  it("says when the report of a run that sends is not a file on disk (a pipe), which cannot be flushed before each send; not for a file or a dry run", async () => {
    const server = await fakePartnerCenter();
    const input = file("where-report.csv", csv([`${customerId},${userIdFor(1)},US,`]));
    const note = /the report \(stdout\) is not a file on disk, so it cannot be flushed before each send/;
    const piped = await runCli(["update-many", input, "--base-url", server.url], { env });
    expect(piped.code).toBe(0);
    expect(piped.stderr).toMatch(note);
    expect(parseReport(piped.stdout)).toHaveLength(1);
    const redirected = file("redirected.jsonl");
    const fd = openSync(redirected, "w");
    try {
      const toFile = await runCli(["update-many", input, "--base-url", server.url], { env, stdoutFd: fd });
      expect(toFile.code).toBe(0);
      expect(toFile.stderr).not.toMatch(note);
    } finally {
      closeSync(fd);
    }
    expect(readReportFile(redirected)).toHaveLength(1);
    for (const args of [["--report", file("named.jsonl")], ["--dry-run"]]) {
      const result = await runCli(["update-many", input, "--base-url", server.url, ...args], { env });
      expect(result.stderr).not.toMatch(note);
    }
  });

  it("reads JSON Lines, including nested fields", async () => {
    const server = await fakePartnerCenter();
    const lines = [
      JSON.stringify({ customerId, userId: userIdFor(1), usageLocation: "US", attributes: { objectType: "CustomerUser" } }),
      "",
      JSON.stringify({ customerId, userId: userIdFor(2), firstName: "" }),
      JSON.stringify({ customerId, userId: userIdFor(3), state: "inactive" }),
    ];
    const result = await runCli(["update-many", file("rows.jsonl", lines.join("\n")), "--base-url", server.url], { env });
    expect(result.code).toBe(1);
    const report = parseReport(result.stdout); // without --report, the report is stdout
    expect(reportedLines(report)).toEqual([1, 3, 4]);
    expect(report.find((entry) => entry.line === 3)).toMatchObject({ result: "ok" });
    expect(report.find((entry) => entry.line === 4)).toMatchObject({ result: "invalid", issues: [{ field: "state" }] });
    expect(server.requests.map((request) => JSON.parse(request.body) as unknown)).toEqual(
      expect.arrayContaining([{ usageLocation: "US", attributes: { objectType: "CustomerUser" } }, { firstName: "" }]),
    );
  });

  it("with --dry-run validates every row and sends nothing, needing no token; exit 1 when a row is invalid", async () => {
    const server = await fakePartnerCenter();
    const input = file("dry.csv", csv([`${customerId},${userIdFor(1)},US,`, `${customerId},${userIdFor(2)},usa,`]));
    const result = await runCli(["update-many", input, "--dry-run", "--base-url", server.url]);
    expect(result.code).toBe(1);
    // In file order, each with its content key.
    expect(parseReport(result.stdout)).toEqual([
      { line: 2, customerId, userId: userIdFor(1), key: expect.any(String), result: "valid", patch: { usageLocation: "US" } },
      { line: 3, customerId, userId: userIdFor(2), key: expect.any(String), result: "invalid", issues: [{ field: "usageLocation", message: '"usa" must match ^[A-Z]{2}$' }] },
    ]);
    expect(result.stderr).toMatch(/dry run, nothing sent/);
    const clean = await runCli(["update-many", file("dry-ok.csv", csv([`${customerId},${userIdFor(1)},US,`])), "--dry-run", "--base-url", server.url]);
    expect(clean.code).toBe(0);
    expect(server.requests).toHaveLength(0);
  });

  it("writes its report to a stdout pipe read slowly, stderr in the same pipe (2>&1 | …), losing no row and failing none", async () => {
    const rows = 3000;
    const input = file("slow-stdout.csv", csv(Array.from({ length: rows }, (_, i) => `${customerId},${userIdFor(i)},US,`)));
    const child = startCli(["update-many", input, "--dry-run"], { stderrToStdout: true });
    // Nobody reads the pipe for a second: it fills, and the CLI must wait rather than fail.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const result = await finished(child);
    expect(result.stdout).not.toMatch(/cannot write the report/);
    expect(result.code).toBe(0);
    const outcomes = result.stdout.split("\n").filter((line) => line.startsWith("{"));
    expect(parseReport(outcomes.join("\n"))).toHaveLength(rows);
  });

  it("goes on to the end, every row in its report, when the reader of stderr goes away (2>&1 >/dev/null | head)", async () => {
    const rows = 20_000;
    const input = file("stderr-gone.csv", csv(Array.from({ length: rows }, (_, i) => `${customerId},${userIdFor(i)},US,`)));
    const report = file("stderr-gone.jsonl");
    const child = startCli(["update-many", input, "--dry-run", "--report", report]);
    child.stderr?.once("data", () => child.stderr?.destroy());
    const result = await finished(child);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(result.code).toBe(0);
    expect(readReportFile(report)).toHaveLength(rows);
  });

  it("sends to a --report that is not a file on disk (/dev/null), saying it cannot be flushed, instead of stopping on fsync", async () => {
    const server = await fakePartnerCenter();
    const input = file("dev-null.csv", csv([`${customerId},${userIdFor(1)},US,`]));
    const result = await runCli(["update-many", input, "--report", "/dev/null", "--base-url", server.url], { env });
    expect(result.stderr).toMatch(/the report \(\/dev\/null\) is not a file on disk/);
    expect(result.code).toBe(0);
    expect(server.requests).toHaveLength(1);
  });

  it("waits for a slow reader of its progress lines instead of holding them in memory, and finishes once they are read", async () => {
    const rows = 20_000;
    const input = file("slow-reader.csv", csv(Array.from({ length: rows }, (_, i) => `${customerId},${userIdFor(i)},US,`)));
    const report = file("slow-reader.jsonl");
    // stderr is a pipe nobody reads yet: once it and Node's buffers on both ends are full (a few
    // hundred KB: ~1,500 lines on Node 20, ~5,000 on Node 24, whose buffers are larger), the run must stop.
    const child = startCli(["update-many", input, "--dry-run", "--report", report]);
    let exited = false;
    child.on("exit", () => (exited = true));
    const linesWritten = () => (existsSync(report) ? readFileSync(report, "utf8").split("\n").length - 1 : 0);
    let seen = -1;
    for (let unchanged = 0; unchanged < 10 && !exited; ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const now = linesWritten();
      unchanged = now === seen && now > 0 ? unchanged + 1 : 0;
      seen = now;
    }
    expect(exited, "the run went on printing into memory while nobody read its stderr").toBe(false);
    expect(seen).toBeLessThan(rows);
    const result = await finished(child);
    expect(result.code).toBe(0);
    expect(readReportFile(report)).toHaveLength(rows);
    expect(result.stderr).toMatch(/20000 rows: 20000 valid; dry run/);
  });

  it("with --only-failed re-sends just the rows that did not succeed, and the new report still covers every row", async () => {
    let failing = true;
    const failingUsers = new Set([3, 8, 15].map(userIdFor));
    const server = await fakePartnerCenter((request) =>
      failing && failingUsers.has(request.userId) ? fault(500, 800003, "We&#39;re sorry, an unexpected error occurred.") : updated(request),
    );
    const input = file("retry.csv", csv(Array.from({ length: 20 }, (_, i) => `${customerId},${userIdFor(i)},US,`)));
    const first = file("first.jsonl");
    const firstRun = await runCli(["update-many", input, "--report", first, "--base-url", server.url], { env });
    expect(firstRun.code).toBe(1);
    expect(readReportFile(first).filter((entry) => entry.result === "failed").map((entry) => entry.userId).sort()).toEqual([...failingUsers].sort());

    failing = false;
    const sentBefore = server.requests.length;
    const second = file("second.jsonl");
    const secondRun = await runCli(["update-many", input, "--only-failed", first, "--report", second, "--base-url", server.url], { env });
    expect(secondRun.code).toBe(0);
    expect(server.requests.slice(sentBefore).map((request) => request.userId).sort()).toEqual([...failingUsers].sort());
    const report = readReportFile(second);
    expect(reportedLines(report)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    expect(report.every((entry) => entry.result === "ok")).toBe(true);
    expect(secondRun.stderr).toMatch(/17 rows carried over from/);
  });

  it("refuses --only-failed with the report of another job (it records none of this file's rows), exit 2, sending nothing", async () => {
    const server = await fakePartnerCenter();
    const previous = file("other-report.jsonl");
    expect((await runCli(["update-many", file("other.csv", csv([`${customerId},${userIdFor(99)},US,`])), "--report", previous, "--base-url", server.url], { env })).code).toBe(0);
    const input = file("mismatch.csv", csv([`${customerId},${userIdFor(1)},US,`]));
    const sent = server.requests.length;
    const result = await runCli(["update-many", input, "--only-failed", previous, "--base-url", server.url], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/records none of this file's rows: it is the report of another job/);
    expect(server.requests).toHaveLength(sent);
  });

  it("resumes in place when --report is the --only-failed report: the report is continued, never emptied", async () => {
    let failing = true;
    const server = await fakePartnerCenter((request) => (failing ? fault(500, 800003, "unexpected") : updated(request)));
    const previous = file("same-report.jsonl");
    const input = file("same-report.csv", csv([`${customerId},${userIdFor(1)},US,`]));
    expect((await runCli(["update-many", input, "--report", previous, "--max-retries", "0", "--base-url", server.url], { env })).code).toBe(1);
    failing = false;
    const result = await runCli(["update-many", input, "--only-failed", previous, "--report", previous, "--base-url", server.url], { env });
    expect(result.code).toBe(0);
    expect(server.requests).toHaveLength(2);
    const report = readReportFile(previous);
    expect(report.map((entry) => entry.result)).toEqual(["failed", "ok"]); // the earlier outcome kept, the last one wins
  });

  it("refuses to start a resume in a --report that already holds a report (an interrupted resume's ids would be lost)", async () => {
    const server = await fakePartnerCenter();
    const previous = file("first-report.jsonl", `${JSON.stringify({ line: 2, key: "k", customerId, userId: userIdFor(1), result: "failed", error: { description: "x" } })}\n`);
    const taken = file("taken-report.jsonl", `${JSON.stringify({ line: 2, key: "k", result: "sending", requestId: "b1317092-f087-471e-a637-f66523b2b94c" })}\n`);
    const input = file("taken.csv", csv([`${customerId},${userIdFor(1)},US,`]));
    const result = await runCli(["update-many", input, "--only-failed", previous, "--report", taken, "--base-url", server.url], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/taken-report\.jsonl already holds a report: continue it \(--report /);
    expect(server.requests).toHaveLength(0);
  });

  it("sends a repeated row once (skipped) and refuses a conflicting change to the same user", async () => {
    const server = await fakePartnerCenter();
    const input = file(
      "repeats.csv",
      csv([`${customerId},${userIdFor(1)},US,`, `${customerId},${userIdFor(1)},US,`, `${customerId},${userIdFor(2)},US,`, `${customerId},${userIdFor(2)},GB,`]),
    );
    const result = await runCli(["update-many", input, "--base-url", server.url], { env });
    expect(result.code).toBe(1);
    const report = parseReport(result.stdout);
    expect(reportedLines(report)).toEqual([2, 3, 4, 5]);
    expect(report.find((entry) => entry.line === 3)).toMatchObject({ result: "skipped", duplicateOf: 2 });
    expect(report.find((entry) => entry.line === 5)).toMatchObject({ result: "invalid", issues: [{ message: expect.stringMatching(/same user as line 4/) }] });
    expect(server.requests.map((request) => request.userId).sort()).toEqual([userIdFor(1), userIdFor(2)]);
  });

  it("on Ctrl-C stops, reports what finished and every unfinished row as cancelled, exit 130", async () => {
    const answered = 5;
    let seen = 0;
    // The first rows are answered; every later request is held open until the CLI gives up on it.
    const server = await fakePartnerCenter((request) => (++seen <= answered ? updated(request) : "hang"));
    const rows = 40;
    const input = file("interrupted.csv", csv(Array.from({ length: rows }, (_, i) => `${customerId},${userIdFor(i)},US,`)));
    const reportPath = file("interrupted.jsonl");
    const child = startCli(["update-many", input, "--report", reportPath, "--concurrency", "4", "--base-url", server.url], { env });
    const result = finished(child);
    let okLines = 0;
    child.stderr?.on("data", (chunk: Buffer) => (okLines += (chunk.toString().match(/: ok /g) ?? []).length));
    try {
      // Interrupt once the answered rows are reported and the next four requests are held open.
      await vi.waitFor(
        () => {
          expect(okLines).toBe(answered);
          expect(server.requests).toHaveLength(answered + 4);
        },
        { timeout: 20_000, interval: 20 },
      );
      child.kill("SIGINT");
      const { code, stderr } = await result;
      expect(code).toBe(130);
      expect(stderr).toMatch(/interrupted: stopping/);
      // One summary line for the rows that did not finish, not a line each.
      expect(stderr).toMatch(/^35 rows cancelled: not sent, or sent with their outcome unknown/m);
      expect(stderr).not.toMatch(/line \d+: cancelled/);
      // The command that resumes the job: this one, with its report.
      expect(stderr).toContain(`to resume, run the same command: partner-center-users update-many ${input} --report ${reportPath} --concurrency 4 --base-url ${server.url}\n`);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    const report: ReportLine[] = readReportFile(reportPath);
    expect(reportedLines(report)).toEqual(Array.from({ length: rows }, (_, i) => i + 2));
    expect(report.filter((entry) => entry.result === "ok")).toHaveLength(answered);
    const cancelled = report.filter((entry) => entry.result === "cancelled");
    expect(cancelled).toHaveLength(rows - answered);
    // The held requests were sent (their outcome is unknown, so their request ids are kept); the rest were not.
    expect(cancelled.filter((entry) => entry.requestId !== undefined)).toHaveLength(server.requests.length - answered);
  });

  it("after a crash keeps every finished row in the report, and --only-failed then sends only the rest", async () => {
    const answered = 6;
    let seen = 0;
    let crashed = false;
    const server = await fakePartnerCenter((request) => (crashed || ++seen <= answered ? updated(request) : "hang"));
    const rows = 20;
    const input = file("crash.csv", csv(Array.from({ length: rows }, (_, i) => `${customerId},${userIdFor(i)},US,`)));
    const reportPath = file("crash.jsonl");
    const child = startCli(["update-many", input, "--report", reportPath, "--concurrency", "2", "--base-url", server.url], { env });
    const exited = finished(child);
    try {
      await vi.waitFor(() => expect(readReportFile(reportPath)).toHaveLength(answered), { timeout: 20_000, interval: 20 });
      child.kill("SIGKILL"); // no chance to clean up: only what was written survives
      expect((await exited).signal).toBe("SIGKILL");
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
    const survived = readReportFile(reportPath);
    expect(survived.every((entry) => entry.result === "ok")).toBe(true);

    crashed = true;
    const sentBefore = server.requests.length;
    const resumed = await runCli(["update-many", input, "--only-failed", reportPath, "--report", file("resumed.jsonl"), "--base-url", server.url], { env });
    expect(resumed.code).toBe(0);
    const done = new Set(survived.map((entry) => entry.userId));
    expect(server.requests.slice(sentBefore).map((request) => request.userId).sort()).toEqual(
      Array.from({ length: rows }, (_, i) => userIdFor(i)).filter((user) => !done.has(user)).sort(),
    );
    expect(reportedLines(readReportFile(file("resumed.jsonl")))).toEqual(Array.from({ length: rows }, (_, i) => i + 2));
  });

  it("a resume prints one line for the rows carried over, not a line each", async () => {
    const server = await fakePartnerCenter();
    const input = file("carried.csv", csv(Array.from({ length: 30 }, (_, i) => `${customerId},${userIdFor(i)},US,`)));
    const reportPath = file("carried.jsonl");
    const args = ["update-many", input, "--report", reportPath, "--base-url", server.url];
    expect((await runCli(args, { env })).code).toBe(0);
    const again = await runCli(args, { env });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`30 rows carried over from ${reportPath} (already applied; each is in the report)\n`);
    expect(again.stderr).not.toMatch(/carried over\)/); // no "line N: ok (carried over)" per row
    expect(server.requests).toHaveLength(30);
  });

  it("takes ids in braces ({GUID}) as the bare GUID: sent bare, and a rerun of the bare file sends nothing again", async () => {
    const server = await fakePartnerCenter();
    const reportPath = file("braces.jsonl");
    const braced = file("braces.csv", csv([`{${customerId}},{${userIdFor(1)}},US,`]));
    expect((await runCli(["update-many", braced, "--report", reportPath, "--base-url", server.url], { env })).code).toBe(0);
    expect(server.requests.map((request) => request.path)).toEqual([`/v1/customers/${customerId}/users/${userIdFor(1)}`]);
    const bare = file("bare.csv", csv([`${customerId},${userIdFor(1)},US,`]));
    const rerun = await runCli(["update-many", bare, "--report", reportPath, "--base-url", server.url], { env });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(server.requests).toHaveLength(1);
  });

  it("refuses an environment token that is a JWT without the MFA claim before sending anything, exit 2, as auth status would", async () => {
    const server = await fakePartnerCenter();
    const input = file("no-mfa.csv", csv([`${customerId},${userIdFor(1)},US,`]));
    const token = unsignedJwt(accessTokenClaims(ada, { mfa: false }));
    const result = await runCli(["update-many", input, "--report", file("no-mfa.jsonl"), "--base-url", server.url], { env: { PARTNER_CENTER_TOKEN: token } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/the token from PARTNER_CENTER_TOKEN cannot be used: it carries no MFA claim \(amr: pwd\): .*partner-center-users login; nothing was sent/);
    expect(result.stderr).not.toContain(token);
    expect(server.requests).toHaveLength(0);
  });

  it("notes columns it ignores (Notes), blank rows and a repeated header once, and sends the rest", async () => {
    const server = await fakePartnerCenter();
    const header = "customerId,userId,usageLocation,Notes";
    const input = file("joined.csv", [header, `${customerId},${userIdFor(1)},US,call first`, ",,,", header, `${customerId},${userIdFor(2)},US,`].join("\n") + "\n");
    const result = await runCli(["update-many", input, "--report", file("joined.jsonl"), "--base-url", server.url], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(server.requests).toHaveLength(2);
    expect(result.stderr.match(/ignoring the column "Notes"/g)).toHaveLength(1);
    expect(result.stderr.match(/line 4 repeats the header/g)).toHaveLength(1);
    expect(result.stderr.match(/1 blank row \(separators only\) skipped: line 3/g)).toHaveLength(1);
    const strict = await runCli(["update-many", input, "--strict-columns", "--report", file("joined-strict.jsonl"), "--base-url", server.url], { env });
    expect(strict.code).toBe(2);
    expect(strict.stderr).toMatch(/unknown column "Notes" in the header \(--strict-columns\)/);
    expect(server.requests).toHaveLength(2);
  });
});
