import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  createPartnerCenterClient,
  PartnerCenterAbortError,
  PartnerCenterArgumentError,
  PartnerCenterBadRequestError,
  PartnerCenterError,
  PartnerCenterInvalidResponseError,
  PartnerCenterNetworkError,
  PartnerCenterNotFoundError,
  PartnerCenterServerError,
  PartnerCenterTimeoutError,
  PartnerCenterTooManyRequestsError,
  type CustomerUserPatch,
  type PartnerCenterClientOptions,
  type PartnerCenterLogEntry,
} from "./index.js";
import { failure } from "./testing/outcomes.js";

// PAGE's example ids and 200 response.
const customerId = "eebd1b55-5360-4438-a11d-5c06918c3014";
const userId = "4b10bf41-ab11-40e3-8c53-cd67849b50de";
const path = `/v1/customers/${customerId}/users/${userId}`;
const updatedUser = {
  usageLocation: "US",
  id: userId,
  userPrincipalName: "emailidchange@abcdefgh1234.ccsctp.net",
  firstName: "FirstNameChange",
  lastName: "LastNameChange",
  displayName: "DisplayNameChange",
  userDomainType: "none",
  state: "active",
  links: { self: { uri: `/customers/${customerId}/users/${userId}`, method: "GET", headers: [] } },
  attributes: { objectType: "CustomerUser" },
};
const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Received {
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}
type Handler = (response: ServerResponse, request: Received) => void;

// A loopback server answering from a queue of handlers (PAGE's 200 once the queue is empty).
const received: Received[] = [];
const handlers: Handler[] = [];
const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const entry = { method: request.method, url: request.url, headers: request.headers, body: Buffer.concat(chunks).toString("utf8") };
    received.push(entry);
    (handlers.shift() ?? ((res) => json(res, 200, updatedUser)))(response, entry);
  });
});
let baseUrl = "";

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  response.end(JSON.stringify(body));
}
function reply(...queue: Handler[]) {
  handlers.push(...queue);
}
// Never answers; the test's afterEach drops the connection (the client has given up on it by then).
const hanging: ServerResponse[] = [];
const hang: Handler = (response) => hanging.push(response);

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  received.length = 0;
  handlers.length = 0;
});
afterEach(() => {
  for (const response of hanging.splice(0)) response.destroy();
});

function client(options: Partial<PartnerCenterClientOptions> = {}) {
  return createPartnerCenterClient({ credential: "test-token", baseUrl, retry: { baseDelayMs: 0 }, ...options });
}
function user(pc = client()) {
  return pc.customers.byId(customerId).users.byId(userId);
}

describe("patch: the request", () => {
  it("sends PATCH /v1/customers/{customer}/users/{user} with the body as given", async () => {
    await user().patch({ usageLocation: "US", attributes: { objectType: "CustomerUser" } });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: "PATCH", url: path });
    expect(JSON.parse(received[0]?.body ?? "")).toEqual({ usageLocation: "US", attributes: { objectType: "CustomerUser" } });
  });

  it("sends Authorization, Accept, Content-Type, MS-RequestId and MS-CorrelationId, and the optional headers when configured", async () => {
    await user(client({ locale: "en-US", applicationName: "partner-center-users-tests" })).patch({ usageLocation: "US" });
    const headers = received[0]?.headers;
    expect(headers).toMatchObject({
      authorization: "Bearer test-token",
      accept: "application/json",
      "content-type": "application/json",
      "x-locale": "en-US",
      "ms-partnercenter-application": "partner-center-users-tests",
    });
    expect(headers?.["ms-requestid"]).toMatch(guid);
    expect(headers?.["ms-correlationid"]).toMatch(guid);
  });

  it("sends no optional header that is not configured", async () => {
    await user().patch({ usageLocation: "US" });
    expect(received[0]?.headers).not.toHaveProperty("x-locale");
    expect(received[0]?.headers).not.toHaveProperty("ms-partnercenter-application");
  });

  it("reuses MS-RequestId on every retry and uses a new one for the next call", async () => {
    reply(
      (res) => json(res, 503, { code: "x", description: "busy", source: "PartnerFD" }, { "retry-after": "0" }),
      (res) => json(res, 429, { statusCode: 429, message: "slow down" }, { "retry-after": "0" }),
    );
    const pc = client();
    await user(pc).patch({ usageLocation: "US" });
    await user(pc).patch({ usageLocation: "US" });
    const ids = received.map((request) => request.headers["ms-requestid"]);
    expect(ids).toHaveLength(4);
    expect(ids[0]).toMatch(guid);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).toBe(ids[0]);
    expect(ids[3]).not.toBe(ids[0]);
  });

  it("sends the caller's requestId and correlationId on every attempt", async () => {
    reply((res) => json(res, 503, {}, { "retry-after": "0" }));
    const requestId = "b1317092-f087-471e-a637-f66523b2b94c";
    const correlationId = "8a53b025-d5be-4d98-ab20-229d1813de76";
    await user().patch({ usageLocation: "US" }, { requestId, correlationId });
    for (const request of received) expect(request.headers).toMatchObject({ "ms-requestid": requestId, "ms-correlationid": correlationId });
  });

  it("sends the client's correlationId on every call, and a fresh one per call without it", async () => {
    const correlationId = "8a53b025-d5be-4d98-ab20-229d1813de76";
    const pc = client({ correlationId });
    await user(pc).patch({ usageLocation: "US" });
    await user(pc).patch({ usageLocation: "US" });
    await user().patch({ usageLocation: "US" });
    await user().patch({ usageLocation: "US" });
    const sent = received.map((request) => request.headers["ms-correlationid"]);
    expect(sent.slice(0, 2)).toEqual([correlationId, correlationId]);
    expect(new Set(sent.slice(2)).size).toBe(2);
  });

  it("asks for a token on every attempt, so a rotated token is used on the retry", async () => {
    reply((res) => json(res, 503, {}, { "retry-after": "0" }));
    let n = 0;
    await user(client({ credential: () => `token-${++n}` })).patch({ usageLocation: "US" });
    expect(received.map((request) => request.headers.authorization)).toEqual(["Bearer token-1", "Bearer token-2"]);
  });

  it("after a 401 for a token that expired mid-run, asks the credential for a fresh one and sends the call once more, same MS-RequestId, no retry spent", async () => {
    reply((res) => json(res, 401, { code: 800001, description: "Partner token is missing or invalid.", data: [], source: "PartnerFD" }));
    const requests: { forceRefresh?: boolean }[] = [];
    const credential = (request?: { forceRefresh?: boolean }) => {
      requests.push(request ?? {});
      return request?.forceRefresh ? "fresh-token" : "expired-token";
    };
    const log = vi.fn();
    const updated = await user(client({ credential, retry: { maxRetries: 0 }, log })).patch({ usageLocation: "US" });
    expect(updated).toMatchObject({ id: userId });
    expect(requests).toEqual([{}, { forceRefresh: true }]);
    expect(received.map((request) => request.headers.authorization)).toEqual(["Bearer expired-token", "Bearer fresh-token"]);
    expect(new Set(received.map((request) => request.headers["ms-requestid"])).size).toBe(1);
    // One attempt as the retry layer sees it (the resend is inside it): one request and one 200 logged.
    expect(log.mock.calls.map(([entry]) => [entry.type, entry.status])).toEqual([["request", undefined], ["response", 200]]);
  });

  it("does not follow a redirect: the answer is an error with its status", async () => {
    reply((res) => {
      res.writeHead(307, { location: `${baseUrl}/elsewhere` });
      res.end();
    });
    const error = await failure(user().patch({ usageLocation: "US" }));
    expect(error.status).toBe(307);
    expect(received).toHaveLength(1);
  });
});

describe("patch: the answer", () => {
  it("resolves to the updated user from PAGE's 200 response", async () => {
    expect(await user().patch({ usageLocation: "US" })).toEqual(updatedUser);
  });

  it("parses a JSON body that starts with a UTF-8 byte-order mark", async () => {
    reply((res) => {
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      res.end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(updatedUser))]));
    });
    expect(await user().patch({ usageLocation: "US" })).toEqual(updatedUser);
  });

  it("drops a passwordProfile the server echoes in the updated user", async () => {
    reply((res) => json(res, 200, { ...updatedUser, passwordProfile: { password: "Echoed-Pa55", forceChangePassword: true } }));
    const result = await user().patch({ passwordProfile: { password: "Echoed-Pa55" } });
    expect(result).toEqual(updatedUser);
    expect(JSON.stringify(result)).not.toContain("Echoed-Pa55");
  });

  it("rejects a 2xx body that is not JSON with PartnerCenterInvalidResponseError", async () => {
    reply((res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>maintenance</html>");
    });
    const error = await failure(user().patch({ usageLocation: "US" }));
    expect(error).toBeInstanceOf(PartnerCenterInvalidResponseError);
    expect(error.status).toBe(200);
    expect(error.message).toContain("200 answer (text/html) to PATCH");
    expect(error.message).toContain("body must be JSON");
  });

  it("rejects with PartnerCenterNotFoundError carrying the fault, the status and the ids", async () => {
    reply((res) => json(res, 404, { code: 60002, description: "User object id not found", data: [], source: "PartnerFD" }));
    const error = await failure(user().patch({ usageLocation: "US" }));
    expect(error).toBeInstanceOf(PartnerCenterNotFoundError);
    expect(error).toMatchObject({ status: 404, code: 60002, description: "User object id not found", source: "PartnerFD" });
    expect(error.requestId).toBe(received[0]?.headers["ms-requestid"]);
    expect(error.correlationId).toBe(received[0]?.headers["ms-correlationid"]);
  });

  it("gives a PartnerCenterError with the status for an HTML error page", async () => {
    reply((res) => {
      res.writeHead(502, { "content-type": "text/html" });
      res.end("<html><body>Bad Gateway</body></html>");
    });
    const error = await failure(user(client({ retry: false })).patch({ usageLocation: "US" }));
    expect(error).toBeInstanceOf(PartnerCenterServerError);
    expect(error.status).toBe(502);
  });

  it("gives a PartnerCenterError with the status for a truncated JSON error body", async () => {
    reply((res) => {
      res.writeHead(400, { "content-type": "application/json" });
      res.end('{"code": 3000, "descrip');
    });
    const error = await failure(user().patch({ usageLocation: "US" }));
    expect(error).toBeInstanceOf(PartnerCenterBadRequestError);
    expect(error.status).toBe(400);
  });

  it("rejects with PartnerCenterTooManyRequestsError (message as description, Retry-After) once the retries run out", async () => {
    const throttled: Handler = (res) => json(res, 429, { statusCode: 429, message: "Rate limit is exceeded." }, { "retry-after": "0" });
    reply(throttled, throttled);
    const error = await failure(user(client({ retry: { maxRetries: 1 } })).patch({ usageLocation: "US" }));
    expect(error).toBeInstanceOf(PartnerCenterTooManyRequestsError);
    expect(error).toMatchObject({ status: 429, description: "Rate limit is exceeded.", retryAfterMs: 0 });
    expect(received).toHaveLength(2);
  });
});

describe("patch: time-outs, cancellation and network failures", () => {
  it("rejects with PartnerCenterTimeoutError carrying the request id when no attempt is answered in time", async () => {
    reply(hang, hang);
    const error = await failure(user(client({ timeoutMs: 50, retry: { maxRetries: 1, baseDelayMs: 0 } })).patch({ usageLocation: "US" }));
    expect(error).toBeInstanceOf(PartnerCenterTimeoutError);
    expect(received).toHaveLength(2);
    expect(error.requestId).toMatch(guid);
    expect(received.map((request) => request.headers["ms-requestid"])).toEqual([error.requestId, error.requestId]);
  });

  it("times out an attempt whose body stalls after the headers (the timeout covers the body) and retries it with the same MS-RequestId", async () => {
    const stall: Handler = (res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"usageLocation":');
      hanging.push(res);
    };
    reply(stall, stall);
    const error = await failure(user(client({ timeoutMs: 50, retry: { maxRetries: 1, baseDelayMs: 0 } })).patch({ usageLocation: "US" }));
    expect(error).toBeInstanceOf(PartnerCenterTimeoutError);
    expect(received.map((request) => request.headers["ms-requestid"])).toEqual([error.requestId, error.requestId]);
  });

  it("rejects with PartnerCenterAbortError when the caller aborts, and sends no retry", async () => {
    const controller = new AbortController();
    reply(() => controller.abort());
    const error = await failure(user().patch({ usageLocation: "US" }, { signal: controller.signal }));
    expect(error).toBeInstanceOf(PartnerCenterAbortError);
    expect(error.requestId).toBe(received[0]?.headers["ms-requestid"]);
    expect(received).toHaveLength(1);
  });

  it("retries a network failure, then rejects with PartnerCenterNetworkError", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve)); // nothing listens on this port now
    const fetch = vi.fn(globalThis.fetch);
    const error = await failure(user(client({ baseUrl: `http://127.0.0.1:${port}`, fetch, retry: { maxRetries: 2, baseDelayMs: 0 } })).patch({ usageLocation: "US" }));
    expect(error).toBeInstanceOf(PartnerCenterNetworkError);
    expect(error.requestId).toMatch(guid);
    expect(fetch).toHaveBeenCalledTimes(3);
  });
});

describe("patch: bad arguments are refused before anything is sent", () => {
  const fetch = vi.fn<typeof globalThis.fetch>();
  beforeEach(() => fetch.mockReset());
  const pc = () => createPartnerCenterClient({ credential: "test-token", fetch });

  async function refusal(run: () => Promise<unknown>): Promise<PartnerCenterArgumentError> {
    const error = await failure(run());
    expect(error).toBeInstanceOf(PartnerCenterArgumentError);
    expect(fetch).not.toHaveBeenCalled();
    return error as PartnerCenterArgumentError;
  }

  it.each(["", "not-a-guid", `${customerId}/../../v2`, `${customerId}?x=1`, `${customerId}#x`, "eebd1b55%2F5360-4438-a11d-5c06918c3014", ` ${customerId}`])(
    "refuses the customer id %j, naming customerId, so the path cannot be changed",
    async (bad) => {
      const error = await refusal(() => pc().customers.byId(bad).users.byId(userId).patch({ usageLocation: "US" }));
      expect(error.argument).toBe("customerId");
    },
  );

  it("refuses a user id that is not a GUID, naming userId", async () => {
    const error = await refusal(() => pc().customers.byId(customerId).users.byId("../me").patch({ usageLocation: "US" }));
    expect(error.argument).toBe("userId");
    expect(error.message).toContain('"../me"');
  });

  it("puts the ids in the path percent-encoded and nowhere else", async () => {
    fetch.mockResolvedValue(new Response(JSON.stringify(updatedUser)));
    await pc().customers.byId(customerId).users.byId(userId).patch({ usageLocation: "US" });
    expect(fetch.mock.calls[0]?.[0]).toBe(`https://api.partnercenter.microsoft.com/v1/customers/${encodeURIComponent(customerId)}/users/${encodeURIComponent(userId)}`);
  });

  it.each<[string, unknown, string]>([
    ["an empty patch", {}, "must change at least one field"],
    ["attributes alone", { attributes: { objectType: "CustomerUser" } }, "must change at least one field"],
    ["an unknown field", { usageLocaton: "US" }, "patch.usageLocaton is not a known property"],
    ["a read-only field", { id: userId, displayName: "x" }, "patch.id is not a known property"],
    ["a wrong type", { displayName: 5 }, "patch.displayName must be a string"],
    ["a usage location that is no country code", { usageLocation: "new country/region code" }, "patch.usageLocation must match"],
    ["null", null, "patch must be an object"],
    ["an array", [], "patch must be an object"],
  ])("refuses %s, naming patch and the field", async (_, body, message) => {
    const error = await refusal(() => user(pc()).patch(body as CustomerUserPatch));
    expect(error.argument).toBe("patch");
    expect(error.message).toContain(message);
  });

  it("checks the body as it will be sent (toJSON included)", async () => {
    const sneaky = { usageLocation: "US", toJSON: () => ({ usageLocation: "US", id: userId }) };
    await refusal(() => user(pc()).patch(sneaky as CustomerUserPatch));
  });

  it("refuses a body that cannot be written as JSON", async () => {
    await refusal(() => user(pc()).patch({ displayName: 1n } as unknown as CustomerUserPatch));
  });

  it("refuses a weak password without repeating it", async () => {
    const error = await refusal(() => user(pc()).patch({ passwordProfile: { password: "short" } }));
    expect(error.message).toContain("patch.passwordProfile.password");
    expect(error.message).not.toContain("short");
    expect(JSON.stringify(error)).not.toContain('"short"');
  });

  it.each(["requestId", "correlationId"] as const)("refuses a per-call %s that is not a GUID", async (name) => {
    const error = await refusal(() => user(pc()).patch({ usageLocation: "US" }, { [name]: "123" }));
    expect(error.argument).toBe(name);
  });

  it("refuses a plain-http baseUrl that is not loopback when the client is made", () => {
    expect(() => createPartnerCenterClient({ credential: "t", baseUrl: "http://api.partnercenter.microsoft.com", fetch })).toThrow(
      expect.objectContaining({ argument: "baseUrl" }),
    );
  });
});

describe("secrets never leak", () => {
  const token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.secret-token-body.signature";
  const password = "Correct-Horse-9-Battery";
  const passwordBody: CustomerUserPatch = { passwordProfile: { password, forceChangePassword: true } };

  function everyRendering(error: unknown): string {
    return [
      (error as Error).message,
      (error as Error).stack,
      JSON.stringify(error),
      String(error),
      inspect(error, { showHidden: true, depth: Infinity }),
    ].join("\n");
  }

  it("keeps the token and password out of an error whose body echoes both", async () => {
    reply((res) =>
      json(res, 400, { code: 3000, description: `Password ${password} is invalid for ${token}`, data: [password, `Bearer ${token}`], source: "PartnerFD" }),
    );
    const error = await failure(user(client({ credential: token })).patch(passwordBody));
    const shown = everyRendering(error);
    expect(shown).not.toContain(password);
    expect(shown).not.toContain("secret-token-body");
    expect(error.description).toBe("Password [REDACTED] is invalid for [REDACTED]");
  });

  it.each<[string, Handler[], Partial<PartnerCenterClientOptions>]>([
    // Long enough for the request to reach the server before the test ends, so it cannot take the next test's answer.
    ["a timeout", [hang], { timeoutMs: 300, retry: false }],
    ["a 401", [(res) => json(res, 401, { code: 800001, description: "token missing", source: "PartnerFD" }, { "www-authenticate": `Bearer ${token}` })], {}],
    ["a 503 after retries", [(res) => json(res, 503, {}, { "retry-after": "0" }), (res) => json(res, 503, {})], { retry: { maxRetries: 1 } }],
  ])("keeps the token and password out of %s", async (_, queue, options) => {
    reply(...queue);
    const error = await failure(user(client({ credential: token, ...options })).patch(passwordBody));
    const shown = everyRendering(error);
    expect(shown).not.toContain(password);
    expect(shown).not.toContain("secret-token-body");
  });

  it("keeps the token and password out of the log", async () => {
    const entries: PartnerCenterLogEntry[] = [];
    reply((res) => json(res, 503, { description: password }, { "retry-after": "0" }));
    await user(client({ credential: token, log: (entry) => entries.push(entry) })).patch(passwordBody);
    const logged = JSON.stringify(entries);
    expect(entries.map((entry) => entry.type)).toEqual(["request", "response", "retry", "request", "response"]);
    expect(logged).not.toContain(password);
    expect(logged).not.toContain("secret-token-body");
    expect(entries[0]).toMatchObject({ body: { passwordProfile: { password: "[REDACTED]", forceChangePassword: true } } });
  });
});

describe("api: the openapi-fetch client", () => {
  const params = { path: { "customer-tenant-id": customerId, "user-id": userId } };

  it("sends the same headers, retries, and reuses MS-RequestId on every attempt", async () => {
    reply((res) => json(res, 503, {}, { "retry-after": "0" }));
    const { data, error } = await client({ locale: "en-US" }).api.PATCH("/v1/customers/{customer-tenant-id}/users/{user-id}", {
      params,
      body: { usageLocation: "US" },
    });
    expect(error).toBeUndefined();
    expect(data).toEqual(updatedUser);
    expect(received).toHaveLength(2);
    const [first, second] = received;
    expect(first?.headers).toMatchObject({ authorization: "Bearer test-token", accept: "application/json", "content-type": "application/json", "x-locale": "en-US" });
    expect(first?.headers["ms-requestid"]).toMatch(guid);
    expect(second?.headers["ms-requestid"]).toBe(first?.headers["ms-requestid"]);
    expect(second?.headers["ms-correlationid"]).toBe(first?.headers["ms-correlationid"]);
    expect(second?.body).toBe(first?.body);
    expect(first?.url).toBe(path);
  });

  it("keeps a caller's MS-RequestId from params.header", async () => {
    const requestId = "b1317092-f087-471e-a637-f66523b2b94c";
    await client().api.PATCH("/v1/customers/{customer-tenant-id}/users/{user-id}", {
      params: { ...params, header: { "MS-RequestId": requestId } },
      body: { usageLocation: "US" },
    });
    expect(received[0]?.headers["ms-requestid"]).toBe(requestId);
  });

  it("refuses a path parameter that is not a GUID before sending", async () => {
    const error = await failure(
      client().api.PATCH("/v1/customers/{customer-tenant-id}/users/{user-id}", {
        params: { path: { "customer-tenant-id": "../../admin", "user-id": userId } },
        body: { usageLocation: "US" },
      }),
    );
    expect(error).toMatchObject({ argument: "customer-tenant-id" });
    expect(received).toHaveLength(0);
  });

  it("never sends the token to a per-call baseUrl other than the client's", async () => {
    const fetch = vi.fn<typeof globalThis.fetch>();
    const error = await failure(
      createPartnerCenterClient({ credential: "t", fetch }).api.PATCH("/v1/customers/{customer-tenant-id}/users/{user-id}", {
        baseUrl: "https://evil.example",
        params,
        body: { usageLocation: "US" },
      }),
    );
    expect(error).toBeInstanceOf(PartnerCenterArgumentError);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("returns an error answer as openapi-fetch does, with echoed secrets scrubbed", async () => {
    reply((res) => json(res, 400, { code: 3000, description: "bad Correct-Horse-9-Battery", source: "PartnerFD" }));
    const { error, response } = await client().api.PATCH("/v1/customers/{customer-tenant-id}/users/{user-id}", {
      params,
      body: { passwordProfile: { password: "Correct-Horse-9-Battery" } },
    });
    expect(response.status).toBe(400);
    expect(error).toEqual({ code: 3000, description: "bad [REDACTED]", source: "PartnerFD" });
  });
});
