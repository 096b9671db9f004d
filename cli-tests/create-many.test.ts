// create-many (onboarding) against the stateful fake (contract-tests/support/stateful-fake.ts),
// which keeps users, licence counts and role members and checks every answer against the spec:
// licences counted before any write, each user created once and licensed once across kill -9,
// the usage-location delay retried, generated passwords only in an owner-only file.
import { chmodSync, existsSync, linkSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { loadDereferencedSpec } from "../scripts/lib/spec.ts";
import { startStatefulFake, type FakeOptions, type StatefulFake } from "../contract-tests/support/stateful-fake.ts";
import { customerId, parseJournal, scratchFolder } from "./support/files.ts";
import { finished, killUntilDone, runCli, startCli } from "./support/run-cli.ts";

const spec = await loadDereferencedSpec();
const env = { PARTNER_CENTER_TOKEN: "tok-create-many-7e1f" };
const file = scratchFolder();
const e3 = { id: "6fd2c87f-b296-42f0-b197-1e91e994b900", skuPartNumber: "ENTERPRISEPACK", totalUnits: 1000 };
const helpdesk = { id: "729827e3-9c14-49f7-bb1b-9608f156bbb8", name: "Helpdesk Administrator" };

let fake: StatefulFake | undefined;
afterEach(async () => {
  expect(fake?.violations ?? []).toEqual([]);
  await fake?.close();
  fake = undefined;
});

async function tenant(options: Partial<FakeOptions> = {}): Promise<StatefulFake> {
  fake = await startStatefulFake(spec, customerId, [], { pageSize: 25, nextBy: "token", skus: [e3], roles: [helpdesk], ...options });
  return fake;
}

const upn = (i: number) => `new${i}@contoso.onmicrosoft.com`;
/** An onboarding CSV of `count` users, each to get ENTERPRISEPACK (and every tenth the Helpdesk role). */
function onboardingFile(count: number, { name = "onboard.csv", password = true, sku = "ENTERPRISEPACK", role = "Helpdesk Administrator" } = {}): string {
  const header = `customerId,userPrincipalName,displayName,usageLocation,licenses,roles${password ? ",password" : ""}`;
  const rows = Array.from({ length: count }, (_, i) => `${customerId},${upn(i)},New ${i},GB,${sku},${i % 10 === 0 ? role : ""}${password ? `,Onboard-pw-${i}-Aa1!` : ""}`);
  return file(name, [header, ...rows].join("\n") + "\n");
}
const cli = (args: readonly string[]) => runCli([...args, "--base-url", fake!.url], { env });
const writes = () => fake!.seen.filter((line) => !line.startsWith("GET "));
const creates = () => fake!.seen.filter((line) => /^POST \S+\/users$/.test(line));
const licenceUpdatesFor = (userId: string) => fake!.seen.filter((line) => line === `POST /v1/customers/${customerId}/users/${userId}/licenseupdates`);

describe("create-many: before anything is sent", { timeout: 60_000 }, () => {
  it("refuses a 100-user file when a SKU is short by 5: a shortfall table per customer and SKU, exit 2, not one write request sent", async () => {
    await tenant({ skus: [{ ...e3, totalUnits: 95 }] });
    const result = await cli(["create-many", onboardingFile(100), "--report", file("short.jsonl")]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/customer\s+SKU part number\s+needed\s+available\s+short by/);
    expect(result.stderr).toMatch(new RegExp(`${customerId}\\s+ENTERPRISEPACK\\s+100\\s+95\\s+5`));
    expect(result.stderr).toMatch(/nothing was sent/);
    expect(writes()).toEqual([]);
    expect(fake!.seen.every((line) => /\/subscribedskus|\/directoryroles/.test(line))).toBe(true);
  });

  it("refuses an unknown SKU part number or role name naming its row, sending no write", async () => {
    await tenant();
    const unknownSku = await cli(["create-many", onboardingFile(3, { name: "sku.csv", sku: "NO_SUCH_SKU" })]);
    expect(unknownSku.code).toBe(2);
    expect(unknownSku.stderr).toMatch(/line 2: "NO_SUCH_SKU" is no SKU the customer subscribes to/);
    const unknownRole = await cli(["create-many", onboardingFile(3, { name: "role.csv", role: "Chief Wizard" })]);
    expect(unknownRole.code).toBe(2);
    expect(unknownRole.stderr).toMatch(/line 2: "Chief Wizard" is no directory role of this customer/);
    expect(writes()).toEqual([]);
  });

  it("--dry-run checks the rows, resolves SKUs and roles and counts licences with reads only, exit 0", async () => {
    await tenant();
    const result = await cli(["create-many", onboardingFile(10, { name: "dry.csv" }), "--dry-run"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/10 rows valid: would create 10 users, assign 10 licences \(enough are free\) and 1 roles; dry run, no write sent/);
    expect(writes()).toEqual([]);
    expect(result.stdout).toBe("");
  });

  it("refuses rows without a password unless --passwords-out is given, sending nothing", async () => {
    await tenant();
    const result = await cli(["create-many", onboardingFile(3, { name: "nopw.csv", password: false })]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/rows without a password \(lines 2, 3, 4\).*--passwords-out/);
    expect(fake!.seen).toEqual([]);
  });
});

describe("create-many: onboarding", { timeout: 120_000 }, () => {
  it("creates and licenses all 100 users of a file with enough licences, one create and one licence update each, and gives the roles asked", async () => {
    await tenant();
    const report = file("all.jsonl");
    const result = await cli(["create-many", onboardingFile(100), "--report", report]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/100 rows: 100 ok/);
    // Listed through the fake: every user there, active, holding its licence.
    const listed = await runCli(["list", customerId, "--format", "json", "--base-url", fake!.url], { env });
    const users = listed.stdout.trim().split("\n").map((line) => JSON.parse(line) as { id: string; userPrincipalName: string });
    expect(users.map((user) => user.userPrincipalName).sort()).toEqual(Array.from({ length: 100 }, (_, i) => upn(i)).sort());
    for (const user of users) {
      expect([...(fake!.lifecycle.licenses.get(user.id) ?? [])]).toEqual([e3.id]);
      expect(licenceUpdatesFor(user.id)).toHaveLength(1);
    }
    expect(creates()).toHaveLength(100);
    expect(fake!.lifecycle.members.get(helpdesk.id)?.size).toBe(10);
    // The report: one outcome per row, none holding a password.
    const outcomes = parseJournal(readFileSync(report, "utf8")).filter((entry) => (entry as { key?: string }).key !== undefined && (entry as { step?: string }).step === undefined);
    expect(outcomes).toHaveLength(100);
    expect(readFileSync(report, "utf8")).not.toMatch(/Onboard-pw/);
    expect(result.stdout + result.stderr).not.toMatch(/Onboard-pw/);
  });

  it("killed with SIGKILL mid-onboarding, then run again until done: each user created once and each licence assigned once", async () => {
    await tenant();
    const rows = onboardingFile(100);
    const report = file("killed.jsonl");
    const { kills, last } = await killUntilDone(["create-many", rows, "--report", report, "--concurrency", "4", "--base-url", fake!.url], { env, seen: () => fake!.seen.length, killedRuns: 5, spread: 40 });
    expect(last.code, last.stderr).toBe(0);
    expect(kills).toBeGreaterThanOrEqual(2);
    expect(creates()).toHaveLength(100);
    expect(fake!.users.size).toBe(100);
    for (const user of fake!.users.values()) {
      expect(licenceUpdatesFor(user.id), user.userPrincipalName).toHaveLength(1);
      expect([...(fake!.lifecycle.licenses.get(user.id) ?? [])]).toEqual([e3.id]);
    }
    expect(fake!.lifecycle.members.get(helpdesk.id)?.size).toBe(10);
    expect(fake!.seen.filter((line) => /^POST \S+\/usermembers$/.test(line))).toHaveLength(10);
  });

  it("reads back a create or licence sent with its outcome unknown (the report holds its sending entry only) instead of sending it again", async () => {
    await tenant();
    const rows = onboardingFile(20, { name: "unknown.csv" });
    const report = file("unknown.jsonl");
    expect((await cli(["create-many", rows, "--report", report])).code).toBe(0);
    // As if killed after each create and licence request left: their outcomes are gone.
    const kept = readFileSync(report, "utf8")
      .split("\n")
      .filter((line) => !/"step":"(create|licenses)".*"result":"ok"/.test(line));
    writeFileSync(report, kept.join("\n"));
    const sent = writes().length;
    const again = await cli(["create-many", rows, "--report", report]);
    expect(again.code, again.stderr).toBe(0);
    expect(writes().slice(sent)).toEqual([]);
    const reconciled = parseJournal(readFileSync(report, "utf8")).filter((entry) => (entry as { reconciled?: boolean }).reconciled === true) as { step?: string }[];
    expect(reconciled.filter((entry) => entry.step === "create")).toHaveLength(20);
    expect(reconciled.filter((entry) => entry.step === "licenses")).toHaveLength(20);
  });

  it("retries a licence refused for an invalid usage location (not yet seen after the create), and says so in the row's outcome", async () => {
    await tenant({ usageLocationLag: 2 });
    const report = file("lag.jsonl");
    const result = await cli(["create-many", onboardingFile(3, { name: "lag.csv" }), "--report", report, "--usage-location-wait", "3000"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/licensed after 2 retries waiting for its usage location to be seen/);
    const outcomes = parseJournal(readFileSync(report, "utf8")) as { step?: string; result: string; usageLocationRetries?: number }[];
    expect(outcomes.filter((entry) => entry.step === undefined && entry.result === "ok").map((entry) => entry.usageLocationRetries)).toEqual([2, 2, 2]);
    for (const user of fake!.users.values()) expect(fake!.lifecycle.licenses.get(user.id)?.has(e3.id)).toBe(true);
  });

  it("reports a usage location never seen within the wait as its own failure, and a rerun continues at the licence step without creating again", async () => {
    await tenant({ usageLocationLag: 3 });
    const rows = onboardingFile(2, { name: "never.csv" });
    const report = file("never.jsonl");
    const first = await cli(["create-many", rows, "--report", report, "--usage-location-wait", "0"]);
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/failed at step licenses: the user's usage location was still not seen by the licence service after 1 try over/);
    const second = await cli(["create-many", rows, "--report", report, "--usage-location-wait", "5000"]);
    expect(second.code, second.stderr).toBe(0);
    expect(creates()).toHaveLength(2);
    for (const user of fake!.users.values()) expect(fake!.lifecycle.licenses.get(user.id)?.has(e3.id)).toBe(true);
  });

  it("stops a wait for the usage location at Ctrl-C: exit 130, the rows cancelled, and the same command then finishes them without creating again", async () => {
    await tenant({ usageLocationLag: 100 });
    const rows = onboardingFile(3, { name: "interrupt.csv" });
    const report = file("interrupt.jsonl");
    const child = startCli(["create-many", rows, "--report", report, "--usage-location-wait", "600000", "--base-url", fake!.url], { env });
    const done = finished(child);
    // Every row refused once and waiting (10 s before its next try) when Ctrl-C comes.
    while (child.exitCode === null && fake!.seen.filter((line) => line.endsWith("/licenseupdates")).length < 3) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill("SIGINT");
    const stopped = await done;
    expect(stopped.code, stopped.stderr).toBe(130);
    expect(stopped.stderr).toMatch(/3 rows cancelled: the same command continues them where they stopped/);
    fake!.lifecycle.usageLocationUnseen?.clear(); // seen by now
    const again = await cli(["create-many", rows, "--report", report]);
    expect(again.code, again.stderr).toBe(0);
    expect(creates()).toHaveLength(3);
    for (const user of fake!.users.values()) expect(fake!.lifecycle.licenses.get(user.id)?.has(e3.id)).toBe(true);
  });

  it("reads JSON Lines too, licences and roles as JSON arrays, with the report on stdout", async () => {
    await tenant();
    const rows = [0, 1].map((i) => JSON.stringify({ customerId, userPrincipalName: upn(i), displayName: `New ${i}`, usageLocation: "GB", licenses: ["enterprisepack"], roles: i === 0 ? ["helpdesk administrator"] : [], password: `Json-pw-${i}-Aa1!` }));
    const result = await cli(["create-many", file("onboard.jsonl", rows.join("\n") + "\n")]);
    expect(result.code, result.stderr).toBe(0);
    const outcomes = parseJournal(result.stdout) as { step?: string; result: string; userPrincipalName?: string }[];
    expect(outcomes.filter((entry) => entry.step === undefined).map((entry) => [entry.userPrincipalName, entry.result]).sort()).toEqual([
      [upn(0), "ok"],
      [upn(1), "ok"],
    ]);
    expect(fake!.lifecycle.members.get(helpdesk.id)?.size).toBe(1);
    expect(result.stdout + result.stderr).not.toMatch(/Json-pw/);
  });

  it("writes generated passwords only to the owner-only --passwords-out file, one per user, never to stdout, stderr or the report", async () => {
    await tenant();
    const passwords = file("passwords.csv");
    const report = file("pw.jsonl");
    const result = await cli(["create-many", onboardingFile(5, { name: "gen.csv", password: false }), "--report", report, "--passwords-out", passwords]);
    expect(result.code, result.stderr).toBe(0);
    expect(statSync(passwords).mode & 0o777).toBe(0o600);
    const lines = readFileSync(passwords, "utf8").trim().split("\n");
    expect(lines[0]).toBe("customerId,userPrincipalName,password");
    const generated = lines.slice(1).map((line) => line.split(",")[2]!);
    expect(generated).toHaveLength(5);
    for (const password of generated) {
      expect(password.length).toBeGreaterThanOrEqual(16);
      expect(result.stdout + result.stderr + readFileSync(report, "utf8")).not.toContain(password);
    }
  });
});

describe("create-many: fixes from the outside test", { timeout: 120_000 }, () => {
  it("the preflight does not count a licence step sent with its outcome unknown that the read-back shows assigned: exactly enough units, the rerun finishes without a write", async () => {
    await tenant({ skus: [{ ...e3, totalUnits: 2 }] });
    const rows = onboardingFile(2, { name: "exact.csv", role: "" });
    const report = file("exact.jsonl");
    expect((await cli(["create-many", rows, "--report", report])).code).toBe(0);
    writeFileSync(report, readFileSync(report, "utf8").split("\n").filter((line) => !/"step":"licenses".*"result":"ok"/.test(line)).join("\n"));
    const sent = writes().length;
    const again = await cli(["create-many", rows, "--report", report]);
    expect(again.code, again.stderr).toBe(0);
    expect(writes().slice(sent)).toEqual([]);
  });

  it("undo of a create-many report says undo does not apply to it (offboard-many removes users), exit 2, sending nothing", async () => {
    await tenant();
    const report = file("undo-create.jsonl");
    expect((await cli(["create-many", onboardingFile(1, { name: "undo-create.csv" }), "--report", report])).code).toBe(0);
    const sent = writes().length;
    const result = await cli(["undo", report, "--report", file("undo-create-undo.jsonl")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/create-many/);
    expect(result.stderr).toMatch(/offboard-many/);
    expect(result.stderr).not.toMatch(/without reading their user first/);
    expect(writes()).toHaveLength(sent);
  });

  it("a create refused because the sign-in name exists shows the answer's detail and says the sign-in name may already exist", async () => {
    await tenant();
    fake!.users.set("0b5f3a55-0000-4000-8000-000000000001", { id: "0b5f3a55-0000-4000-8000-000000000001", userPrincipalName: upn(0), displayName: "Taken", usageLocation: "GB", state: "active" });
    const result = await cli(["create-many", onboardingFile(1, { name: "taken.csv" }), "--report", file("taken.jsonl")]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/userPrincipalName is taken/);
    expect(result.stderr).toMatch(/sign-in name may already exist/);
  });

  it("--dry-run reports a row whose sign-in name already exists as would-fail, reading only", async () => {
    await tenant();
    fake!.users.set("0b5f3a55-0000-4000-8000-000000000001", { id: "0b5f3a55-0000-4000-8000-000000000001", userPrincipalName: upn(1), displayName: "Taken", usageLocation: "GB", state: "active" });
    const result = await cli(["create-many", onboardingFile(3, { name: "dry-taken.csv" }), "--dry-run"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/line 3: would fail: .*new1@contoso\.onmicrosoft\.com already exists/);
    expect(writes()).toEqual([]);
  });

  it("--passwords-out with two names (hard links) is refused naming --passwords-out", async () => {
    await tenant();
    const out = file("pw-linked.csv", "");
    linkSync(out, `${out}.second`);
    const result = await cli(["create-many", onboardingFile(1, { name: "pw-linked-rows.csv", password: false }), "--report", file("pw-linked.jsonl"), "--passwords-out", out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--passwords-out/);
    expect(result.stderr).not.toMatch(/give a report with one name/);
  });

  it("the passwords file keeps no password generated by this run for a row whose create was refused (4xx) because its sign-in name was taken before the run, and keeps the others", async () => {
    await tenant();
    fake!.users.set("0b5f3a55-0000-4000-8000-000000000001", { id: "0b5f3a55-0000-4000-8000-000000000001", userPrincipalName: upn(1), displayName: "Taken", usageLocation: "GB", state: "active" });
    const rows = file("pw-refused.csv", `customerId,userPrincipalName,displayName,usageLocation\n${customerId},${upn(0)},New 0,GB\n${customerId},${upn(1)},New 1,GB\n`);
    const out = file("pw-refused-out.csv", "");
    chmodSync(out, 0o600);
    const result = await cli(["create-many", rows, "--report", file("pw-refused.jsonl"), "--passwords-out", out]);
    const text = readFileSync(out, "utf8");
    expect(text).toContain(upn(0));
    expect(text).not.toContain(upn(1));
    expect(result.code).toBe(1);
  });

  it("a run refused before sending (licence shortfall) leaves no empty --report behind", async () => {
    await tenant({ skus: [{ ...e3, totalUnits: 0 }] });
    const report = `${file("short-dir.txt", "")}.jsonl`;
    const result = await cli(["create-many", onboardingFile(1, { name: "short.csv" }), "--report", report]);
    expect(result.code).toBe(2);
    expect(existsSync(report)).toBe(false);
  });
});
