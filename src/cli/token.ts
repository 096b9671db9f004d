// The access token: from PARTNER_CENTER_TOKEN or, with --token-stdin, from stdin. It is handed to
// the client and registered as a secret, so no line the CLI prints can contain it.
import { readStdin } from "./stdin.js";
import { registerSecret } from "./secrets.js";
import { UsageError } from "./usage-error.js";

export const tokenVariable = "PARTNER_CENTER_TOKEN";

/** The embedded mock checks only that a bearer token is present. */
const mockToken = "mock-token";

export async function resolveToken(options: { readonly tokenStdin?: boolean; readonly mock?: boolean }): Promise<string> {
  const token = (options.tokenStdin ? await readStdin("--token-stdin") : (process.env[tokenVariable] ?? "")).trim();
  if (token) {
    registerSecret(token);
    return token;
  }
  if (options.mock) return mockToken;
  if (options.tokenStdin) throw new UsageError("--token-stdin: stdin was empty, expected an access token");
  throw new UsageError(
    `no access token: set ${tokenVariable} or pass --token-stdin (an App+User token for https://api.partnercenter.microsoft.com/user_impersonation)`,
  );
}
