// Every answer is untrusted (issue 19): a misbehaving Partner Center on loopback (node:http, in the
// test process) — next links that loop, jump to another customer or origin, or carry headers and
// query parameters of the server's choosing; pages whose items are not users; answers too large or
// too slow to read — and what the client makes of each. Each test is named as the rule it checks.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createPartnerCenterClient,
  PartnerCenterBadRequestError,
  PartnerCenterError,
  PartnerCenterInvalidResponseError,
  PartnerCenterNotFoundError,
  PartnerCenterTimeoutError,
  type CustomerUser,
  type PartnerCenterClientOptions,
  type PartnerCenterLogEntry,
} from "./index.js";
import { collect, failure } from "./testing/outcomes.js";

const customerId = "4d3cf487-70f4-4e1e-9ff1-b2bfce8d9f04";
const otherCustomerId = "eebd1b55-5360-4438-a11d-5c06918c3014";
const usersPath = `/v1/customers/${customerId}/users`;
const deletedFilter = '{"Field":"UserState","Value":"Inactive","Operator":"equals"}';

function person(n: number, upn = `user${n}@contoso.com`): CustomerUser {
  return { id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`, userPrincipalName: upn, attributes: { objectType: "CustomerUser" } };
}

interface NextLink {
  readonly uri: string;
  readonly headers?: readonly { key: string; value: string }[];
}

function page(items: readonly unknown[], next: { token?: string; link?: NextLink } = {}): Record<string, unknown> {
  const body: Record<string, unknown> = { totalCount: items.length, items, attributes: { objectType: "Collection" } };
  if (next.token !== undefined) body["continuationToken"] = next.token;
  if (next.link) body["links"] = { next: { method: "GET", headers: [], ...next.link } };
  return body;
}

type Handler = (request: IncomingMessage, response: ServerResponse, n: number) => void;

// Today's code followed some of these links for ever: past this many requests the server refuses
// (a 400, never retried), so such a test fails rather than hangs.
const requestLimit = 30;
const seen: IncomingMessage[] = [];
let handler: Handler = () => {};
const server = createServer((request, response) => {
  seen.push(request);
  request.resume();
  if (seen.length > requestLimit) json(response, 400, { code: 3000, description: "too many requests in one test", data: [], source: "test" });
  else handler(request, response, seen.length);
});
let baseUrl = "";

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  response.end(typeof body === "string" ? body : JSON.stringify(body));
}
/** Answers each request with `answer(request, n)` as JSON, n counting from 1. */
function serve(answer: (request: IncomingMessage, n: number) => unknown, status = 200): void {
  handler = (request, response, n) => json(response, status, answer(request, n));
}
const token = (request: IncomingMessage) => request.headers["ms-continuationtoken"];
const query = (request: IncomingMessage) => new URL(request.url ?? "", baseUrl).searchParams;

function client(options: Partial<PartnerCenterClientOptions> = {}) {
  return createPartnerCenterClient({ credential: "a-token-of-some-length", baseUrl, retry: false, ...options });
}
const users = (options: Partial<PartnerCenterClientOptions> = {}) => client(options).customers.byId(customerId).users;


beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
beforeEach(() => {
  seen.length = 0;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("the pager follows only what the spec allows", () => {
  it("a next link back to page 1 is a loop: an error naming the pages, after page 1 was asked for twice", async () => {
    // Every answer is page 1, linking to page 1 (no token header; the page's own token).
    serve(() => page([person(1)], { token: "t1", link: { uri: `/customers/${customerId}/users` } }));
    const error = await failure(collect(users().list()));
    expect(error).toBeInstanceOf(PartnerCenterInvalidResponseError);
    expect(error.message).toMatch(/loops: page 2's next page is page 2 again \(the same continuation token\)/);
    expect(seen).toHaveLength(2);
  });

  it("a next link varying only its query is the same page: the parameters x-paging does not list are not sent, and the loop is found", async () => {
    serve((_, n) => page([person(1)], { token: "t1", link: { uri: `/customers/${customerId}/users?seekOperation=Next&sortField=x${n}`, headers: [{ key: "MS-ContinuationToken", value: "t1" }] } }));
    const error = await failure(collect(users().list()));
    expect(error).toBeInstanceOf(PartnerCenterInvalidResponseError);
    expect(error.message).toMatch(/loops/);
    expect(seen.map((request) => query(request).has("sortField"))).toEqual([false, false]);
  });

  it("the same continuation token twice is a loop, named by its pages", async () => {
    serve((_, n) => page([person(n)], { link: { uri: `/customers/${customerId}/users?seekOperation=Next`, headers: [{ key: "MS-ContinuationToken", value: n === 1 ? "t1" : "t2" }] } }));
    const error = await failure(collect(users().list()));
    expect(error.message).toMatch(/loops: page 3's next page is page 3 again \(the same continuation token\)/);
    expect(seen.map(token)).toEqual([undefined, "t1", "t2"]);
  });

  it("a continuation token longer than 8192 characters is refused (a new megabyte token per page would grow memory page by page)", async () => {
    serve((_, n) => page([person(n)], { token: `${n}${"a".repeat(1_000_000)}` }));
    const error = await failure(collect(users().list()));
    expect(error).toBeInstanceOf(PartnerCenterInvalidResponseError);
    expect(error.message).toMatch(/continuation token that cannot be sent as a header/);
    expect(seen).toHaveLength(1);
  });

  it("a next link without the continuation-token header is followed with the page's own continuationToken", async () => {
    serve((request) => (token(request) === undefined ? page([person(1)], { token: "t1", link: { uri: `/customers/${customerId}/users?seekOperation=Next` } }) : page([person(2)])));
    expect((await collect(users().list())).map((user) => user.id)).toEqual([person(1).id, person(2).id]);
    expect(seen.map(token)).toEqual([undefined, "t1"]);
  });

  it("a next link to another customer's listing is not followed", async () => {
    serve((request) => (request.url?.includes(otherCustomerId) ? page([person(666, "intruder@fabrikam.com")]) : page([person(1)], { link: { uri: `/customers/${otherCustomerId}/users?seekOperation=Next`, headers: [{ key: "MS-ContinuationToken", value: "t1" }] } })));
    const listed: string[] = [];
    const error = await failure(
      (async () => {
        for await (const user of users().list()) listed.push(user.userPrincipalName);
      })(),
    );
    expect(error).toBeInstanceOf(PartnerCenterInvalidResponseError);
    expect(error.message).toMatch(/leads to another customer-tenant-id/);
    expect(listed).toEqual(["user1@contoso.com"]);
    expect(seen).toHaveLength(1);
  });

  it("a next link to another origin is not followed", async () => {
    serve(() => page([person(1)], { link: { uri: `https://pc.example.net/v1/customers/${customerId}/users?seekOperation=Next`, headers: [{ key: "MS-ContinuationToken", value: "t1" }] } }));
    const error = await failure(collect(users().list()));
    expect(error.message).toMatch(/leads away from the API \(origin https:\/\/pc\.example\.net\)/);
    expect(seen).toHaveLength(1);
  });

  it("only the headers x-paging allows reach the wire from a next link: no Cookie, X-Evil or MS-RequestId of the server's choosing", async () => {
    const chosenId = "11111111-2222-4333-8444-555555555555";
    const evil = [
      { key: "MS-ContinuationToken", value: "t1" },
      { key: "Cookie", value: "session=stolen" },
      { key: "X-Evil", value: "1" },
      { key: "MS-RequestId", value: chosenId },
    ];
    serve((request) => (token(request) === undefined ? page([person(1)], { link: { uri: `/customers/${customerId}/users?seekOperation=Next`, headers: evil } }) : page([person(2)])));
    await collect(users().list());
    const second = seen[1]?.headers ?? {};
    expect(second["ms-continuationtoken"]).toBe("t1");
    expect(second["cookie"]).toBeUndefined();
    expect(second["x-evil"]).toBeUndefined();
    expect(second["ms-requestid"]).not.toBe(chosenId);
  });

  it("a next link's query parameter that the spec lists but x-paging does not allow (filter) is not taken: the listing keeps its own filter", async () => {
    serve((request) => (token(request) === undefined ? page([person(1)], { link: { uri: `/customers/${customerId}/users?seekOperation=Next&size=7&filter=%7B%7D`, headers: [{ key: "MS-ContinuationToken", value: "t1" }] } }) : page([person(2)])));
    await collect(users().list({ deleted: true }));
    expect(Object.fromEntries(query(seen[1] as IncomingMessage))).toEqual({ filter: deletedFilter, seekOperation: "Next", size: "7" });
  });

  it("a listing that does not end within maxPages stops with an error carrying the token to resume from", async () => {
    serve((_, n) => page([person(n)], { token: `t${n}` }));
    const error = await failure(collect(users().list({ maxPages: 3 })));
    expect(error).toBeInstanceOf(PartnerCenterInvalidResponseError);
    expect(error.message).toMatch(/did not end within 3 pages/);
    expect(error.continuationToken).toBe("t3");
    expect(seen).toHaveLength(3);
  });

  it("a listing that fails on a later page can be resumed there: the error's continuationToken, then list({ from })", async () => {
    let failing = true;
    handler = (request, response) => {
      if (token(request) === undefined) return json(response, 200, page([person(1)], { token: "t1" }));
      if (failing) return json(response, 500, { code: 800003, description: "unexpected", data: [], source: "test" });
      return json(response, 200, page([person(2)]));
    };
    const listing = users();
    const error = await failure(collect(listing.list({ pageSize: 1 })));
    expect(error.continuationToken).toBe("t1");
    failing = false;
    expect((await collect(listing.list({ pageSize: 1, from: error.continuationToken }))).map((user) => user.id)).toEqual([person(2).id]);
    expect(token(seen[2] as IncomingMessage)).toBe("t1");
    expect(Object.fromEntries(query(seen[2] as IncomingMessage))).toEqual({ size: "1", seekOperation: "Next" });
  });
});

describe("answers are checked against the spec before use", () => {
  it.each([
    ["null", null, /body\.items\[0\] must be an object, not null/],
    ["a string", "ada@contoso.com", /body\.items\[0\] must be an object, not string/],
    ["{ id: 5 }", { id: 5 }, /body\.items\[0\]\.id must be a string, not integer/],
  ])("a page item off the spec (%s) rejects the listing with PartnerCenterInvalidResponseError naming the field", async (_, item, message) => {
    serve(() => page([item, person(1)]));
    const error = await failure(collect(users().list()));
    expect(error).toBeInstanceOf(PartnerCenterInvalidResponseError);
    expect(error.message).toMatch(message);
    expect((error as PartnerCenterInvalidResponseError).issues[0]?.path).toMatch(/^body\.items\[0\]/);
  });

  it("a by-UPN lookup among items off the spec rejects with PartnerCenterInvalidResponseError, not a TypeError", async () => {
    serve(() => page([null, "x", { id: 5 }]));
    expect(await failure(users().byPrincipalName("ada@contoso.com").get())).toBeInstanceOf(PartnerCenterInvalidResponseError);
  });

  it("a user off the spec is refused through both doors, never returned as data", async () => {
    serve(() => ({ ...person(1), id: 5 }));
    const pc = client();
    expect(await failure(pc.customers.byId(customerId).users.byId(person(1).id).get())).toBeInstanceOf(PartnerCenterInvalidResponseError);
    const viaApi = pc.api.GET("/v1/customers/{customer-tenant-id}/users/{user-id}", { params: { path: { "customer-tenant-id": customerId, "user-id": person(1).id } } });
    expect(await failure(viaApi)).toBeInstanceOf(PartnerCenterInvalidResponseError);
  });

  it('with onInvalidResponse: "warn", an answer off the spec is logged (type invalid-response) and used; a by-UPN lookup skips what is not a user', async () => {
    serve(() => page([null, person(1)]));
    const log: PartnerCenterLogEntry[] = [];
    const listing = users({ onInvalidResponse: "warn", log: (entry) => log.push(entry) });
    expect(await collect(listing.list())).toEqual([null, person(1)]);
    expect(log.filter((entry) => entry.type === "invalid-response")).toMatchObject([{ status: 200, issues: [{ path: "body.items[0]", message: "must be an object, not null" }] }]);
    expect(await failure(listing.byPrincipalName("nobody@contoso.com").get())).toBeInstanceOf(PartnerCenterNotFoundError);
  });

  it("a password echoed under an escaped key (pass\\u0077ordProfile) is dropped before the answer reaches either door", async () => {
    const user = JSON.stringify(person(1)).slice(0, -1);
    handler = (_, response) => json(response, 200, `${user},"pass\\u0077ordProfile":{"pass\\u0077ord":"Echoed-Pa55word"}}`);
    const pc = client();
    const viaFluent = await pc.customers.byId(customerId).users.byId(person(1).id).get();
    const viaApi = await pc.api.GET("/v1/customers/{customer-tenant-id}/users/{user-id}", { params: { path: { "customer-tenant-id": customerId, "user-id": person(1).id } } });
    expect(viaFluent).toEqual(person(1));
    expect(viaApi.data).toEqual(person(1));
    expect(JSON.stringify([viaFluent, viaApi.data])).not.toContain("Echoed-Pa55word");
  });
});

describe("answers are read within bounds", () => {
  // 50 MB of a page that would be valid JSON, written as fast as the client reads it.
  function fiftyMegabytes(response: ServerResponse, withLength: boolean): { finished: () => boolean } {
    const head = '{"totalCount":0,"items":[],"attributes":{"objectType":"Collection"},"continuationToken":"';
    const chunk = "a".repeat(64 * 1024);
    const chunks = 800; // 50 MiB
    response.writeHead(200, { "content-type": "application/json", ...(withLength && { "content-length": String(head.length + chunks * chunk.length + 2) }) });
    response.write(head);
    let written = 0;
    const more = () => {
      while (written < chunks && !response.destroyed) {
        written += 1;
        if (!response.write(chunk)) return void response.once("drain", more);
      }
      if (!response.destroyed) response.end('"}');
    };
    more();
    return { finished: () => response.writableFinished };
  }

  it.each([
    ["streamed without a length", false],
    ["with a Content-Length saying so", true],
  ])("an answer larger than maxResponseBytes (default 4 MiB) is refused with PartnerCenterInvalidResponseError and its connection aborted: 50 MB %s", async (_, withLength) => {
    let answer: { finished: () => boolean } | undefined;
    const closed = new Promise<void>((resolve) => {
      handler = (_request, response) => {
        response.on("close", resolve);
        answer = fiftyMegabytes(response, withLength);
      };
    });
    const error = await failure(collect(users().list()));
    expect(error).toBeInstanceOf(PartnerCenterInvalidResponseError);
    expect(error.message).toMatch(/larger than 4194304 bytes/);
    await closed;
    expect(answer?.finished()).toBe(false);
  });

  it("the attempt's time covers reading the body: an answer trickling in ends in PartnerCenterTimeoutError, even from a fetch whose body ignores the signal", async () => {
    handler = (_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write('{"totalCount":');
      const timer = setInterval(() => response.write(" "), 20);
      response.on("close", () => clearInterval(timer));
    };
    // A fetch that never hears of the signal: only the client's own reader can stop the trickle.
    const detachedBody = (url: string, init: RequestInit) => fetch(url, { ...init, signal: null });
    for (const options of [{}, { fetch: detachedBody }]) {
      expect(await failure(collect(users({ timeoutMs: 300, ...options }).list()))).toBeInstanceOf(PartnerCenterTimeoutError);
    }
  });
});

describe("answers nested deeper than any the spec describes are refused before anything walks them", () => {
  // 100,000 levels: JSON.parse reads them, but a recursive walk over them (dropping write-only
  // fields, scrubbing secrets) overflowed the stack and surfaced as a bare RangeError.
  const deep = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;

  it("a success answer nested 100,000 levels deep is a PartnerCenterInvalidResponseError through both doors, not a RangeError", async () => {
    const user = JSON.stringify(person(1)).slice(0, -1);
    handler = (_, response) => json(response, 200, `${user},"extra":${deep(100_000)}}`);
    const pc = client();
    const viaFluent = await failure(pc.customers.byId(customerId).users.byId(person(1).id).get());
    expect(viaFluent).toBeInstanceOf(PartnerCenterInvalidResponseError);
    expect(viaFluent.message).toMatch(/nested deeper than 32 levels/);
    const viaApi = pc.api.GET("/v1/customers/{customer-tenant-id}/users/{user-id}", { params: { path: { "customer-tenant-id": customerId, "user-id": person(1).id } } });
    expect(await failure(viaApi)).toBeInstanceOf(PartnerCenterInvalidResponseError);
  });

  it("an error answer nested 100,000 levels deep keeps its status's error (400: PartnerCenterBadRequestError) and its fault's fields; what is too deep is cut", async () => {
    handler = (_, response) => json(response, 400, `{"code":3000,"description":"bad","data":[${deep(100_000)}],"source":"x"}`);
    const error = await failure(client().customers.byId(customerId).users.byId(person(1).id).get());
    expect(error).toBeInstanceOf(PartnerCenterBadRequestError);
    expect(error).toMatchObject({ status: 400, code: 3000, description: "bad" });
    expect(JSON.stringify(error.data)).toContain("[nested deeper than 32 levels]");
  });

  it("an answer 32 levels deep is read whole (the limit is a margin, not a squeeze)", async () => {
    handler = (_, response) => json(response, 400, `{"code":3000,"description":"bad","data":[${deep(30)}],"source":"x"}`);
    const error = await failure(client().customers.byId(customerId).users.byId(person(1).id).get());
    expect(JSON.stringify(error.data)).toBe(`[${deep(30)}]`);
  });
});

describe("a token echoed in an encoding is scrubbed too", () => {
  const secret = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.a-token-of-some-length";
  const encodings: readonly [string, (text: string) => string][] = [
    ["base64", (text) => Buffer.from(text).toString("base64")],
    ["base64url", (text) => Buffer.from(text).toString("base64url")],
    ["hex", (text) => Buffer.from(text).toString("hex")],
    ["HEX", (text) => Buffer.from(text).toString("hex").toUpperCase()],
  ];
  it.each(encodings)("in %s, whole or inside a longer encoded text at any byte offset, it leaves no readable run of the encoding", async (_, encode) => {
    // Each prefix puts the token at another offset in the encoding's 3-byte (base64) groups.
    const echoes = ["", "a", "ab", "Authorization: Bearer "].map((prefix) => encode(`${prefix}${secret}`));
    serve(() => ({ code: 3000, description: `echo ${echoes.join(" ")}`, data: echoes, source: "PartnerFD" }), 400);
    const error = await failure(client({ credential: secret }).customers.byId(customerId).users.byId(person(1).id).get());
    const shown = JSON.stringify([error.message, error.description, error.data]);
    // A run of the encoding 4 characters in from either end lies wholly within the token's bits.
    for (const echo of echoes) expect(shown).not.toContain(echo.slice(-encode(secret).length + 4, -4));
    expect(shown).toContain("[REDACTED]");
  });
});

describe("secrets are scrubbed by value only from a sane length", () => {
  it("a one-character token leaves an error body as it is (secrets under 8 characters are not searched for)", async () => {
    serve(() => ({ code: 3000, description: "The request is invalid.", data: [], source: "PartnerFD" }), 400);
    const error = await failure(client({ credential: "e" }).customers.byId(customerId).users.byId(person(1).id).get());
    expect(error.description).toBe("The request is invalid.");
  });
});

describe("the limits are options", () => {
  it("maxResponseBytes is the caller's: a user of about 100 bytes is refused at 50, read at the default", async () => {
    serve(() => person(1));
    const get = (options: Partial<PartnerCenterClientOptions>) => client(options).customers.byId(customerId).users.byId(person(1).id).get();
    expect((await failure(get({ maxResponseBytes: 50 }))).message).toMatch(/larger than 50 bytes/);
    expect(await get({})).toEqual(person(1));
  });

  it("a maxPages that is not a whole number of at least 1, or an empty from, is refused, naming it, before anything is sent", async () => {
    await expect(collect(users().list({ maxPages: 0 }))).rejects.toMatchObject({ name: "PartnerCenterArgumentError", argument: "maxPages" });
    await expect(collect(users().list({ from: "" }))).rejects.toMatchObject({ name: "PartnerCenterArgumentError", argument: "from" });
    expect(seen).toHaveLength(0);
  });
});
