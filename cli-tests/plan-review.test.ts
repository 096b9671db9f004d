// Preview, apply, undo under an outside tester's review (issue 23): plans appended or copied, a
// report undone twice, copies run at once, a password in a plan, a byte-order mark, and messages
// that named the wrong thing.
import { createHash } from "node:crypto";
import { copyFileSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { at, csv, customerId, directoryFake, env, idOf, patches, rows } from "./support/directory-fake.ts";
import { parseReport, readReportFile, scratchFolder } from "./support/files.ts";
import { finished, runCli, startCli } from "./support/run-cli.ts";

const file = scratchFolder();
const directory = directoryFake();

async function planOf(server: { readonly url: string }, name: string, input: string) {
  const plan = file(`${name}.plan.jsonl`);
  const made = await runCli(["update-many", file(`${name}.csv`, input), "--plan", "--plan-out", plan, ...at(server)], { env });
  expect(made.code, made.stderr).toBe(0);
  return plan;
}

describe("update-many --apply <plan>", { timeout: 60_000 }, () => {
  it("an identical change repeated is skipped and a conflicting one refused, whatever the line numbers (plans appended with >>)", async () => {
    const server = await directory(2);
    const us = await planOf(server, "appended-us", rows(2, () => false));
    const fr = await planOf(server, "appended-fr", csv([`${customerId},user0@contoso.com,FR,`]));
    const plan = file("appended.plan.jsonl", readFileSync(us, "utf8") + readFileSync(us, "utf8") + readFileSync(fr, "utf8"));
    const report = file("appended.report.jsonl");
    const applied = await runCli(["update-many", "--apply", plan, "--report", report, ...at(server)], { env });
    expect(applied.code).toBe(1);
    // Each row named by its plan line, never by the input lines the two plans share.
    expect(readReportFile(report).sort((a, b) => a.line - b.line).map((entry) => [entry.line, entry.result])).toEqual([[1, "ok"], [2, "ok"], [3, "skipped"], [4, "skipped"], [5, "invalid"]]);
    expect(applied.stderr).toMatch(/updates the same user as plan line 1 with different changes/);
    expect(patches(server)).toHaveLength(2);
    expect(server.users.get(idOf(0))?.usageLocation).toBe("US");
  });

  it("two runs at once over the same content (a copy of a plan, each with its own report) send each change once", async () => {
    const server = await directory(40);
    const plan = await planOf(server, "copied", rows(40, () => false));
    const copy = file("copied-2.plan.jsonl");
    copyFileSync(plan, copy);
    const run = (which: string, report: string) => finished(startCli(["update-many", "--apply", which, "--report", file(report), ...at(server)], { env }));
    const results = await Promise.all([run(plan, "copied-1.report.jsonl"), run(copy, "copied-2.report.jsonl")]);
    expect(patches(server)).toHaveLength(40);
    // Whichever comes second is refused, unless the first had ended: its rows then read unchanged.
    expect(results.map((result) => result.code)).toContain(0);
  });

  it("two runs at once over the same content are refused: a copy of a plan another run is applying, exit 2 naming that run's pid", async () => {
    const server = await directory(2);
    const plan = await planOf(server, "held", rows(2, () => false));
    const config = mkdtempSync(join(tmpdir(), "pcu-content-"));
    try {
      const running = join(config, "running");
      mkdirSync(running);
      // The content lock of a run still going (this test process stands in for it).
      const digest = createHash("sha256").update(`${server.url}\n`).update(readFileSync(plan)).digest("hex");
      writeFileSync(join(running, `${digest}.lock`), JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString() }));
      const copy = file("held-copy.plan.jsonl", readFileSync(plan, "utf8"));
      const applied = await runCli(["update-many", "--apply", copy, "--report", file("held.report.jsonl"), ...at(server)], { env: { ...env, PARTNER_CENTER_USERS_CONFIG_DIR: config } });
      expect(applied.code).toBe(2);
      expect(applied.stderr).toMatch(new RegExp(`another run \\(pid ${process.pid}, started .*\\) is running over the same content as .*held-copy.plan.jsonl`));
      expect(patches(server)).toEqual([]);
    } finally {
      rmSync(config, { recursive: true, force: true });
    }
  });

  it("a plan row that sets a password is planned as would-fail (exit 1), as --apply refuses it", async () => {
    const server = await directory(2);
    const input = file("secret.jsonl", [
      JSON.stringify({ customerId, user: "user0@contoso.com", usageLocation: "US" }),
      JSON.stringify({ customerId, user: "user1@contoso.com", passwordProfile: { password: "Review-Secret-5150!" } }),
    ].join("\n"));
    const result = await runCli(["update-many", input, "--plan", ...at(server)], { env });
    expect(result.code).toBe(1);
    const plan = parseReport(result.stdout);
    expect(plan.map((entry) => entry.result)).toEqual(["change", "invalid"]);
    expect(plan[1]?.issues?.[0]?.message).toMatch(/cannot be applied from a plan/);
    expect(result.stdout + result.stderr).not.toContain("Review-Secret-5150!");
  });

  it("accepts a plan saved with a UTF-8 byte-order mark", async () => {
    const server = await directory(1);
    const plan = await planOf(server, "bom", rows(1, () => false));
    writeFileSync(plan, `\uFEFF${readFileSync(plan, "utf8")}`);
    const applied = await runCli(["update-many", "--apply", plan, "--report", file("bom.report.jsonl"), ...at(server)], { env });
    expect(applied.code, applied.stderr).toBe(0);
    expect(patches(server)).toHaveLength(1);
  });

  it("a plan row whose userGiven was edited is refused as edited (planKey covers it)", async () => {
    const server = await directory(2);
    const plan = await planOf(server, "renamed", rows(2, () => false));
    writeFileSync(plan, readFileSync(plan, "utf8").replace('"userGiven":"user0@contoso.com"', '"userGiven":"user1@contoso.com"'));
    const applied = await runCli(["update-many", "--apply", plan, "--report", file("renamed.report.jsonl"), ...at(server)], { env });
    expect(applied.code).toBe(1);
    expect(applied.stderr).toMatch(/plan line 1 was edited since it was planned/);
    expect(patches(server)).toHaveLength(1);
  });

  it("a hard-linked plan is refused naming the plan given to --apply, not a report", async () => {
    const server = await directory(1);
    const plan = await planOf(server, "linked", rows(1, () => false));
    linkSync(plan, file("linked-2.plan.jsonl"));
    const applied = await runCli(["update-many", "--apply", plan, "--report", file("linked.report.jsonl"), ...at(server)], { env });
    expect(applied.code).toBe(2);
    expect(applied.stderr).toMatch(/--apply .*linked.plan.jsonl has 2 names/);
    expect(applied.stderr).not.toMatch(/give a report/);
  });
});

describe("undo <report>", { timeout: 60_000 }, () => {
  it("a report is undone once: another undo report is refused naming the first, the same one continues", async () => {
    const server = await directory(1);
    const report = file("once.report.jsonl");
    const input = file("once.csv", rows(1, () => false));
    expect((await runCli(["update-many", input, "--report", report, ...at(server)], { env })).code).toBe(0);
    const first = file("once.undo-1.jsonl");
    expect((await runCli(["undo", report, "--report", first, ...at(server)], { env })).code).toBe(0);
    expect((await runCli(["update-many", input, "--report", file("once.later.jsonl"), ...at(server)], { env })).code).toBe(0);
    const second = await runCli(["undo", report, "--report", file("once.undo-2.jsonl"), ...at(server)], { env });
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/was undone before with --report .*once.undo-1.jsonl/);
    expect(server.users.get(idOf(0))?.usageLocation).toBe("US");
    const again = await runCli(["undo", report, "--report", first, ...at(server)], { env });
    expect(again.code, again.stderr).toBe(0);
    expect(patches(server)).toHaveLength(3);
  });

  it("accepts a report saved with a UTF-8 byte-order mark", async () => {
    const server = await directory(1);
    const report = file("bom-undo.report.jsonl");
    expect((await runCli(["update-many", file("bom-undo.csv", rows(1, () => false)), "--report", report, ...at(server)], { env })).code).toBe(0);
    writeFileSync(report, `\uFEFF${readFileSync(report, "utf8")}`);
    const undone = await runCli(["undo", report, "--report", file("bom-undo.undo.jsonl"), ...at(server)], { env });
    expect(undone.code, undone.stderr).toBe(0);
    expect(server.users.get(idOf(0))?.usageLocation).toBe("GB");
    // Its first line read, not skipped as torn: a row sent with no answer there refuses the undo.
    const sending = JSON.stringify({ line: 2, customerId, userId: idOf(0), key: "K".padEnd(22, "A"), result: "sending", requestId: "req-first-line", changes: { usageLocation: { from: "GB", to: "US" } } });
    const unfinished = file("bom-undo.unfinished.jsonl", `\uFEFF${sending}\n`);
    const refused = await runCli(["undo", unfinished, "--report", file("bom-undo-2.undo.jsonl"), ...at(server)], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/holds 1 rows sent whose outcome is unknown/);
  });

  it("says a CSV input and a plan are not reports (a plan: apply it first)", async () => {
    const server = await directory(1);
    const input = file("not-report.csv", rows(1, () => true));
    const fromCsv = await runCli(["undo", input, "--report", file("not-report.undo.jsonl"), ...at(server)], { env });
    expect(fromCsv.code).toBe(2);
    expect(fromCsv.stderr).toMatch(/is not a report/);
    const plan = await planOf(server, "not-report", rows(1, () => false));
    const fromPlan = await runCli(["undo", plan, "--report", file("not-report-2.undo.jsonl"), ...at(server)], { env });
    expect(fromPlan.code).toBe(2);
    expect(fromPlan.stderr).toMatch(/is a plan, not a report: apply it first/);
  });

  it("describes rows of unknown outcome as sent with no answer (a crash, Ctrl-C or a timeout)", async () => {
    const server = await directory(1);
    const report = file("no-answer.report.jsonl");
    expect((await runCli(["update-many", file("no-answer.csv", rows(1, () => false)), "--report", report, ...at(server)], { env })).code).toBe(0);
    const sending = JSON.stringify({ line: 3, customerId, userId: idOf(0), key: "K".padEnd(22, "A"), result: "sending", requestId: "req-timed-out", changes: { usageLocation: { from: "GB", to: "US" } } });
    writeFileSync(report, `${readFileSync(report, "utf8")}${sending}\n`);
    const undone = await runCli(["undo", report, "--report", file("no-answer.undo.jsonl"), ...at(server)], { env });
    expect(undone.code).toBe(2);
    expect(undone.stderr).toMatch(/sent with no answer received \(a crash, Ctrl-C or a timeout\)/);
    expect(undone.stderr).not.toMatch(/interrupted or crashed/);
  });

  it("says a restore cannot be undone by undo (delete the user instead)", async () => {
    const server = await directory(1);
    const user = server.users.get(idOf(0));
    if (user) user.state = "inactive";
    const plan = await planOf(server, "restored", csv([`${customerId},user0@contoso.com,active`], "customerId,user,state"));
    const report = file("restored.report.jsonl");
    const applied = await runCli(["update-many", "--apply", plan, "--report", report, ...at(server)], { env });
    expect(applied.code, applied.stderr).toBe(0);
    const undone = await runCli(["undo", report, "--report", file("restored.undo.jsonl"), ...at(server)], { env });
    expect(undone.stderr).toMatch(/a restore cannot be undone by undo: .*delete/);
    expect(undone.stderr).not.toMatch(/state must be one of/);
  });
});
