// `login`, `logout` and `auth status`.
// - login: device-code sign-in (entra.ts), the login cache written owner-only, then the token's status.
// - logout: the login cache removed.
// - auth status: the token the next command would use (same --auth, same search order), read from
//   its claims — who, which tenant, audience, scope, expiry, MFA — never printed itself, its
//   signature not verified (claims.ts says why). Exit 0 when Partner Center would take it, 1 with
//   each reason when not, or when no token could be had.
import { duration, inspectToken, isoTime, type TokenReport } from "./claims.js";
import type { EntraDependencies } from "./entra.js";
import { entraSettings, loginCachePath, signIn, type AuthOptions } from "./methods.js";
import { dirname } from "node:path";
import { configDirVariable, othersCanWrite, removePrivateFile } from "./private-file.js";
import { SignInError } from "./sign-in-error.js";
import { exitCode } from "../run-end.js";
import type { Terminal } from "../terminal.js";

/** For tests: MSAL's network client, the environment and the clock. */
export interface CommandDependencies extends EntraDependencies {
  readonly env?: NodeJS.ProcessEnv;
  readonly now?: () => number;
}

function statusLines(method: string, source: string, report: TokenReport, now: number): string[] {
  const expires =
    report.expiresAt === undefined
      ? "unknown"
      : `${isoTime(report.expiresAt)} (${report.expiresAt > now ? `in ${duration(report.expiresAt - now)}` : `${duration(now - report.expiresAt)} ago`})`;
  const rows: [string, string][] = [
    ["method", `${method} (${source})`],
    ["user", report.user ?? "unknown"],
    ["tenant", report.tenant ?? "unknown"],
    ["audience", report.audience ?? "none"],
    ["scope", report.scope ?? "none (app-only)"],
    ["client", report.client ?? "unknown"],
    ["expires", expires],
    ["mfa", `${report.mfa ? "yes" : "no"} (amr: ${report.amr.length ? report.amr.join(", ") : "none"})`],
    ["signature", "not verified (read from the token's claims; Partner Center verifies it)"],
    ["usable", report.problems.length === 0 ? "yes" : "no"],
  ];
  return rows.map(([name, value]) => `${name.padEnd(10)} ${value}`);
}

/** Prints the status of `token` (stdout), and each problem (stderr); the exit code. */
function report(terminal: Terminal, method: string, source: string, token: string, now: number): number {
  const status = inspectToken(token, now);
  for (const line of statusLines(method, source, status, now)) terminal.out(line);
  for (const problem of status.problems) terminal.sayError(`not usable: ${problem}`);
  return status.problems.length === 0 ? exitCode.ok : exitCode.failed;
}

export async function runAuthStatus(options: AuthOptions, terminal: Terminal, dependencies: CommandDependencies = {}): Promise<number> {
  const env = dependencies.env ?? process.env;
  let signedIn;
  try {
    signedIn = await signIn(options, { hide: (secret) => terminal.hide(secret), warn: (line) => terminal.say(line), env, dependencies });
  } catch (error) {
    // No token to judge is "not usable", not bad usage (which commander and UsageError still are).
    if (!(error instanceof SignInError)) throw error;
    terminal.sayError(`not usable: ${error.message}`);
    return exitCode.failed;
  }
  return report(terminal, signedIn.method, signedIn.source, signedIn.token, (dependencies.now ?? Date.now)());
}

export interface LoginOptions {
  readonly clientId?: string;
  readonly tenant?: string;
}

export async function runLogin(options: LoginOptions, terminal: Terminal, dependencies: CommandDependencies = {}): Promise<number> {
  const env = dependencies.env ?? process.env;
  const settings = entraSettings(env, options);
  const path = loginCachePath(env);
  terminal.say(`signing in to ${settings.authorityHost}/${settings.tenant} with client ${settings.clientId}, for Partner Center (user_impersonation)`);
  const { deviceCodeLogin } = await import("./entra.js"); // MSAL: loaded for login only
  const { token, username } = await deviceCodeLogin(settings, path, (line) => terminal.say(line), (secret) => terminal.hide(secret), dependencies);
  terminal.say(`signed in as ${username}; login cache: ${path} (owner-only; partner-center-users logout removes it)`);
  // The folder is left as it was (it may be shared); whoever may write in it may swap the cache for theirs.
  if (othersCanWrite(dirname(path))) {
    terminal.say(`warning: others may write in ${dirname(path)}: they cannot read the login cache, but could replace or delete it; set ${configDirVariable} to a folder of your own`);
  }
  return report(terminal, "login", `login cache ${path}`, token, (dependencies.now ?? Date.now)());
}

export function runLogout(terminal: Terminal, dependencies: CommandDependencies = {}): number {
  const path = loginCachePath(dependencies.env ?? process.env);
  terminal.say(removePrivateFile(path) ? `signed out: removed ${path}` : `not signed in: there is no ${path}`);
  return exitCode.ok;
}
