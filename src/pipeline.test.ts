// The rules of the one pipeline, shown through both doors: the fluent API and `api` (openapi-fetch)
// get the same checks before sending and the same treatment of what comes back.
import { describe, expect, it, vi } from "vitest";
import {
  createPartnerCenterClient,
  PartnerCenterAbortError,
  PartnerCenterArgumentError,
  PartnerCenterBadRequestError,
  PartnerCenterError,
  PartnerCenterTimeoutError,
  PartnerCenterTooManyRequestsError,
  type CustomerUserPatch,
  type PartnerCenterClientOptions,
  type PartnerCenterLogEntry,
} from "./index.js";

const customerId = "eebd1b55-5360-4438-a11d-5c06918c3014";
const userId = "4b10bf41-ab11-40e3-8c53-cd67849b50de";
const route = "/v1/customers/{customer-tenant-id}/users/{user-id}";
const params = { path: { "customer-tenant-id": customerId, "user-id": userId } };
const token = "eyJ0eXAiOiJKV1QifQ.c2VjcmV0LXRva2Vu/Ym9keQ+.sig";
const password = "Zoë+<Battery>/9";
const user = { id: userId, userPrincipalName: "ada@contoso.com", attributes: { objectType: "CustomerUser" } };

function client(fetch: (url: string, init: RequestInit) => Promise<Response>, options: Partial<PartnerCenterClientOptions> = {}) {
  return createPartnerCenterClient({ credential: token, fetch, retry: { baseDelayMs: 0 }, ...options });
}

/** What a door gave back: a value, a rejection, or (api) the error answer openapi-fetch returns. */
interface Outcome {
  readonly value?: unknown;
  readonly error?: unknown;
  readonly answerError?: unknown;
}

/** Each door sends `body`; what it gives back. */
async function throughBothDoors(fetch: (url: string, init: RequestInit) => Promise<Response>, body: unknown): Promise<{ fluent: Outcome; api: Outcome }> {
  const pc = client(fetch);
  const fluent = await pc.customers.byId(customerId).users.byId(userId).patch(body as CustomerUserPatch).then(
    (value): Outcome => ({ value }),
    (error: unknown): Outcome => ({ error }),
  );
  const api = await pc.api.PATCH(route, { params, body: body as CustomerUserPatch }).then(
    ({ data, error }): Outcome => ({ value: data, answerError: error }),
    (error: unknown): Outcome => ({ error }),
  );
  return { fluent, api };
}

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  return vi.fn(async () => new Response(typeof body === "string" ? body : JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } }));
}

describe("one pipeline: the same checks before sending, through both doors", () => {
  it.each<[string, unknown, string]>([
    ["a typo the spec refuses", { usageLocaton: "US" }, "usageLocaton is not a known property"],
    ["a lower-case country code", { usageLocation: "us" }, "usageLocation must match ^[A-Z]{2}$"],
    ["a read-only field", { id: userId, displayName: "Ada" }, "id is not a known property"],
    ["attributes alone", { attributes: { objectType: "CustomerUser" } }, "must change at least one field"],
  ])("refuses %s with a PartnerCenterArgumentError naming the field, sending nothing", async (_, body, issue) => {
    const fetch = answer(200, user);
    const { fluent, api } = await throughBothDoors(fetch, body);
    for (const outcome of [fluent, api]) {
      expect(outcome.error).toBeInstanceOf(PartnerCenterArgumentError);
      expect((outcome.error as Error).message).toContain(issue);
    }
    expect((fluent.error as PartnerCenterArgumentError).issues.map((i) => i.message)).toEqual((api.error as PartnerCenterArgumentError).issues.map((i) => i.message));
    expect(fetch).not.toHaveBeenCalled();
  });

  it("refuses through api a path, query or header parameter the spec does not allow", async () => {
    const fetch = answer(200, user);
    const api = client(fetch).api;
    const body = { usageLocation: "US" } as const;
    await expect(api.PATCH(route, { params: { path: { "customer-tenant-id": "nope", "user-id": userId } }, body })).rejects.toMatchObject({ argument: "customer-tenant-id" });
    await expect(api.PATCH(route, { params: { ...params, header: { "MS-RequestId": "42" } }, body })).rejects.toMatchObject({ argument: "MS-RequestId" });
    await expect(api.PATCH(route, { params: { ...params, query: { debug: "1" } } as never, body })).rejects.toMatchObject({ argument: "debug" });
    expect(fetch).not.toHaveBeenCalled();
  });

  it("refuses through api a method and path that are no operation of the spec", async () => {
    const fetch = answer(200, user);
    const error = await client(fetch)
      .api.request("put" as never, route as never, { params } as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartnerCenterArgumentError);
    expect((error as Error).message).toContain("is not an operation of the spec");
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe("one pipeline: the headers it sends", () => {
  it("sends a request's own headers only, never one inherited from a polluted Object.prototype", async () => {
    const sent: Record<string, string>[] = [];
    const fetch = async (_url: string, init: RequestInit) => {
      sent.push(Object.fromEntries(new Headers(init.headers)));
      return new Response(JSON.stringify(user), { status: 200, headers: { "content-type": "application/json" } });
    };
    const prototype = Object.prototype as Record<string, unknown>;
    prototype["x-polluted"] = "yes";
    try {
      await client(fetch).customers.byId(customerId).users.byId(userId).patch({ usageLocation: "US" });
    } finally {
      delete prototype["x-polluted"];
    }
    expect(sent).toHaveLength(1);
    expect(sent[0]).not.toHaveProperty("x-polluted");
    expect(sent[0]).toHaveProperty("ms-requestid");
  });
});

describe("one pipeline: the same treatment of what comes back, through both doors", () => {
  it("drops a write-only field a server echoes in a success body", async () => {
    const { fluent, api } = await throughBothDoors(answer(200, { ...user, passwordProfile: { password } }), { passwordProfile: { password } });
    expect(fluent.value).toEqual(user);
    expect(api.value).toEqual(user);
  });

  it("scrubs the token and the password from an error body, whatever the encoding, the same way for both", async () => {
    const dotNetEscaped = "Zo\\u00EB\\u002B\\u003CBattery\\u003E/9";
    const body = `{"code":3000,"description":"bad ${dotNetEscaped} for ${token.replaceAll("/", "\\/")}","data":["${encodeURIComponent(password)}"],"source":"PartnerFD"}`;
    const { fluent, api } = await throughBothDoors(answer(400, body), { passwordProfile: { password } });
    const error = fluent.error as PartnerCenterBadRequestError;
    expect(error).toBeInstanceOf(PartnerCenterBadRequestError);
    expect(error.description).toBe("bad [REDACTED] for [REDACTED]");
    expect(error.data).toEqual(["[REDACTED]"]);
    expect(api.answerError).toEqual({ code: 3000, description: error.description, data: error.data, source: "PartnerFD" });
    for (const shown of [error.message, JSON.stringify(error), String(error), JSON.stringify(api.answerError)]) {
      expect(shown).not.toContain("Battery");
      expect(shown).not.toContain("c2VjcmV0LXRva2Vu");
    }
  });

  it.each([
    ["raw", password],
    ["JSON-escaped with lower-case \\u", "Zo\\u00eb\\u002b\\u003cBattery\\u003e\\/9"],
    ["JSON-escaped with upper-case \\u", "Zo\\u00EB\\u002B\\u003CBattery\\u003E\\/9"],
    ["percent-encoded", encodeURIComponent(password)],
  ])("keeps a password echoed %s out of the error and the log", async (_, echoed) => {
    const entries: PartnerCenterLogEntry[] = [];
    const fetch = answer(400, `{"code":3000,"description":"${echoed}","source":"PartnerFD"}`);
    const error = await client(fetch, { log: (entry) => entries.push(entry) })
      .customers.byId(customerId)
      .users.byId(userId)
      .patch({ passwordProfile: { password } })
      .then(
        () => undefined,
        (e: unknown) => e as PartnerCenterError,
      );
    expect(error?.description).toBe("[REDACTED]");
    expect(JSON.stringify([error, entries])).not.toContain("Battery");
  });
});

describe("every attempt is bounded", () => {
  it("ends an attempt whose credential never settles at the timeout, retries it, then rejects with a timeout", async () => {
    const fetch = answer(200, user);
    const credential = vi.fn(() => new Promise<string>(() => {}));
    const error = await client(fetch, { credential, timeoutMs: 20, retry: { maxRetries: 1, baseDelayMs: 0 } })
      .customers.byId(customerId)
      .users.byId(userId)
      .patch({ usageLocation: "US" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartnerCenterTimeoutError);
    expect(credential).toHaveBeenCalledTimes(2);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("stops at once when the caller aborts while the credential hangs", async () => {
    const controller = new AbortController();
    const credential = () => new Promise<string>(() => {});
    const pending = client(answer(200, user), { credential, timeoutMs: 60_000 })
      .customers.byId(customerId)
      .users.byId(userId)
      .patch({ usageLocation: "US" }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    await expect(pending).rejects.toBeInstanceOf(PartnerCenterAbortError);
  });

  it("rejects at once, with the server's Retry-After, when it asks for longer than maxRetryAfterMs", async () => {
    const fetch = answer(429, { statusCode: 429, message: "Rate limit is exceeded" }, { "retry-after": "600" });
    const error = await client(fetch)
      .customers.byId(customerId)
      .users.byId(userId)
      .patch({ usageLocation: "US" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartnerCenterTooManyRequestsError);
    expect(error).toMatchObject({ retryAfterMs: 600_000 });
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});

describe("one throttle per client, through both doors", () => {
  const otherCustomer = "0c5b7e0e-8f3a-4a4e-9d1e-000000000001";
  /** A 429 asking for a minute to the first request, 200 to every other. */
  const throttledOnce = () => {
    let calls = 0;
    return vi.fn(async () =>
      ++calls === 1
        ? new Response(JSON.stringify({ statusCode: 429, message: "Rate limit is exceeded" }), { status: 429, headers: { "retry-after": "60" } })
        : new Response(JSON.stringify(user), { status: 200, headers: { "content-type": "application/json" } }),
    );
  };

  it("holds the next call for the same customer after a 429 (on by default), whichever door it takes, and logs the wait", async () => {
    const fetch = throttledOnce();
    const entries: PartnerCenterLogEntry[] = [];
    const pc = client(fetch, { retry: { maxRetries: 0 }, log: (entry) => entries.push(entry) });
    await expect(pc.customers.byId(customerId).users.byId(userId).patch({ usageLocation: "US" })).rejects.toBeInstanceOf(PartnerCenterTooManyRequestsError);
    const controller = new AbortController();
    const held = pc.api.PATCH(route, { params, body: { usageLocation: "US" }, signal: controller.signal }).catch((e: unknown) => e);
    await vi.waitFor(() => expect(entries.some((entry) => entry.type === "throttle")).toBe(true));
    expect(entries.find((entry) => entry.type === "throttle")).toMatchObject({ customerId, reason: "paused", attempt: 1 });
    // Another customer is not held.
    await pc.customers.byId(otherCustomer).users.byId(userId).get();
    controller.abort();
    expect(await held).toBeInstanceOf(PartnerCenterAbortError);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("with throttle: false, a 429 holds no other call", async () => {
    const fetch = throttledOnce();
    const pc = client(fetch, { retry: { maxRetries: 0 }, throttle: false });
    await expect(pc.customers.byId(customerId).users.byId(userId).patch({ usageLocation: "US" })).rejects.toBeInstanceOf(PartnerCenterTooManyRequestsError);
    await pc.customers.byId(customerId).users.byId(userId).patch({ usageLocation: "US" });
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
