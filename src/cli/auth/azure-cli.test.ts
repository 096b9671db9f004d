import { rmSync } from "node:fs";
import { delimiter, dirname } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeFakeAz } from "../../../cli-tests/support/fake-az.ts";
import { azureCliOnPath, azureCliTokens } from "./azure-cli.js";

const az = makeFakeAz();
afterAll(() => rmSync(az.folder, { recursive: true, force: true }));
const env = (extra: Record<string, string> = {}) => ({ PATH: `${az.folder}${delimiter}${dirname(process.execPath)}`, FAKE_AZ_LOG: az.log, FAKE_AZ_TOKEN: "AT-SECRET-az-1", ...extra });

describe.skipIf(process.platform === "win32")("azure-cli: the token of a signed-in az", () => {
  it("finds az on PATH without running it", () => {
    expect(azureCliOnPath(env())).toBe(true);
    expect(azureCliOnPath({ PATH: dirname(process.execPath) })).toBe(false);
  });

  it("takes the token and its expiry (expires_on) from az's JSON, and hides the token", async () => {
    const hidden: string[] = [];
    const token = await azureCliTokens(undefined, (secret) => hidden.push(secret), env({ FAKE_AZ_EXPIRES_ON: "1800000000" }))(false);
    expect(token).toEqual({ token: "AT-SECRET-az-1", expiresAt: 1_800_000_000_000 });
    expect(hidden).toEqual(["AT-SECRET-az-1"]);
  });

  it("says so when az prints something that is not its JSON, or no token", async () => {
    await expect(azureCliTokens(undefined, () => {}, env({ FAKE_AZ_MODE: "garbage" }))(false)).rejects.toThrow("azure-cli: az account get-access-token printed no JSON");
    await expect(azureCliTokens(undefined, () => {}, env({ FAKE_AZ_TOKEN: "" }))(false)).rejects.toThrow("azure-cli: az account get-access-token gave no accessToken");
  });
});
