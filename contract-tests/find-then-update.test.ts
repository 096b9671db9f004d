// Find, then update, against the stateful fake (support/stateful-fake.ts), whose every response is
// checked against the spec: listing across pages as x-paging says, a transient failure on a later
// page, finding a user by sign-in name, and delete → list deleted → restore.
import { afterEach, describe, expect, it } from "vitest";
import { loadDereferencedSpec } from "../scripts/lib/spec.ts";
import { createPartnerCenterClient, type CustomerUser } from "../src/index.ts";
import { startStatefulFake, type FakeOptions, type FakeUser, type StatefulFake } from "./support/stateful-fake.ts";

const spec = await loadDereferencedSpec();
const customerId = "2f6c9d3b-1e4a-4b7c-8d2e-5a9f0b3c6d71";
const people: FakeUser[] = Array.from({ length: 7 }, (_, i) => ({
  id: `0c5b7e0e-8f3a-4a4e-9d1e-00000000000${i}`,
  userPrincipalName: `user${i}@contoso.onmicrosoft.com`,
  displayName: `User ${i}`,
  state: "active",
}));

let fake: StatefulFake | undefined;
afterEach(async () => {
  // The fake may not drift from the contract: no response it sent departed from the spec.
  expect(fake?.violations).toEqual([]);
  await fake?.close();
  fake = undefined;
});

async function start(options: FakeOptions) {
  fake = await startStatefulFake(spec, customerId, people, options);
  const users = createPartnerCenterClient({ credential: "fake-token", baseUrl: fake.url, retry: { baseDelayMs: 0 } }).customers.byId(customerId).users;
  return { fake, users };
}

async function all(iterable: AsyncIterable<CustomerUser>): Promise<string[]> {
  const names: string[] = [];
  for await (const user of iterable) names.push(user.userPrincipalName);
  return names;
}

describe("list() against a server that pages", () => {
  it("reads every user across pages whose next links come with and without /v1, ending at the empty token", async () => {
    const { fake, users } = await start({ pageSize: 2, nextBy: "link" });
    expect(await all(users.list())).toEqual(people.map((p) => p.userPrincipalName));
    expect(fake.seen).toHaveLength(4);
    expect(fake.seen.every((line) => !line.includes("/v1/v1"))).toBe(true);
  });

  it("follows the continuation token when a page has no next link", async () => {
    const { fake, users } = await start({ pageSize: 3, nextBy: "token" });
    expect(await all(users.list())).toHaveLength(people.length);
    expect(fake.seen.slice(1).every((line) => line.includes("seekOperation=Next"))).toBe(true);
  });

  it("retries a transient 503 on page 2 and still reads every user", async () => {
    const { fake, users } = await start({ pageSize: 2, nextBy: "link", failOncePage: 2 });
    expect(await all(users.list())).toHaveLength(people.length);
    expect(fake.seen).toHaveLength(5);
  });
});

describe("find by sign-in name, then update", () => {
  it("updates the user a UPN names, after one scan of the listing", async () => {
    const { fake, users } = await start({ pageSize: 2, nextBy: "link" });
    const target = people[5] as FakeUser;
    const user = users.byPrincipalName(target.userPrincipalName.toUpperCase());
    expect((await user.patch({ usageLocation: "GB" })).usageLocation).toBe("GB");
    expect((await user.get()).usageLocation).toBe("GB");
    // One scan: each of the 4 pages once (the whole listing, to be sure no second user has the name), then the user twice.
    const pages = fake.seen.filter((line) => /\/users(\?|$)/.test(line));
    expect(pages).toHaveLength(Math.ceil(people.length / 2));
    expect(fake.seen.filter((line) => line.includes(`/users/${target.id}`))).toEqual([`PATCH /v1/customers/${customerId}/users/${target.id}`, `GET /v1/customers/${customerId}/users/${target.id}`]);
    expect(fake.users.get(target.id)?.usageLocation).toBe("GB");
  });

  it("deletes, lists the deleted, restores by UPN, and the user is back in the active list", async () => {
    const { fake, users } = await start({ pageSize: 2, nextBy: "link" });
    const target = people[2] as FakeUser;
    fake.softDelete(target.id);
    expect(await all(users.list())).not.toContain(target.userPrincipalName);
    const deleted: CustomerUser[] = [];
    for await (const user of users.list({ deleted: true })) deleted.push(user);
    expect(deleted).toMatchObject([{ id: target.id, state: "inactive", softDeletionTime: expect.any(String) }]);
    await users.byPrincipalName(target.userPrincipalName, { deleted: true }).patch({ state: "active" });
    expect(await all(users.list())).toContain(target.userPrincipalName);
  });
});

describe("the fake cannot drift from the contract", () => {
  it("records a response that departs from the spec (an undocumented field on a user), which the client refuses too", async () => {
    const { fake, users } = await start({ pageSize: 2, nextBy: "link" });
    const target = people[0] as FakeUser;
    Object.assign(fake.users.get(target.id) ?? {}, { nickname: "Ada" });
    await expect(users.byId(target.id).get()).rejects.toMatchObject({ name: "PartnerCenterInvalidResponseError", issues: [{ path: "body.nickname", message: "is not a known property" }] });
    expect(fake.violations).toEqual([expect.stringContaining("must NOT have additional properties")]);
    fake.violations.length = 0; // shown; the check after each test would fail on it otherwise
  });

  it("answers a request that carries no MS-RequestId or MS-CorrelationId with new GUIDs, as the spec's headers require", async () => {
    const { fake } = await start({ pageSize: 2, nextBy: "link" });
    const response = await fetch(`${fake.url}/v1/customers/${customerId}/users`, { headers: { authorization: "Bearer fake-token" } });
    await response.arrayBuffer();
    const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    expect(response.headers.get("ms-requestid")).toMatch(guid);
    expect(response.headers.get("ms-correlationid")).toMatch(guid);
  });

  it("answers a route the spec does not have with 404 RouteNotFound, not the customer's Tenant not found", async () => {
    const { fake } = await start({ pageSize: 2, nextBy: "link" });
    const response = await fetch(`${fake.url}/v1/customers/${customerId}/usrs`, { headers: { authorization: "Bearer fake-token" } });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: "RouteNotFound", description: `The fake serves no GET /v1/customers/${customerId}/usrs.` });
    expect(fake.violations).toEqual([`GET /v1/customers/${customerId}/usrs: GET /v1/customers/${customerId}/usrs is no operation of the spec`]);
    fake.violations.length = 0; // shown: a client's request off the spec is recorded, whatever the fake answers
  });
});
