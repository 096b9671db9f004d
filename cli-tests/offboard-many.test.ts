// offboard-many and its undo against the stateful fake (contract-tests/support/stateful-fake.ts),
// which keeps licences and role members, releases a deleted user's, and checks every answer
// against the spec: the before-values recorded, the steps once across reruns and kill -9, and
// undo giving back, in reverse order, what the run took.
import { readFileSync, writeFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { loadDereferencedSpec } from "../scripts/lib/spec.ts";
import { startStatefulFake, type FakeUser, type StatefulFake } from "../contract-tests/support/stateful-fake.ts";
import { customerId, parseJournal, scratchFolder, userIdFor } from "./support/files.ts";
import { killUntilDone, runCli } from "./support/run-cli.ts";

const spec = await loadDereferencedSpec();
const env = { PARTNER_CENTER_TOKEN: "tok-offboard-many-4b2c" };
const file = scratchFolder();
const e3 = { id: "6fd2c87f-b296-42f0-b197-1e91e994b900", skuPartNumber: "ENTERPRISEPACK", totalUnits: 100 };
const minecraft = { id: "3a1e2f4b-8c7d-4e6f-9a0b-1c2d3e4f5a6b", skuPartNumber: "MINECRAFT_EDU", totalUnits: 100, group: "group2" as const };
const helpdesk = { id: "729827e3-9c14-49f7-bb1b-9608f156bbb8", name: "Helpdesk Administrator" };
const userAdmin = { id: "fe930be7-5e62-47db-91af-98c3a49a38b1", name: "User Administrator" };

let fake: StatefulFake | undefined;
afterEach(async () => {
  expect(fake?.violations ?? []).toEqual([]);
  await fake?.close();
  fake = undefined;
});

const people = (count: number): FakeUser[] => Array.from({ length: count }, (_, i) => ({ id: userIdFor(i), userPrincipalName: `leaver${i}@contoso.onmicrosoft.com`, displayName: `Leaver ${i}`, usageLocation: "GB", state: "active" }));

/** `count` users, each holding ENTERPRISEPACK and MINECRAFT_EDU (two licence groups) and two roles. */
async function tenant(count: number): Promise<StatefulFake> {
  fake = await startStatefulFake(spec, customerId, people(count), { pageSize: 10, nextBy: "token", skus: [e3, minecraft], roles: [helpdesk, userAdmin] });
  for (let i = 0; i < count; i++) {
    fake.lifecycle.licenses.set(userIdFor(i), new Set([e3.id, minecraft.id]));
    for (const role of [helpdesk, userAdmin]) fake.lifecycle.members.set(role.id, new Set([...(fake.lifecycle.members.get(role.id) ?? []), userIdFor(i)]));
  }
  return fake;
}

const leaversFile = (count: number, name = "leavers.csv") => file(name, ["customerId,user", ...Array.from({ length: count }, (_, i) => `${customerId},leaver${i}@contoso.onmicrosoft.com`)].join("\n") + "\n");
const cli = (args: readonly string[]) => runCli([...args, "--base-url", fake!.url], { env });
const writes = () => fake!.seen.filter((line) => !line.startsWith("GET "));
const holdings = (i: number) => ({
  state: fake!.users.get(userIdFor(i))?.state,
  licenses: [...(fake!.lifecycle.licenses.get(userIdFor(i)) ?? [])].sort(),
  roles: [helpdesk, userAdmin].filter((role) => fake!.lifecycle.members.get(role.id)?.has(userIdFor(i))).map((role) => role.name),
});

describe("offboard-many", { timeout: 120_000 }, () => {
  it("refuses to run without --yes, sending nothing", async () => {
    await tenant(2);
    const result = await cli(["offboard-many", leaversFile(2)]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/add --yes/);
    expect(fake!.seen).toEqual([]);
  });

  it("records what each user holds, then removes its licences (one request per licence group) and roles and deletes it; the same command again sends no write", async () => {
    await tenant(3);
    const report = file("offboard.jsonl");
    const result = await cli(["offboard-many", leaversFile(3), "--report", report, "--yes"]);
    expect(result.code, result.stderr).toBe(0);
    for (let i = 0; i < 3; i++) expect(holdings(i)).toEqual({ state: "inactive", licenses: [], roles: [] });
    const befores = parseJournal(readFileSync(report, "utf8")).filter((entry) => (entry as { step?: string }).step === "before") as unknown as { userId: string; licenses: { skuId: string }[]; roles: { name: string }[] }[];
    expect(befores).toHaveLength(3);
    for (const before of befores) {
      expect(before.licenses.map((license) => license.skuId).sort()).toEqual([e3.id, minecraft.id].sort());
      expect(before.roles.map((role) => role.name).sort()).toEqual([helpdesk.name, userAdmin.name]);
    }
    // Two licence groups, two roles, one delete a user.
    expect(writes()).toHaveLength(3 * 5);
    const sent = writes().length;
    const again = await cli(["offboard-many", leaversFile(3), "--report", report, "--yes"]);
    expect(again.code, again.stderr).toBe(0);
    expect(writes()).toHaveLength(sent);
  });

  it("killed with SIGKILL mid-run, then run again until done: each licence removal, role removal and delete sent once", async () => {
    await tenant(20);
    const rows = leaversFile(20, "killed.csv");
    const report = file("killed.jsonl");
    const { kills, last } = await killUntilDone(["offboard-many", rows, "--report", report, "--yes", "--base-url", fake!.url], { env, seen: () => fake!.seen.length, killedRuns: 4, spread: 20 });
    expect(last.code, last.stderr).toBe(0);
    expect(kills).toBeGreaterThanOrEqual(2);
    for (let i = 0; i < 20; i++) {
      expect(holdings(i)).toEqual({ state: "inactive", licenses: [], roles: [] });
      expect(fake!.seen.filter((line) => line === `DELETE /v1/customers/${customerId}/users/${userIdFor(i)}`)).toHaveLength(1);
      expect(fake!.seen.filter((line) => line === `POST /v1/customers/${customerId}/users/${userIdFor(i)}/licenseupdates`)).toHaveLength(2);
    }
    expect(fake!.seen.filter((line) => /^DELETE \S+\/usermembers\//.test(line))).toHaveLength(40);
  });
});

describe("undo of an offboard-many report", { timeout: 120_000 }, () => {
  it("restores each user, then adds it back to its roles and gives back its licences — restore first, licences last; the same undo again sends no write", async () => {
    await tenant(3);
    const report = file("to-undo.jsonl");
    expect((await cli(["offboard-many", leaversFile(3, "undo.csv"), "--report", report, "--yes"])).code).toBe(0);
    const from = fake!.seen.length;
    const undone = file("undone.jsonl");
    const result = await cli(["undo", report, "--report", undone]);
    expect(result.code, result.stderr).toBe(0);
    for (let i = 0; i < 3; i++) expect(holdings(i)).toEqual({ state: "active", licenses: [e3.id, minecraft.id].sort(), roles: [helpdesk.name, userAdmin.name] });
    for (let i = 0; i < 3; i++) {
      const mine = fake!.seen.slice(from).filter((line) => !line.startsWith("GET ") && (line.includes(userIdFor(i)) || line.includes("/usermembers")));
      const restore = mine.findIndex((line) => line === `PATCH /v1/customers/${customerId}/users/${userIdFor(i)}`);
      const licences = mine.findIndex((line) => line.endsWith(`${userIdFor(i)}/licenseupdates`));
      expect(restore).toBeGreaterThanOrEqual(0);
      expect(licences).toBeGreaterThan(restore);
    }
    const sent = writes().length;
    const again = await cli(["undo", report, "--report", undone]);
    expect(again.code, again.stderr).toBe(0);
    expect(writes()).toHaveLength(sent);
  });

  it("refuses to restore a user deleted more than 30 days ago, sending nothing for it", async () => {
    await tenant(1);
    const report = file("old.jsonl");
    expect((await cli(["offboard-many", leaversFile(1, "old.csv"), "--report", report, "--yes"])).code).toBe(0);
    const longAgo = new Date(Date.now() - 31 * 24 * 60 * 60 * 1000).toISOString();
    writeFileSync(report, readFileSync(report, "utf8").replace(/"deletedAt":"[^"]+"/, `"deletedAt":"${longAgo}"`));
    const sent = writes().length;
    const result = await cli(["undo", report, "--report", file("old-undo.jsonl")]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/more than 30 days ago: it can no longer be restored/);
    expect(writes()).toHaveLength(sent);
  });
});

describe("offboard-many and its undo: refusals before sending", { timeout: 120_000 }, () => {
  it("undo must never claim restored after doing nothing: a report with a step of unknown outcome is refused (exit 2), naming line, user, step and request id, sending nothing", async () => {
    await tenant(1);
    const report = file("interrupted.jsonl");
    expect((await cli(["offboard-many", leaversFile(1, "interrupted.csv"), "--report", report, "--yes"])).code).toBe(0);
    // As if killed while remove-licenses was in flight, after the server applied it.
    const lines = readFileSync(report, "utf8").split("\n");
    const cut = lines.findIndex((line) => /"step":"remove-licenses".*"result":"sending"/.test(line));
    writeFileSync(report, lines.slice(0, cut + 1).join("\n") + "\n");
    const sent = writes().length;
    const result = await cli(["undo", report, "--report", file("interrupted-undo.jsonl")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/line 2 \(leaver0@contoso\.onmicrosoft\.com, step remove-licenses, request id [0-9a-f-]{36}\)/);
    expect(result.stderr).toMatch(/offboard-many/);
    expect(result.stdout + result.stderr).not.toMatch(/restored/);
    expect(writes()).toHaveLength(sent);
  });

  it("an offboard report is undone once: undo with another report after the first is refused (exit 2), sending nothing", async () => {
    await tenant(1);
    const report = file("once.jsonl");
    expect((await cli(["offboard-many", leaversFile(1, "once.csv"), "--report", report, "--yes"])).code).toBe(0);
    const first = file("once-undo1.jsonl");
    expect((await cli(["undo", report, "--report", first])).code).toBe(0);
    const sent = writes().length;
    const again = await cli(["undo", report, "--report", file("once-undo2.jsonl")]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(first);
    expect(writes()).toHaveLength(sent);
    expect((await cli(["undo", report, "--report", first])).code).toBe(0);
    expect(writes()).toHaveLength(sent);
  });

  it("undo refuses a user whose state changed since the offboarding (deleted again later by another run), sending nothing for it", async () => {
    await tenant(1);
    const report = file("again.jsonl");
    expect((await cli(["offboard-many", leaversFile(1, "again.csv"), "--report", report, "--yes"])).code).toBe(0);
    // As if this offboarding deleted the user an hour ago, and another run deleted it again just now.
    const anHourAgo = new Date(Date.now() - 60 * 60 * 1000).toISOString();
    writeFileSync(report, readFileSync(report, "utf8").replace(/"deletedAt":"[^"]+"/, `"deletedAt":"${anHourAgo}"`));
    const sent = writes().length;
    const result = await cli(["undo", report, "--report", file("again-undo.jsonl")]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/deleted again at .*after this offboarding/);
    expect(writes()).toHaveLength(sent);
  });

  it("two rows resolving to the same user (sign-in name in one, object id in another) are refused up front, naming the first line, sending nothing", async () => {
    await tenant(1);
    const rows = file("twice.csv", `customerId,user\n${customerId},leaver0@contoso.onmicrosoft.com\n${customerId},${userIdFor(0)}\n`);
    const result = await cli(["offboard-many", rows, "--report", file("twice.jsonl"), "--yes"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/line 3: .*same user as line 2/);
    expect(writes()).toEqual([]);
  });

  it("a --report of another kind of job is refused before sending, naming what it is", async () => {
    await tenant(1);
    const report = file("kind.jsonl");
    expect((await cli(["offboard-many", leaversFile(1, "kind.csv"), "--report", report, "--yes"])).code).toBe(0);
    const sent = writes().length;
    const onboard = file("kind-onboard.csv", `customerId,userPrincipalName,displayName,usageLocation,password\n${customerId},fresh@contoso.onmicrosoft.com,Fresh,GB,Fresh-pw-1-Aa!\n`);
    const create = await cli(["create-many", onboard, "--report", report]);
    expect(create.code).toBe(2);
    expect(create.stderr).toMatch(/offboard-many/);
    const update = await cli(["update-many", file("kind-update.csv", `customerId,user,displayName\n${customerId},${userIdFor(0)},X\n`), "--report", report]);
    expect(update.code).toBe(2);
    expect(update.stderr).toMatch(/offboard-many/);
    expect(writes()).toHaveLength(sent);
  });
});
