// The users of a customer through the fluent API: listing every page as the spec's x-paging says,
// getting one user, finding one by sign-in name. Partner Center is an injected fetch here; the
// contract suite runs the same against Prism and a stateful fake checked against the spec.
import { describe, expect, it, vi } from "vitest";
import {
  createPartnerCenterClient,
  PartnerCenterArgumentError,
  PartnerCenterError,
  PartnerCenterInvalidResponseError,
  PartnerCenterNotFoundError,
  PartnerCenterUserNotFoundError,
  type CustomerUser,
  type PartnerCenterClientOptions,
} from "./index.js";
import { collect } from "./testing/outcomes.js";

const customerId = "4d3cf487-70f4-4e1e-9ff1-b2bfce8d9f04";
const base = "https://api.partnercenter.microsoft.com";
const usersPath = `/v1/customers/${customerId}/users`;

function person(n: number, upn = `user${n}@contoso.com`): CustomerUser {
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
  return { id, userPrincipalName: upn, attributes: { objectType: "CustomerUser" } };
}

function page(users: CustomerUser[], next?: { token?: string; linkUri?: string }) {
  const body: Record<string, unknown> = { totalCount: users.length, items: users, attributes: { objectType: "Collection" } };
  if (next?.token !== undefined) body["continuationToken"] = next.token;
  if (next?.linkUri !== undefined) {
    body["links"] = { self: { uri: "/customers/x/users", method: "GET", headers: [] }, next: { uri: next.linkUri, method: "GET", headers: [{ key: "MS-ContinuationToken", value: next.token ?? "" }] } };
  }
  return body;
}

interface Seen {
  readonly url: URL;
  readonly headers: Record<string, string>;
}

/** A fetch answering from a queue of (status, body), recording each request. */
function server(...answers: Array<[number, unknown]>) {
  return serverWith({}, ...answers);
}

function serverWith(options: Partial<PartnerCenterClientOptions>, ...answers: Array<[number, unknown]>) {
  const seen: Seen[] = [];
  const fetch = vi.fn(async (url: string, init: RequestInit) => {
    seen.push({ url: new URL(url), headers: init.headers as Record<string, string> });
    const [status, body] = answers.shift() ?? [500, { code: 800003, description: "no more answers", source: "test" }];
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  });
  const users = createPartnerCenterClient({ credential: "t", fetch, retry: { baseDelayMs: 0 }, ...options }).customers.byId(customerId).users;
  return { users, seen, fetch };
}


describe("list(): every page, as the spec's x-paging describes", () => {
  it("follows links.next with and without /v1, sending the link's headers, and never requests /v1/v1", async () => {
    const { users, seen } = server(
      [200, page([person(1), person(2)], { token: "t1", linkUri: `/customers/${customerId}/users?seekOperation=Next` })],
      [200, page([person(3)], { token: "t2", linkUri: `/v1/customers/${customerId}/users?seekOperation=Next` })],
      [200, page([person(4)])],
    );
    expect((await collect(users.list())).map((u) => u.userPrincipalName)).toEqual(["user1@contoso.com", "user2@contoso.com", "user3@contoso.com", "user4@contoso.com"]);
    expect(seen.map((s) => s.url.pathname)).toEqual([usersPath, usersPath, usersPath]);
    expect(seen.map((s) => s.headers["ms-continuationtoken"])).toEqual([undefined, "t1", "t2"]);
    expect(seen[1]?.url.searchParams.get("seekOperation")).toBe("Next");
  });

  it("without a next link, asks for seekOperation=Next with the continuation token, and stops at an empty token", async () => {
    const { users, seen } = server([200, page([person(1)], { token: "abc" })], [200, page([person(2)], { token: "" })]);
    expect(await collect(users.list({ pageSize: 1 }))).toHaveLength(2);
    expect(seen).toHaveLength(2);
    expect(Object.fromEntries(seen[1]?.url.searchParams ?? [])).toEqual({ size: "1", seekOperation: "Next" });
    expect(seen[1]?.headers["ms-continuationtoken"]).toBe("abc");
  });

  it("retries a transient 503 on a later page with that page's MS-RequestId, rather than end the listing early", async () => {
    const { users, seen } = server(
      [200, page([person(1)], { token: "t1" })],
      [503, { code: "ServiceUnavailable", description: "busy", source: "PartnerFD" }],
      [200, page([person(2)])],
    );
    expect(await collect(users.list())).toHaveLength(2);
    expect(seen).toHaveLength(3);
    expect(seen[2]?.headers["ms-requestid"]).toBe(seen[1]?.headers["ms-requestid"]);
    expect(seen[1]?.headers["ms-requestid"]).not.toBe(seen[0]?.headers["ms-requestid"]);
  });

  it("sends every page of one listing with one MS-CorrelationId", async () => {
    const { users, seen } = server([200, page([person(1)], { token: "t1" })], [200, page([person(2)])]);
    await collect(users.list());
    expect(seen[0]?.headers["ms-correlationid"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen[1]?.headers["ms-correlationid"]).toBe(seen[0]?.headers["ms-correlationid"]);
  });

  it("lists soft-deleted users with the spec's UserState filter", async () => {
    const { users, seen } = server([200, page([person(9)])]);
    await collect(users.list({ deleted: true }));
    expect(JSON.parse(seen[0]?.url.searchParams.get("filter") ?? "")).toEqual({ Field: "UserState", Value: "Inactive", Operator: "equals" });
  });

  it("sends nothing until iterated, and gives the pages themselves with byPage()", async () => {
    const { users, fetch } = server([200, page([person(1)], { token: "t1" })], [200, page([person(2), person(3)])]);
    const listing = users.list();
    expect(fetch).not.toHaveBeenCalled();
    expect((await collect(listing.byPage())).map((p) => p.totalCount)).toEqual([1, 2]);
  });

  it("refuses a page size the spec does not allow, naming pageSize, before sending", async () => {
    const { users, fetch } = server();
    await expect(collect(users.list({ pageSize: -1 }))).rejects.toMatchObject({ name: "PartnerCenterArgumentError", argument: "pageSize" });
    expect(fetch).not.toHaveBeenCalled();
  });

  it("stops with an error, not a loop, when the server hands back a continuation token it already gave", async () => {
    const { users, seen } = server([200, page([person(1)], { token: "same" })], [200, page([person(2)], { token: "same" })]);
    await expect(collect(users.list())).rejects.toBeInstanceOf(PartnerCenterInvalidResponseError);
    expect(seen).toHaveLength(2);
  });

  it("refuses a next link that leads to another operation", async () => {
    const { users } = server([200, page([person(1)], { token: "t", linkUri: `/customers/${customerId}/users/${person(1).id}` })]);
    await expect(collect(users.list())).rejects.toThrow(/leads to another operation/);
  });

  it("rejects a page whose body has no items array", async () => {
    const { users } = server([200, { totalCount: 0, attributes: { objectType: "Collection" } }]);
    await expect(collect(users.list())).rejects.toBeInstanceOf(PartnerCenterInvalidResponseError);
  });
});

describe("byId(…).get()", () => {
  it("GETs the user", async () => {
    const { users, seen } = server([200, person(5)]);
    expect(await users.byId(person(5).id).get()).toEqual(person(5));
    expect(seen[0]?.url.pathname).toBe(`${usersPath}/${person(5).id}`);
  });

  it("rejects an unknown user with PartnerCenterNotFoundError", async () => {
    const { users } = server([404, { code: 60002, description: "User object ID not found.", source: "PartnerFD" }]);
    await expect(users.byId(person(5).id).get()).rejects.toMatchObject({ name: "PartnerCenterNotFoundError", status: 404, code: 60002 });
  });
});

describe("byPrincipalName(upn)", () => {
  it("matches the sign-in name in any case, scanning the listing once for a get and a patch", async () => {
    const ada = person(7, "Ada.Lovelace@Contoso.com");
    const { users, seen } = server([200, page([person(1), ada], { token: "t" })], [200, page([person(2)])], [200, ada], [200, ada]);
    const user = users.byPrincipalName("ada.lovelace@contoso.com");
    expect(await user.get()).toEqual(ada);
    await user.patch({ usageLocation: "GB" });
    expect(seen.map((s) => s.url.pathname)).toEqual([usersPath, usersPath, `${usersPath}/${ada.id}`, `${usersPath}/${ada.id}`]);
  });

  it("compares as Entra ID does: only A–Z folded, so a lookalike (U+212A KELVIN SIGN for K) never matches, and nothing is sent to it", async () => {
    const lookalikes = page([person(1, "\u212Aate@contoso.com"), person(2, "\u017Fam@contoso.com")]);
    // Off the spec (a sign-in name is ASCII): refused as such by default…
    const strict = server([200, lookalikes]);
    await expect(strict.users.byPrincipalName("kate@contoso.com").patch({ usageLocation: "GB" })).rejects.toBeInstanceOf(PartnerCenterInvalidResponseError);
    expect(strict.seen).toHaveLength(1);
    // …and, where such answers are let through with a warning, still no match.
    const lenient = serverWith({ onInvalidResponse: "warn" }, [200, lookalikes]);
    await expect(lenient.users.byPrincipalName("kate@contoso.com").patch({ usageLocation: "GB" })).rejects.toBeInstanceOf(PartnerCenterNotFoundError);
    expect(lenient.seen).toHaveLength(1);
  });

  it("rejects with PartnerCenterNotFoundError when no user has the name, sending no update", async () => {
    const { users, seen } = server([200, page([person(1)])]);
    await expect(users.byPrincipalName("nobody@contoso.com").patch({ usageLocation: "GB" })).rejects.toBeInstanceOf(PartnerCenterNotFoundError);
    expect(seen).toHaveLength(1);
  });

  it("rejects a name nobody has with the typed PartnerCenterUserNotFoundError: status 404, its description naming the name", async () => {
    const { users } = server([200, page([person(1)])]);
    const error = await users.byPrincipalName("nobody@contoso.com").get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartnerCenterUserNotFoundError);
    expect(error).toMatchObject({ name: "PartnerCenterUserNotFoundError", status: 404, code: undefined, description: expect.stringContaining('"nobody@contoso.com"') });
  });

  it("refuses to guess when two users have the name", async () => {
    const { users, seen } = server([200, page([person(1, "twin@contoso.com"), person(2, "TWIN@contoso.com")])]);
    const error = await users.byPrincipalName("twin@contoso.com").get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartnerCenterError);
    expect((error as Error).message).toMatch(/refusing to guess/);
    expect(seen).toHaveLength(1);
  });

  it("looks among the deleted users when asked to", async () => {
    const { users, seen } = server([200, page([person(3, "gone@contoso.com")])], [200, person(3)]);
    await users.byPrincipalName("gone@contoso.com", { deleted: true }).get();
    expect(seen[0]?.url.searchParams.get("filter")).toContain("UserState");
  });

  it("refuses an empty name at once", () => {
    const { users } = server();
    expect(() => users.byPrincipalName("")).toThrow(PartnerCenterArgumentError);
  });
});
