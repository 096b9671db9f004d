// Help, version and bad usage: exit 2 with one clear line on stderr, and nothing sent.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fieldOptions } from "../src/cli/patch.ts";
import { customerId, scratchFolder, userIdFor } from "./support/files.ts";
import { startFakePartnerCenter, type FakePartnerCenter } from "./support/fake-partner-center.ts";
import { projectRoot, runCli } from "./support/run-cli.ts";

const token = { PARTNER_CENTER_TOKEN: "usage-test-token" };
const userId = userIdFor(1);
let server: FakePartnerCenter;
beforeAll(async () => (server = await startFakePartnerCenter()));
afterAll(() => server.close());
const file = scratchFolder();

describe("help and version", { timeout: 20_000 }, () => {
  it("prints the package version with --version and exits 0", async () => {
    const { version } = JSON.parse(readFileSync(`${projectRoot}/package.json`, "utf8")) as { version: string };
    const result = await runCli(["--version"]);
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it("lists every command and the exit codes with --help, exit 0", async () => {
    const result = await runCli(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/list \[options\] <customer-id>/);
    expect(result.stdout).toMatch(/get \[options\] <customer-id> <user>/);
    expect(result.stdout).toMatch(/restore \[options\] <customer-id> <user>/);
    expect(result.stdout).toMatch(/update \[options\] <customer-id> <user>/);
    expect(result.stdout).toMatch(/update-many \[options\] \[file\]/);
    expect(result.stdout).toMatch(/undo \[options\] <report>/);
    expect(result.stdout).toMatch(/Exit codes: 0 .* 1 .*\n2 bad usage/);
  });

  it("lists an option for every writable field of the spec in update --help", async () => {
    const result = await runCli(["update", "--help"]);
    expect(result.code).toBe(0);
    for (const option of fieldOptions) expect(result.stdout).toContain(option.flags);
    for (const flag of ["--json <file>", "--dry-run", "--mock", "--base-url <url>", "--token-stdin", "--verbose"]) {
      expect(result.stdout).toContain(flag);
    }
  });

  it("lists the bulk options and columns in update-many --help", async () => {
    const result = await runCli(["update-many", "--help"]);
    expect(result.code).toBe(0);
    for (const flag of ["--concurrency <n>", "--report <file>", "--dry-run", "--only-failed <report>", "--mock", "--base-url <url>", "--strict-columns"]) {
      expect(result.stdout).toContain(flag);
    }
    expect(result.stdout).toMatch(/customerId, userId \(an object id\) or\s+user \(an object id or a sign-in name, looked up once per customer\), then any of\s+usageLocation, displayName/);
  });
});

describe("bad usage exits 2, says what is wrong on one line, and sends nothing", { timeout: 20_000 }, () => {
  const target = () => ["--base-url", server.url];
  const cases: [string, () => string[], RegExp][] = [
    ["no command", () => [], /Usage: partner-center-users/],
    ["an unknown option", () => ["update", customerId, userId, "--usage-locaton", "US", ...target()], /unknown option '--usage-locaton'/],
    ["a missing argument", () => ["update", customerId, ...target()], /missing required argument 'user'/],
    ["a customer id that is not a GUID", () => ["update", "contoso", userId, "--usage-location", "US", ...target()], /<customer-id> must be a GUID/],
    ["a user that is neither an object id nor a sign-in name", () => ["update", customerId, "ada lovelace", "--usage-location", "US", ...target()], /<user> must be an object id \(GUID\) or a sign-in name \(UPN\)/],
    ["a value the spec refuses, named by its option", () => ["update", customerId, userId, "--usage-location", "usa", ...target()], /invalid update: --usage-location "usa" must match/],
    ["nothing to change", () => ["update", customerId, userId, ...target()], /nothing to change: give a field option \(--usage-location/],
    ["--force-change-password without a password", () => ["update", customerId, userId, "--force-change-password", ...target()], /--password-stdin is required/],
    ["a concurrency of 0", () => ["update-many", "rows.csv", "--concurrency", "0", ...target()], /--concurrency.*must be a whole number from 1 to 64/],
    ["--mock with --base-url", () => ["update", customerId, userId, "--usage-location", "US", "--mock", ...target()], /--mock or --base-url, not both/],
    ["an input file that does not exist", () => ["update-many", "no-such-file.csv", ...target()], /cannot read no-such-file.csv: no such file or folder \(check the name and the folder it is in\)/],
    ["two options that both read stdin", () => ["update", customerId, userId, "--password-stdin", "--token-stdin", ...target()], /only one option can read stdin, not --password-stdin and --token-stdin/],
  ];
  it.each(cases)("%s", async (_name, args, message) => {
    const result = await runCli(args(), { env: token });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(server.requests).toHaveLength(0);
  });

  it("refuses a plain-http base URL that is not loopback (the token would travel in clear)", async () => {
    const result = await runCli(["update", customerId, userId, "--usage-location", "US", "--base-url", "http://partner.example"], { env: token });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/baseUrl.*https/);
  });

  it("refuses a CSV header with an unknown column before sending any row", async () => {
    const input = file("typo.csv", `customerId,userId,usageLocaton\n${customerId},${userId},US\n`);
    const result = await runCli(["update-many", input, "--base-url", server.url], { env: token });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown column "usageLocaton" in the header/);
    expect(server.requests).toHaveLength(0);
  });

  it("refuses a password or token given as an argument, without repeating it", async () => {
    for (const arg of ["--password=Pw-ARGV-SECRET-1!", "--token=tok-ARGV-SECRET"]) {
      const result = await runCli(["update", customerId, userId, arg, "--base-url", server.url], { env: token });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/never taken as arguments: use --password-stdin/);
      expect(result.stderr + result.stdout).not.toMatch(/ARGV-SECRET/);
    }
  });

  it("refuses JSON text given to --json without repeating it (it may hold a password)", async () => {
    const result = await runCli(["update", customerId, userId, "--json", '{"passwordProfile":{"password":"Pw-JSON-SECRET-1!"}}'], { env: token });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--json takes a file name/);
    expect(result.stderr).not.toMatch(/JSON-SECRET/);
  });
});

describe("the access token", { timeout: 20_000 }, () => {
  it("is required when something is to be sent: a clear error naming every way to sign in, PARTNER_CENTER_TOKEN and --token-stdin among them, exit 2", async () => {
    const result = await runCli(["update", customerId, userId, "--usage-location", "US", "--base-url", server.url]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "partner-center-users: no access token: sign in with partner-center-users login (device code, with MFA), or az login, or set PARTNER_CENTER_TOKEN (or pass --token-stdin), or set the refresh-token variables; see docs/signing-in.md\n",
    );
    const envOnly = await runCli(["update", customerId, userId, "--usage-location", "US", "--base-url", server.url, "--auth", "env"]);
    expect(envOnly.stderr).toBe(
      "partner-center-users: no access token: set PARTNER_CENTER_TOKEN or pass --token-stdin (an App+User token for https://api.partnercenter.microsoft.com/user_impersonation)\n",
    );
    const bulk = await runCli(["update-many", file("one.csv", `customerId,userId,usageLocation\n${customerId},${userId},US\n`), "--base-url", server.url]);
    expect(bulk.code).toBe(2);
    expect(bulk.stderr).toMatch(/no access token/);
    expect(bulk.stdout).toBe("");
    expect(server.requests).toHaveLength(0);
  });

  it("is refused when --token-stdin reads nothing", async () => {
    const result = await runCli(["update", customerId, userId, "--usage-location", "US", "--token-stdin", "--base-url", server.url], { stdin: "" });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--token-stdin: stdin was empty/);
  });
});
