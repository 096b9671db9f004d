// Which way this run gets its token (docs/signing-in.md):
//   env            PARTNER_CENTER_TOKEN, or stdin with --token-stdin: a token as given, never refreshed
//   refresh-token  the Secure Application Model: PARTNER_CENTER_APP_ID, PARTNER_CENTER_APP_SECRET and
//                  PARTNER_CENTER_REFRESH_TOKEN (or PARTNER_CENTER_REFRESH_TOKEN_FILE), environment only
//   login          the login cache `partner-center-users login` wrote
//   azure-cli      the token of a signed-in `az`
// --auth <method> (or PARTNER_CENTER_AUTH) picks one; without either, the first that is set up, in
// the order above: what the user configured for this tool explicitly (a token, the refresh-token
// variables) before what is merely lying around (a login cache, then an `az` on PATH — which may be
// signed in to some other account, and costs a second to ask, so it comes last).
// Every method but env hands the client a refreshing credential (refreshing.ts), and its first
// token is fetched here, so a method that cannot sign in stops the run before anything is sent.
// MSAL (entra.ts) is imported only when login or refresh-token is the method: most runs never need it.
import { readFileSync } from "node:fs";
import { fileProblem } from "../messages.js";
import { join } from "node:path";
import { partnerCenterScope } from "../../index.js";
import { isGuid } from "../../ids.js";
import { UsageError } from "../run-end.js";
import { readStdin } from "../stdin.js";
import { secretVariables } from "../child-env.js";
import { azureCliOnPath, azureCliTokens } from "./azure-cli.js";
import { amrOf, duration, expiryOf, isoTime, noMfaProblem, readClaims } from "./claims.js";
import type { EntraDependencies } from "./entra.js";
import { checkSettings, defaultAuthorityHost, defaultClientId, defaultTenant, readLoginFile, type EntraSettings } from "./entra-settings.js";
import { configDir } from "./private-file.js";
import { refreshingCredential, tokenDeadlineMs, type CliCredential, type TokenFetcher } from "./refreshing.js";
import { SignInError, type SignInMethod } from "./sign-in-error.js";

export type AuthMethod = SignInMethod;
export const authMethods: readonly AuthMethod[] = ["env", "azure-cli", "login", "refresh-token"];
/** Tried in this order when neither --auth nor PARTNER_CENTER_AUTH names a method. */
export const searchOrder: readonly AuthMethod[] = ["env", "refresh-token", "login", "azure-cli"];

/** Every environment variable sign-in reads. */
export const authVariables = {
  ...secretVariables,
  auth: "PARTNER_CENTER_AUTH",
  clientId: "PARTNER_CENTER_CLIENT_ID",
  tenant: "PARTNER_CENTER_TENANT",
  authorityHost: "PARTNER_CENTER_AUTHORITY_HOST",
  appId: "PARTNER_CENTER_APP_ID",
  refreshTokenFile: "PARTNER_CENTER_REFRESH_TOKEN_FILE",
  configDir: "PARTNER_CENTER_USERS_CONFIG_DIR",
} as const;

/** The login cache file. */
export function loginCachePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(configDir(env), "login.json");
}

export interface AuthOptions {
  /** --auth; PARTNER_CENTER_AUTH when not given. */
  readonly auth?: string | undefined;
  readonly tokenStdin?: boolean | undefined;
  /** --mock: without a method named or a token given, the mock's placeholder token. */
  readonly mock?: boolean | undefined;
}

export interface AuthContext {
  /** Every token and secret met, at once: the Terminal scrubs them from all it prints. */
  hide(secret: string): void;
  /** A line for the person (stderr), never holding a secret. */
  warn(line: string): void;
  readonly env?: NodeJS.ProcessEnv;
  readonly dependencies?: EntraDependencies;
  /** The attempt's time (--timeout), which bounds every token fetch (refreshing.ts); default 30 s. */
  readonly timeoutMs?: number | undefined;
}

export interface SignedIn {
  readonly method: AuthMethod | "mock";
  /** Where the token came from, for `auth status` and --verbose: a variable, a file, a program. */
  readonly source: string;
  /** What the client is given: the token itself (env), or a credential that refreshes it. */
  readonly credential: string | CliCredential;
  /** The token fetched now. */
  readonly token: string;
}

/** The embedded mock checks only that a bearer token is present. */
const mockToken = "mock-token";

const noTokenHelp =
  "sign in with partner-center-users login (device code, with MFA), or az login, or set PARTNER_CENTER_TOKEN (or pass --token-stdin), " +
  "or set the refresh-token variables; see docs/signing-in.md";

export function chosenMethod(options: AuthOptions, env: NodeJS.ProcessEnv = process.env): AuthMethod | undefined {
  const named = options.auth ?? (env[authVariables.auth] || undefined);
  if (named === undefined) return undefined;
  if (!(authMethods as readonly string[]).includes(named)) {
    throw new UsageError(`${options.auth === undefined ? authVariables.auth : "--auth"} must be one of ${authMethods.join(", ")}`);
  }
  return named as AuthMethod;
}

/** The settings of Microsoft Entra ID sign-in from the environment (and the login command's options). */
export function entraSettings(env: NodeJS.ProcessEnv, given: { readonly clientId?: string | undefined; readonly tenant?: string | undefined } = {}): EntraSettings {
  return checkSettings({
    authorityHost: env[authVariables.authorityHost] || defaultAuthorityHost,
    tenant: given.tenant ?? (env[authVariables.tenant] || defaultTenant),
    clientId: given.clientId ?? (env[authVariables.clientId] || defaultClientId),
  });
}

function refreshTokenConfigured(env: NodeJS.ProcessEnv): boolean {
  return [authVariables.appId, authVariables.appSecret, authVariables.refreshToken, authVariables.refreshTokenFile].some((name) => env[name]);
}

async function refreshingSignIn(method: AuthMethod, source: string, fetcher: TokenFetcher, context: AuthContext): Promise<SignedIn> {
  const who = `${method}: ${method === "azure-cli" ? "az account get-access-token" : "Microsoft Entra ID"}`;
  const credential = refreshingCredential(fetcher, Date.now, { ms: tokenDeadlineMs(context.timeoutMs ?? 30_000), who });
  return { method, source, credential, token: await credential() };
}

async function envSignIn(options: AuthOptions, context: AuthContext, env: NodeJS.ProcessEnv): Promise<SignedIn | undefined> {
  const fromStdin = options.tokenStdin === true;
  const given = (fromStdin ? await readStdin("--token-stdin") : (env[authVariables.token] ?? "")).trim();
  // A token copied from an Authorization header keeps its scheme: what it means is plain, so it is
  // taken — by every command and by auth status alike.
  const token = given.replace(/^Bearer\s+/i, "");
  if (token) {
    if (given !== token) context.hide(given);
    context.hide(token);
    return { method: "env", source: fromStdin ? "stdin (--token-stdin)" : authVariables.token, credential: token, token };
  }
  if (fromStdin) throw new UsageError("--token-stdin: stdin was empty, expected an access token");
  return undefined;
}

function refreshTokenSettings(env: NodeJS.ProcessEnv) {
  const missing: string[] = [authVariables.appId, authVariables.appSecret].filter((name) => !env[name]);
  const inline = env[authVariables.refreshToken];
  const file = env[authVariables.refreshTokenFile];
  if (!inline && !file) missing.push(`${authVariables.refreshToken} (or ${authVariables.refreshTokenFile})`);
  if (missing.length) throw new SignInError(`refresh-token: set ${missing.join(", ")} (environment only: secrets are never taken as arguments)`);
  if (inline && file) throw new SignInError(`refresh-token: set ${authVariables.refreshToken} or ${authVariables.refreshTokenFile}, not both`);
  let refreshToken = inline ?? "";
  if (file) {
    try {
      refreshToken = readFileSync(file, "utf8").trim();
    } catch (error) {
      throw new SignInError(`refresh-token: cannot read ${authVariables.refreshTokenFile} ${file} (${fileProblem(error)})`);
    }
    if (!refreshToken) throw new SignInError(`refresh-token: ${authVariables.refreshTokenFile} ${file} is empty`);
  }
  const clientId = env[authVariables.appId]!.trim();
  if (!isGuid(clientId)) {
    throw new SignInError(`refresh-token: ${authVariables.appId} must be a GUID (the app registration's application id)`);
  }
  return { clientId, clientSecret: env[authVariables.appSecret]!, refreshToken: refreshToken.trim(), file };
}

/** Signs this run in: the method chosen or found, and its first token. */
export async function signIn(options: AuthOptions, context: AuthContext): Promise<SignedIn> {
  const env = context.env ?? process.env;
  const method = chosenMethod(options, env);
  if (options.tokenStdin && method !== undefined && method !== "env") {
    throw new UsageError(`--token-stdin gives a token for --auth env, not --auth ${method}`);
  }
  const dependencies = context.dependencies ?? {};

  if (method === undefined || method === "env") {
    const fromEnv = await envSignIn(options, context, env);
    if (fromEnv) return fromEnv;
    if (options.mock) return { method: "mock", source: "the embedded mock (any token will do)", credential: mockToken, token: mockToken };
    if (method === "env") {
      throw new SignInError(
        `no access token: set ${authVariables.token} or pass --token-stdin (an App+User token for ${partnerCenterScope})`,
      );
    }
  }

  const cachePath = loginCachePath(env);
  const pick = method ?? searchOrder.find((candidate) => {
    if (candidate === "refresh-token") return refreshTokenConfigured(env);
    if (candidate === "login") return readLoginFile(cachePath) !== undefined;
    if (candidate === "azure-cli") return azureCliOnPath(env);
    return false;
  });

  switch (pick) {
    case "refresh-token": {
      const settings = refreshTokenSettings(env);
      const entra = entraSettings(env, { clientId: settings.clientId });
      const source = settings.file ? `${authVariables.refreshTokenFile} ${settings.file}` : authVariables.refreshToken;
      const { refreshTokenTokens } = await import("./entra.js");
      return refreshingSignIn("refresh-token", source, refreshTokenTokens({ ...entra, ...settings }, context.hide, context.warn, dependencies), context);
    }
    case "login": {
      const { loginTokens } = await import("./entra.js");
      return refreshingSignIn("login", `login cache ${cachePath}`, await loginTokens(cachePath, context.hide, dependencies), context);
    }
    case "azure-cli": {
      const tenant = env[authVariables.tenant] || undefined;
      if (tenant !== undefined) entraSettings(env); // checks the tenant's form before it reaches az's command line
      return refreshingSignIn("azure-cli", "az account get-access-token", azureCliTokens(tenant, context.hide, env), context);
    }
    default:
      throw new SignInError(`no access token: ${noTokenHelp}`);
  }
}

/**
 * A token given as it is (env) that is a readable JWT without `amr: mfa` would have every call
 * refused (401, 900421): stop before sending, as auth status would say. An opaque token passes:
 * its claims cannot be told.
 */
export function refuseWithoutMfa(signedIn: SignedIn): void {
  if (signedIn.method !== "env") return;
  const claims = readClaims(signedIn.token);
  if (claims === undefined) return;
  const amr = amrOf(claims);
  if (!amr.includes("mfa")) throw new SignInError(`the token from ${signedIn.source} cannot be used: ${noMfaProblem(amr)}; nothing was sent`);
}

/** A token given as it is (env) that has already expired would fail every call: stop before sending. */
export function refuseExpired(signedIn: SignedIn, now: number = Date.now()): void {
  if (signedIn.method !== "env") return;
  const expiresAt = expiryOf(signedIn.token);
  if (expiresAt !== undefined && expiresAt <= now) {
    throw new SignInError(
      `the token from ${signedIn.source} expired at ${isoTime(expiresAt)} (${duration(now - expiresAt)} ago): get a new one, or sign in a way that refreshes (partner-center-users login; docs/signing-in.md)`,
    );
  }
}
