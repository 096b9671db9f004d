// A customer's users, the fluent way: list (every page), create, get, patch, delete, reset a
// password, and a user found by sign-in name — with the user's licences (src/licenses.ts) and roles
// (src/directory-roles.ts). Every call goes through the one pipeline (src/calls.ts); the shapes are
// the generated types, and the paging protocol and named filters come from the spec.
import type { components } from "../generated/partner-center-users.js";
import { argumentError } from "./errors/argument-error.js";
import { PartnerCenterError } from "./errors/partner-center-error.js";
import { PartnerCenterUserNotFoundError } from "./errors/http-errors.js";
import { principalNameKey } from "./ids.js";
import { operations } from "../generated/spec-rules.js";
import { callFor, callForNothing, fluentNames } from "./calls.js";
import { userRoles, type UserRoleOperations } from "./directory-roles.js";
import { userLicenses, type UserLicenseOperations } from "./licenses.js";
import { operationRules } from "./operations.js";
import type { CallOptions, ListOptions } from "./options.js";
import { listingLocation, pagedListing, type PagedListing, type PagingRules } from "./pager.js";
import type { Pipeline } from "./pipeline.js";

export type CustomerUser = components["schemas"]["CustomerUser"];
export type CustomerUserPatch = components["schemas"]["CustomerUserPatch"];
export type CustomerUserPage = components["schemas"]["CustomerUserCollection"];
export type CustomerUserCreate = components["schemas"]["CustomerUserCreate"];
export type PasswordProfile = components["schemas"]["PasswordProfile"];

/** Options of `resetPassword()`: by default the plain PATCH of the user (verified); `via: "resetpassword"` uses the route Learn documents (unverified). */
export interface ResetPasswordOptions extends CallOptions {
  readonly via?: "patch" | "resetpassword" | undefined;
}

export interface CustomerUserOperations {
  /** GET the user. */
  get(options?: CallOptions): Promise<CustomerUser>;
  /** PATCH the given fields of the user; resolves to the whole updated user. */
  patch(body: CustomerUserPatch, options?: CallOptions): Promise<CustomerUser>;
  /** DELETE the user: soft-deleted, restorable for 30 days (`patch({ state: "active" })`). */
  delete(options?: CallOptions): Promise<void>;
  /** A new password; the answer's echo of it is dropped, and it is never logged nor quoted in an error. */
  resetPassword(profile: PasswordProfile, options?: ResetPasswordOptions): Promise<CustomerUser>;
  readonly licenses: UserLicenseOperations;
  readonly roles: UserRoleOperations;
}

/** Every user of a listing, page after page (`for await`); `byPage()` gives the pages themselves. */
export type CustomerUserListing = PagedListing<CustomerUser, CustomerUserPage>;

export interface CustomerUsersOperations {
  /** The customer's active users — or, with `deleted: true`, its soft-deleted ones — across every page. */
  list(options?: ListOptions): CustomerUserListing;
  /** POST a new user; resolves to it, with its id (a password echoed by the server is dropped). */
  create(user: CustomerUserCreate, options?: CallOptions): Promise<CustomerUser>;
  byId(userId: string): CustomerUserOperations;
  /**
   * The user whose userPrincipalName is `upn` — compared as Entra ID compares sign-in names: ASCII
   * letters in any case, every other character exactly (a lookalike such as U+212A KELVIN SIGN never
   * matches "k") — found by scanning the listing once, on first use. No match, or more than one,
   * rejects rather than guess.
   */
  byPrincipalName(upn: string, options?: Pick<ListOptions, "deleted">): CustomerUserOperations;
}

const listing = operationRules.listCustomerUsers;
const paging: PagingRules = operations.listCustomerUsers.paging;
const deletedFilter = operations.listCustomerUsers.filters.deleted;

export function customerUsers(call: Pipeline, customerId: string, baseUrl: string): CustomerUsersOperations {
  const customer = { "customer-tenant-id": customerId };

  function user(userId: () => Promise<string> | string): CustomerUserOperations {
    const path = async () => ({ ...customer, "user-id": await userId() });
    const patchVia = async (operation: "updateCustomerUser" | "resetCustomerUserPassword", value: object, argument: string, options: CallOptions) =>
      (await callFor(call, operationRules[operation], { path: await path(), body: { value, argument } }, options)) as CustomerUser;
    return {
      get: async (options = {}) => (await callFor(call, operationRules.getCustomerUser, { path: await path() }, options)) as CustomerUser,
      patch: (body, options = {}) => patchVia("updateCustomerUser", body, "patch", options),
      delete: async (options = {}) => callForNothing(call, operationRules.deleteCustomerUser, { path: await path() }, options),
      resetPassword: (passwordProfile, options = {}) =>
        patchVia(options.via === "resetpassword" ? "resetCustomerUserPassword" : "updateCustomerUser", { passwordProfile, attributes: { objectType: "CustomerUser" } }, "resetPassword", options),
      licenses: userLicenses(call, customerId, userId),
      roles: userRoles(call, customerId, userId),
    };
  }

  function list(options: ListOptions = {}): CustomerUserListing {
    const query = new URLSearchParams();
    if (options.deleted === true) query.set("filter", deletedFilter);
    return pagedListing(call, listing, paging, { baseUrl, path: customer, query, names: fluentNames }, options);
  }

  async function create(value: CustomerUserCreate, options: CallOptions = {}): Promise<CustomerUser> {
    return (await callFor(call, operationRules.createCustomerUser, { path: customer, body: { value, argument: "user" } }, options)) as CustomerUser;
  }

  function byPrincipalName(upn: string, options: Pick<ListOptions, "deleted"> = {}): CustomerUserOperations {
    if (typeof upn !== "string" || upn === "") throw argumentError("upn", "must be a non-empty userPrincipalName");
    let found: Promise<string> | undefined;
    const resolve = async (): Promise<string> => {
      const wanted = principalNameKey(upn);
      const matches: CustomerUser[] = [];
      for await (const candidate of list(options)) {
        // Guarded: with onInvalidResponse "warn", an item may be anything.
        if (typeof (candidate as Partial<CustomerUser> | null)?.userPrincipalName === "string" && principalNameKey(candidate.userPrincipalName) === wanted) matches.push(candidate);
      }
      const among = options.deleted === true ? "deleted" : "active";
      const where = listingLocation(listing, { baseUrl, first: { path: customer, headers: {} } });
      if (matches.length === 0) {
        const description = `No ${among} user of customer ${customerId} has the userPrincipalName ${JSON.stringify(upn)}`;
        throw new PartnerCenterUserNotFoundError(description, { ...where, status: 404, description });
      }
      if (matches.length > 1) throw new PartnerCenterError(`${matches.length} ${among} users of customer ${customerId} have the userPrincipalName ${JSON.stringify(upn)}; refusing to guess`, where);
      return (matches[0] as CustomerUser).id;
    };
    // Resolved once, on first use; a failed resolution is tried afresh next time.
    return user(() => (found ??= resolve().catch((error: unknown) => ((found = undefined), Promise.reject(error)))));
  }

  return { list, create, byId: (userId) => user(() => userId), byPrincipalName };
}
