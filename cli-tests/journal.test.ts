// The bulk journal against what people do: rerun the command, run it twice at once, sort the file,
// point the report at the input, fill the disk, press Ctrl-C mid-lookup. Against a fake Partner
// Center that logs every MS-RequestId: no change may reach a user under two ids, the input is never
// modified, and no outcome lands outside its journal.
import { execFileSync, spawn } from "node:child_process";
import { closeSync, existsSync, linkSync, lstatSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { customerId, parseJournal, readReportFile, scratchFolder, userIdFor } from "./support/files.ts";
import { fault, startFakePartnerCenter, updated, type Behaviour, type FakePartnerCenter } from "./support/fake-partner-center.ts";
import { pageUser } from "./support/page.ts";
import { finished, runCli, startCli } from "./support/run-cli.ts";

const config = mkdtempSync(join(tmpdir(), "pcu-journal-config-"));
afterAll(() => rmSync(config, { recursive: true, force: true }));
const env = { PARTNER_CENTER_TOKEN: "tok-journal-test-51f0", PARTNER_CENTER_USERS_CONFIG_DIR: config };
const file = scratchFolder();
const servers: FakePartnerCenter[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
async function fakePartnerCenter(behaviour: Behaviour = updated) {
  const server = await startFakePartnerCenter(behaviour);
  servers.push(server);
  return server;
}
const slow: Behaviour = async (request) => {
  await new Promise((resolve) => setTimeout(resolve, 15 + (request.userId.charCodeAt(35) % 4) * 10));
  return updated(request);
};

const csv = (indexes: readonly number[], value = (_: number) => "US") => ["customerId,userId,usageLocation", ...indexes.map((i) => `${customerId},${userIdFor(i)},${value(i)}`)].join("\n") + "\n";
const range = (count: number) => Array.from({ length: count }, (_, i) => i);

/** Each user the server saw, with the distinct MS-RequestIds of its PATCHes. */
function idsPerUser(server: FakePartnerCenter): Map<string, Set<string>> {
  const ids = new Map<string, Set<string>>();
  for (const request of server.requests.filter((seen) => seen.method === "PATCH")) {
    ids.set(request.userId, (ids.get(request.userId) ?? new Set()).add(String(request.headers["ms-requestid"])));
  }
  return ids;
}
function expectOneIdPerUser(server: FakePartnerCenter, users: number): void {
  const ids = idsPerUser(server);
  expect(ids.size).toBe(users);
  const twice = [...ids].filter(([, seen]) => seen.size > 1).map(([user]) => user);
  expect(twice, `users sent under two ids: ${twice.join(", ")}`).toEqual([]);
}

/** Starts `args` and kills it with SIGKILL once the server has seen `after` more requests. */
async function killMidRun(args: readonly string[], server: FakePartnerCenter, after: number) {
  const child = startCli(args, { env });
  const done = finished(child);
  const target = server.requests.length + after;
  const watch = setInterval(() => server.requests.length >= target && child.kill("SIGKILL"), 2);
  const result = await done;
  clearInterval(watch);
  return result;
}

describe("a rerun or a second run never sends a change twice", { timeout: 60_000 }, () => {
  it("rerunning the same command after kill -9 continues the report: no user gets a second id, and a rerun once done sends nothing", async () => {
    const server = await fakePartnerCenter(slow);
    const input = file("rerun.csv", csv(range(80)));
    const report = file("rerun.jsonl");
    const args = ["update-many", input, "--report", report, "--concurrency", "8", "--base-url", server.url];
    expect((await killMidRun(args, server, 12)).signal).toBe("SIGKILL");
    expect(existsSync(`${report}.lock`)).toBe(true); // left by the killed run

    const rerun = await runCli(args, { env });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stderr).toMatch(/holds \d+ entries of an earlier run: continuing it/);
    expectOneIdPerUser(server, 80);
    expect(existsSync(`${report}.lock`)).toBe(false);

    const sent = server.requests.length;
    const again = await runCli(args, { env });
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/80 rows carried over from .*\n80 rows: 80 ok;/);
    expect(server.requests).toHaveLength(sent);
  });

  it("a dry run never writes to a report that holds a journal", async () => {
    const server = await fakePartnerCenter();
    const input = file("dry.csv", csv(range(3)));
    const report = file("dry.jsonl");
    expect((await runCli(["update-many", input, "--report", report, "--base-url", server.url], { env })).code).toBe(0);
    const before = readFileSync(report);
    for (const extra of [[], ["--only-failed", report]]) {
      const result = await runCli(["update-many", input, "--dry-run", "--report", report, ...extra], { env });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/holds the journal of a run: a dry run never writes to one/);
    }
    expect(readFileSync(report)).toEqual(before);
  });

  it("a second run on the same report, while the first runs, refuses before reading its input, naming the first; the first ends with one id per user", async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const server = await fakePartnerCenter(async (request) => {
      await held;
      return updated(request);
    });
    const input = file("twice.csv", csv(range(40)));
    const report = file("twice.jsonl");
    const first = startCli(["update-many", input, "--report", report, "--base-url", server.url], { env });
    const firstDone = finished(first);
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));

    // Its input does not even exist: the lock is what it meets first.
    const second = await runCli(["update-many", file("missing.csv"), "--report", join(report, "..", ".", "twice.jsonl"), "--base-url", server.url], { env });
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(new RegExp(`twice\\.jsonl is in use by another run \\(pid ${first.pid},.*nothing was sent`));
    release();
    expect((await firstDone).code).toBe(0);
    expectOneIdPerUser(server, 40);
  });
});

describe("rows are found by content, not position", { timeout: 60_000 }, () => {
  it("a resume after the file was re-sorted and an applied row deleted sends each remaining change once, with its first id", async () => {
    const server = await fakePartnerCenter(slow);
    const input = file("sorted.csv", csv(range(60)));
    const report = file("sorted.jsonl");
    const args = (rows: string) => ["update-many", rows, "--report", report, "--concurrency", "8", "--base-url", server.url];
    expect((await killMidRun(args(input), server, 15)).signal).toBe("SIGKILL");
    const applied = readReportFile(report).find((entry) => entry.result === "ok");
    const kept = range(60)
      .reverse()
      .filter((i) => userIdFor(i) !== applied?.userId);
    const resorted = file("resorted.csv", csv(kept));
    const result = await runCli(args(resorted), { env });
    expect(result.code, result.stderr).toBe(0);
    expectOneIdPerUser(server, 60);
  });

  it("a row repeating an earlier one is judged again on resume: after that row was edited, it is a conflict, not a stale skip", async () => {
    let answer: Behaviour = (request) => fault(404, 60002, "User object ID not found.");
    const server = await fakePartnerCenter((request) => answer(request));
    const report = file("repeat.jsonl");
    const first = await runCli(["update-many", file("repeat.csv", csv([1, 1])), "--report", report, "--base-url", server.url], { env });
    expect(first.code).toBe(1);
    const byLine = (entries: ReturnType<typeof readReportFile>) => [...entries].sort((a, b) => a.line - b.line);
    expect(byLine(readReportFile(report)).map((entry) => entry.result)).toEqual(["failed", "skipped"]);
    answer = updated;
    const edited = file("repeat.csv", ["customerId,userId,usageLocation", `${customerId},${userIdFor(1)},GB`, `${customerId},${userIdFor(1)},US`].join("\n") + "\n");
    const resumed = await runCli(["update-many", edited, "--report", report, "--base-url", server.url], { env });
    expect(resumed.code).toBe(1);
    expect(byLine(readReportFile(report).slice(2))).toMatchObject([
      { line: 2, result: "ok" },
      { line: 3, result: "invalid", issues: [{ message: "updates the same user as line 2 with different changes: merge them into one row" }] },
    ]);
  });
});

describe("the input is never written over", { timeout: 30_000 }, () => {
  const input = () => file("input.csv", csv(range(3)));

  const linked = (link: typeof linkSync, name: string) => (path: string) => {
    link(path, file(name));
    return file(name);
  };

  it.each([
    ["a hard link to it", linked(linkSync, "hard.jsonl")],
    ["a symlink to it", linked(symlinkSync, "soft.jsonl")],
  ])("refuses a report that is %s, exit 2, the input unchanged", async (_, reportFor) => {
    const server = await fakePartnerCenter();
    const path = input();
    const before = readFileSync(path);
    const result = await runCli(["update-many", path, "--report", reportFor(path), "--base-url", server.url], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is the input file: write the report elsewhere/);
    expect(readFileSync(path)).toEqual(before);
    expect(server.requests).toHaveLength(0);
  });

  it("refuses a report that stdin is read from (update-many - --report in.csv < in.csv)", async () => {
    const server = await fakePartnerCenter();
    const path = input();
    const before = readFileSync(path);
    const fd = openSync(path, "r");
    try {
      const result = await finished(startCli(["update-many", "-", "--report", path, "--base-url", server.url], { env, stdinFd: fd }));
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/is the input file \(stdin is read from it\)/);
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(path)).toEqual(before);
  });

  it("never writes over a file that is not a report (--report naming the wrong file)", async () => {
    const server = await fakePartnerCenter();
    const notes = file("notes.txt", "my notes\n");
    const result = await runCli(["update-many", input(), "--report", notes, "--base-url", server.url], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/holds something that is not a report of this program/);
    expect(readFileSync(notes, "utf8")).toBe("my notes\n");
  });
});

describe("outcomes only into their own journal, and an id per outcome", { timeout: 60_000 }, () => {
  it("a report that fails mid-run (file size limit) stops new rows, awaits those in flight, names the rows whose outcome is unknown; the same command then sends each change once", async () => {
    const server = await fakePartnerCenter(slow);
    const input = file("full.csv", csv(range(60)));
    const report = file("full.jsonl");
    const args = ["update-many", input, "--report", report, "--concurrency", "6", "--base-url", server.url];
    // A report allowed 8 KiB (ulimit -f, SIGXFSZ ignored as a shell trap does): writes then fail with EFBIG.
    const limited = await runCli(args, { env, shellBefore: `trap "" XFSZ; ulimit -f 8;` });
    expect(limited.code).toBe(1);
    expect(limited.stderr).toMatch(/cannot write the report .*full\.jsonl \(the file has reached the size limit set for it \(ulimit -f, or the file system's\)\): stopped sending/);
    expect(server.requests.length).toBeLessThan(60);
    const resumed = await runCli(args, { env });
    expect(resumed.code, resumed.stderr).toBe(0);
    expectOneIdPerUser(server, 60);
  });

  it("a change answered (404) is sent again under a new id; one never answered (a timeout) under the same id", async () => {
    let firstRun = true;
    const server = await fakePartnerCenter((request) => {
      if (!firstRun) return updated(request);
      return request.userId === userIdFor(1) ? fault(404, 60002, "User object ID not found.") : "hang";
    });
    const input = file("fates.csv", csv([1, 2]));
    const args = ["update-many", input, "--report", file("fates.jsonl"), "--timeout", "300", "--max-retries", "0", "--base-url", server.url];
    expect((await runCli(args, { env })).code).toBe(1);
    firstRun = false;
    expect((await runCli(args, { env })).code).toBe(0);
    expect(idsPerUser(server).get(userIdFor(1))?.size).toBe(2);
    expect(idsPerUser(server).get(userIdFor(2))?.size).toBe(1);
    expect(server.attemptsFor(userIdFor(2))).toHaveLength(2);
  });

  it("Ctrl-C while sign-in names are being looked up exits 130, every row reported cancelled", async () => {
    const server = await fakePartnerCenter((request) => (request.method === "GET" ? "hang" : updated(request)));
    const input = file("names.csv", ["customerId,user,usageLocation", `${customerId},ada@contoso.example,US`, `${customerId},kate@contoso.example,US`].join("\n") + "\n");
    const report = file("names.jsonl");
    const child = startCli(["update-many", input, "--report", report, "--base-url", server.url], { env });
    const done = finished(child);
    while (!server.requests.some((request) => request.method === "GET")) await new Promise((resolve) => setTimeout(resolve, 10));
    child.kill("SIGINT");
    const result = await done;
    expect(result.code).toBe(130);
    expect(readReportFile(report).map((entry) => [entry.line, entry.result])).toEqual([
      [2, "cancelled"],
      [3, "cancelled"],
    ]);
  });
});

describe("no password verifier, no oversized cell", { timeout: 30_000 }, () => {
  const password = "Correct-Horse-9";
  const passwordRows = () => file("passwords.csv", ["customerId,userId,passwordProfile.password", `${customerId},${userIdFor(1)},${password}`].join("\n") + "\n");

  it("reports are owner-only (0600), and two journals of one password row key it differently (a random secret of each, kept apart from the report)", async () => {
    const server = await fakePartnerCenter();
    const input = passwordRows();
    const keys = [];
    for (const name of ["one.jsonl", "two.jsonl"]) {
      const report = file(name);
      expect((await runCli(["update-many", input, "--report", report, "--base-url", server.url], { env })).code).toBe(0);
      expect(statSync(report).mode & 0o777).toBe(0o600);
      const [entry] = parseJournal(readFileSync(report, "utf8")) as unknown as { key: string; keyId: string }[];
      expect(readFileSync(report, "utf8")).not.toContain(password);
      expect(statSync(join(config, "journal-keys", entry?.keyId ?? "")).mode & 0o777).toBe(0o600);
      keys.push(entry?.key);
    }
    expect(keys[0]).not.toBe(keys[1]);
  });

  it("refuses a 10 MB cell for its row, sending the others", async () => {
    const server = await fakePartnerCenter();
    const input = file("huge.csv", ["customerId,userId,displayName", `${customerId},${userIdFor(1)},${"x".repeat(10 * 1024 * 1024)}`, `${customerId},${userIdFor(2)},Ada`].join("\n") + "\n");
    const result = await runCli(["update-many", input, "--base-url", server.url], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/line 2: invalid: displayName is 10240 KiB long: a cell holds at most 64 KiB/);
    expect(server.requests.map((request) => request.userId)).toEqual([userIdFor(2)]);
  });

  it("refuses a byte that is not UTF-8 far into a big file (past the first 256 KiB) with one line and exit 2, not a crash", async () => {
    const server = await fakePartnerCenter();
    const rows = 8000;
    const bytes = Buffer.concat([Buffer.from(csv(range(rows))), Buffer.from(`${customerId},${userIdFor(1)},U`), Buffer.from([0xff]), Buffer.from("\n")]);
    const input = file("late.csv");
    writeFileSync(input, bytes);
    const result = await runCli(["update-many", input, "--base-url", server.url], { env });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toEqual([expect.stringMatching(new RegExp(`is not UTF-8 \\(at line ${rows + 2};.*nothing was sent`))]);
    expect(server.requests).toHaveLength(0);
  });
});

describe("found from outside (review): aliases, odd report files, odd answers", { timeout: 60_000 }, () => {
  const upn = "ada@contoso.example";
  /** A listing with one user, `upn`, whose object id is userIdFor(5); PATCHes answered. */
  const directory: Behaviour = (request) =>
    request.method === "GET" ? { status: 200, body: { totalCount: 1, items: [{ ...pageUser, id: userIdFor(5), userPrincipalName: upn }], attributes: { objectType: "Collection" } } } : updated(request);

  it("a change made for a user named by object id, repeated by sign-in name, is not sent again when the file is re-sorted", async () => {
    const server = await fakePartnerCenter(directory);
    const rows = (users: readonly string[]) => ["customerId,user,displayName", ...users.map((user) => `${customerId},${user},Same`)].join("\n") + "\n";
    const report = file("alias.jsonl");
    expect((await runCli(["update-many", file("alias.csv", rows([userIdFor(5), upn])), "--report", report, "--base-url", server.url], { env })).code).toBe(0);
    const rerun = await runCli(["update-many", file("alias-sorted.csv", rows([upn, userIdFor(5)])), "--report", report, "--base-url", server.url], { env });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(server.requests.filter((request) => request.method === "PATCH")).toHaveLength(1);
  });

  it("a change the client gave up on after a 504 (a gateway got no answer: outcome unknown) keeps its id on rerun", async () => {
    let firstRun = true;
    const server = await fakePartnerCenter((request) => (firstRun ? fault(504, 0, "Gateway Timeout") : updated(request)));
    const args = ["update-many", file("gateway.csv", csv([3])), "--report", file("gateway.jsonl"), "--max-retries", "0", "--base-url", server.url];
    expect((await runCli(args, { env })).code).toBe(1);
    firstRun = false;
    expect((await runCli(args, { env })).code).toBe(0);
    expect(idsPerUser(server).get(userIdFor(3))?.size).toBe(1);
    expect(server.attemptsFor(userIdFor(3))).toHaveLength(2);
  });

  it("refuses a report with two names (hard links): two runs given one each could not tell each other apart", async () => {
    const server = await fakePartnerCenter();
    const report = file("named.jsonl");
    expect((await runCli(["update-many", file("named.csv", csv([1])), "--report", report, "--base-url", server.url], { env })).code).toBe(0);
    linkSync(report, file("other-name.jsonl"));
    const result = await runCli(["update-many", file("named.csv"), "--report", report, "--base-url", server.url], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/has 2 names \(hard links\)/);
  });

  it("a symlink to a report not made yet is locked as its target: a second run on the target refuses", async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const server = await fakePartnerCenter(async (request) => {
      await held;
      return updated(request);
    });
    const target = file("target.jsonl");
    symlinkSync(target, file("link.jsonl"));
    const input = file("linked.csv", csv(range(5)));
    const first = startCli(["update-many", input, "--report", file("link.jsonl"), "--base-url", server.url], { env });
    const firstDone = finished(first);
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const second = await runCli(["update-many", input, "--report", target, "--base-url", server.url], { env });
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/target\.jsonl is in use by another run/);
    release();
    expect((await firstDone).code).toBe(0);
    expectOneIdPerUser(server, 5);
  });

  it("refuses a report on stdout appended to the input (>> input), and to a file that holds data (>> report)", async () => {
    const server = await fakePartnerCenter();
    for (const [path, message] of [
      [file("self.jsonl", `{"customerId":"${customerId}","userId":"${userIdFor(1)}","usageLocation":"US"}\n`), /stdout \(where the report goes\) is the input file/],
      [file("appended.jsonl", "earlier\n"), /stdout is a file that already holds data/],
    ] as const) {
      const before = readFileSync(path);
      const fd = openSync(path, "a");
      try {
        const result = await finished(startCli(["update-many", path.endsWith("self.jsonl") ? path : file("one.csv", csv([1])), "--base-url", server.url], { env, stdoutFd: fd }));
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(message);
      } finally {
        closeSync(fd);
      }
      expect(readFileSync(path)).toEqual(before);
    }
    expect(server.requests).toHaveLength(0);
  });

  it("a dry run, which keeps no journal, writes its entries to stdout appended to a file that holds data", async () => {
    const log = file("dry-run.log", "earlier\n");
    const fd = openSync(log, "a");
    try {
      const result = await finished(startCli(["update-many", file("one.csv", csv([1])), "--dry-run"], { env, stdoutFd: fd }));
      expect(result.code, result.stderr).toBe(0);
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(log, "utf8")).toMatch(/^earlier\n\{"line":2,.*"result":"valid"/);
  });

  it("refuses --only-failed naming an empty report: nothing to resume from", async () => {
    const result = await runCli(["update-many", file("one.csv", csv([1])), "--only-failed", file("empty.jsonl", ""), "--dry-run"], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/holds no entries: there is nothing to resume from/);
  });

  it("writes a report to a FIFO (its reader gets every entry) and, resuming into a symlink, keeps the symlink", async () => {
    const server = await fakePartnerCenter();
    const fifo = file("report.fifo");
    execFileSync("mkfifo", [fifo]);
    const reader = spawn("cat", [fifo]);
    const read = new Promise<string>((resolve) => {
      let text = "";
      reader.stdout.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
      reader.on("close", () => resolve(text));
    });
    const input = file("fifo.csv", csv(range(3)));
    const run = startCli(["update-many", input, "--report", fifo, "--base-url", server.url], { env });
    try {
      const result = await finished(run);
      expect(result.code, result.stderr).toBe(0);
      expect(parseJournal(await read).filter((entry) => entry.result === "ok")).toHaveLength(3);
    } finally {
      // Should either hang (a FIFO opened for reading by a writer), neither outlives the test.
      run.kill("SIGKILL");
      reader.kill();
    }

    const first = file("first-of-link.jsonl");
    expect((await runCli(["update-many", input, "--report", first, "--base-url", server.url], { env })).code).toBe(0);
    symlinkSync(file("seeded-target.jsonl"), file("seeded-link.jsonl"));
    expect((await runCli(["update-many", input, "--only-failed", first, "--report", file("seeded-link.jsonl"), "--base-url", server.url], { env })).code).toBe(0);
    expect(lstatSync(file("seeded-link.jsonl")).isSymbolicLink()).toBe(true);
    expect(readReportFile(file("seeded-target.jsonl")).filter((entry) => entry.result === "ok")).toHaveLength(3);
  });

  it("continues a report whose first line is longer than any buffer, re-sending its unanswered row with the same id", async () => {
    const server = await fakePartnerCenter();
    const report = file("long-first-line.jsonl");
    const input = file("long.csv", csv([7]));
    // The key of row 7, as the CLI worked it out in a dry run.
    const dry = await runCli(["update-many", input, "--dry-run"], { env });
    const key = parseJournal(dry.stdout)[0] as unknown as { key: string };
    const requestId = "b1317092-f087-471e-a637-f66523b2b94c";
    const long = JSON.stringify({ line: 9, result: "invalid", issues: [{ message: "x".repeat(200_000) }] });
    writeFileSync(report, `${long}\n${JSON.stringify({ line: 2, key: key.key, result: "sending", requestId })}\n`);
    const result = await runCli(["update-many", input, "--report", report, "--base-url", server.url], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(server.requests.map((request) => request.headers["ms-requestid"])).toEqual([requestId]);
  });

  it("refuses a JSON row nested 100,000 levels deep for itself, sending the others", async () => {
    const server = await fakePartnerCenter();
    const deep = `{"customerId":"${customerId}","userId":"${userIdFor(1)}","displayName":${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}}`;
    const input = file("deep.jsonl", `${deep}\n{"customerId":"${customerId}","userId":"${userIdFor(2)}","displayName":"Ada"}\n`);
    const result = await runCli(["update-many", input, "--base-url", server.url], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/line 1: invalid: is nested more than 16 levels deep/);
    expect(server.requests.map((request) => request.userId)).toEqual([userIdFor(2)]);
  });
});
