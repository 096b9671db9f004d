// The credential the CLI hands the client, for every method that can get a new token (azure-cli,
// login, refresh-token). The client asks for a token on every attempt (src/credential.ts); this
// answers from memory until 5 minutes before the token expires, then gets a new one — so a bulk
// run of hours never sends a token about to expire, and 64 rows in flight share one refresh.
// After a 401 the client asks with { forceRefresh: true } (src/transport/attempt.ts): the token
// was refused, so a new one is fetched even if the clock says the cached one is still good —
// unless another forced refresh happened moments ago: then its token is the answer (64 rows
// answered 401 for the same expired token make one refresh, not 64; a row refused again with the
// new token gets the same token back, and the client lets that 401 stand).
// Every fetch is bounded (tokenDeadlineMs): a token service that never answers fails the sign-in,
// by name, instead of holding every call — or the whole run, at its start — forever.
import { SignInError } from "./sign-in-error.js";

/** An access token and when it expires (ms since the epoch). */
export interface AccessToken {
  readonly token: string;
  readonly expiresAt: number;
}

/**
 * Gets a token from its source; `forceRefresh` asks the source not to answer from its own cache.
 * `signal` aborts when the fetch's time is up: the source stops (its request, its process) then.
 */
export type TokenFetcher = (forceRefresh: boolean, signal?: AbortSignal) => Promise<AccessToken>;

/** What the client is given: a function credential (src/credential.ts), asked on every attempt. */
export type CliCredential = (request?: { readonly forceRefresh?: boolean }) => Promise<string>;

/** Refresh this long before the token expires. */
export const refreshMarginMs = 5 * 60_000;
/** A forced refresh this soon after the last one is answered with that one's token. */
export const freshForMs = 30_000;

/** How long one token fetch may take, and who failed when it takes longer (`login: Microsoft Entra ID`). */
export interface TokenDeadline {
  readonly ms: number;
  readonly who: string;
}

/**
 * The time a token fetch gets within an attempt of `attemptMs` (--timeout): a little less than the
 * attempt, so that a token service that does not answer is reported as itself (a sign-in failure)
 * before the attempt runs out and is reported as Partner Center's silence.
 */
export function tokenDeadlineMs(attemptMs: number): number {
  return Math.max(1, attemptMs - Math.min(1_000, Math.floor(attemptMs / 10)));
}

/** The fetch, or a SignInError naming `deadline.who` the moment its time is up (the fetch itself is aborted). */
function bounded(fetchToken: TokenFetcher, force: boolean, deadline: TokenDeadline): Promise<AccessToken> {
  const signal = AbortSignal.timeout(deadline.ms);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new SignInError(`${deadline.who} did not answer within ${deadline.ms} ms`));
    signal.addEventListener("abort", onAbort, { once: true });
    fetchToken(force, signal)
      .then(resolve, reject)
      .finally(() => signal.removeEventListener("abort", onAbort));
  });
}

export function refreshingCredential(fetchToken: TokenFetcher, now: () => number = Date.now, deadline: TokenDeadline = { ms: tokenDeadlineMs(30_000), who: "sign-in" }): CliCredential {
  let current: { readonly token: string; readonly expiresAt: number; readonly fetchedAt: number } | undefined;
  let lastForcedAt: number | undefined;
  let pending: Promise<string> | undefined;

  const usable = (force: boolean): boolean => {
    if (current === undefined) return false;
    const at = now();
    if (at >= current.expiresAt) return false;
    // The token the last forced refresh brought, if that was moments ago.
    if (force) return lastForcedAt !== undefined && current.fetchedAt >= lastForcedAt && at - lastForcedAt < freshForMs;
    // Just fetched, it is the newest there is (a source may hand back one already near its expiry).
    return at < current.expiresAt - refreshMarginMs || at - current.fetchedAt < freshForMs;
  };

  return async (request) => {
    // One fetch at a time: callers asking while it is under way wait for it (it may be replacing a refused token).
    if (pending) return pending;
    const force = request?.forceRefresh === true && current !== undefined;
    if (usable(force)) return current!.token;
    if (force) lastForcedAt = now();
    pending = bounded(fetchToken, force, deadline)
      .then((fetched) => {
        current = { ...fetched, fetchedAt: now() };
        return fetched.token;
      })
      .finally(() => (pending = undefined));
    return pending;
  };
}
