// Tokens from Microsoft Entra ID through MSAL (@azure/msal-node), for two methods:
// - login: device-code sign-in with a public client (by default the Azure CLI's, which needs no
//   app registration), its tokens kept in the login cache (entra-settings.ts's file); later runs get
//   tokens from that cache silently, MSAL refreshing them with the cached refresh token.
// - refresh-token: the Secure Application Model — the partner's own app (id + secret) redeems a
//   refresh token at the token endpoint (MSAL's acquireTokenByRefreshToken). Refresh tokens
//   rotate: each answer brings a new one, which this run uses from then on and which is written
//   back to the file it came from, if it came from a file.
// No OAuth is written here: MSAL builds every request and reads every answer. The authority is
// <host>/<tenant>; a host other than Microsoft's clouds is trusted only as `knownAuthorities` (a
// loopback fake in tests). Every token and refresh token met is handed to `hide` at once.
// Loaded only by a command that signs in this way (methods.ts and commands.ts import it lazily).
import {
  ConfidentialClientApplication,
  PublicClientApplication,
  type AuthenticationResult,
  type Configuration,
  type ICachePlugin,
  type INetworkModule,
  type NetworkRequestOptions,
  type NetworkResponse,
} from "@azure/msal-node";
import { partnerCenterScope } from "../../index.js";
import { fileProblem } from "../messages.js";
import { expiryOf } from "./claims.js";
import { checkSettings, readLoginFile, writeLoginFile, type EntraSettings, type LoginFile } from "./entra-settings.js";
import { signInErrorFrom, SignInError, type SignInMethod } from "./sign-in-error.js";
import { writePrivateFile } from "./private-file.js";
import type { AccessToken, TokenFetcher } from "./refreshing.js";

const scopes = [partnerCenterScope];

/** Injected by tests: MSAL's network client (so nothing goes online) and the clock. */
export interface EntraDependencies {
  readonly networkClient?: INetworkModule | undefined;
}

// The hosts of Microsoft's clouds, whose metadata MSAL carries itself.
const microsoftHosts = new Set([
  "login.microsoftonline.com",
  "login.microsoft.com",
  "login.windows.net",
  "sts.windows.net",
  "login.microsoftonline.us",
  "login.usgovcloudapi.net",
  "login-us.microsoftonline.com",
  "login.chinacloudapi.cn",
  "login.partner.microsoftonline.cn",
]);

function authority(settings: EntraSettings): Pick<Configuration["auth"], "authority" | "knownAuthorities"> {
  const url = new URL(settings.authorityHost);
  return {
    authority: `${url.origin}/${settings.tenant}`,
    ...(!microsoftHosts.has(url.hostname) && { knownAuthorities: [url.host] }),
  };
}

/** A request to the token service with no fetch deadline of its own (a device-code poll) gets this long. */
const requestTimeoutMs = 30_000;

/**
 * MSAL's network client, every request bounded: by the signal of the token fetch under way
 * (`signal()`, refreshing.ts's deadline), else by requestTimeoutMs. MSAL's own client has no
 * timeout for a token request: a token service that never answered held the run forever, its open
 * socket keeping the process alive even after the command had failed. A test's in-process client
 * (dependencies.networkClient) is raced against the same signal.
 */
function boundedNetwork(dependencies: EntraDependencies, signal: () => AbortSignal | undefined): INetworkModule {
  const send = async <T>(method: "GET" | "POST", url: string, options: NetworkRequestOptions | undefined): Promise<NetworkResponse<T>> => {
    const bound = signal() ?? AbortSignal.timeout(requestTimeoutMs);
    const injected = dependencies.networkClient;
    if (injected) {
      const reply = method === "GET" ? injected.sendGetRequestAsync<T>(url, options) : injected.sendPostRequestAsync<T>(url, options);
      return Promise.race([reply, new Promise<never>((_, reject) => bound.addEventListener("abort", () => reject(bound.reason as Error), { once: true }))]);
    }
    const response = await fetch(url, { method, headers: options?.headers ?? {}, body: options?.body ?? null, signal: bound, redirect: "error" });
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = { error: "invalid_response", error_description: `Microsoft Entra ID answered ${response.status} without JSON` };
    }
    return { status: response.status, headers: Object.fromEntries(response.headers), body: body as T };
  };
  return {
    sendGetRequestAsync: (url, options) => send("GET", url, options),
    sendPostRequestAsync: (url, options) => send("POST", url, options),
  };
}

function system(dependencies: EntraDependencies, signal: () => AbortSignal | undefined = () => undefined): NonNullable<Configuration["system"]> {
  return { networkClient: boundedNetwork(dependencies, signal) };
}

function accessToken(result: AuthenticationResult | null, method: SignInMethod): AccessToken {
  if (!result?.accessToken) throw new SignInError(`${method}: Microsoft Entra ID gave no access token`);
  const expiresAt = result.expiresOn?.getTime() ?? expiryOf(result.accessToken) ?? Date.now() + 10 * 60_000;
  return { token: result.accessToken, expiresAt };
}

/** Every secret in MSAL's serialized cache (access, refresh and id tokens), to hide. */
function secretsIn(serialized: string): string[] {
  const cache = JSON.parse(serialized) as Record<string, Record<string, { secret?: unknown }> | undefined>;
  return ["AccessToken", "RefreshToken", "IdToken"].flatMap((kind) =>
    Object.values(cache[kind] ?? {})
      .map((entry) => entry.secret)
      .filter((secret): secret is string => typeof secret === "string"),
  );
}

// ---- login: device code, then tokens from the cache ----------------------------------------------

/** MSAL reads the file before each use of its cache and writes it after each change (a refresh). */
function fileCachePlugin(path: string, hide: (secret: string) => void): ICachePlugin {
  let header: Omit<LoginFile, "msal" | "savedAt"> | undefined;
  return {
    async beforeCacheAccess(context) {
      const file = readLoginFile(path);
      if (file === undefined) return;
      const { msal, savedAt: _savedAt, ...rest } = file;
      header = rest;
      const serialized = JSON.stringify(msal);
      for (const secret of secretsIn(serialized)) hide(secret);
      context.tokenCache.deserialize(serialized);
    },
    async afterCacheAccess(context) {
      if (!context.cacheHasChanged || header === undefined) return;
      const serialized = context.tokenCache.serialize();
      for (const secret of secretsIn(serialized)) hide(secret);
      writeLoginFile(path, { ...header, savedAt: new Date().toISOString(), msal: JSON.parse(serialized) });
    },
  };
}

/** Device-code sign-in: shows the code via `say`, waits for the user, writes the login cache. */
export async function deviceCodeLogin(
  settings: EntraSettings,
  path: string,
  say: (line: string) => void,
  hide: (secret: string) => void,
  dependencies: EntraDependencies = {},
): Promise<{ readonly token: string; readonly username: string }> {
  const app = new PublicClientApplication({ auth: { clientId: settings.clientId, ...authority(settings) }, system: system(dependencies) });
  let result: AuthenticationResult | null;
  try {
    result = await app.acquireTokenByDeviceCode({ scopes, deviceCodeCallback: (response) => say(response.message) });
  } catch (error) {
    throw signInErrorFrom("login", error, []);
  }
  const { token } = accessToken(result, "login");
  hide(token);
  const account = result?.account;
  if (!account) throw new SignInError("login: Microsoft Entra ID gave no account (no id token)");
  const serialized = app.getTokenCache().serialize();
  for (const secret of secretsIn(serialized)) hide(secret);
  writeLoginFile(path, {
    version: 1,
    ...settings,
    homeAccountId: account.homeAccountId,
    username: account.username,
    savedAt: new Date().toISOString(),
    msal: JSON.parse(serialized),
  });
  return { token, username: account.username };
}

/**
 * Tokens from the login cache, refreshed by MSAL with the cached refresh token when the access token
 * is within 5 minutes of expiry or `forceRefresh` is asked. Fails (SignInError) when there is no login.
 */
export async function loginTokens(path: string, hide: (secret: string) => void, dependencies: EntraDependencies = {}): Promise<TokenFetcher> {
  const file = readLoginFile(path);
  if (file === undefined) throw new SignInError("login: not signed in (no login cache): run partner-center-users login");
  const settings = checkSettings(file);
  // Every token of the cache, also scrubbed from MSAL's errors (the token service may echo one).
  const secrets = new Set<string>();
  const keep = (secret: string) => {
    secrets.add(secret);
    hide(secret);
  };
  let current: AbortSignal | undefined; // the fetch under way's (refreshing.ts runs one at a time)
  const app = new PublicClientApplication({
    auth: { clientId: settings.clientId, ...authority(settings) },
    cache: { cachePlugin: fileCachePlugin(path, keep) },
    system: system(dependencies, () => current),
  });
  const account = await app.getTokenCache().getAccountByHomeId(file.homeAccountId);
  if (!account) throw new SignInError(`login: the login cache holds no account: run partner-center-users login`);
  return async (forceRefresh, signal) => {
    current = signal;
    try {
      const fetched = accessToken(await app.acquireTokenSilent({ account, scopes, forceRefresh }), "login");
      keep(fetched.token);
      return fetched;
    } catch (error) {
      throw signInErrorFrom("login", error, [...secrets]);
    } finally {
      current = undefined;
    }
  };
}

// ---- refresh-token: the Secure Application Model ----------------------------------------------

export interface RefreshTokenSettings extends EntraSettings {
  /** The app's secret (PARTNER_CENTER_APP_SECRET); the app id is `clientId`. */
  readonly clientSecret: string;
  readonly refreshToken: string;
  /** The file the refresh token came from: the rotated one is written back there. */
  readonly file?: string | undefined;
}

/**
 * Tokens from a refresh token: each fetch redeems the newest refresh token this run holds (the
 * token endpoint answers with a new one, which replaces it — in memory, and in `file` if given).
 * `warn` is told, without the token, when the file cannot be written.
 */
export function refreshTokenTokens(settings: RefreshTokenSettings, hide: (secret: string) => void, warn: (line: string) => void, dependencies: EntraDependencies = {}): TokenFetcher {
  hide(settings.clientSecret);
  hide(settings.refreshToken);
  let current: AbortSignal | undefined; // the fetch under way's (refreshing.ts runs one at a time)
  const app = new ConfidentialClientApplication({
    auth: { clientId: settings.clientId, clientSecret: settings.clientSecret, ...authority(settings) },
    system: system(dependencies, () => current),
  });
  let refreshToken = settings.refreshToken;
  const secrets = () => [settings.clientSecret, settings.refreshToken, refreshToken];
  return async (_forceRefresh, signal) => {
    let result: AuthenticationResult | null;
    current = signal;
    try {
      // The cache is emptied first so that, after the answer, the one refresh token in it is the new one.
      app.clearCache();
      result = await app.acquireTokenByRefreshToken({ refreshToken, scopes, forceCache: true });
    } catch (error) {
      throw signInErrorFrom("refresh-token", error, secrets());
    } finally {
      current = undefined;
    }
    const fetched = accessToken(result, "refresh-token");
    hide(fetched.token);
    const serialized = app.getTokenCache().serialize();
    const cache = JSON.parse(serialized) as { RefreshToken?: Record<string, { secret?: unknown }> };
    const rotated = Object.values(cache.RefreshToken ?? {})
      .map((entry) => entry.secret)
      .find((secret): secret is string => typeof secret === "string" && secret !== "");
    if (rotated !== undefined && rotated !== refreshToken) {
      hide(rotated);
      refreshToken = rotated;
      if (settings.file !== undefined) {
        try {
          writePrivateFile(settings.file, `${rotated}\n`);
        } catch (error) {
          warn(
            `refresh-token: could not write the new refresh token back to ${settings.file} (${fileProblem(error)}); this run uses it, and the old one keeps working until it expires`,
          );
        }
      }
    }
    return fetched;
  };
}
