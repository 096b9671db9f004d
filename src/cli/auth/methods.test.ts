// Which method a run signs in with, and what each gives the client. The azure-cli method runs a
// fake `az` (a script on PATH); login and refresh-token run against the fake Entra ID in-process.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeFakeAz } from "../../../cli-tests/support/fake-az.ts";
import { accessTokenClaims, ada, createFakeEntra, unsignedJwt } from "../../../cli-tests/support/fake-entra.ts";
import { UsageError } from "../run-end.js";
import { deviceCodeLogin } from "./entra.js";
import { defaultClientId } from "./entra-settings.js";
import { loginCachePath, refuseExpired, searchOrder, signIn, type AuthOptions } from "./methods.js";
import { SignInError } from "./sign-in-error.js";

const root = mkdtempSync(join(tmpdir(), "pcu-methods-"));
const az = makeFakeAz();
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(az.folder, { recursive: true, force: true });
});
let n = 0;
const emptyConfig = () => join(root, `config-${++n}`);
const nodeOnly = dirname(process.execPath);
const envToken = unsignedJwt(accessTokenClaims(ada), "AT-SECRET-env");
const azToken = unsignedJwt(accessTokenClaims(ada), "AT-SECRET-az");

/** A clean environment: nothing set up but what `extra` adds; no az unless PATH says. */
function environment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: nodeOnly, PARTNER_CENTER_USERS_CONFIG_DIR: emptyConfig(), FAKE_AZ_LOG: az.log, FAKE_AZ_TOKEN: azToken, ...extra };
}
const withAz = (extra: Record<string, string> = {}) => environment({ PATH: `${az.folder}${delimiter}${nodeOnly}`, ...extra });

async function signedInLogin(env: NodeJS.ProcessEnv, fake = createFakeEntra()) {
  const settings = { authorityHost: fake.origin, tenant: "organizations", clientId: defaultClientId };
  await deviceCodeLogin(settings, loginCachePath(env), () => {}, () => {}, { networkClient: fake.networkClient });
  return fake;
}

function run(options: AuthOptions, env: NodeJS.ProcessEnv, fake = createFakeEntra()) {
  const hidden: string[] = [];
  const warnings: string[] = [];
  const outcome = signIn(options, { env, hide: (secret) => hidden.push(secret), warn: (line) => warnings.push(line), dependencies: { networkClient: fake.networkClient } });
  return { outcome, hidden, warnings };
}

describe("the search order without --auth: env, refresh-token, login, azure-cli", () => {
  it("is documented as that order", () => {
    expect(searchOrder).toEqual(["env", "refresh-token", "login", "azure-cli"]);
  });

  it("takes PARTNER_CENTER_TOKEN first, as it is, before a login cache and az", async () => {
    const env = withAz({ PARTNER_CENTER_TOKEN: envToken });
    await signedInLogin(env);
    const { outcome, hidden } = run({}, env);
    expect(await outcome).toEqual({ method: "env", source: "PARTNER_CENTER_TOKEN", credential: envToken, token: envToken });
    expect(hidden).toEqual([envToken]);
  });

  it("takes the refresh-token variables before a login cache", async () => {
    const fake = createFakeEntra();
    const env = withAz({ PARTNER_CENTER_APP_ID: "5d3e1c2b-8a7f-4e6d-9c0b-1a2b3c4d5e6f", PARTNER_CENTER_APP_SECRET: "APP-SECRET-1", PARTNER_CENTER_REFRESH_TOKEN: fake.grantRefreshToken(), PARTNER_CENTER_AUTHORITY_HOST: fake.origin });
    await signedInLogin(env);
    const signedIn = await run({}, env, fake).outcome;
    expect(signedIn).toMatchObject({ method: "refresh-token", source: "PARTNER_CENTER_REFRESH_TOKEN", token: fake.issuedAccessTokens[0] });
  });

  it("takes the login cache before az, and gives the client a credential that refreshes", async () => {
    const env = withAz();
    const fake = await signedInLogin(env);
    const calls = az.calls().length;
    const signedIn = await run({}, env, fake).outcome;
    expect(signedIn).toMatchObject({ method: "login", source: `login cache ${loginCachePath(env)}`, token: fake.issuedAccessTokens[0] });
    expect(typeof signedIn.credential).toBe("function");
    expect(az.calls()).toHaveLength(calls);
  });

  it("takes az last, asking it for a token for Partner Center's resource", async () => {
    const calls = az.calls().length;
    const { outcome, hidden } = run({}, withAz());
    expect(await outcome).toMatchObject({ method: "azure-cli", source: "az account get-access-token", token: azToken });
    expect(az.calls().slice(calls)).toEqual([["account", "get-access-token", "--resource", "https://api.partnercenter.microsoft.com", "--output", "json"]]);
    expect(hidden).toContain(azToken);
  });

  it("says every way to sign in when none is set up", async () => {
    await expect(run({}, environment()).outcome).rejects.toThrow(
      new SignInError(
        "no access token: sign in with partner-center-users login (device code, with MFA), or az login, or set PARTNER_CENTER_TOKEN (or pass --token-stdin), or set the refresh-token variables; see docs/signing-in.md",
      ),
    );
  });

  it("gives --mock its placeholder token when nothing is given, and a given token otherwise", async () => {
    expect(await run({ mock: true }, withAz()).outcome).toMatchObject({ method: "mock", token: "mock-token" });
    expect(await run({ mock: true }, environment({ PARTNER_CENTER_TOKEN: envToken })).outcome).toMatchObject({ method: "env", token: envToken });
  });
});

describe("--auth and PARTNER_CENTER_AUTH choose one method, and only that one", () => {
  it("--auth env does not fall back to other methods", async () => {
    const env = withAz();
    await signedInLogin(env);
    await expect(run({ auth: "env" }, env).outcome).rejects.toThrow(/^no access token: set PARTNER_CENTER_TOKEN or pass --token-stdin/);
  });

  it("PARTNER_CENTER_AUTH=azure-cli skips a PARTNER_CENTER_TOKEN; --auth wins over the variable", async () => {
    const env = withAz({ PARTNER_CENTER_TOKEN: envToken, PARTNER_CENTER_AUTH: "azure-cli" });
    expect(await run({}, env).outcome).toMatchObject({ method: "azure-cli" });
    expect(await run({ auth: "env" }, env).outcome).toMatchObject({ method: "env" });
  });

  it("refuses a method it does not know, naming the variable", async () => {
    await expect(run({}, environment({ PARTNER_CENTER_AUTH: "magic" })).outcome).rejects.toThrow(
      new UsageError("PARTNER_CENTER_AUTH must be one of env, azure-cli, login, refresh-token"),
    );
  });

  it("refuses --token-stdin with another method", async () => {
    await expect(run({ auth: "login", tokenStdin: true }, environment()).outcome).rejects.toThrow(new UsageError("--token-stdin gives a token for --auth env, not --auth login"));
  });

  it("--auth login without a login says to run login", async () => {
    await expect(run({ auth: "login" }, withAz()).outcome).rejects.toThrow(/run partner-center-users login/);
  });

  it("--auth azure-cli with a signed-out az says to run az login, quoting az", async () => {
    await expect(run({ auth: "azure-cli" }, withAz({ FAKE_AZ_MODE: "signed-out" })).outcome).rejects.toThrow(
      new SignInError("azure-cli: az is not signed in (az said: ERROR: Please run 'az login' to setup account.): run az login with your partner account (with MFA)"),
    );
  });

  it("--auth azure-cli without az on PATH says so", async () => {
    await expect(run({ auth: "azure-cli" }, environment()).outcome).rejects.toThrow(/az \(the Azure CLI\) is not on PATH/);
  });

  it("--auth azure-cli passes PARTNER_CENTER_TENANT to az as --tenant", async () => {
    const calls = az.calls().length;
    await run({ auth: "azure-cli" }, withAz({ PARTNER_CENTER_TENANT: ada.tenantId })).outcome;
    expect(az.calls().slice(calls)[0]?.slice(-2)).toEqual(["--tenant", ada.tenantId]);
  });
});

describe("refresh-token's settings come from the environment only", () => {
  const appId = "5d3e1c2b-8a7f-4e6d-9c0b-1a2b3c4d5e6f";

  it("names the variables that are missing", async () => {
    await expect(run({}, environment({ PARTNER_CENTER_REFRESH_TOKEN: "RT-SECRET-x" })).outcome).rejects.toThrow(
      new SignInError("refresh-token: set PARTNER_CENTER_APP_ID, PARTNER_CENTER_APP_SECRET (environment only: secrets are never taken as arguments)"),
    );
    await expect(run({ auth: "refresh-token" }, environment({ PARTNER_CENTER_APP_ID: appId, PARTNER_CENTER_APP_SECRET: "s" })).outcome).rejects.toThrow(
      /set PARTNER_CENTER_REFRESH_TOKEN \(or PARTNER_CENTER_REFRESH_TOKEN_FILE\)/,
    );
  });

  it("reads the refresh token from PARTNER_CENTER_REFRESH_TOKEN_FILE, and refuses both at once", async () => {
    const fake = createFakeEntra();
    const file = join(root, "rt-file");
    writeFileSync(file, `${fake.grantRefreshToken()}\n`);
    const base = { PARTNER_CENTER_APP_ID: appId, PARTNER_CENTER_APP_SECRET: "APP-SECRET-2", PARTNER_CENTER_AUTHORITY_HOST: fake.origin };
    const { outcome, hidden } = run({}, environment({ ...base, PARTNER_CENTER_REFRESH_TOKEN_FILE: file }), fake);
    expect(await outcome).toMatchObject({ method: "refresh-token", source: `PARTNER_CENTER_REFRESH_TOKEN_FILE ${file}` });
    expect(hidden).toEqual(expect.arrayContaining(["APP-SECRET-2", ...fake.issuedRefreshTokens]));
    await expect(run({}, environment({ ...base, PARTNER_CENTER_REFRESH_TOKEN_FILE: file, PARTNER_CENTER_REFRESH_TOKEN: "RT-SECRET-y" })).outcome).rejects.toThrow(/not both/);
  });

  it("refuses an app id that is not a GUID", async () => {
    await expect(run({}, environment({ PARTNER_CENTER_APP_ID: "my-app", PARTNER_CENTER_APP_SECRET: "s", PARTNER_CENTER_REFRESH_TOKEN: "RT-SECRET-z" })).outcome).rejects.toThrow(
      /PARTNER_CENTER_APP_ID must be a GUID/,
    );
  });
});

describe("a token given as it is (env)", () => {
  it("is refused before anything is sent once it has expired, saying when", () => {
    const now = Date.parse("2026-12-01T10:00:00Z");
    const expired = unsignedJwt({ ...accessTokenClaims(ada, { now: now - 2 * 3600_000 }) }, "AT-SECRET-old");
    expect(() => refuseExpired({ method: "env", source: "PARTNER_CENTER_TOKEN", credential: expired, token: expired }, now)).toThrow(
      /^the token from PARTNER_CENTER_TOKEN expired at 2026-12-01T09:00:00Z \(1 h 0 min ago\)/,
    );
    expect(() => refuseExpired({ method: "env", source: "PARTNER_CENTER_TOKEN", credential: "opaque", token: "opaque" }, now)).not.toThrow();
  });
});
