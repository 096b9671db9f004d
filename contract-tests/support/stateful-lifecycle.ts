// The stateful fake's half for the rest of a user's lifecycle (issue 20): create and delete users,
// licences counted per SKU, directory roles and their members — with the invariants a real tenant
// keeps: a SKU's consumed units are the active users holding it and never exceed its total (400
// 60012 past it, as ASSIGN documents); a deleted user's licences are released; an unknown user,
// role or membership is a 404. stateful-fake.ts checks every answer against the spec.
import { randomUUID } from "node:crypto";
import type { FakeUser } from "./stateful-fake.ts";

export interface FakeSku {
  readonly id: string;
  readonly skuPartNumber: string;
  readonly totalUnits: number;
  /** Its licence group, as answers spell it (default group1). */
  readonly group?: "group1" | "group2";
}

export interface FakeRole {
  readonly id: string;
  readonly name: string;
}

export interface LifecycleState {
  readonly users: Map<string, FakeUser>;
  readonly skus: readonly FakeSku[];
  readonly roles: readonly FakeRole[];
  /** User id → the SKU ids assigned to the user. */
  readonly licenses: Map<string, Set<string>>;
  /** Role id → the ids of the users who hold it. */
  readonly members: Map<string, Set<string>>;
  /**
   * How many licence assignments of a just-created user are refused with "invalid usage location"
   * before its usage location is seen (a real tenant takes tens of seconds; counted here, not timed).
   */
  readonly usageLocationLag?: number;
  /** User id → refusals still to come (usageLocationLag). */
  readonly usageLocationUnseen?: Map<string, number>;
}

export interface FakeAnswer {
  readonly status: number;
  readonly body?: unknown;
}

const fault = (status: number, code: number, description: string): FakeAnswer => ({ status, body: { code, description, data: [], source: "PartnerFD" } });
const userNotFound = () => fault(404, 60002, "User object ID not found.");
const invalid = (why: string) => ({ status: 400, body: { code: 800002, description: "The request input is invalid.", data: [why], source: "PartnerFD" } });
const collection = (items: readonly unknown[]) => ({ totalCount: items.length, items, attributes: { objectType: "Collection" } });
const attributes = (objectType: string) => ({ objectType });

/** The users holding a SKU: what its consumed units count (a deleted user's are released when it is deleted). */
export function consumed(state: LifecycleState, skuId: string): number {
  return [...state.licenses.values()].filter((skus) => skus.has(skuId)).length;
}

function subscribedSku(state: LifecycleState, sku: FakeSku) {
  const used = consumed(state, sku.id);
  return {
    availableUnits: sku.totalUnits - used,
    activeUnits: sku.totalUnits,
    consumedUnits: used,
    suspendedUnits: 0,
    totalUnits: sku.totalUnits,
    warningUnits: 0,
    productSku: { id: sku.id, skuPartNumber: sku.skuPartNumber, targetType: "User", licenseGroupId: sku.group ?? "group1" },
    capabilityStatus: "Enabled",
    attributes: attributes("SubscribedSku"),
  };
}

const member = (user: FakeUser, roleId: string) => ({ id: user.id, displayName: user.displayName, userPrincipalName: user.userPrincipalName, roleId, attributes: attributes("UserMember") });

function updateLicenses(state: LifecycleState, user: FakeUser, update: { licensesToAssign?: { skuId: string }[] | null; licensesToRemove?: string[] | null }): FakeAnswer {
  const unseen = state.usageLocationUnseen?.get(user.id) ?? 0;
  if (unseen > 0 && (update.licensesToAssign ?? []).length > 0) {
    state.usageLocationUnseen?.set(user.id, unseen - 1);
    // Graph's wording; Partner Center documents no code for it, so the fake uses its "invalid input" one.
    return { status: 400, body: { code: 800002, description: "License assignment cannot be done for user with invalid usage location.", data: [], source: "PartnerFD" } };
  }
  const held = state.licenses.get(user.id) ?? new Set<string>();
  // One licence group per request, as ASSIGN says.
  const named = [...(update.licensesToAssign ?? []).map(({ skuId }) => skuId), ...(update.licensesToRemove ?? [])];
  const groups = new Set(named.map((skuId) => state.skus.find((sku) => sku.id === skuId)?.group ?? "group1"));
  if (groups.size > 1) return invalid("licences of more than one licence group in one request");
  for (const skuId of update.licensesToRemove ?? []) if (!held.has(skuId)) return invalid(`User does not have a corresponding license: ${skuId}`);
  for (const { skuId } of update.licensesToAssign ?? []) {
    const sku = state.skus.find((candidate) => candidate.id === skuId);
    if (!sku) return invalid(`unknown SKU ${skuId}`);
    if (!held.has(skuId) && consumed(state, skuId) >= sku.totalUnits) {
      return { status: 400, body: { code: 60012, description: "We&#39;re sorry, it looks like you've run out of licenses. Buy more licenses, and then try again.", data: [`LicenseQuotaExceededException : SKU ${skuId} does not have any available licenses left.`], source: "PartnerFD" } };
    }
  }
  for (const skuId of update.licensesToRemove ?? []) held.delete(skuId);
  for (const { skuId } of update.licensesToAssign ?? []) held.add(skuId);
  state.licenses.set(user.id, held);
  const echo = { ...(update.licensesToAssign ? { licensesToAssign: update.licensesToAssign.map(({ skuId }) => ({ skuId })) } : {}), ...(update.licensesToRemove ? { licensesToRemove: update.licensesToRemove } : {}) };
  return { status: 201, body: { ...echo, licenseWarnings: [], attributes: attributes("LicenseUpdate") } };
}

/** The answer to a lifecycle request on the customer's routes (`rest`: the path after /v1/customers/{id}), or undefined when it is not one. */
export function lifecycleAnswer(state: LifecycleState, method: string, rest: string, body: string, shown: (user: FakeUser) => unknown): FakeAnswer | undefined {
  const parsed = body === "" ? undefined : (JSON.parse(body) as Record<string, unknown>);
  const active = (userId: string | undefined) => {
    const user = userId === undefined ? undefined : state.users.get(userId);
    return user?.state === "active" ? user : undefined;
  };
  if (method === "POST" && rest === "/users") {
    const { passwordProfile: _password, attributes: _attributes, ...fields } = parsed as Record<string, string>;
    if ([...state.users.values()].some((user) => user.userPrincipalName.toLowerCase() === fields["userPrincipalName"]?.toLowerCase())) return invalid("userPrincipalName is taken");
    const user: FakeUser = { ...(fields as unknown as FakeUser), id: randomUUID(), state: "active" };
    state.users.set(user.id, user);
    if (state.usageLocationLag) state.usageLocationUnseen?.set(user.id, state.usageLocationLag);
    return { status: 200, body: shown(user) };
  }
  if (method === "GET" && rest === "/subscribedskus") return { status: 200, body: collection(state.skus.map((sku) => subscribedSku(state, sku))) };
  if (method === "GET" && rest === "/directoryroles") return { status: 200, body: collection(state.roles.map((role) => ({ ...role, attributes: attributes("DirectoryRole") }))) };

  let match = /^\/users\/([^/]+)(?:\/(licenses|licenseupdates|directoryroles))?$/.exec(rest);
  if (match) {
    const [, userId, what] = match;
    if (method === "DELETE" && what === undefined) {
      const user = active(userId);
      if (!user) return userNotFound();
      user.state = "inactive";
      user.softDeletionTime = new Date().toISOString().replace(/\.\d+Z$/, "Z");
      // Its licences go back to the customer's pool; its roles go with it.
      state.licenses.delete(user.id);
      for (const holders of state.members.values()) holders.delete(user.id);
      return { status: 204 };
    }
    if (what === undefined) return undefined;
    const user = active(userId);
    if (!user) return userNotFound();
    if (method === "GET" && what === "licenses") {
      const held = [...(state.licenses.get(user.id) ?? [])].map((skuId) => {
        const sku = state.skus.find((candidate) => candidate.id === skuId);
        return { servicePlans: [], productSku: { id: skuId, skuPartNumber: sku?.skuPartNumber, licenseGroupId: sku?.group ?? "group1" }, attributes: attributes("License") };
      });
      return { status: 200, body: collection(held) };
    }
    if (method === "POST" && what === "licenseupdates") return updateLicenses(state, user, parsed as Parameters<typeof updateLicenses>[2]);
    if (method === "GET" && what === "directoryroles") {
      const held = state.roles.filter((role) => state.members.get(role.id)?.has(user.id));
      return { status: 200, body: collection(held.map((role) => ({ ...role, attributes: attributes("DirectoryRole") }))) };
    }
    return undefined;
  }
  match = /^\/directoryroles\/([^/]+)\/usermembers(?:\/([^/]+))?$/.exec(rest);
  if (match) {
    const [, roleId = "", userId] = match;
    if (!state.roles.some((role) => role.id === roleId)) return fault(404, 60002, "Directory role not found.");
    const holders = state.members.get(roleId) ?? new Set<string>();
    state.members.set(roleId, holders);
    if (method === "GET" && userId === undefined) return { status: 200, body: collection([...holders].map((id) => member(state.users.get(id) as FakeUser, roleId))) };
    if (method === "POST" && userId === undefined) {
      const user = active((parsed as { id?: string }).id);
      if (!user) return userNotFound();
      holders.add(user.id);
      return { status: 201, body: member(user, roleId) };
    }
    if (method === "DELETE" && userId !== undefined) {
      if (!holders.delete(userId)) return userNotFound();
      return { status: 204 };
    }
  }
  return undefined;
}
