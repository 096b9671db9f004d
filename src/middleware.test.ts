// The client's one extension point (option `middleware`) and what every call carries out of the
// pipeline: each rule shown through the fluent API, the pager and `api` alike.
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createPartnerCenterClient,
  PartnerCenterArgumentError,
  PartnerCenterError,
  PartnerCenterInvalidResponseError,
  PartnerCenterNotFoundError,
  type PartnerCenterClientOptions,
  type PartnerCenterMiddleware,
  type PartnerCenterRequest,
} from "./index.js";
import { collect, failure } from "./testing/outcomes.js";

const baseUrl = "https://api.partnercenter.microsoft.com";
const customerId = "4d3cf487-70f4-4e1e-9ff1-b2bfce8d9f04";
const userId = "00000000-0000-4000-8000-000000000001";
const user = { id: userId, userPrincipalName: "ada@contoso.com", attributes: { objectType: "CustomerUser" } };
const second = { id: "00000000-0000-4000-8000-000000000002", userPrincipalName: "bo@contoso.com", attributes: { objectType: "CustomerUser" } };
const usersUrl = `${baseUrl}/v1/customers/${customerId}/users`;
const userUrl = `${usersUrl}/${userId}`;
const route = "/v1/customers/{customer-tenant-id}/users/{user-id}";
const params = { path: { "customer-tenant-id": customerId, "user-id": userId } };

/** The texts the fake server sends: a user, and a listing of two pages (the first carries a continuation token). */
const texts = {
  user: JSON.stringify(user),
  page1: JSON.stringify({ totalCount: 1, items: [user], continuationToken: "next-page", attributes: { objectType: "Collection" } }),
  page2: JSON.stringify({ totalCount: 1, items: [second], attributes: { objectType: "Collection" } }),
  notFound: JSON.stringify({ code: 60002, description: "User not found", data: [], source: "PartnerFD" }),
};

/** Partner Center as an injected fetch: users, a two-page listing, and a 404 for any other user. */
const fetch = vi.fn(async (url: string, init: RequestInit): Promise<Response> => {
  const headers = new Headers(init.headers);
  const answer = (status: number, text: string) => new Response(text, { status, headers: { "content-type": "application/json" } });
  if (url.startsWith(`${usersUrl}?`) || url === usersUrl) return answer(200, headers.get("ms-continuationtoken") === "next-page" ? texts.page2 : texts.page1);
  if (url === userUrl) return answer(200, texts.user);
  return answer(404, texts.notFound);
});

afterEach(() => {
  fetch.mockClear();
  vi.restoreAllMocks();
});

function client(options: Partial<PartnerCenterClientOptions> = {}) {
  return createPartnerCenterClient({ credential: "a-token-of-some-length", baseUrl, fetch, retry: false, ...options });
}



/** A middleware that writes down every call it sees, and the status of its answer. */
function recorder() {
  const seen: string[] = [];
  const middleware: PartnerCenterMiddleware = {
    name: "recorder",
    async sendRequest(request, next) {
      const response = await next(request);
      seen.push(`${request.operationId} ${request.method} ${request.url.replace(baseUrl, "")} → ${response.status}`);
      return response;
    },
  };
  return { seen, middleware };
}

describe("middleware: the one extension point", () => {
  it("sees every call alike — get, patch, each page of a listing, and api — once per call", async () => {
    const { seen, middleware } = recorder();
    const pc = client({ middleware: [middleware] });
    const users = pc.customers.byId(customerId).users;
    await users.byId(userId).get();
    await users.byId(userId).patch({ usageLocation: "US" });
    await collect(users.list());
    await pc.api.GET(route, { params });
    const path = `/v1/customers/${customerId}/users`;
    expect(seen).toEqual([
      `getCustomerUser GET ${path}/${userId} → 200`,
      `updateCustomerUser PATCH ${path}/${userId} → 200`,
      `listCustomerUsers GET ${path} → 200`,
      `listCustomerUsers GET ${path}?seekOperation=Next → 200`,
      `getCustomerUser GET ${path}/${userId} → 200`,
    ]);
  });

  it("runs the first given outermost, and sees neither the token nor the body", async () => {
    const order: string[] = [];
    const requests: PartnerCenterRequest[] = [];
    const named = (name: string): PartnerCenterMiddleware => ({
      name,
      async sendRequest(request, next) {
        order.push(`${name} in`);
        requests.push(request);
        const response = await next(request);
        order.push(`${name} out`);
        return response;
      },
    });
    await client({ middleware: [named("outer"), named("inner")] }).customers.byId(customerId).users.byId(userId).patch({ passwordProfile: { password: "Secret-Pass-123", forceChangePassword: true } });
    expect(order).toEqual(["outer in", "inner in", "inner out", "outer out"]);
    expect(JSON.stringify(requests)).not.toMatch(/Secret-Pass-123|a-token-of-some-length|authorization/i);
    expect(Object.keys(requests[0]!).sort()).toEqual(["headers", "method", "operationId", "signal", "url"]);
  });

  it("may change a call's headers (sent as given, names in any case), not its method or URL", async () => {
    const tagging: PartnerCenterMiddleware = { name: "tag", sendRequest: (request, next) => next({ ...request, headers: { ...request.headers, "X-Trace": "t-1" } }) };
    await client({ middleware: [tagging] }).customers.byId(customerId).users.byId(userId).get();
    expect(new Headers(fetch.mock.calls[0]![1].headers).get("x-trace")).toBe("t-1");

    const moving: PartnerCenterMiddleware = { name: "move", sendRequest: (request, next) => next({ ...request, url: `${usersUrl}/${second.id}` }) };
    const error = await failure(client({ middleware: [moving] }).customers.byId(customerId).users.byId(userId).get());
    expect(error).toBeInstanceOf(PartnerCenterArgumentError);
    expect(error.message).toContain("not its method or URL");
  });

  it("checks an answer a middleware makes as the server's: write-only fields dropped, off the spec refused", async () => {
    const answering = (body: unknown): PartnerCenterMiddleware => ({
      name: "cache",
      sendRequest: async () => ({ status: 200, headers: new Headers({ "content-type": "application/json" }), text: JSON.stringify(body), body }),
    });
    const echoed = await client({ middleware: [answering({ ...user, passwordProfile: { password: "Echoed-Pass-1" } })] }).customers.byId(customerId).users.byId(userId).get();
    expect(echoed).toEqual(user);
    const offSpec = await failure(client({ middleware: [answering({ id: "not a user" })] }).customers.byId(customerId).users.byId(userId).get());
    expect(offSpec).toBeInstanceOf(PartnerCenterInvalidResponseError);
    expect(fetch).not.toHaveBeenCalled();
  });

  it.each([
    ["not an array", {}, "middleware"],
    ["an item without sendRequest", [{ name: "x" }], "middleware[0]"],
  ])("is refused when %s", (_, middleware, argument) => {
    expect(() => client({ middleware: middleware as never })).toThrow(expect.objectContaining({ argument }));
  });

  it("is the only way in: api has no use() or eject() of its own, whose middleware would see api calls only", () => {
    const api = client().api as Record<string, unknown>;
    expect(api["use"]).toBeUndefined();
    expect(api["eject"]).toBeUndefined();
  });
});

describe("every error of a call names it: operationId, method and URL without the query", () => {
  const users = () => client().customers.byId(customerId).users;
  const other = "00000000-0000-4000-8000-0000000000ff";

  it("an answer's error (get a user that is not there)", async () => {
    const error = await failure(users().byId(other).get());
    expect(error).toMatchObject({ status: 404, operationId: "getCustomerUser", method: "GET", url: `${usersUrl}/${other}` });
    expect(error.toJSON()).toMatchObject({ operationId: "getCustomerUser", method: "GET", url: `${usersUrl}/${other}` });
  });

  it("a refusal before sending (a patch the spec refuses)", async () => {
    const error = await failure(users().byId(userId).patch({ usageLocation: "usa" }));
    expect(error).toMatchObject({ argument: "patch", operationId: "updateCustomerUser", method: "PATCH", url: userUrl });
  });

  it("a failure without an answer (the network), through api", async () => {
    const failing = vi.fn(async () => Promise.reject(Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNRESET" } })));
    const error = await failure(client({ fetch: failing }).api.GET(route, { params }));
    expect(error).toMatchObject({ name: "PartnerCenterNetworkError", operationId: "getCustomerUser", method: "GET", url: userUrl });
  });

  it("a listing's page, and a listing that stops (maxPages), without the query or token", async () => {
    const stopped = await failure(collect(users().list({ maxPages: 1, pageSize: 5 })));
    expect(stopped).toMatchObject({ operationId: "listCustomerUsers", method: "GET", url: usersUrl, continuationToken: "next-page" });
  });

  it("a sign-in name no user has (found by listing)", async () => {
    const error = await failure(users().byPrincipalName("nobody@contoso.com").get());
    expect(error).toBeInstanceOf(PartnerCenterNotFoundError);
    expect(error).toMatchObject({ operationId: "listCustomerUsers", method: "GET", url: usersUrl });
  });
});

describe("every answer is parsed once, whichever door", () => {
  /** How often JSON.parse was given each of the server's texts while `run` ran. */
  async function parses(run: () => Promise<unknown>): Promise<Record<string, number>> {
    const parse = vi.spyOn(JSON, "parse");
    await run();
    const counts: Record<string, number> = {};
    for (const [name, text] of Object.entries(texts)) {
      const n = parse.mock.calls.filter(([given]) => given === text).length;
      if (n > 0) counts[name] = n;
    }
    parse.mockRestore();
    return counts;
  }

  it("get, patch (whose plain body is checked as given, not parsed back) and api", async () => {
    const pc = client();
    const parse = vi.spyOn(JSON, "parse");
    await pc.customers.byId(customerId).users.byId(userId).patch({ usageLocation: "US" });
    expect(parse.mock.calls.filter(([given]) => given === JSON.stringify({ usageLocation: "US" }))).toEqual([]);
    parse.mockRestore();
    expect(await parses(() => pc.customers.byId(customerId).users.byId(userId).get())).toEqual({ user: 1 });
    expect(await parses(() => pc.customers.byId(customerId).users.byId(userId).patch({ usageLocation: "US" }))).toEqual({ user: 1 });
    expect(await parses(() => pc.api.GET(route, { params }))).toEqual({ user: 1 });
  });

  it("each page of a listing, and an error answer", async () => {
    const pc = client();
    expect(await parses(() => collect(pc.customers.byId(customerId).users.list()))).toEqual({ page1: 1, page2: 1 });
    expect(await parses(() => pc.customers.byId(customerId).users.byId("00000000-0000-4000-8000-0000000000ff").get().catch(() => {}))).toEqual({ notFound: 1 });
  });

  it("a patch body JSON would change (a toJSON method) is checked as it will be sent", async () => {
    const sneaky = { usageLocation: "US", toJSON: () => ({ usageLocation: "US", id: userId }) };
    const error = await failure(client().customers.byId(customerId).users.byId(userId).patch(sneaky as never));
    expect(error.message).toContain("patch.id is not a known property");
  });
});
