import { describe, expect, it, vi } from "vitest";
import { freshForMs, refreshingCredential, refreshMarginMs, tokenDeadlineMs, type TokenFetcher } from "./refreshing.js";
import { SignInError } from "./sign-in-error.js";

/** A source whose n-th token is `token-n`, valid for `lifetimeMs` from when it was fetched. */
function source(clock: { now: number }, lifetimeMs = 3600_000) {
  let n = 0;
  return vi.fn<TokenFetcher>(async () => ({ token: `token-${++n}`, expiresAt: clock.now + lifetimeMs }));
}

describe("the refreshing credential the CLI gives the client", () => {
  it("answers from memory until 5 minutes before expiry, then fetches a new token", async () => {
    const clock = { now: 0 };
    const fetch = source(clock);
    const credential = refreshingCredential(fetch, () => clock.now);
    expect(await credential()).toBe("token-1");
    clock.now = 3600_000 - refreshMarginMs - 1;
    expect(await credential()).toBe("token-1");
    clock.now += 1;
    expect(await credential()).toBe("token-2");
    expect(fetch.mock.calls.map(([force]) => [force])).toEqual([[false], [false]]);
  });

  it("shares one fetch among callers that ask at once (64 rows in flight, one refresh)", async () => {
    const clock = { now: 0 };
    let release!: () => void;
    const fetch = vi.fn<TokenFetcher>(() => new Promise((resolve) => (release = () => resolve({ token: "shared", expiresAt: 3600_000 }))));
    const credential = refreshingCredential(fetch, () => clock.now);
    const asked = Array.from({ length: 64 }, () => credential());
    release();
    expect(new Set(await Promise.all(asked))).toEqual(new Set(["shared"]));
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("fetches again when asked with forceRefresh (a 401), telling the source not to use its cache — even right after the first fetch", async () => {
    const clock = { now: 0 };
    const fetch = source(clock);
    const credential = refreshingCredential(fetch, () => clock.now);
    await credential();
    expect(await credential({ forceRefresh: true })).toBe("token-2");
    expect(fetch.mock.calls.map(([force]) => [force])).toEqual([[false], [true]]);
  });

  it("answers a forceRefresh within 30 s of the last forced one with that one's token: rows answered 401 together make one refresh", async () => {
    const clock = { now: 0 };
    const fetch = source(clock);
    const credential = refreshingCredential(fetch, () => clock.now);
    await credential();
    clock.now = 1_000;
    expect(await credential({ forceRefresh: true })).toBe("token-2");
    clock.now += freshForMs - 1;
    expect(await credential({ forceRefresh: true })).toBe("token-2");
    clock.now += 1;
    expect(await credential({ forceRefresh: true })).toBe("token-3");
    expect(fetch.mock.calls.map(([force]) => [force])).toEqual([[false], [true], [true]]);
  });

  it("shares one forced refresh among the rows whose 401s arrive while it is under way", async () => {
    const clock = { now: 0 };
    let n = 0;
    const releases: (() => void)[] = [];
    const fetch = vi.fn<TokenFetcher>(() => new Promise((resolve) => releases.push(() => resolve({ token: `token-${++n}`, expiresAt: 3600_000 }))));
    const credential = refreshingCredential(fetch, () => clock.now);
    const first = credential();
    releases.shift()!();
    await first;
    const refused = Array.from({ length: 8 }, () => credential({ forceRefresh: true }));
    releases.shift()!();
    expect(new Set(await Promise.all(refused))).toEqual(new Set(["token-2"]));
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("does not ask the source on every call when it hands back a token already inside the margin", async () => {
    const clock = { now: 0 };
    const fetch = source(clock, 60_000); // one minute left, as a source may give
    const credential = refreshingCredential(fetch, () => clock.now);
    await credential();
    clock.now = freshForMs - 1;
    await credential();
    expect(fetch).toHaveBeenCalledTimes(1);
    clock.now = freshForMs;
    await credential();
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("never hands out a token past its expiry", async () => {
    const clock = { now: 0 };
    const fetch = source(clock, 1_000);
    const credential = refreshingCredential(fetch, () => clock.now);
    await credential();
    clock.now = 1_000;
    expect(await credential()).toBe("token-2");
  });

  it("lets a failed fetch fail its callers, and tries again on the next call", async () => {
    const clock = { now: 0 };
    const fetch = vi.fn<TokenFetcher>().mockRejectedValueOnce(new Error("token endpoint down")).mockResolvedValueOnce({ token: "later", expiresAt: 3600_000 });
    const credential = refreshingCredential(fetch, () => clock.now);
    await expect(credential()).rejects.toThrow("token endpoint down");
    expect(await credential()).toBe("later");
  });
});

describe("a token fetch is bounded", () => {
  it("fails by name (a SignInError) when the source does not answer within the deadline, and aborts the source's signal", async () => {
    let given: AbortSignal | undefined;
    const credential = refreshingCredential(
      (_force, signal) => {
        given = signal;
        return new Promise(() => {});
      },
      Date.now,
      { ms: 20, who: "login: Microsoft Entra ID" },
    );
    await expect(credential()).rejects.toThrow(new SignInError("login: Microsoft Entra ID did not answer within 20 ms"));
    expect(given?.aborted).toBe(true);
  });

  it("leaves a little of the attempt's time, so the token service's silence is reported before the attempt's", () => {
    expect(tokenDeadlineMs(30_000)).toBe(29_000);
    expect(tokenDeadlineMs(1_000)).toBe(900);
    expect(tokenDeadlineMs(1)).toBe(1);
  });
});
