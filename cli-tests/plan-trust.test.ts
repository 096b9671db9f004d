// Preview, apply, undo under what goes wrong (an outside review of issue 21): rows of unknown
// outcome, two runs at once, files in the way, a hand-edited plan, a server that repeats a user or
// answers for another one, a password in a row refused as invalid.
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { describe, expect, it } from "vitest";
import { at, csv, customerId, directoryFake, env, idOf, patches, rows } from "./support/directory-fake.ts";
import { startFakePartnerCenter, updated, type Answer, type SeenRequest } from "./support/fake-partner-center.ts";
import { parseReport, readReportFile, scratchFolder } from "./support/files.ts";
import { pageUser } from "./support/page.ts";
import { finished, runCli, startCli } from "./support/run-cli.ts";

const file = scratchFolder();
const directory = directoryFake();
/** A lock as a run of this program holds it: this test process is alive, so it is never taken for stale. */
const heldLock = (path: string) => writeFileSync(`${path}.lock`, JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString() }));

async function planned(count: number, name: string) {
  const server = await directory(count);
  const plan = file(`${name}.plan.jsonl`);
  const made = await runCli(["update-many", file(`${name}.csv`, rows(count, () => false)), "--plan", "--plan-out", plan, ...at(server)], { env });
  expect(made.code, made.stderr).toBe(0);
  return { server, plan };
}

describe("undo <report>", { timeout: 60_000 }, () => {
  it("refuses a report holding rows sent whose outcome is unknown, naming each by line, user and request id, before anything is sent", async () => {
    const server = await directory(3);
    const report = file("unknown.report.jsonl");
    expect((await runCli(["update-many", file("unknown.csv", rows(1, () => false)), "--report", report, ...at(server)], { env })).code).toBe(0);
    const changes = { usageLocation: { from: "GB", to: "US" } };
    const entry = (i: number, fields: object) => JSON.stringify({ line: i + 2, customerId, userGiven: `user${i}@contoso.com`, userId: idOf(i), key: `K${i}`.padEnd(22, "A"), ...fields });
    writeFileSync(report, [
      readFileSync(report, "utf8").trim(),
      entry(1, { result: "sending", requestId: "req-sent-1", changes }), // a crash: no outcome
      entry(2, { result: "sending", requestId: "req-sent-2", changes }),
      entry(2, { result: "cancelled", requestId: "req-sent-2" }), // Ctrl-C after it was sent
    ].join("\n") + "\n");
    const undone = await runCli(["undo", report, "--report", file("unknown.undo.jsonl"), ...at(server)], { env });
    expect(undone.code).toBe(2);
    expect(undone.stderr).toMatch(/holds 2 rows sent whose outcome is unknown/);
    expect(undone.stderr).toContain("line 3 (user1@contoso.com, request id req-sent-1)");
    expect(undone.stderr).toContain("line 4 (user2@contoso.com, request id req-sent-2)");
    expect(undone.stderr).toMatch(/nothing was sent/);
    expect(patches(server)).toHaveLength(1); // the run's own
  });

  it("refuses a user changed since the run being undone saying to check the user and undo again with --force, not to plan again", async () => {
    const server = await directory(1);
    const report = file("drift-undo.report.jsonl");
    expect((await runCli(["update-many", file("drift-undo.csv", rows(1, () => false)), "--report", report, ...at(server)], { env })).code).toBe(0);
    const user = server.users.get(idOf(0));
    if (user) user.usageLocation = "FR";
    const undone = await runCli(["undo", report, "--report", file("drift-undo.undo.jsonl"), ...at(server)], { env });
    expect(undone.code).toBe(1);
    expect(undone.stderr).toMatch(/the user changed since the run being undone: usageLocation is FR \(expected US\) — .*undo again with --force/);
    expect(undone.stderr).not.toMatch(/plan again/);
  });
});

describe("update-many --apply <plan>", { timeout: 60_000 }, () => {
  it("refuses a plan another apply is applying (its lock held), naming that run's pid, before anything is sent", async () => {
    const { server, plan } = await planned(2, "busy");
    heldLock(plan);
    const applied = await runCli(["update-many", "--apply", plan, "--report", file("busy-2.report.jsonl"), ...at(server)], { env });
    expect(applied.code).toBe(2);
    expect(applied.stderr).toMatch(new RegExp(`is in use by another run \\(pid ${process.pid}`));
    expect(patches(server)).toEqual([]);
  });

  it("two applies of one plan started at once, each with its own report, send each change once: the second is refused", async () => {
    const { server, plan } = await planned(50, "race");
    const run = (name: string) => finished(startCli(["update-many", "--apply", plan, "--report", file(name), ...at(server)], { env }));
    const results = await Promise.all([run("race-1.report.jsonl"), run("race-2.report.jsonl")]);
    // Whichever comes second finds the plan locked, or applied with the other report: refused either way.
    expect(results.map((result) => result.code).sort()).toEqual([0, 2]);
    expect(results.find((result) => result.code === 2)?.stderr).toMatch(/is in use by another run|was applied before with --report/);
    expect(patches(server)).toHaveLength(50);
  });

  it("a plan applied with one report is never applied again with another: refused, naming the report to continue", async () => {
    const { server, plan } = await planned(3, "again");
    const first = file("again-1.report.jsonl");
    expect((await runCli(["update-many", "--apply", plan, "--report", first, ...at(server)], { env })).code).toBe(0);
    expect(patches(server)).toHaveLength(3);
    const second = await runCli(["update-many", "--apply", plan, "--report", file("again-2.report.jsonl"), "--send-unchanged", ...at(server)], { env });
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/was applied before with --report .*again-1.report.jsonl: .*continue that report/);
    expect(patches(server)).toHaveLength(3);
    const continued = await runCli(["update-many", "--apply", plan, "--report", first, ...at(server)], { env });
    expect(continued.code, continued.stderr).toBe(0);
    expect(patches(server)).toHaveLength(3);
  });

  it("refuses a plan row edited by hand since it was planned, naming its line, and applies the others", async () => {
    const { server, plan } = await planned(2, "edited");
    const [first, second] = readFileSync(plan, "utf8").trim().split("\n");
    writeFileSync(plan, `${String(first).replace('"to":"US"', '"to":"FR"')}\n${second}\n`);
    const report = file("edited.report.jsonl");
    const applied = await runCli(["update-many", "--apply", plan, "--report", report, ...at(server)], { env });
    expect(applied.code).toBe(1);
    const outcomes = readReportFile(report).sort((a, b) => a.line - b.line);
    expect(outcomes.map((entry) => entry.result)).toEqual(["invalid", "ok"]);
    expect(outcomes[0]?.issues?.[0]?.message).toMatch(/plan line 1 was edited since it was planned/);
    expect(server.users.get(idOf(0))?.usageLocation).toBe("GB");
    expect(patches(server)).toHaveLength(1);
  });

  it("a refused apply (the plan is not one) leaves no report file behind", async () => {
    const server = await directory(1);
    const notPlan = file("refused.notplan.jsonl", "my notes\n");
    const report = file("refused.report.jsonl");
    const applied = await runCli(["update-many", "--apply", notPlan, "--report", report, ...at(server)], { env });
    expect(applied.code).toBe(2);
    expect(existsSync(report)).toBe(false);
  });
});

describe("update-many --plan", { timeout: 60_000 }, () => {
  it("never touches a partial file but its own, and refuses a second plan to the same file while one is written", async () => {
    const server = await directory(2);
    const plan = file("shared.plan.jsonl");
    const someoneElses = file("shared.plan.jsonl.partial", "another plan, half written\n");
    const made = await runCli(["update-many", file("shared.csv", rows(2, () => false)), "--plan", "--plan-out", plan, ...at(server)], { env });
    expect(made.code, made.stderr).toBe(0);
    expect(readFileSync(someoneElses, "utf8")).toBe("another plan, half written\n");
    expect(parseReport(readFileSync(plan, "utf8"))).toHaveLength(2);
    heldLock(plan);
    const second = await runCli(["update-many", file("shared.csv"), "--plan", "--plan-out", plan, ...at(server)], { env });
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(new RegExp(`is in use by another run \\(pid ${process.pid}`));
  });

  it("interrupted, says the plan was not saved and nothing was sent — no report, no 'saved to'", async () => {
    const server = await startFakePartnerCenter(() => "hang"); // the listing never answers
    try {
      const plan = file("stopped.plan.jsonl");
      const child = startCli(["update-many", file("stopped.csv", rows(1, () => false)), "--plan", "--plan-out", plan, ...at(server)], { env });
      const done = finished(child);
      // Once: a second Ctrl-C quits at once, by design.
      const watch = setInterval(() => server.requests.length > 0 && clearInterval(watch) === undefined && child.kill("SIGINT"), 5);
      const result = await done;
      clearInterval(watch);
      expect(result.code).toBe(130);
      expect(result.stderr).toMatch(/interrupted: nothing was sent; the plan is not whole, so it was not saved/);
      expect(result.stderr).not.toMatch(/saved to|report/);
      expect(existsSync(plan)).toBe(false);
    } finally {
      await server.close();
    }
  });

  it("writes the plan to stdout even when stdout is a file holding data (>>)", async () => {
    const server = await directory(1);
    const out = file("appended.jsonl", "earlier line\n");
    const fd = openSync(out, "a");
    try {
      const result = await runCli(["update-many", file("appended.csv", rows(1, () => false)), "--plan", ...at(server)], { env, stdoutFd: fd });
      expect(result.code, result.stderr).toBe(0);
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(out, "utf8")).toMatch(/^earlier line\n\{"line":2,.*"result":"change"/);
  });

  it("refuses --send-unchanged, which a plan cannot honour, naming it", async () => {
    const server = await directory(1);
    const result = await runCli(["update-many", file("unchanged.csv", rows(1, () => true)), "--plan", "--send-unchanged", ...at(server)], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--plan cannot be given with --send-unchanged: a plan sends nothing/);
    expect(result.stdout).toBe("");
  });

  it("a user the listing repeats: the same values count once, different values fail the row naming why", async () => {
    const user = (i: number, displayName = `User ${i}`) => ({ ...pageUser, id: idOf(i), userPrincipalName: `user${i}@contoso.com`, displayName, usageLocation: "GB" });
    const listPage = (items: object[], token: string): Answer => ({
      status: 200,
      body: {
        totalCount: items.length,
        items,
        continuationToken: token,
        links: { self: { uri: `/customers/${customerId}/users`, method: "GET", headers: [] }, ...(token && { next: { uri: `/customers/${customerId}/users?seekOperation=Next`, method: "GET", headers: [{ key: "MS-ContinuationToken", value: token }] } }) },
        attributes: { objectType: "Collection" },
      },
    });
    // user1 on both pages as it is; user2 on both, renamed between them.
    const server = await startFakePartnerCenter((request: SeenRequest) =>
      request.headers["ms-continuationtoken"] === "p2" ? listPage([user(1), user(2, "Renamed"), user(3)], "") : listPage([user(0), user(1), user(2)], "p2"),
    );
    try {
      const input = file("repeated.csv", csv([1, 2, 3].map((i) => `${customerId},user${i}@contoso.com,US,`)));
      const result = await runCli(["update-many", input, "--plan", ...at(server)], { env });
      const plan = parseReport(result.stdout);
      expect(plan.map((entry) => entry.result)).toEqual(["change", "invalid", "change"]);
      expect(plan[1]?.issues?.[0]?.message).toMatch(new RegExp(`was listed twice by Partner Center with different values \\(object id ${idOf(2)}\\)`));
      expect(result.code).toBe(1);
    } finally {
      await server.close();
    }
  });
});

describe("update-many", { timeout: 60_000 }, () => {
  it("an answer for another user than the one patched fails the row, its outcome stated unknown, never ok", async () => {
    const server = await startFakePartnerCenter((request) => {
      const answer = updated(request) as Exclude<Answer, "hang">;
      return { ...answer, body: { ...(answer.body as object), id: idOf(99) } };
    });
    try {
      const report = file("other-user.report.jsonl");
      const input = file("other-user.csv", csv([`${customerId},${idOf(1)},US,`]));
      const result = await runCli(["update-many", input, "--report", report, ...at(server)], { env });
      expect(result.code).toBe(1);
      const [outcome] = readReportFile(report);
      expect(outcome?.result).toBe("failed");
      expect(outcome?.error?.description).toMatch(new RegExp(`the answer is for another user \\(object id ${idOf(99)}\\), not ${idOf(1)}: .*whether this change was applied is unknown`));
    } finally {
      await server.close();
    }
  });

  it("--status-out never replaces a file holding data, refused before anything is sent", async () => {
    const server = await directory(1);
    const mine = file("mine.status.csv", "my own notes\n");
    const result = await runCli(["update-many", file("keep.csv", rows(1, () => false)), "--status-out", mine, "--report", file("keep.report.jsonl"), ...at(server)], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--status-out .*mine.status.csv exists and holds data: it is never written over/);
    expect(readFileSync(mine, "utf8")).toBe("my own notes\n");
    expect(patches(server)).toEqual([]);
  });

  it("--status-out never writes a password, not even from a row refused as invalid (a flat passwordProfile.password key)", async () => {
    const server = await directory(2);
    const input = file("flat.jsonl", [
      JSON.stringify({ customerId, user: "user0@contoso.com", "passwordProfile.password": "Flat-Secret-3141!" }),
      JSON.stringify({ customerId, user: "user1@contoso.com", usageLocation: "US", passwordProfile: { password: "Nested-Secret-2718!" } }),
    ].join("\n"));
    const out = file("flat.status.jsonl");
    const result = await runCli(["update-many", input, "--status-out", out, "--report", file("flat.report.jsonl"), ...at(server)], { env });
    expect(result.code).toBe(1);
    const written = readFileSync(out, "utf8");
    expect(written).not.toContain("Flat-Secret-3141!");
    expect(written).not.toContain("Nested-Secret-2718!");
    expect(written.split("\n")[0]).toMatch(/"passwordProfile.password":"\(set\)".*"status":"invalid/);
  });

  it("--help names every outcome a row can have, unchanged and change included", async () => {
    const help = await runCli(["update-many", "--help"]);
    expect(help.stdout).toMatch(/\bunchanged \(the user has every value asked already/);
    expect(help.stdout).toMatch(/\bchange \(--plan/);
  });
});
