// Licences, the fluent way: a user's (list, assign, remove) and the customer's subscribed SKUs with
// their counts. Each call goes through the one pipeline (src/calls.ts); shapes are the generated types.
import type { components } from "../generated/partner-center-users.js";
import { argumentError } from "./errors/argument-error.js";
import { callFor } from "./calls.js";
import { operationRules } from "./operations.js";
import type { CallOptions } from "./options.js";
import type { Pipeline } from "./pipeline.js";

export type License = components["schemas"]["License"];
export type LicenseCollection = components["schemas"]["LicenseCollection"];
export type LicenseUpdate = components["schemas"]["LicenseUpdate"];
export type LicenseUpdateResult = components["schemas"]["LicenseUpdateResult"];
export type LicenseAssignment = components["schemas"]["LicenseAssignment"];
export type SubscribedSku = components["schemas"]["SubscribedSku"];
/** `Group1` (licences Azure AD manages, the default) or `Group2` (Minecraft). */
export type LicenseGroup = NonNullable<components["parameters"]["LicenseGroupIds"]>[number];

/** Options of a licence listing: the groups to include (default: the server's, `Group1`). */
export interface LicenseListOptions extends CallOptions {
  readonly groups?: readonly LicenseGroup[] | undefined;
}

export interface UserLicenseOperations {
  /** The user's licences (one request; the API does not page them). */
  list(options?: LicenseListOptions): Promise<License[]>;
  /** Assigns licences, by product SKU id or as assignments with excluded plans; one licence group per call. */
  assign(licenses: readonly (string | LicenseAssignment)[], options?: CallOptions): Promise<LicenseUpdateResult>;
  /** Removes licences, by product SKU id. */
  remove(skuIds: readonly string[], options?: CallOptions): Promise<LicenseUpdateResult>;
  /** Assigns and removes in one request, as the spec's LicenseUpdate says. */
  update(update: LicenseUpdate, options?: CallOptions): Promise<LicenseUpdateResult>;
}

export interface SubscribedSkuOperations {
  /** The customer's subscribed SKUs, with total, consumed and available units (one request). */
  list(options?: LicenseListOptions): Promise<SubscribedSku[]>;
}

function groupQuery(groups: readonly LicenseGroup[] | undefined): URLSearchParams {
  const query = new URLSearchParams();
  for (const group of groups ?? []) query.append("licenseGroupIds", group);
  return query;
}

const attributes = { objectType: "LicenseUpdate" } as const;

export function userLicenses(call: Pipeline, customerId: string, userId: () => Promise<string> | string): UserLicenseOperations {
  const path = async () => ({ "customer-tenant-id": customerId, "user-id": await userId() });
  const update = async (value: LicenseUpdate, options: CallOptions = {}) =>
    (await callFor(call, operationRules.updateCustomerUserLicenses, { path: await path(), body: { value, argument: "update" } }, options)) as LicenseUpdateResult;
  const list = (what: readonly unknown[] | undefined, argument: string) => {
    if (!Array.isArray(what) || what.length === 0) throw argumentError(argument, "must be a non-empty list");
    return what;
  };
  return {
    async list(options = {}) {
      const page = (await callFor(call, operationRules.listCustomerUserLicenses, { path: await path(), query: groupQuery(options.groups) }, options)) as LicenseCollection;
      return page.items;
    },
    assign: (licenses, options) =>
      update({ licensesToAssign: list(licenses, "licenses").map((license) => (typeof license === "string" ? { skuId: license } : license)), attributes }, options),
    remove: (skuIds, options) => update({ licensesToRemove: [...(list(skuIds, "skuIds") as string[])], attributes }, options),
    update,
  };
}

export function subscribedSkus(call: Pipeline, customerId: string): SubscribedSkuOperations {
  return {
    async list(options = {}) {
      const path = { "customer-tenant-id": customerId };
      const page = (await callFor(call, operationRules.listCustomerSubscribedSkus, { path, query: groupQuery(options.groups) }, options)) as components["schemas"]["SubscribedSkuCollection"];
      return page.items;
    },
  };
}
