// Sign-in through MSAL against the fake Entra ID, in-process (MSAL's injectable network client):
// nothing leaves the process, and every URL MSAL asked for is checked to be the fake's.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ada, azureCliClientId, createFakeEntra, type FakeEntra, type FakeEntraOptions } from "../../../cli-tests/support/fake-entra.ts";
import { deviceCodeLogin, loginTokens, refreshTokenTokens } from "./entra.js";
import { defaultClientId, readLoginFile, type EntraSettings } from "./entra-settings.js";
import { SignInError } from "./sign-in-error.js";

const root = mkdtempSync(join(tmpdir(), "pcu-entra-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;
const cachePath = () => join(root, `config-${++folders}`, "login.json");

function setUp(options: FakeEntraOptions = {}) {
  const fake = createFakeEntra(options);
  const settings: EntraSettings = { authorityHost: fake.origin, tenant: "organizations", clientId: defaultClientId };
  const hidden: string[] = [];
  const said: string[] = [];
  return { fake, settings, hidden, said, hide: (secret: string) => hidden.push(secret), say: (line: string) => said.push(line), dependencies: { networkClient: fake.networkClient } };
}

function onlyTheFake(fake: FakeEntra) {
  expect(fake.urls.length).toBeGreaterThan(0);
  for (const url of fake.urls) expect(url.startsWith(`${fake.origin}/`)).toBe(true);
}

async function signedIn(options: FakeEntraOptions = {}) {
  const setup = setUp(options);
  const path = cachePath();
  const result = await deviceCodeLogin(setup.settings, path, setup.say, setup.hide, setup.dependencies);
  return { ...setup, path, result };
}

describe("login: device code", () => {
  it("shows the code, polls while the sign-in is pending, and asks for Partner Center's user_impersonation with the Azure CLI's client", async () => {
    const { fake, said, result } = await signedIn({ pendingPolls: 2 });
    expect(said).toEqual([expect.stringContaining("enter the code FAKE-CODE")]);
    expect(fake.deviceCodeRequests).toEqual([{ clientId: azureCliClientId, tenant: "organizations", scope: expect.stringContaining("https://api.partnercenter.microsoft.com/user_impersonation") }]);
    expect(fake.deviceCodeRequests[0]?.scope).toContain("offline_access");
    expect(fake.tokenRequests.map((request) => request.grantType)).toEqual(["device_code", "device_code", "device_code"]);
    expect(result).toEqual({ token: fake.issuedAccessTokens[0], username: ada.upn });
    onlyTheFake(fake);
  });

  it.skipIf(process.platform === "win32")("writes the login cache owner-only: the settings, the account and MSAL's tokens", async () => {
    const { fake, path, settings } = await signedIn();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(path, "..")).mode & 0o777).toBe(0o700);
    const file = readLoginFile(path)!;
    expect(file).toMatchObject({ version: 1, ...settings, username: ada.upn, homeAccountId: `${ada.objectId}.${ada.tenantId}` });
    expect(Object.keys(file.msal as object).sort()).toEqual(["AccessToken", "Account", "AppMetadata", "IdToken", "RefreshToken"]);
    expect(readFileSync(path, "utf8")).toContain(fake.issuedRefreshTokens[0]);
  });

  it("hands every token it meets to be hidden: the access token and the refresh token", async () => {
    const { fake, hidden } = await signedIn();
    expect(hidden).toEqual(expect.arrayContaining([fake.issuedAccessTokens[0], fake.issuedRefreshTokens[0]]));
  });

  it("says what happened when the sign-in is declined", async () => {
    const setup = setUp();
    const declining = {
      ...setup.fake.networkClient,
      async sendPostRequestAsync<T>(url: string, request?: { body?: string }) {
        if (url.includes("/token")) return { status: 400, headers: {}, body: { error: "authorization_declined", error_description: "AADSTS70000: declined" } as T };
        return setup.fake.networkClient.sendPostRequestAsync<T>(url, request);
      },
    };
    const outcome = deviceCodeLogin(setup.settings, cachePath(), setup.say, setup.hide, { networkClient: declining });
    await expect(outcome).rejects.toThrow(new SignInError("login: the sign-in was declined"));
  });
});

describe("login: later runs, from the cache", () => {
  it("give the cached access token without asking the token service", async () => {
    const { fake, path, hide, dependencies } = await signedIn();
    const before = fake.tokenRequests.length;
    const fetch = await loginTokens(path, hide, dependencies);
    expect((await fetch(false)).token).toBe(fake.issuedAccessTokens[0]);
    expect(fake.tokenRequests).toHaveLength(before);
  });

  it("redeem the cached refresh token on forceRefresh, and keep the rotated one in the cache file", async () => {
    const { fake, path, hide, hidden, dependencies } = await signedIn();
    const fetch = await loginTokens(path, hide, dependencies);
    const fresh = await fetch(true);
    expect(fresh.token).toBe(fake.issuedAccessTokens[1]);
    expect(fake.tokenRequests.at(-1)).toMatchObject({ grantType: "refresh_token", refreshToken: fake.issuedRefreshTokens[0], clientId: azureCliClientId });
    const file = readFileSync(path, "utf8");
    expect(file).toContain(fake.issuedRefreshTokens[1]);
    expect(file).not.toContain(fake.issuedRefreshTokens[0]);
    expect(hidden).toEqual(expect.arrayContaining([fake.issuedAccessTokens[1], fake.issuedRefreshTokens[1]]));
    onlyTheFake(fake);
  });

  it("refresh an access token within 5 minutes of its expiry without being asked to", async () => {
    const { fake, path, hide, dependencies } = await signedIn({ accessTokenSeconds: 240 });
    const fetch = await loginTokens(path, hide, dependencies);
    expect((await fetch(false)).token).toBe(fake.issuedAccessTokens[1]);
    expect(fake.tokenRequests.at(-1)?.grantType).toBe("refresh_token");
  });

  it("say to run login when there is no login cache", async () => {
    await expect(loginTokens(cachePath(), () => {})).rejects.toThrow(new SignInError("login: not signed in (no login cache): run partner-center-users login"));
  });

  it("say to sign in again when the refresh token expired (AADSTS700082), without the refresh token the service echoed", async () => {
    const { fake, path, dependencies, hide } = await signedIn({
      refuseRefresh: (refreshToken) => ({
        error: "invalid_grant",
        error_description: `AADSTS700082: The refresh token has expired due to inactivity. The token ${refreshToken} was issued on 2026-08-01.\r\nTrace ID: t`,
        error_codes: [700082],
      }),
    });
    const fetch = await loginTokens(path, hide, dependencies);
    const error = (await fetch(true).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(SignInError);
    expect(error.message).toMatch(/^login: Microsoft Entra ID refused: the refresh token expired \(unused for 90 days\): sign in again: partner-center-users login \(AADSTS700082: /);
    expect(error.message).not.toContain(fake.issuedRefreshTokens[0]);
    expect(error.message).not.toContain("RT-SECRET");
  });
});

describe("refresh-token: the Secure Application Model", () => {
  const appId = "5d3e1c2b-8a7f-4e6d-9c0b-1a2b3c4d5e6f";
  const appSecret = "APP-SECRET-9x8y7z";

  function samSetup(options: FakeEntraOptions = {}) {
    const setup = setUp(options);
    const refreshToken = setup.fake.grantRefreshToken();
    const warnings: string[] = [];
    const settings = { ...setup.settings, tenant: ada.tenantId, clientId: appId, clientSecret: appSecret, refreshToken };
    return { ...setup, refreshToken, warnings, settings, warn: (line: string) => warnings.push(line) };
  }

  it("redeems the refresh token with the app's id and secret for user_impersonation, then the rotated one", async () => {
    const { fake, settings, refreshToken, hide, hidden, warn, dependencies } = samSetup();
    const fetch = refreshTokenTokens(settings, hide, warn, dependencies);
    expect((await fetch(false)).token).toBe(fake.issuedAccessTokens[0]);
    expect((await fetch(true)).token).toBe(fake.issuedAccessTokens[1]);
    expect(fake.tokenRequests).toEqual([
      { grantType: "refresh_token", clientId: appId, clientSecret: appSecret, refreshToken, tenant: ada.tenantId, scope: expect.stringContaining("https://api.partnercenter.microsoft.com/user_impersonation") },
      expect.objectContaining({ grantType: "refresh_token", refreshToken: fake.issuedRefreshTokens[0] }),
    ]);
    expect(hidden).toEqual(expect.arrayContaining([appSecret, refreshToken, ...fake.issuedRefreshTokens.slice(0, 1), ...fake.issuedAccessTokens]));
    onlyTheFake(fake);
  });

  it("writes the rotated refresh token back to the file it came from, 0600, and nowhere else", async () => {
    const { fake, settings, hide, warn, warnings, dependencies } = samSetup();
    const file = join(root, `rt-${++folders}`);
    writeFileSync(file, `${settings.refreshToken}\n`);
    const fetch = refreshTokenTokens({ ...settings, file }, hide, warn, dependencies);
    await fetch(false);
    expect(readFileSync(file, "utf8")).toBe(`${fake.issuedRefreshTokens[0]}\n`);
    if (process.platform !== "win32") expect(statSync(file).mode & 0o777).toBe(0o600);
    await fetch(true);
    expect(readFileSync(file, "utf8")).toBe(`${fake.issuedRefreshTokens[1]}\n`);
    expect(warnings).toEqual([]);
  });

  it("keeps working for the run when the file cannot be written, and says so without the token", async () => {
    const { fake, settings, hide, warn, warnings, dependencies } = samSetup();
    const blocker = join(root, `blocker-${++folders}`);
    writeFileSync(blocker, ""); // a file where the refresh token's folder should be: nothing can be written under it
    const fetch = refreshTokenTokens({ ...settings, file: join(blocker, "rt") }, hide, warn, dependencies);
    await fetch(false);
    expect((await fetch(true)).token).toBe(fake.issuedAccessTokens[1]);
    expect(fake.tokenRequests[1]?.refreshToken).toBe(fake.issuedRefreshTokens[0]);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^refresh-token: could not write the new refresh token back to .*blocker-\d+\/rt \((a part of the path is a file, not a folder|something is in the way there already)\); this run uses it/);
    expect(warnings.join("\n")).not.toContain("RT-SECRET");
  });

  it.each([
    [700082, /the refresh token expired \(unused for 90 days\): get a new refresh token \(the Secure Application Model's consent/],
    [7000215, /the app secret is wrong: check PARTNER_CENTER_APP_SECRET/],
  ])("says what to renew when the token service refuses with AADSTS%i, scrubbing the refresh token and secret it echoed", async (number, advice) => {
    const { settings, hide, warn, dependencies } = samSetup({
      refuseRefresh: (refreshToken) => ({
        error: "invalid_grant",
        error_description: `AADSTS${number}: refused ${refreshToken} for client secret ${appSecret}.`,
        error_codes: [number],
      }),
    });
    const error = (await refreshTokenTokens(settings, hide, warn, dependencies)(false).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(SignInError);
    expect(error.message).toMatch(advice);
    expect(error.message).toContain(`AADSTS${number}: refused [REDACTED] for client secret [REDACTED].`);
    expect(error.message).not.toMatch(/RT-SECRET|APP-SECRET/);
  });
});
