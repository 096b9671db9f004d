import { partnerCenterScope } from "../generated/spec-rules.js";
import { argumentError } from "./errors/argument-error.js";
import { PartnerCenterCredentialError } from "./errors/credential-error.js";

/** The delegated (App+User) scope Partner Center requires, from the spec's security scheme. */
export { partnerCenterScope };
const scopes = [partnerCenterScope];

/**
 * The shape of `@azure/identity`'s TokenCredential, accepted structurally so this package does not
 * depend on it: any of its credentials (InteractiveBrowserCredential, OnBehalfOfCredential …) fits.
 */
export interface TokenCredential {
  getToken(scopes: string | string[], options?: { abortSignal?: AbortSignal }): Promise<{ token: string } | null>;
}

/**
 * What the client tells a credential function when it asks again after a 401 (transport/attempt.ts):
 * the token it gave was refused, so a cached one will not do. Not passed on ordinary requests.
 */
export interface TokenRequest {
  readonly forceRefresh?: boolean;
}

/** A token string, a function returning one (sync or async), or a TokenCredential. */
export type Credential = string | ((request?: TokenRequest) => string | Promise<string>) | TokenCredential;

/**
 * Gives a token for one attempt; asked again on every attempt so a rotated token is picked up, and
 * with `forceRefresh` after a 401 (a function credential gets `{ forceRefresh: true }`; a string
 * or a TokenCredential, which has no such option, is simply asked again).
 */
export type TokenSource = (signal: AbortSignal | undefined, forceRefresh?: boolean) => string | Promise<string>;

// A bearer token is visible ASCII without spaces (RFC 6750 b64token is narrower still). Checking it
// here matters: fetch would otherwise throw a TypeError that quotes the whole header, token included.
function checked(token: unknown): string {
  if (typeof token !== "string" || token === "") throw new PartnerCenterCredentialError("The credential gave no token");
  if (!/^[\x21-\x7e]+$/.test(token)) throw new PartnerCenterCredentialError("The credential gave a token with characters a bearer token cannot have");
  return token;
}

async function obtain(getToken: () => unknown): Promise<string> {
  let token: unknown;
  try {
    token = await getToken();
  } catch (error) {
    throw new PartnerCenterCredentialError("The credential failed to give a token", {}, { cause: error });
  }
  return checked(token);
}

export function tokenSource(credential: Credential): TokenSource {
  if (typeof credential === "string") {
    // A bad token string is a bad argument, known before any call; the message still never quotes it.
    try {
      checked(credential);
    } catch {
      throw argumentError("credential", "must be a non-empty token without spaces or control characters");
    }
    return () => credential;
  }
  if (typeof credential === "function") return (_signal, forceRefresh) => obtain(() => (forceRefresh ? credential({ forceRefresh }) : credential()));
  if (typeof credential === "object" && credential !== null && typeof credential.getToken === "function") {
    return (signal) => obtain(async () => (await credential.getToken(scopes, signal ? { abortSignal: signal } : {}))?.token);
  }
  throw argumentError("credential", "must be a token string, a function returning one, or an object with getToken(scopes)");
}
