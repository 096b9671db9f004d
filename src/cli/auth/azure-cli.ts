// The azure-cli method: the token of a signed-in Azure CLI, by running
//   az account get-access-token --resource <Partner Center (claims.ts)> --output json
// (what @azure/identity's AzureCliCredential runs for the scope …/.default; asked for directly, so
// that library and its dependencies stay out of the bundle). `az` keeps and refreshes its own
// tokens; this asks it again when the token is 5 minutes from expiry (refreshing.ts).
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import { childEnvironment } from "../child-env.js";
import { partnerCenterResource, expiryOf } from "./claims.js";
import { SignInError } from "./sign-in-error.js";
import type { AccessToken, TokenFetcher } from "./refreshing.js";

const executable = "az";

/** Whether `az` is on PATH (looked up without running it: running it takes a second or more). */
export function azureCliOnPath(env: NodeJS.ProcessEnv = process.env): boolean {
  const names = process.platform === "win32" ? [`${executable}.cmd`, `${executable}.exe`, `${executable}.bat`] : [executable];
  return (env["PATH"] ?? "")
    .split(delimiter)
    .filter(Boolean)
    .some((folder) => names.some((name) => existsSync(join(folder, name))));
}

interface AzOutput {
  readonly accessToken?: unknown;
  readonly expires_on?: unknown;
  readonly expiresOn?: unknown;
}

function run(args: readonly string[], env: NodeJS.ProcessEnv, signal: AbortSignal | undefined): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // On Windows az is a .cmd, which only a shell runs; the arguments are fixed or checked (tenant).
    execFile(executable, args, { env: childEnvironment(env), ...(signal && { signal }), timeout: 120_000, maxBuffer: 1024 * 1024, windowsHide: true, shell: process.platform === "win32" }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(error, { stderr }));
      else resolve({ stdout, stderr });
    });
  });
}

/** The lines az printed on failure that say something (its own "ERROR: …"), short. */
function azSaid(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !/^(WARNING|DEBUG|INFO):/.test(line));
  return lines.join(" ").slice(0, 400) || "no message";
}

/** Tokens from `az` (found on env's PATH); `tenant` (a tenant id or domain) is passed as --tenant. Hides each token. */
export function azureCliTokens(tenant: string | undefined, hide: (secret: string) => void, env: NodeJS.ProcessEnv = process.env): TokenFetcher {
  const args = ["account", "get-access-token", "--resource", partnerCenterResource, "--output", "json", ...(tenant ? ["--tenant", tenant] : [])];
  return async (_forceRefresh, signal) => {
    let stdout: string;
    try {
      ({ stdout } = await run(args, env, signal));
    } catch (error) {
      const failure = error as NodeJS.ErrnoException & { stderr?: string; killed?: boolean };
      if (failure.code === "ENOENT") {
        throw new SignInError("azure-cli: az (the Azure CLI) is not on PATH: install it and run az login, or choose another --auth method");
      }
      if (failure.killed) throw new SignInError("azure-cli: az account get-access-token did not finish within 2 minutes");
      const said = azSaid(failure.stderr ?? "");
      const notSignedIn = /az login/i.test(said);
      throw new SignInError(
        notSignedIn
          ? `azure-cli: az is not signed in (az said: ${said}): run az login with your partner account (with MFA)`
          : `azure-cli: az account get-access-token failed (az said: ${said})`,
      );
    }
    return parse(stdout, hide);
  };
}

function parse(stdout: string, hide: (secret: string) => void): AccessToken {
  let output: AzOutput;
  try {
    output = JSON.parse(stdout) as AzOutput;
  } catch {
    throw new SignInError("azure-cli: az account get-access-token printed no JSON");
  }
  const token = typeof output.accessToken === "string" ? output.accessToken.trim() : "";
  if (!token) throw new SignInError("azure-cli: az account get-access-token gave no accessToken");
  hide(token);
  // expires_on: seconds since the epoch (az 2.54+); expiresOn: local time without a zone (older az).
  const expiresOn = typeof output.expires_on === "number" ? output.expires_on * 1000 : typeof output.expires_on === "string" ? Number(output.expires_on) * 1000 : NaN;
  const local = typeof output.expiresOn === "string" ? Date.parse(output.expiresOn.replace(" ", "T")) : NaN;
  const expiresAt = Number.isFinite(expiresOn) ? expiresOn : (expiryOf(token) ?? (Number.isFinite(local) ? local : Date.now() + 5 * 60_000));
  return { token, expiresAt };
}
