// Directory roles, the fluent way: the customer's roles, a role's members (paged: the spec's
// x-paging, as for users) and adding or removing one, and the roles a user holds. Each call goes
// through the one pipeline (src/calls.ts); shapes are the generated types.
import type { components } from "../generated/partner-center-users.js";
import { operations } from "../generated/spec-rules.js";
import { callFor, callForNothing, fluentNames } from "./calls.js";
import { operationRules } from "./operations.js";
import type { CallOptions, PagedListOptions } from "./options.js";
import { pagedListing, type PagedListing, type PagingRules } from "./pager.js";
import type { Pipeline } from "./pipeline.js";

export type DirectoryRole = components["schemas"]["DirectoryRole"];
export type UserMember = components["schemas"]["UserMember"];
export type UserMemberAdd = components["schemas"]["UserMemberAdd"];
export type UserMemberPage = components["schemas"]["UserMemberCollection"];

export interface RoleMemberOperations {
  /** The role's members across every page. */
  list(options?: PagedListOptions): PagedListing<UserMember, UserMemberPage>;
  /** Gives the user the role; the API wants the user's display name and sign-in name too. */
  add(member: Omit<UserMemberAdd, "attributes">, options?: CallOptions): Promise<UserMember>;
  /** Takes the role from the user. */
  remove(userId: string, options?: CallOptions): Promise<void>;
}

export interface DirectoryRoleOperations {
  /** The customer's directory roles (one request). */
  list(options?: CallOptions): Promise<DirectoryRole[]>;
  byId(roleId: string): { readonly members: RoleMemberOperations };
}

export interface UserRoleOperations {
  /** The directory roles the user holds (one request). */
  list(options?: CallOptions): Promise<DirectoryRole[]>;
}

const paging: PagingRules = operations.listDirectoryRoleMembers.paging;
type RoleCollection = components["schemas"]["DirectoryRoleCollection"];

export function directoryRoles(call: Pipeline, customerId: string, baseUrl: string): DirectoryRoleOperations {
  const customer = { "customer-tenant-id": customerId };
  function members(roleId: string): RoleMemberOperations {
    const path = { ...customer, "role-id": roleId };
    return {
      list: (options = {}) => pagedListing(call, operationRules.listDirectoryRoleMembers, paging, { baseUrl, path, names: fluentNames }, options),
      async add(member, options = {}) {
        const value = { ...member, attributes: { objectType: "UserMember" } };
        return (await callFor(call, operationRules.addDirectoryRoleMember, { path, body: { value, argument: "member" } }, options)) as UserMember;
      },
      remove: (userId, options = {}) => callForNothing(call, operationRules.removeDirectoryRoleMember, { path: { ...path, "user-id": userId } }, options),
    };
  }
  return {
    async list(options = {}) {
      return ((await callFor(call, operationRules.listCustomerDirectoryRoles, { path: customer }, options)) as RoleCollection).items;
    },
    byId: (roleId) => ({ members: members(roleId) }),
  };
}

export function userRoles(call: Pipeline, customerId: string, userId: () => Promise<string> | string): UserRoleOperations {
  return {
    async list(options = {}) {
      const path = { "customer-tenant-id": customerId, "user-id": await userId() };
      return ((await callFor(call, operationRules.listCustomerUserRoles, { path }, options)) as RoleCollection).items;
    },
  };
}
