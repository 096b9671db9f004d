// The credential the CLI hands the client, for every method that can get a new token (azure-cli,
// login, refresh-token). The client asks for a token on every attempt (src/credential.ts); this
// answers from memory until 5 minutes before the token expires, then gets a new one — so a bulk
// run of hours never sends a token about to expire, and 64 rows in flight share one refresh.
// After a 401 the client asks with { forceRefresh: true } (src/transport/attempt.ts): the token
// was refused, so a new one is fetched even if the clock says the cached one is still good —
// unless another forced refresh happened moments ago: then its token is the answer (64 rows
// answered 401 for the same expired token make one refresh, not 64; a row refused again with the
// new token gets the same token back, and the client lets that 401 stand).

/** An access token and when it expires (ms since the epoch). */
export interface AccessToken {
  readonly token: string;
  readonly expiresAt: number;
}

/** Gets a token from its source; `forceRefresh` asks the source not to answer from its own cache. */
export type TokenFetcher = (forceRefresh: boolean) => Promise<AccessToken>;

/** What the client is given: a function credential (src/credential.ts), asked on every attempt. */
export type CliCredential = (request?: { readonly forceRefresh?: boolean }) => Promise<string>;

/** Refresh this long before the token expires. */
export const refreshMarginMs = 5 * 60_000;
/** A forced refresh this soon after the last one is answered with that one's token. */
export const freshForMs = 30_000;

export function refreshingCredential(fetchToken: TokenFetcher, now: () => number = Date.now): CliCredential {
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
    pending = fetchToken(force)
      .then((fetched) => {
        current = { ...fetched, fetchedAt: now() };
        return fetched.token;
      })
      .finally(() => (pending = undefined));
    return pending;
  };
}
