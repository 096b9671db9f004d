// The rest of a user's lifecycle through the fluent API (issue 20): create, delete, reset a
// password, licences, SKUs and directory roles. Partner Center is an injected fetch here; the
// contract suite sends the pages' documented examples to Prism.
import { describe, expect, it, vi } from "vitest";
import { createPartnerCenterClient, PartnerCenterArgumentError, PartnerCenterBadRequestError, PartnerCenterInvalidResponseError, type PartnerCenterLogEntry } from "./index.js";

const customerId = "4d3cf487-70f4-4e1e-9ff1-b2bfce8d9f04";
const userId = "a9ef48bb-8758-4590-a312-d4a47bfaded4";
const roleId = "f023fd81-a637-4b56-95fd-791ac0226033";
const skuId = "f8a1db68-be16-40ed-86d5-cb42ce701560";
const password = "Zq7!secret-Pw";
const user = { id: userId, userPrincipalName: "ada@contoso.com", attributes: { objectType: "CustomerUser" } };
const collection = (items: unknown[], extra: object = {}) => ({ totalCount: items.length, items, attributes: { objectType: "Collection" }, ...extra });

interface Sent {
  readonly method: string;
  readonly url: URL;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

/** A fetch answering from a queue of (status, body; undefined for none), recording each request. */
function server(...answers: Array<[number, unknown?]>) {
  const sent: Sent[] = [];
  const log: PartnerCenterLogEntry[] = [];
  const fetch = vi.fn(async (url: string, init: RequestInit) => {
    sent.push({ method: init.method ?? "GET", url: new URL(url), headers: init.headers as Record<string, string>, body: init.body ? JSON.parse(init.body as string) : undefined });
    const [status, body] = answers.shift() ?? [500, { code: 800003, description: "no more answers", source: "test" }];
    return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  });
  const customer = createPartnerCenterClient({ credential: "t", fetch, retry: { baseDelayMs: 0 }, log: (entry) => log.push(entry) }).customers.byId(customerId);
  return { customer, sent, fetch, log };
}

describe("create()", () => {
  const newUser = { userPrincipalName: "ada@contoso.com", displayName: "Ada", usageLocation: "GB", passwordProfile: { password, forceChangePassword: true } };

  it("POSTs the new user and resolves to it, with its id", async () => {
    const { customer, sent } = server([200, user]);
    await expect(customer.users.create(newUser)).resolves.toEqual(user);
    expect(sent[0]).toMatchObject({ method: "POST", body: newUser });
    expect(sent[0]?.url.pathname).toBe(`/v1/customers/${customerId}/users`);
  });

  it("keeps its MS-RequestId on every retry (the POST's idempotency key)", async () => {
    const { customer, sent } = server([503, { code: "ServiceUnavailable", description: "busy", source: "PartnerFD" }], [200, user]);
    await customer.users.create(newUser);
    expect(sent).toHaveLength(2);
    expect(sent[1]?.headers["ms-requestid"]).toBe(sent[0]?.headers["ms-requestid"]);
  });

  it("refuses a user without a password before anything is sent", async () => {
    const { customer, fetch } = server();
    const { passwordProfile: _, ...withoutPassword } = newUser;
    await expect(customer.users.create(withoutPassword as typeof newUser)).rejects.toMatchObject({ argument: "user", issues: [{ path: "user.passwordProfile", message: "is required" }] });
    expect(fetch).not.toHaveBeenCalled();
  });

  it("never puts the new password in a log entry or an error, even when the server echoes it", async () => {
    const echo = { code: 800002, description: `The password ${password} is too common.`, data: [password], source: "PartnerFD" };
    const { customer, log } = server([400, echo]);
    const error = await customer.users.create(newUser).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartnerCenterBadRequestError);
    expect(`${String(error)} ${JSON.stringify(error)} ${(error as Error).stack}`).not.toContain(password);
    expect(log.length).toBeGreaterThan(0);
    expect(JSON.stringify(log)).not.toContain(password);
  });
});

describe("byId(u).delete()", () => {
  it("DELETEs the user and resolves to nothing on 204", async () => {
    const { customer, sent } = server([204]);
    await expect(customer.users.byId(userId).delete()).resolves.toBeUndefined();
    expect(sent[0]).toMatchObject({ method: "DELETE", body: undefined });
    expect(sent[0]?.url.pathname).toBe(`/v1/customers/${customerId}/users/${userId}`);
  });

  it("refuses an answer other than the documented 204", async () => {
    const { customer } = server([200, user]);
    await expect(customer.users.byId(userId).delete()).rejects.toBeInstanceOf(PartnerCenterInvalidResponseError);
  });
});

describe("byId(u).resetPassword()", () => {
  it("sends the new password with the verified PATCH of the user by default, and never returns an echo of it", async () => {
    const { customer, sent } = server([200, { ...user, passwordProfile: { password, forceChangePassword: false } }]);
    const updated = await customer.users.byId(userId).resetPassword({ password, forceChangePassword: true });
    expect(sent[0]).toMatchObject({ method: "PATCH", body: { passwordProfile: { password, forceChangePassword: true } } });
    expect(sent[0]?.url.pathname).toBe(`/v1/customers/${customerId}/users/${userId}`);
    expect(JSON.stringify(updated)).not.toContain(password);
  });

  it("uses the unverified …/resetpassword route only when asked to", async () => {
    const { customer, sent } = server([200, user]);
    await customer.users.byId(userId).resetPassword({ password }, { via: "resetpassword" });
    expect(sent[0]?.url.pathname).toBe(`/v1/customers/${customerId}/users/${userId}/resetpassword`);
  });

  it("refuses a weak password before sending, without quoting it", async () => {
    const { customer, fetch } = server();
    const error = await customer.users.byId(userId).resetPassword({ password: "weakweak" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartnerCenterArgumentError);
    expect((error as Error).message).not.toContain("weakweak");
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe("licences", () => {
  const license = { productSku: { id: skuId, licenseGroupId: "group1" }, attributes: { objectType: "License" } };

  it("lists a user's licences, each licence group asked for as a licenseGroupIds of its own", async () => {
    const { customer, sent } = server([200, collection([license])]);
    await expect(customer.users.byId(userId).licenses.list({ groups: ["Group1", "Group2"] })).resolves.toEqual([license]);
    expect(sent[0]?.url.searchParams.getAll("licenseGroupIds")).toEqual(["Group1", "Group2"]);
  });

  it("refuses a licence group the spec does not list, before sending", async () => {
    const { customer, fetch } = server();
    await expect(customer.users.byId(userId).licenses.list({ groups: ["group1" as "Group1"] })).rejects.toMatchObject({ argument: "groups" });
    expect(fetch).not.toHaveBeenCalled();
  });

  it("assigns by SKU id and removes by SKU id, each as one licence update", async () => {
    const result = { licensesToAssign: [{ skuId }], licenseWarnings: [], attributes: { objectType: "LicenseUpdate" } };
    const { customer, sent } = server([201, result], [201, { licensesToRemove: [skuId], attributes: { objectType: "LicenseUpdate" } }]);
    await expect(customer.users.byId(userId).licenses.assign([skuId])).resolves.toEqual(result);
    await customer.users.byId(userId).licenses.remove([skuId]);
    expect(sent.map((s) => [s.method, s.url.pathname, s.body])).toEqual([
      ["POST", `/v1/customers/${customerId}/users/${userId}/licenseupdates`, { licensesToAssign: [{ skuId }], attributes: { objectType: "LicenseUpdate" } }],
      ["POST", `/v1/customers/${customerId}/users/${userId}/licenseupdates`, { licensesToRemove: [skuId], attributes: { objectType: "LicenseUpdate" } }],
    ]);
  });

  it("refuses an empty list of licences to assign or remove", async () => {
    const { customer, fetch } = server();
    expect(() => customer.users.byId(userId).licenses.assign([])).toThrow(PartnerCenterArgumentError);
    expect(() => customer.users.byId(userId).licenses.remove([])).toThrow(PartnerCenterArgumentError);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("lists the customer's subscribed SKUs with their counts", async () => {
    const sku = { availableUnits: 4, consumedUnits: 1, totalUnits: 5, productSku: { id: skuId }, attributes: { objectType: "SubscribedSku" } };
    const { customer, sent } = server([200, collection([sku])]);
    await expect(customer.subscribedSkus.list()).resolves.toEqual([sku]);
    expect(sent[0]?.url.pathname).toBe(`/v1/customers/${customerId}/subscribedskus`);
  });
});

describe("directory roles", () => {
  const role = { id: roleId, name: "Service Support Administrator", attributes: { objectType: "DirectoryRole" } };
  const member = (n: number) => ({ id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`, attributes: { objectType: "UserMember" } });

  it("lists the customer's roles and a user's roles", async () => {
    const { customer, sent } = server([200, collection([role])], [200, collection([role])]);
    await expect(customer.directoryRoles.list()).resolves.toEqual([role]);
    await expect(customer.users.byId(userId).roles.list()).resolves.toEqual([role]);
    expect(sent.map((s) => s.url.pathname)).toEqual([`/v1/customers/${customerId}/directoryroles`, `/v1/customers/${customerId}/users/${userId}/directoryroles`]);
  });

  it("lists a role's members across pages, as the spec's x-paging says", async () => {
    const { customer, sent } = server([200, collection([member(1)], { continuationToken: "t1" })], [200, collection([member(2)])]);
    const ids: string[] = [];
    for await (const m of customer.directoryRoles.byId(roleId).members.list({ pageSize: 1 })) ids.push(m.id);
    expect(ids).toEqual([member(1).id, member(2).id]);
    expect(sent[1]?.headers["ms-continuationtoken"]).toBe("t1");
    expect(sent[1]?.url.searchParams.get("seekOperation")).toBe("Next");
  });

  it("adds a member with the UserMember attributes and removes one with a DELETE answered 204", async () => {
    const added = { id: userId, displayName: "Ada", userPrincipalName: "ada@contoso.com", roleId, attributes: { objectType: "UserMember" } };
    const { customer, sent } = server([201, added], [204]);
    const members = customer.directoryRoles.byId(roleId).members;
    await expect(members.add({ id: userId, displayName: "Ada", userPrincipalName: "ada@contoso.com" })).resolves.toEqual(added);
    await expect(members.remove(userId)).resolves.toBeUndefined();
    expect(sent.map((s) => [s.method, s.url.pathname])).toEqual([
      ["POST", `/v1/customers/${customerId}/directoryroles/${roleId}/usermembers`],
      ["DELETE", `/v1/customers/${customerId}/directoryroles/${roleId}/usermembers/${userId}`],
    ]);
    expect(sent[0]?.body).toEqual({ id: userId, displayName: "Ada", userPrincipalName: "ada@contoso.com", attributes: { objectType: "UserMember" } });
  });

  it("keeps an add's MS-RequestId on every retry", async () => {
    const { customer, sent } = server([429, { statusCode: 429, message: "slow down" }], [201, { id: userId, attributes: { objectType: "UserMember" } }]);
    await customer.directoryRoles.byId(roleId).members.add({ id: userId, displayName: "Ada", userPrincipalName: "ada@contoso.com" });
    expect(sent).toHaveLength(2);
    expect(sent[1]?.headers["ms-requestid"]).toBe(sent[0]?.headers["ms-requestid"]);
  });
});
