// A stand-in for the Azure CLI: an executable `az` in a folder to put first on PATH. It answers
// `az account get-access-token` as az does (JSON on stdout), or fails as a signed-out az does,
// as FAKE_AZ_MODE says, and appends each command line to FAKE_AZ_LOG (JSON Lines).
//   FAKE_AZ_MODE   ok (default) | signed-out | garbage
//   FAKE_AZ_TOKEN  the accessToken to print
//   FAKE_AZ_EXPIRES_ON  seconds since the epoch (default: an hour from now)
//   FAKE_AZ_ENV_LOG  a file each run appends the names of its PARTNER_CENTER_* variables to
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const script = `
const { appendFileSync } = require("node:fs");
const args = process.argv.slice(2);
if (process.env.FAKE_AZ_LOG) appendFileSync(process.env.FAKE_AZ_LOG, JSON.stringify(args) + "\\n");
// The names of this program's variables az was given, so a test can see which secrets a child inherits.
if (process.env.FAKE_AZ_ENV_LOG) appendFileSync(process.env.FAKE_AZ_ENV_LOG, JSON.stringify(Object.keys(process.env).filter((name) => name.startsWith("PARTNER_CENTER_"))) + "\\n");
const mode = process.env.FAKE_AZ_MODE || "ok";
if (mode === "signed-out") {
  process.stderr.write("ERROR: Please run 'az login' to setup account.\\n");
  process.exit(1);
}
if (mode === "garbage") {
  process.stdout.write("this is not json");
  process.exit(0);
}
if (args[0] !== "account" || args[1] !== "get-access-token") {
  process.stderr.write("ERROR: the fake az knows only account get-access-token\\n");
  process.exit(2);
}
const expiresOn = Number(process.env.FAKE_AZ_EXPIRES_ON || Math.floor(Date.now() / 1000) + 3600);
process.stdout.write(JSON.stringify({
  accessToken: process.env.FAKE_AZ_TOKEN,
  expiresOn: new Date(expiresOn * 1000).toISOString().replace("T", " ").replace("Z", ""),
  expires_on: expiresOn,
  subscription: "00000000-0000-0000-0000-000000000000",
  tenant: "0b1f9a8e-5c4d-4f3e-8a2b-6c7d8e9f0a1b",
  tokenType: "Bearer",
}, null, 2) + "\\n");
`;

export interface FakeAz {
  /** The folder holding `az`: put it first on PATH. */
  readonly folder: string;
  /** The file each run's arguments are appended to (pass as FAKE_AZ_LOG). */
  readonly log: string;
  /** The arguments of every run so far. */
  calls(): string[][];
}

export function makeFakeAz(): FakeAz {
  const folder = mkdtempSync(join(tmpdir(), "pcu-fake-az-"));
  const path = join(folder, "az");
  writeFileSync(path, `#!${process.execPath}\n${script}`);
  chmodSync(path, 0o755);
  const log = join(folder, "calls.jsonl");
  writeFileSync(log, "");
  return {
    folder,
    log,
    calls: () =>
      readFileSync(log, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as string[]),
  };
}
