// What other clients send and get — the .NET SDK's list query (size=0, sortField, sortDirection),
// its PascalCase bodies, the reset-password page's echoed passwordProfile, a page's previous link —
// against the spec, the mock and the typed client: accepted where the server takes it, refused
// where this client's own requests must stay strict.
import { describe, expect, it } from "vitest";
import { operations } from "../generated/spec-rules.ts";
import { loadDereferencedSpec, updateOperation } from "../scripts/lib/spec.ts";
import { createPartnerCenterClient, PartnerCenterArgumentError } from "../src/index.ts";
import { nextPageParts, type PagingRules } from "../src/pager.ts";
import { ids, mockUrl, recordingFetch, testToken } from "./support/mock.ts";
import { validatorFor } from "./support/spec-ajv.ts";

const spec = await loadDereferencedSpec();
const listUrl = `${mockUrl}/v1/customers/${ids.customerId}/users`;
const auth = { authorization: `Bearer ${testToken}`, accept: "application/json" };
const client = (fetch = recordingFetch()) => createPartnerCenterClient({ credential: testToken, baseUrl: mockUrl, retry: false, fetch });

/** The reset-password page's 200 body (DOCS reset-user-password-for-a-customer.md), as the spec keeps it. */
const resetAnswer = (updateOperation(spec).responses["200"] as { content: Record<string, { examples: Record<string, { value: Record<string, unknown> }> }> }).content[
  "application/json"
]?.examples["reset"]?.value;

describe("the .NET SDK's list query", () => {
  it("size=0 (the SDK's 'server default'), sortField and sortDirection are taken by the mock without a violation", async () => {
    const response = await recordingFetch()(`${listUrl}?size=0&sortField=DisplayName&sortDirection=Ascending`, { headers: auth });
    expect(response.status).toBe(200);
    expect(response.headers.get("sl-violations")).toBeNull();
  });

  it("size 0 is sent by the typed client's list({ pageSize: 0 })", async () => {
    const fetch = recordingFetch();
    const users = [];
    for await (const user of client(fetch).customers.byId(ids.customerId).users.list({ pageSize: 0, maxPages: 1 })) users.push(user);
    expect(new URL(fetch.exchanges[0]?.request.url ?? "").searchParams.get("size")).toBe("0");
    expect(users.length).toBeGreaterThan(0);
  });

  it("sortField and sortDirection pass the client's check through pc.api, and a misspelt direction does not", async () => {
    const params = (sortDirection: string) => ({ path: { "customer-tenant-id": ids.customerId }, query: { sortField: "DisplayName", sortDirection } });
    const route = "/v1/customers/{customer-tenant-id}/users";
    expect((await client().api.GET(route, { params: params("Descending") } as never)).response.status).toBe(200);
    await expect(client().api.GET(route, { params: params("descending") } as never)).rejects.toBeInstanceOf(PartnerCenterArgumentError);
  });

  it("a next page keeps the first request's sort: a next link cannot change it", () => {
    const paging: PagingRules = operations.listCustomerUsers.paging;
    expect(paging.nextLinkQuery).not.toContain("sortField");
    expect(paging.nextLinkQuery).not.toContain("sortDirection");
    const first = { path: { "customer-tenant-id": ids.customerId }, query: new URLSearchParams({ sortField: "DisplayName", sortDirection: "Ascending" }), headers: {} };
    const page = {
      links: { next: { uri: `/customers/${ids.customerId}/users?sortField=UserPrincipalName&sortDirection=Descending&seekOperation=Next`, headers: [{ key: "MS-ContinuationToken", value: "t2" }] } },
    };
    const next = nextPageParts(operations.listCustomerUsers as never, paging, page, { baseUrl: mockUrl, first }, "c");
    expect(Object.fromEntries(new URLSearchParams(next?.query as URLSearchParams))).toEqual({ sortField: "DisplayName", sortDirection: "Ascending", seekOperation: "Next" });
  });
});

describe("a page with a previous link (NET's SeekBasedResourceCollection)", () => {
  it("is an answer on the spec: the typed client takes it", async () => {
    const page = { totalCount: 0, items: [], links: { self: { uri: "/customers/x/users", method: "GET" }, previous: { uri: "/customers/x/users?seekOperation=Previous", method: "GET" } }, attributes: { objectType: "Collection" } };
    const fetch = async () => new Response(JSON.stringify(page), { status: 200, headers: { "content-type": "application/json" } });
    const pc = createPartnerCenterClient({ credential: testToken, baseUrl: mockUrl, retry: false, fetch });
    const listed = [];
    for await (const user of pc.customers.byId(ids.customerId).users.list()) listed.push(user);
    expect(listed).toEqual([]);
  });
});

describe("the reset-password page's answer, which echoes passwordProfile", () => {
  it("is on the spec's PATCH 200 schema", () => {
    const schema = (updateOperation(spec).responses["200"] as { content: Record<string, { schema: object }> }).content["application/json"]?.schema ?? {};
    const validate = validatorFor(schema);
    expect(resetAnswer?.["passwordProfile"]).toEqual({ forceChangePassword: false, password: "Renew456*" });
    expect(validate(resetAnswer), JSON.stringify(validate.errors)).toBe(true);
  });

  it("reaches the caller of the typed client without the password", async () => {
    const fetch = async () => new Response(JSON.stringify(resetAnswer), { status: 200, headers: { "content-type": "application/json" } });
    const pc = createPartnerCenterClient({ credential: testToken, baseUrl: mockUrl, retry: false, fetch });
    const user = await pc.customers.byId(ids.customerId).users.byId(ids.userId).patch({ passwordProfile: { password: "Renew456*", forceChangePassword: true } });
    expect(user).toMatchObject({ id: resetAnswer?.["id"], usageLocation: "AX" });
    expect(JSON.stringify(user)).not.toContain("Renew456*");
  });
});

describe("the request body stays strict for what this client sends", () => {
  it("a PascalCase body, as the .NET SDK sends, is refused by the mock and by the client before sending", async () => {
    const response = await recordingFetch()(`${mockUrl}/v1/customers/${ids.customerId}/users/${ids.userId}`, {
      method: "PATCH",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ UsageLocation: "US", DisplayName: null, Attributes: { ObjectType: "CustomerUser" } }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("sl-violations")).toContain("UsageLocation");
    const fetch = recordingFetch();
    await expect(client(fetch).customers.byId(ids.customerId).users.byId(ids.userId).patch({ UsageLocation: "US" } as never)).rejects.toBeInstanceOf(PartnerCenterArgumentError);
    expect(fetch.exchanges).toEqual([]);
  });
});

