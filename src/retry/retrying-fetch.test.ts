import { getEventListeners } from "node:events";
import { describe, expect, it, vi } from "vitest";
import { PartnerCenterAbortError, PartnerCenterNetworkError, PartnerCenterTimeoutError } from "../errors/transport-errors.js";
import { PartnerCenterCredentialError } from "../errors/credential-error.js";
import { PartnerCenterError } from "../errors/partner-center-error.js";
import type { PartnerCenterLogEntry } from "../log.js";
import type { Answer, Attempt, PlainInit } from "../transport/plain-fetch.js";
import { defaultRetryPolicy } from "./policy.js";
import { withRetries, type RetryingFetchOptions } from "./retrying-fetch.js";

const requestId = "b1317092-f087-471e-a637-f66523b2b94c";
const correlationId = "8a53b025-d5be-4d98-ab20-229d1813de76";
const url = "https://api.partnercenter.microsoft.com/v1/customers/c/users/u";
const init: PlainInit = {
  method: "PATCH",
  headers: { accept: "application/json", "ms-requestid": requestId, "ms-correlationid": correlationId },
  body: JSON.stringify({ usageLocation: "US" }),
};

async function answerOf(response: Response): Promise<Answer> {
  return { status: response.status, ok: response.ok, headers: response.headers, text: await response.text(), body: undefined };
}

/** A `next` that answers from a script, one entry per attempt, and records what each attempt got. */
function scripted(...answers: Array<Response | Error>) {
  const seen: PlainInit[] = [];
  const next: Attempt = async (_url, attemptInit) => {
    seen.push(attemptInit);
    const answer = answers[seen.length - 1];
    if (answer === undefined) throw new Error(`unexpected attempt ${seen.length}`);
    if (answer instanceof Error) throw answer;
    return answerOf(answer);
  };
  return { next, seen };
}

function status(code: number, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify({ code: 1, description: "x", source: "test" }), { status: code, headers });
}

/** Retrying fetch with recorded sleeps that take no time, and a fixed random source and clock. */
function retrying(next: Attempt, overrides: Partial<RetryingFetchOptions> = {}) {
  const sleeps: number[] = [];
  const send = withRetries(next, {
    ...defaultRetryPolicy,
    timeoutMs: 30_000,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0,
    now: () => Date.parse("2025-03-01T12:00:00Z"),
    ...overrides,
  });
  return { send, sleeps };
}

describe("retries", () => {
  it.each([408, 429, 502, 503, 504])("retries a %i and returns the answer that follows", async (code) => {
    const { next, seen } = scripted(status(code), new Response("{}", { status: 200 }));
    const { send } = retrying(next);
    expect((await send(url, init)).status).toBe(200);
    expect(seen).toHaveLength(2);
  });

  it.each([400, 401, 403, 404, 409, 500])("never retries a %i", async (code) => {
    const { next, seen } = scripted(status(code));
    const { send, sleeps } = retrying(next);
    expect((await send(url, init)).status).toBe(code);
    expect(seen).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("makes maxRetries + 1 attempts at most, then returns the last answer", async () => {
    const { next, seen } = scripted(status(503), status(503), status(503), status(503), status(503, { "x-last": "yes" }));
    const { send } = retrying(next);
    const response = await send(url, init);
    expect(seen).toHaveLength(5);
    expect(response.headers.get("x-last")).toBe("yes");
  });

  it("makes a single attempt when maxRetries is 0", async () => {
    const { next, seen } = scripted(status(503));
    const { send } = retrying(next, { maxRetries: 0 });
    expect((await send(url, init)).status).toBe(503);
    expect(seen).toHaveLength(1);
  });

  it("waits the capped exponential backoff with equal jitter between attempts", async () => {
    const { next } = scripted(status(503), status(503), status(503), status(503), status(503));
    const low = retrying(next, { random: () => 0 });
    await low.send(url, init);
    expect(low.sleeps).toEqual([250, 500, 1000, 2000]);

    const high = retrying(scripted(status(503), status(503), status(503), status(503), status(503)).next, {
      random: () => 0.5,
      maxDelayMs: 1000,
    });
    await high.send(url, init);
    expect(high.sleeps).toEqual([375, 750, 750, 750]);
  });

  it("reuses MS-RequestId (the whole init) on every retry", async () => {
    const { next, seen } = scripted(status(429), status(503), new TypeError("fetch failed"), new Response("{}"));
    const { send } = retrying(next);
    await send(url, init);
    expect(seen).toHaveLength(4);
    for (const attempt of seen) {
      expect(attempt.headers).toEqual(init.headers);
      expect(attempt.body).toBe(init.body);
      expect(attempt.method).toBe("PATCH");
    }
  });

  it("gives every attempt its own, fresh timeout signal", async () => {
    const { next, seen } = scripted(status(503), status(503), new Response("{}"));
    const { send } = retrying(next);
    await send(url, init);
    const signals = seen.map((attempt) => attempt.signal);
    expect(new Set(signals).size).toBe(3);
    for (const signal of signals) expect(signal?.aborted).toBe(false);
  });
});

describe("Retry-After", () => {
  it("waits a server-given Retry-After in seconds exactly, without jitter", async () => {
    const { next } = scripted(status(429, { "retry-after": "7" }), new Response("{}"));
    const { send, sleeps } = retrying(next, { random: () => 0.9 });
    await send(url, init);
    expect(sleeps).toEqual([7000]);
  });

  it("waits until a server-given Retry-After HTTP date", async () => {
    const { next } = scripted(status(503, { "retry-after": "Sat, 01 Mar 2025 12:00:09 GMT" }), new Response("{}"));
    const { send, sleeps } = retrying(next);
    await send(url, init);
    expect(sleeps).toEqual([9000]);
  });

  it("retries at once on Retry-After: 0", async () => {
    const { next } = scripted(status(429, { "retry-after": "0" }), new Response("{}"));
    const { send, sleeps } = retrying(next);
    await send(url, init);
    expect(sleeps).toEqual([0]);
  });

  it("waits a Retry-After of exactly maxRetryAfterMs", async () => {
    const { next } = scripted(status(429, { "retry-after": "120" }), new Response("{}"));
    const { send, sleeps } = retrying(next);
    await send(url, init);
    expect(sleeps).toEqual([120_000]);
  });

  it("does not come back early when Retry-After is longer than maxRetryAfterMs: the answer is returned at once", async () => {
    const { next, seen } = scripted(status(429, { "retry-after": "121" }), new Response("{}"));
    const { send, sleeps } = retrying(next);
    const answer = await send(url, init);
    expect(answer.status).toBe(429);
    expect(answer.headers.get("retry-after")).toBe("121");
    expect(seen).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it.each(["soon", "-5", "1.5"])("falls back to the backoff when Retry-After is garbage (%s)", async (value) => {
    const { next } = scripted(status(429, { "retry-after": value }), new Response("{}"));
    const { send, sleeps } = retrying(next);
    await send(url, init);
    expect(sleeps).toEqual([250]);
  });
});

describe("failures before an answer", () => {
  it("retries a network error and returns the answer that follows", async () => {
    const { next, seen } = scripted(new TypeError("fetch failed"), new Response("{}"));
    const { send, sleeps } = retrying(next);
    expect((await send(url, init)).status).toBe(200);
    expect(seen).toHaveLength(2);
    expect(sleeps).toEqual([250]);
  });

  it("rejects with PartnerCenterNetworkError carrying the ids and the cause once the retries run out", async () => {
    const cause = new TypeError("fetch failed", { cause: Object.assign(new Error("connect"), { code: "ECONNREFUSED" }) });
    const { next, seen } = scripted(cause, cause, cause);
    const { send } = retrying(next, { maxRetries: 2 });
    const error = await send(url, init).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartnerCenterNetworkError);
    expect(error).toMatchObject({ requestId, correlationId, cause, status: undefined });
    expect((error as Error).message).toContain("ECONNREFUSED");
    expect(seen).toHaveLength(3);
  });

  it("times out each attempt, retries, and rejects with PartnerCenterTimeoutError carrying the request id", async () => {
    // An attempt that only ends when its signal aborts: the per-attempt timeout must end it.
    const hang: Attempt = (_url, attemptInit) =>
      new Promise((_, reject) => attemptInit.signal?.addEventListener("abort", () => reject(attemptInit.signal?.reason)));
    const next = vi.fn(hang);
    const { send, sleeps } = retrying(next, { timeoutMs: 5, maxRetries: 1 });
    const error = await send(url, init).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartnerCenterTimeoutError);
    expect(error).toMatchObject({ requestId, correlationId });
    expect((error as Error).message).toContain("5 ms");
    expect(next).toHaveBeenCalledTimes(2);
    expect(sleeps).toEqual([250]);
  });

  it("sends no timeout signal at all when timeoutMs is Infinity and the caller gives none", async () => {
    const { next, seen } = scripted(new Response("{}"));
    const { send } = retrying(next, { timeoutMs: Infinity });
    await send(url, init);
    expect(seen[0]?.signal).toBeUndefined();
  });

  it.each([
    ["a SyntaxError", new SyntaxError("Unexpected token")],
    ["a TypeError that is not a fetch failure", new TypeError("fetch is not a function")],
    ["an Error without a system code", new Error("bug")],
  ])("treats %s from fetch as a bug, not a network failure: one attempt, the error as cause", async (_, bug) => {
    const { next, seen } = scripted(bug);
    const { send, sleeps } = retrying(next);
    const error = await send(url, init).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartnerCenterError);
    expect(error).not.toBeInstanceOf(PartnerCenterNetworkError);
    expect(error).toMatchObject({ cause: bug, requestId });
    expect((error as Error).message).toMatch(/not a network failure, so it was not retried/);
    expect(seen).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it.each([
    ["undici's fetch failed", new TypeError("fetch failed", { cause: Object.assign(new Error("x"), { code: "ECONNRESET" }) })],
    ["a body cut off", new TypeError("terminated")],
    ["an error with a system code", Object.assign(new Error("socket hang up"), { code: "ECONNRESET" })],
  ])("retries %s as a network failure", async (_, failure) => {
    const { next, seen } = scripted(failure, new Response("{}"));
    const { send } = retrying(next);
    expect((await send(url, init)).status).toBe(200);
    expect(seen).toHaveLength(2);
  });

  it("does not retry an error of its own, such as a failing credential", async () => {
    const failure = new PartnerCenterCredentialError("no token");
    const { next, seen } = scripted(failure);
    const { send } = retrying(next);
    await expect(send(url, init)).rejects.toBe(failure);
    expect(seen).toHaveLength(1);
  });
});

describe("cancellation", () => {
  it("sends nothing when the caller's signal is already aborted", async () => {
    const { next, seen } = scripted(new Response("{}"));
    const { send } = retrying(next);
    const error = await send(url, { ...init, signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartnerCenterAbortError);
    expect(error).toMatchObject({ requestId });
    expect(seen).toHaveLength(0);
  });

  it("rejects with PartnerCenterAbortError, the reason as cause, when the caller aborts during an attempt; no retry", async () => {
    const controller = new AbortController();
    const reason = new Error("user cancelled");
    const next = vi.fn<Attempt>(async (_url, attemptInit) => {
      controller.abort(reason);
      throw attemptInit.signal?.reason;
    });
    const { send, sleeps } = retrying(next);
    const error = await send(url, { ...init, signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartnerCenterAbortError);
    expect(error).toMatchObject({ requestId, cause: reason });
    expect(next).toHaveBeenCalledTimes(1);
    expect(sleeps).toEqual([]);
  });

  it("stops at once when the caller aborts mid-backoff", async () => {
    const controller = new AbortController();
    const { next, seen } = scripted(status(503, { "retry-after": "100" }), new Response("{}"));
    // The real sleep, and a 100-second Retry-After: the test would hang if the abort did not cut it short.
    const { send } = retrying(next, { sleep: undefined });
    const pending = send(url, { ...init, signal: controller.signal });
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(PartnerCenterAbortError);
    expect(seen).toHaveLength(1);
  });
});

describe("a long-lived caller signal", () => {
  it("keeps no listener on the caller's signal once each call is over, whatever its outcome", async () => {
    const controller = new AbortController();
    const { next } = scripted(status(503), new Response("{}"), new TypeError("fetch failed"), new Response("{}"), status(400));
    const { send } = retrying(next);
    for (let call = 0; call < 3; call++) await send(url, { ...init, signal: controller.signal });
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });
});

describe("log", () => {
  it("reports each attempt, answer and retry, with the password and unknown headers redacted", async () => {
    const entries: PartnerCenterLogEntry[] = [];
    const { next } = scripted(status(429, { "retry-after": "1", "set-cookie": "s=1" }), new Response("{}"));
    const { send } = retrying(next, { log: (entry) => entries.push(entry) });
    const body = JSON.stringify({ passwordProfile: { password: "Sup3r-Secret!", forceChangePassword: true } });
    await send(url, { ...init, headers: { ...init.headers, "x-custom": "private" }, body });
    expect(entries.map((entry) => entry.type)).toEqual(["request", "response", "retry", "request", "response"]);
    expect(entries[0]).toMatchObject({
      attempt: 1,
      method: "PATCH",
      requestId,
      headers: { "ms-requestid": requestId, "x-custom": "[REDACTED]" },
      body: { passwordProfile: { password: "[REDACTED]", forceChangePassword: true } },
    });
    expect(entries[1]).toMatchObject({ status: 429, headers: { "retry-after": "1", "set-cookie": "[REDACTED]" } });
    expect(entries[2]).toMatchObject({ reason: "status 429", delayMs: 1000 });
    expect(JSON.stringify(entries)).not.toContain("Sup3r-Secret!");
  });
});
