// A user's whole lifecycle against the stateful fake (support/stateful-fake.ts and
// stateful-lifecycle.ts), whose every answer is checked against the spec: create, licence, give a
// role, audit, then offboard — with the invariants a tenant keeps (licence counts, out of licences,
// a deleted user's licences released, 404s for what is not there).
import { afterEach, describe, expect, it } from "vitest";
import { loadDereferencedSpec } from "../scripts/lib/spec.ts";
import { createPartnerCenterClient, PartnerCenterBadRequestError, PartnerCenterNotFoundError } from "../src/index.ts";
import { startStatefulFake, type StatefulFake } from "./support/stateful-fake.ts";

const spec = await loadDereferencedSpec();
const customerId = "2f6c9d3b-1e4a-4b7c-8d2e-5a9f0b3c6d71";
const sku = { id: "f8a1db68-be16-40ed-86d5-cb42ce701560", skuPartNumber: "POWER_BI_PRO", totalUnits: 1 };
const role = { id: "729827e3-9c14-49f7-bb1b-9608f156bbb8", name: "Helpdesk Administrator" };
const password = { password: "Aa1-welcome-9", forceChangePassword: true };

let fake: StatefulFake | undefined;
afterEach(async () => {
  // The fake may not drift from the contract: no answer it sent departed from the spec.
  expect(fake?.violations).toEqual([]);
  await fake?.close();
  fake = undefined;
});

async function start() {
  fake = await startStatefulFake(spec, customerId, [], { pageSize: 10, nextBy: "token", skus: [sku], roles: [role] });
  return createPartnerCenterClient({ credential: "fake-token", baseUrl: fake.url, retry: { baseDelayMs: 0 } }).customers.byId(customerId);
}

const newUser = (alias: string) => ({ userPrincipalName: `${alias}@contoso.onmicrosoft.com`, displayName: alias, usageLocation: "GB", passwordProfile: password });
const units = async (customer: Awaited<ReturnType<typeof start>>) => {
  const [found] = await customer.subscribedSkus.list();
  return { available: found?.availableUnits, consumed: found?.consumedUnits };
};

describe("onboarding and offboarding against a tenant that keeps count", () => {
  it("counts a licence as consumed once assigned, and refuses one past the total (400 60012)", async () => {
    const customer = await start();
    const ada = await customer.users.create(newUser("ada"));
    const bob = await customer.users.create(newUser("bob"));
    await customer.users.byId(ada.id).licenses.assign([sku.id]);
    expect(await units(customer)).toEqual({ available: 0, consumed: 1 });
    expect((await customer.users.byId(ada.id).licenses.list()).map((license) => license.productSku.id)).toEqual([sku.id]);
    const refused = await customer.users.byId(bob.id).licenses.assign([sku.id]).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PartnerCenterBadRequestError);
    expect(refused).toMatchObject({ code: 60012 });
  });

  it("releases a deleted user's licences and roles; the user is then listed only as deleted", async () => {
    const customer = await start();
    const ada = await customer.users.create(newUser("ada"));
    await customer.users.byId(ada.id).licenses.assign([sku.id]);
    await customer.directoryRoles.byId(role.id).members.add({ id: ada.id, displayName: "ada", userPrincipalName: ada.userPrincipalName });
    expect((await customer.users.byId(ada.id).roles.list()).map((held) => held.name)).toEqual([role.name]);
    await customer.users.byId(ada.id).delete();
    expect(await units(customer)).toEqual({ available: 1, consumed: 0 });
    const members: string[] = [];
    for await (const member of customer.directoryRoles.byId(role.id).members.list()) members.push(member.id);
    expect(members).toEqual([]);
    const deleted: string[] = [];
    for await (const user of customer.users.list({ deleted: true })) deleted.push(user.id);
    expect(deleted).toEqual([ada.id]);
  });

  it("answers 404 for a user, a licence update or a membership that is not there", async () => {
    const customer = await start();
    const ada = await customer.users.create(newUser("ada"));
    await customer.users.byId(ada.id).delete();
    await expect(customer.users.byId(ada.id).delete()).rejects.toBeInstanceOf(PartnerCenterNotFoundError);
    await expect(customer.users.byId(ada.id).licenses.list()).rejects.toBeInstanceOf(PartnerCenterNotFoundError);
    await expect(customer.directoryRoles.byId(role.id).members.remove(ada.id)).rejects.toBeInstanceOf(PartnerCenterNotFoundError);
  });

  it("refuses to remove a licence the user does not have, and a second user with a taken sign-in name", async () => {
    const customer = await start();
    const ada = await customer.users.create(newUser("ada"));
    await expect(customer.users.byId(ada.id).licenses.remove([sku.id])).rejects.toBeInstanceOf(PartnerCenterBadRequestError);
    await expect(customer.users.create(newUser("ADA"))).rejects.toBeInstanceOf(PartnerCenterBadRequestError);
  });

  it("never stores or returns the new user's password", async () => {
    const customer = await start();
    const ada = await customer.users.create(newUser("ada"));
    expect(JSON.stringify(ada)).not.toContain(password.password);
    expect(JSON.stringify([...(fake?.users.values() ?? [])])).not.toContain(password.password);
  });
});
