// Finding users from the terminal, against the stateful fake whose every answer is checked against
// the spec: list (JSON Lines, table, CSV) across pages, get / update / restore naming the user by
// sign-in name, the list → edit → update-many round trip, and update-many's `user` column looked
// up with one listing per customer.
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadDereferencedSpec } from "../scripts/lib/spec.ts";
import { startStatefulFake, type FakeUser, type StatefulFake } from "../contract-tests/support/stateful-fake.ts";
import { readReportFile, scratchFolder } from "./support/files.ts";
import { runCli } from "./support/run-cli.ts";

const spec = await loadDereferencedSpec();
const customerId = "2f6c9d3b-1e4a-4b7c-8d2e-5a9f0b3c6d71";
const env = { PARTNER_CENTER_TOKEN: "cli-find-token" };
const file = scratchFolder();
const people: FakeUser[] = [
  { id: "0c5b7e0e-8f3a-4a4e-9d1e-000000000001", userPrincipalName: "ada@contoso.com", displayName: "Ada Lovelace", usageLocation: "GB", state: "active" },
  { id: "0c5b7e0e-8f3a-4a4e-9d1e-000000000002", userPrincipalName: "zoe@contoso.com", displayName: "Zoë Ångström", state: "active" },
  { id: "0c5b7e0e-8f3a-4a4e-9d1e-000000000003", userPrincipalName: "grace@contoso.com", displayName: "Grace Hopper", state: "active" },
  { id: "0c5b7e0e-8f3a-4a4e-9d1e-000000000004", userPrincipalName: "alan@contoso.com", displayName: "Alan Turing", state: "active" },
  { id: "0c5b7e0e-8f3a-4a4e-9d1e-000000000005", userPrincipalName: "eve@contoso.com", displayName: "=HYPERLINK(\"x\")", state: "active" },
];

let fake: StatefulFake;
beforeEach(async () => (fake = await startStatefulFake(spec, customerId, people, { pageSize: 2, nextBy: "link" })));
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
});

const at = () => ["--base-url", fake.url];
const listRequests = () => fake.seen.filter((line) => /\/users(\?|$)/.test(line)).length;

describe("list", { timeout: 20_000 }, () => {
  it("prints every user across pages as JSON Lines when stdout is not a terminal", async () => {
    const result = await runCli(["list", customerId, ...at()], { env });
    expect(result.code).toBe(0);
    const users = result.stdout.trim().split("\n").map((line) => JSON.parse(line) as FakeUser);
    expect(users.map((u) => u.userPrincipalName)).toEqual(people.map((p) => p.userPrincipalName));
    expect(result.stderr).toContain(`5 active users of customer ${customerId}`);
    expect(listRequests()).toBe(3);
  });

  it("prints a table with --format table, a user without a usage location shown as (none)", async () => {
    const result = await runCli(["list", customerId, "--format", "table", ...at()], { env });
    const [header, ...lines] = result.stdout.trim().split("\n");
    expect(header).toMatch(/^userPrincipalName\s+displayName\s+usageLocation\s+state\s+id$/);
    expect(lines.find((line) => line.startsWith("zoe@contoso.com"))).toMatch(/Zoë Ångström\s+\(none\)\s+active/);
  });

  it("lists the deleted users with --deleted", async () => {
    fake.softDelete(people[3]?.id ?? "");
    const result = await runCli(["list", customerId, "--deleted", ...at()], { env });
    expect(result.stdout.trim().split("\n").map((line) => (JSON.parse(line) as FakeUser).userPrincipalName)).toEqual(["alan@contoso.com"]);
  });

  it("writes a CSV that, filled in and fed to update-many, updates just the users — UTF-8 names intact, formula cells warned of", async () => {
    const listed = await runCli(["list", customerId, "--format", "csv", ...at()], { env });
    expect(listed.code).toBe(0);
    expect(listed.stdout.startsWith("\uFEFFcustomerId,userId,usageLocation,displayName,firstName,lastName,userPrincipalName\n")).toBe(true);
    expect(listed.stderr).toMatch(/warning: 1 cells start with = \+ - or @/);
    // The admin fills in the usage location where it is missing and keeps just those rows, as a spreadsheet would.
    const [header = [], ...rows] = parse(listed.stdout, { bom: true }) as string[][];
    const location = header.indexOf("usageLocation");
    const edited = rows.filter((row) => row[location] === "").map((row) => row.map((cell, i) => (i === location ? "FR" : cell)));
    expect(edited).toHaveLength(4);
    const input = file("edited.csv", stringify([header, ...edited]));
    const report = file("edited-report.jsonl");
    const result = await runCli(["update-many", input, "--report", report, ...at()], { env });
    expect(result.code).toBe(0);
    expect(readReportFile(report).map((entry) => entry.result)).toEqual(["ok", "ok", "ok", "ok"]);
    expect(fake.users.get(people[1]?.id ?? "")).toMatchObject({ usageLocation: "FR", displayName: "Zoë Ångström" });
    expect(fake.users.get(people[4]?.id ?? "")?.displayName).toBe('=HYPERLINK("x")');
    expect(fake.users.get(people[0]?.id ?? "")?.usageLocation).toBe("GB");
  });
});

describe("get, update and restore name the user by object id or sign-in name", { timeout: 20_000 }, () => {
  it("gets a user by sign-in name, in any case", async () => {
    const result = await runCli(["get", customerId, "ADA@contoso.com", ...at()], { env });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ id: people[0]?.id, usageLocation: "GB" });
  });

  it("updates a user named by sign-in name", async () => {
    const result = await runCli(["update", customerId, "grace@contoso.com", "--usage-location", "US", ...at()], { env });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`updated user grace@contoso.com (${people[2]?.id})`);
    expect(fake.users.get(people[2]?.id ?? "")?.usageLocation).toBe("US");
  });

  it("says so, exit 1, when no user has the name, and updates nobody", async () => {
    const result = await runCli(["update", customerId, "nobody@contoso.com", "--usage-location", "US", ...at()], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/No active user of customer .* has the userPrincipalName "nobody@contoso.com"/);
    expect(fake.seen.some((line) => line.startsWith("PATCH"))).toBe(false);
  });

  it("a dry run of update looks the sign-in name up (listing only): a name nobody has fails it as the real run, exit 1", async () => {
    const found = await runCli(["update", customerId, "grace@contoso.com", "--usage-location", "US", "--dry-run", ...at()], { env });
    expect(found.code, found.stderr).toBe(0);
    expect(found.stderr).toMatch(/dry run: the update is valid; nothing was sent/);
    const ghost = await runCli(["update", customerId, "ghost@contoso.com", "--usage-location", "US", "--dry-run", ...at()], { env });
    expect(ghost.code).toBe(1);
    expect(ghost.stderr).toMatch(/No active user of customer .* has the userPrincipalName "ghost@contoso.com"/);
    expect(fake.seen.filter((line) => !line.startsWith("GET"))).toEqual([]);
  });

  it("restores a deleted user named by sign-in name", async () => {
    fake.softDelete(people[3]?.id ?? "");
    const result = await runCli(["restore", customerId, "alan@contoso.com", ...at()], { env });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("restored user alan@contoso.com");
    expect(fake.users.get(people[3]?.id ?? "")?.state).toBe("active");
  });
});

describe("update-many's user column", { timeout: 20_000 }, () => {
  it("looks up sign-in names with one listing per customer, however many rows name users, and reports an unknown name as invalid", async () => {
    const rows = ["customerId,user,usageLocation", ...people.map((p) => `${customerId},${p.userPrincipalName.toUpperCase()},DE`), `${customerId},ghost@contoso.com,DE`, `${customerId},${people[0]?.id},DE`];
    const input = file("by-name.csv", rows.join("\n"));
    const report = file("by-name-report.jsonl");
    const result = await runCli(["update-many", input, "--report", report, ...at()], { env });
    expect(result.code).toBe(1);
    const entries = readReportFile(report);
    expect(entries.filter((entry) => entry.result === "ok")).toHaveLength(people.length);
    expect(entries.find((entry) => entry.line === people.length + 2)).toMatchObject({ result: "invalid", issues: [{ field: "user", message: "is no active user of this customer" }] });
    // The last row names the first user again, by id: the same change, so sent once.
    expect(entries.find((entry) => entry.line === people.length + 3)).toMatchObject({ result: "skipped", duplicateOf: 2 });
    expect(listRequests()).toBe(Math.ceil(people.length / 2)); // the pages, once — not pages × rows
    expect(fake.seen.filter((line) => line.startsWith("PATCH"))).toHaveLength(people.length);
    expect(readFileSync(report, "utf8")).toContain('"userGiven":"ADA@CONTOSO.COM"');
  });

  it("a dry run looks sign-in names up (listing only, no PATCH): a name nobody has is invalid as in the real run", async () => {
    const input = file("dry-by-name.csv", ["customerId,user,usageLocation", `${customerId},grace@contoso.com,DE`, `${customerId},ghost@contoso.com,DE`].join("\n"));
    const result = await runCli(["update-many", input, "--dry-run", ...at()], { env });
    expect(result.code).toBe(1);
    const entries = result.stdout.trim().split("\n").map((line) => JSON.parse(line) as { line: number; result: string; userId?: string; issues?: unknown });
    expect(entries).toMatchObject([
      { line: 2, result: "valid", userId: people[2]?.id },
      { line: 3, result: "invalid", issues: [{ field: "user", message: "is no active user of this customer" }] },
    ]);
    expect(listRequests()).toBeGreaterThan(0);
    expect(fake.seen.filter((line) => !line.startsWith("GET"))).toEqual([]);
  });

  it("a dry run without a sign-in still checks the file, and says the sign-in names were not looked up and how to have them looked up", async () => {
    const input = file("dry-by-name-no-token.csv", ["customerId,user,usageLocation", `${customerId},ghost@contoso.com,DE`].join("\n"));
    const result = await runCli(["update-many", input, "--dry-run", ...at()]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/1 row names its user by sign-in name: not looked up, for want of a sign-in .*sign in \(partner-center-users login, or PARTNER_CENTER_TOKEN\) and the dry run looks names up too/);
    expect(fake.seen).toEqual([]);
  });
});
