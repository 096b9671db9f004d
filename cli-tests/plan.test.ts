// Preview, apply, undo (issue 21), against the stateful fake whose every answer is checked against
// the spec: a plan reads each user once per customer listing and shows what each row would change;
// --apply sends exactly the planned changes, refusing users changed since; rows with nothing to
// change are not sent; the journal records what each applied row changed, never a password.
import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { FakeUser } from "../contract-tests/support/stateful-fake.ts";
import { at, csv, customerId, directoryFake, env, idOf, pages, patches, rows } from "./support/directory-fake.ts";
import { parseJournal, parseReport, readReportFile, scratchFolder } from "./support/files.ts";
import { finished, runCli, startCli } from "./support/run-cli.ts";

const file = scratchFolder();
const directory = directoryFake();

describe("update-many --plan", { timeout: 60_000 }, () => {
  it("shows per row the fields that would change from → to, rows with nothing to change and rows that would fail — one listing, nothing sent, exit 1", async () => {
    const server = await directory(5, 2);
    const input = file("plan.csv", csv([
      `${customerId},user0@contoso.com,US,`,
      `${customerId},user1@contoso.com,GB,User 1`,
      `${customerId},ghost@contoso.com,US,`,
      `${customerId},user2@contoso.com,usa,`,
      `${customerId},${idOf(3)},,Ada`,
    ]));
    const result = await runCli(["update-many", input, "--plan", ...at(server)], { env });
    expect(result.code, result.stderr).toBe(1);
    const plan = parseReport(result.stdout);
    expect(plan.map((entry) => [entry.line, entry.result])).toEqual([[2, "change"], [3, "unchanged"], [4, "invalid"], [5, "invalid"], [6, "change"]]);
    expect(plan[0]?.changes).toEqual({ usageLocation: { from: "GB", to: "US" } });
    expect(plan[4]?.changes).toEqual({ displayName: { from: "User 3", to: "Ada" } });
    expect(plan[2]?.issues).toEqual([{ field: "user", message: "is no active user of this customer" }]);
    expect(result.stderr).toMatch(/5 rows: 2 invalid, 2 change, 1 unchanged; a plan, nothing sent/);
    expect(patches(server)).toEqual([]);
    expect(pages(server)).toHaveLength(3); // 5 users, 2 a page: the listing once
  });

  it("exits 0 when no row would fail, and saves the plan with --plan-out, a row setting a password planned as would-fail and the password never shown", async () => {
    const server = await directory(3);
    const input = file("password.jsonl", [
      JSON.stringify({ customerId, user: "user0@contoso.com", usageLocation: "US" }),
      JSON.stringify({ customerId, user: "user1@contoso.com", passwordProfile: { password: "Plan-Secret-7788!", forceChangePassword: true } }),
    ].join("\n"));
    const out = file("saved.plan.jsonl");
    const result = await runCli(["update-many", input, "--plan", "--plan-out", out, ...at(server)], { env });
    expect(result.code, result.stderr).toBe(1);
    const saved = readFileSync(out, "utf8");
    expect(parseReport(saved)).toEqual(parseReport(result.stdout));
    expect(parseReport(saved)[1]?.issues?.[0]?.message).toMatch(/cannot be applied from a plan/);
    const fine = await runCli(["update-many", file("no-password.csv", rows(1, () => false)), "--plan", "--plan-out", out, ...at(server)], { env });
    expect(fine.code, fine.stderr).toBe(0);
    expect(saved + result.stdout + result.stderr).not.toContain("Plan-Secret-7788!");
  });

  it("never writes a plan over a file that is not one, nor over the input", async () => {
    const server = await directory(1);
    const input = file("keep.csv", rows(1, () => false));
    const notes = file("notes.txt", "my notes\n");
    const overNotes = await runCli(["update-many", input, "--plan", "--plan-out", notes, ...at(server)], { env });
    expect(overNotes.code).toBe(2);
    expect(overNotes.stderr).toMatch(/--plan-out .*notes.txt holds something that is not a plan/);
    expect(readFileSync(notes, "utf8")).toBe("my notes\n");
    const overInput = await runCli(["update-many", input, "--plan", "--plan-out", input, ...at(server)], { env });
    expect(overInput.code).toBe(2);
    expect(readFileSync(input, "utf8")).toBe(rows(1, () => false));
  });
});

describe("update-many --apply <plan>", { timeout: 120_000 }, () => {
  it("a plan of 1,000 rows with 300 unchanged sends 700 PATCHes: requests are the pages of one listing per run plus the changed rows", async () => {
    const server = await directory(1000);
    const input = file("thousand.csv", rows(1000, (i) => i % 10 < 3));
    const plan = file("thousand.plan.jsonl");
    expect((await runCli(["update-many", input, "--plan", "--plan-out", plan, ...at(server)], { env })).code).toBe(0);
    expect(server.seen).toHaveLength(10); // the pages
    const report = file("thousand.report.jsonl");
    const applied = await runCli(["update-many", "--apply", plan, "--report", report, ...at(server)], { env });
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stderr).toMatch(/700 rows: 700 ok/);
    expect(patches(server)).toHaveLength(700);
    expect(server.seen).toHaveLength(10 + 10 + 700);
    expect([...server.users.values()].filter((user) => user.usageLocation === "US")).toHaveLength(700);
    // Each applied row's journal entry records what it changed.
    expect(readReportFile(report).every((entry) => entry.result === "ok" && entry.changes?.["usageLocation"]?.from === "GB")).toBe(true);

    // undo of that run restores every changed field, checked by listing.
    const undone = await runCli(["undo", report, "--report", file("thousand.undo.jsonl"), ...at(server)], { env });
    expect(undone.code, undone.stderr).toBe(0);
    expect(undone.stderr).toMatch(/700 rows: 700 ok/);
    expect(patches(server)).toHaveLength(1400);
    const listed = await runCli(["list", customerId, ...at(server)], { env });
    const users = listed.stdout.trim().split("\n").map((line) => JSON.parse(line) as FakeUser);
    expect(users).toHaveLength(1000);
    expect(users.filter((user) => user.usageLocation !== "GB")).toEqual([]);
  });

  it("refuses a row whose user changed since the plan, sends it with --force, and sends every other planned change", async () => {
    const server = await directory(3);
    const plan = file("drift.plan.jsonl");
    expect((await runCli(["update-many", file("drift.csv", rows(3, () => false)), "--plan", "--plan-out", plan, ...at(server)], { env })).code).toBe(0);
    const user1 = server.users.get(idOf(1));
    if (user1) user1.usageLocation = "FR"; // someone else's change, between plan and apply
    const report = file("drift.report.jsonl");
    const applied = await runCli(["update-many", "--apply", plan, "--report", report, ...at(server)], { env });
    expect(applied.code).toBe(1);
    const outcomes = readReportFile(report).sort((a, b) => a.line - b.line);
    expect(outcomes.map((entry) => entry.result)).toEqual(["ok", "invalid", "ok"]);
    expect(outcomes[1]?.issues?.[0]?.message).toMatch(/the user changed since this change was planned: usageLocation is FR \(expected GB\)/);
    expect(server.users.get(idOf(1))?.usageLocation).toBe("FR");
    const forced = await runCli(["update-many", "--apply", plan, "--report", report, "--force", ...at(server)], { env });
    expect(forced.code, forced.stderr).toBe(0);
    expect(server.users.get(idOf(1))?.usageLocation).toBe("US");
    expect(patches(server)).toHaveLength(3); // the two applied first were carried over
  });

  it("is exactly once: killed mid-apply and rerun, every planned change reaches its user under one request id; a run once done sends nothing", async () => {
    const server = await directory(200);
    const plan = file("kill.plan.jsonl");
    expect((await runCli(["update-many", file("kill.csv", rows(200, () => false)), "--plan", "--plan-out", plan, ...at(server)], { env })).code).toBe(0);
    const report = file("kill.report.jsonl");
    const args = ["update-many", "--apply", plan, "--report", report, "--concurrency", "8", ...at(server)];
    const child = startCli(args, { env });
    const done = finished(child);
    const watch = setInterval(() => patches(server).length >= 40 && child.kill("SIGKILL"), 2);
    expect((await done).signal).toBe("SIGKILL");
    clearInterval(watch);
    const rerun = await runCli(args, { env });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect([...server.users.values()].every((user) => user.usageLocation === "US")).toBe(true);
    // Every row applied once: its ok entry, one request id per user across both runs.
    const journal = parseJournal(readFileSync(report, "utf8"));
    const ids = new Map<string, Set<string>>();
    for (const entry of journal) if (entry.result === "sending") ids.set(String(entry.line), (ids.get(String(entry.line)) ?? new Set()).add(entry.requestId));
    expect([...ids.values()].every((seen) => seen.size === 1)).toBe(true);
    expect(readReportFile(report).filter((entry) => entry.result === "ok" && entry.carriedOver !== true).map((entry) => entry.changes?.["usageLocation"])).toSatisfy((changes: unknown[]) => changes.every((change) => JSON.stringify(change) === '{"from":"GB","to":"US"}'));
    const sent = patches(server).length;
    const again = await runCli(args, { env });
    expect(again.code).toBe(0);
    expect(patches(server)).toHaveLength(sent);
  });

  it("refuses a report given as a plan, naming what it is, before anything is sent", async () => {
    const server = await directory(1);
    const report = file("not-a-plan.jsonl", `${JSON.stringify({ line: 2, customerId, userId: idOf(0), result: "ok", requestId: "x" })}\n`);
    const result = await runCli(["update-many", "--apply", report, "--report", file("r.jsonl"), ...at(server)], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is a report, not a plan/);
    expect(server.seen).toEqual([]);
  });
});

describe("rows with nothing to change", { timeout: 60_000 }, () => {
  it("are reported unchanged and not sent when their user was listed (named by sign-in name); --send-unchanged sends them", async () => {
    const server = await directory(4);
    const input = file("same.csv", rows(4, (i) => i < 2));
    const report = file("same.report.jsonl");
    const result = await runCli(["update-many", input, "--report", report, ...at(server)], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(readReportFile(report).map((entry) => entry.result)).toEqual(["unchanged", "unchanged", "ok", "ok"]);
    expect(patches(server)).toHaveLength(2);
    const forced = await runCli(["update-many", input, "--send-unchanged", "--report", file("same-2.report.jsonl"), ...at(server)], { env });
    expect(forced.code).toBe(0);
    expect(patches(server)).toHaveLength(2 + 4);
  });
});

describe("the journal's before-values", { timeout: 60_000 }, () => {
  it("record each field an applied row changed, from → to, in its sending and ok entries; a password only as (set)", async () => {
    const server = await directory(2);
    const input = file("before.jsonl", [
      JSON.stringify({ customerId, user: "user0@contoso.com", usageLocation: "US", displayName: "User 0" }),
      JSON.stringify({ customerId, user: "user1@contoso.com", passwordProfile: { password: "Journal-Secret-4411!" } }),
    ].join("\n"));
    const report = file("before.report.jsonl");
    expect((await runCli(["update-many", input, "--report", report, ...at(server)], { env })).code).toBe(0);
    const text = readFileSync(report, "utf8");
    expect(text).not.toContain("Journal-Secret-4411!");
    const journal = parseJournal(text) as { result: string; changes?: unknown }[];
    expect(journal.filter((entry) => entry.result === "sending")[0]?.changes).toEqual({ usageLocation: { from: "GB", to: "US" } });
    const oks = (journal as { line: number; result: string; changes?: unknown }[]).filter((entry) => entry.result === "ok").sort((x, y) => x.line - y.line);
    expect(oks.map((entry) => entry.changes)).toEqual([{ usageLocation: { from: "GB", to: "US" } }, { "passwordProfile.password": { to: "(set)" } }]);
  });
});

describe("undo <report>", { timeout: 60_000 }, () => {
  it("sets each changed field back, refusing a user someone changed since unless --force, and says per row that a password change cannot be undone", async () => {
    const server = await directory(4);
    const input = file("undo.jsonl", [
      JSON.stringify({ customerId, user: "user0@contoso.com", usageLocation: "US", displayName: "Zero" }),
      JSON.stringify({ customerId, user: "user1@contoso.com", usageLocation: "US" }),
      JSON.stringify({ customerId, user: "user2@contoso.com", passwordProfile: { password: "Undo-Secret-9911!" } }),
      JSON.stringify({ customerId, user: "user3@contoso.com", usageLocation: "US", passwordProfile: { password: "Undo-Secret-9911!" } }),
    ].join("\n"));
    const report = file("undo.report.jsonl");
    expect((await runCli(["update-many", input, "--report", report, ...at(server)], { env })).code).toBe(0);
    const user1 = server.users.get(idOf(1));
    if (user1) user1.usageLocation = "FR"; // someone else's change since
    const undoReport = file("undo.undo.jsonl");
    const undone = await runCli(["undo", report, "--report", undoReport, ...at(server)], { env });
    expect(undone.code).toBe(1);
    expect(undone.stderr).toMatch(/report line \d+ \(user3@contoso.com\): undoing usageLocation only — a password change cannot be undone/);
    const outcomes = readReportFile(undoReport);
    const of = (user: string) => outcomes.find((entry) => entry.userGiven === user);
    expect(of("user0@contoso.com")?.result).toBe("ok");
    expect(of("user1@contoso.com")).toMatchObject({ result: "invalid" });
    expect(of("user1@contoso.com")?.issues?.[0]?.message).toMatch(/usageLocation is FR \(expected US\)/);
    expect(of("user2@contoso.com")).toMatchObject({ result: "invalid", issues: [{ message: "a password change cannot be undone (a password is never kept)" }] });
    expect(server.users.get(idOf(0))).toMatchObject({ usageLocation: "GB", displayName: "User 0" });
    expect(server.users.get(idOf(1))?.usageLocation).toBe("FR");
    expect(server.users.get(idOf(3))?.usageLocation).toBe("GB");

    const sent = patches(server).length;
    const forced = await runCli(["undo", report, "--report", undoReport, "--force", ...at(server)], { env });
    expect(server.users.get(idOf(1))?.usageLocation).toBe("GB");
    expect(patches(server)).toHaveLength(sent + 1); // the rows undone before were carried over
    expect(forced.stderr + readFileSync(undoReport, "utf8")).not.toContain("Undo-Secret-9911!");
  });

  it("sets a user changed by two runs of one report back to what they had before the first", async () => {
    const server = await directory(2);
    const report = file("twice.report.jsonl");
    expect((await runCli(["update-many", file("twice.csv", rows(2, () => false)), "--report", report, ...at(server)], { env })).code).toBe(0);
    // The same job, its first row edited since: a new change for that user, the other carried over.
    const edited = file("twice.csv", csv([`${customerId},user0@contoso.com,FR,`, `${customerId},user1@contoso.com,US,`]));
    expect((await runCli(["update-many", edited, "--report", report, ...at(server)], { env })).code).toBe(0);
    expect(server.users.get(idOf(0))?.usageLocation).toBe("FR");
    const undone = await runCli(["undo", report, "--report", file("twice.undo.jsonl"), ...at(server)], { env });
    expect(undone.code, undone.stderr).toBe(0);
    expect(server.users.get(idOf(0))?.usageLocation).toBe("GB");
    expect(server.users.get(idOf(1))?.usageLocation).toBe("GB");
  });

  it("refuses a plan, and a report whose applied rows recorded no before-values, before anything is sent", async () => {
    const server = await directory(1);
    const plan = file("u.plan.jsonl");
    expect((await runCli(["update-many", file("u.csv", rows(1, () => false)), "--plan", "--plan-out", plan, ...at(server)], { env })).code).toBe(0);
    const result = await runCli(["undo", plan, "--report", file("u.undo.jsonl"), ...at(server)], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is a plan, not a report/);
    // A run that named users by object id did not read them first: what it changed is not known.
    const blind = file("blind.jsonl", `${JSON.stringify({ line: 2, customerId, userId: idOf(0), key: "AAAAAAAAAAAAAAAAAAAAAA", result: "ok", requestId: "r" })}\n`);
    const nothing = await runCli(["undo", blind, "--report", file("blind.undo.jsonl"), ...at(server)], { env });
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/1 applied rows of .*blind.jsonl \(report lines 1\) were sent without reading their user first/);
    expect(nothing.stderr).toMatch(/records no applied change that can be undone; nothing was sent/); // no word of a plan: it is a report
    expect(patches(server)).toEqual([]);
  });
});

describe("update-many --status-out <file>", { timeout: 60_000 }, () => {
  it("writes the input back with a status column, in its encoding, separator and line ends, a password shown as (set)", async () => {
    const server = await directory(3);
    const text = [
      "customerId;user;usageLocation;passwordProfile.password",
      `${customerId};user0@contoso.com;US;`,
      `${customerId};user1@contoso.com;GB;`,
      `${customerId};ghost@contoso.com;US;`,
      `${customerId};user2@contoso.com;;Status-Secret-5566!`,
    ].join("\r\n") + "\r\n";
    // Excel's "Unicode text": UTF-16LE with its byte-order mark.
    const input = file("status.csv");
    writeFileSync(input, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    const out = file("status.out.csv");
    const result = await runCli(["update-many", input, "--status-out", out, "--report", file("status.report.jsonl"), ...at(server)], { env });
    expect(result.code).toBe(1);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    const lines = bytes.subarray(2).toString("utf16le").split("\r\n");
    expect(lines[0]).toBe("customerId;user;usageLocation;passwordProfile.password;status");
    expect(lines[1]).toMatch(new RegExp(`^${customerId};user0@contoso.com;US;;ok \\(request id [0-9a-f-]+\\)$`));
    expect(lines[2]).toBe(`${customerId};user1@contoso.com;GB;;unchanged: the user has every value asked already`);
    expect(lines[3]).toBe(`${customerId};ghost@contoso.com;US;;invalid: user is no active user of this customer`);
    expect(lines[4]).toMatch(new RegExp(`^${customerId};user2@contoso.com;;\\(set\\);ok `));
    expect(lines.slice(5)).toEqual([""]);
    expect(bytes.toString("utf16le") + result.stderr).not.toContain("Status-Secret-5566!");
  });

  it("adds a status key to each JSON Lines row, and never writes over the input", async () => {
    const server = await directory(1);
    const input = file("status.jsonl", `${JSON.stringify({ customerId, user: "user0@contoso.com", usageLocation: "US" })}\n`);
    const out = file("status.out.jsonl");
    const result = await runCli(["update-many", input, "--status-out", out, "--report", file("status2.report.jsonl"), ...at(server)], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(readFileSync(out, "utf8").trim())).toMatchObject({ customerId, user: "user0@contoso.com", usageLocation: "US", status: expect.stringMatching(/^ok /) });
    const over = await runCli(["update-many", input, "--status-out", input, "--report", file("status3.report.jsonl"), ...at(server)], { env });
    expect(over.code).toBe(2);
    expect(over.stderr).toMatch(/--status-out .* is the input file/);
    expect(readFileSync(input, "utf8")).toBe(`${JSON.stringify({ customerId, user: "user0@contoso.com", usageLocation: "US" })}\n`);
    expect(patches(server)).toHaveLength(1);
  });
});
