// What to do about Partner Center's 401 and 403 codes (and a 404 for a customer that is not there), in the words of the error line
// (messages.ts's errorLine adds it): sign in with MFA, or the GDAP roles the user needs — the
// spec's `x-gdap-roles`, by what the CLI does. Data, so the docs' two tables are written from it
// (`npm run generate`, scripts/lib/doc-blocks.ts) and checked against it (check:generated).
// Imports nothing of the CLI, so messages.ts can use it.
import { gdapRoles } from "../../../generated/spec-rules.js";

/** The GDAP roles (any one) each thing the CLI does needs in the customer's tenant. */
export const rolesPerOperation = {
  read: gdapRoles.listCustomerUsers.read,
  update: gdapRoles.updateCustomerUser.update,
  restore: gdapRoles.updateCustomerUser.restore,
  resetPassword: gdapRoles.updateCustomerUser.resetPassword,
  create: gdapRoles.createCustomerUser.create,
  delete: gdapRoles.deleteCustomerUser.delete,
  readLicenses: gdapRoles.listCustomerUserLicenses.read,
  updateLicenses: gdapRoles.updateCustomerUserLicenses.updateLicenses,
  readSkus: gdapRoles.listCustomerSubscribedSkus.read,
  readRoles: gdapRoles.listCustomerUserRoles.read,
  addRoleMember: gdapRoles.addDirectoryRoleMember.addRoleMember,
  removeRoleMember: gdapRoles.removeDirectoryRoleMember.removeRoleMember,
} as const;

type Need = keyof typeof rolesPerOperation;

/** What each need is, in the words of a hint, and the spec's operations a refusal of which it explains. */
const needs: readonly { readonly need: Need; readonly what: string; readonly operationIds: readonly string[] }[] = [
  { need: "read", what: "list or get users", operationIds: ["listCustomerUsers", "getCustomerUser"] },
  { need: "update", what: "update them", operationIds: ["updateCustomerUser"] },
  { need: "restore", what: "restore them", operationIds: ["updateCustomerUser"] },
  { need: "resetPassword", what: "reset a password", operationIds: ["updateCustomerUser", "resetCustomerUserPassword"] },
  { need: "create", what: "create a user", operationIds: ["createCustomerUser"] },
  { need: "delete", what: "delete a user", operationIds: ["deleteCustomerUser"] },
  { need: "readLicenses", what: "list a user's licences", operationIds: ["listCustomerUserLicenses"] },
  { need: "updateLicenses", what: "assign or remove licences", operationIds: ["updateCustomerUserLicenses"] },
  { need: "readSkus", what: "list subscribed SKUs", operationIds: ["listCustomerSubscribedSkus"] },
  { need: "readRoles", what: "list directory roles", operationIds: ["listCustomerUserRoles", "listCustomerDirectoryRoles", "listDirectoryRoleMembers"] },
  { need: "addRoleMember", what: "give a user a role", operationIds: ["addDirectoryRoleMember"] },
  { need: "removeRoleMember", what: "take a role from a user", operationIds: ["removeDirectoryRoleMember"] },
];

/** The docs' table of roles: what is done, by which commands, needs which roles. */
export const roleRows: readonly { readonly operation: string; readonly commands: string; readonly roles: readonly string[] }[] = [
  {
    operation: "list users, get a user, find one by sign-in name",
    commands: "`list`, `get`; any command given a UPN; `update-many` rows with a `user` column",
    roles: rolesPerOperation.read,
  },
  { operation: "update a user", commands: "`update`, `update-many`", roles: rolesPerOperation.update },
  { operation: "restore a deleted user", commands: "`restore`, `update --restore`", roles: rolesPerOperation.restore },
  { operation: "reset a password", commands: "`reset-password`, `update --password-stdin`, a `passwordProfile.password` column", roles: rolesPerOperation.resetPassword },
  { operation: "create a user", commands: "`create`", roles: rolesPerOperation.create },
  { operation: "delete a user", commands: "`delete`", roles: rolesPerOperation.delete },
  { operation: "list a user's licences", commands: "`licenses`", roles: rolesPerOperation.readLicenses },
  { operation: "assign or remove licences", commands: "`licenses assign`, `licenses remove`", roles: rolesPerOperation.updateLicenses },
  { operation: "list subscribed SKUs and their units", commands: "`skus`; `licenses assign`/`remove` (to resolve a SKU)", roles: rolesPerOperation.readSkus },
  { operation: "list directory roles", commands: "`roles`; `roles add`/`remove` (to resolve a role)", roles: rolesPerOperation.readRoles },
  { operation: "give a user a directory role", commands: "`roles add`", roles: rolesPerOperation.addRoleMember },
  { operation: "take a directory role from a user", commands: "`roles remove`", roles: rolesPerOperation.removeRoleMember },
];

const either = (roles: readonly string[]) => (roles.length === 1 ? roles[0]! : `${roles.slice(0, -1).join(", ")} or ${roles.at(-1)!}`);

const granting = "the signed-in user needs a GDAP relationship with this customer granting (through a security group) one of these roles: ";

/** The roles of the chosen needs; needs of the same roles share a phrase ("to update them or restore them, …"). */
function rolesFor(chosen: typeof needs): string {
  const byRoles = new Map<string, string[]>();
  for (const { need, what } of chosen) {
    const roles = either(rolesPerOperation[need]);
    byRoles.set(roles, [...(byRoles.get(roles) ?? []), what]);
  }
  return granting + [...byRoles].map(([roles, done]) => `to ${done.join(" or ")}, ${roles}`).join("; ");
}
const rolesNeeded = rolesFor(needs);

/** The roles a refused call needed, when the call is known; every operation's otherwise. */
function rolesNeededBy(operationId: string | undefined): string {
  const chosen = needs.filter((need) => operationId !== undefined && need.operationIds.includes(operationId));
  return chosen.length > 0 ? rolesFor(chosen) : rolesNeeded;
}

/** A refusal the error line says what to do about: its status and code, what it means, and what to do. */
export interface RefusalHint {
  readonly status: number;
  /** undefined: any other code of that status. */
  readonly code: number | undefined;
  readonly meaning: string;
  readonly todo: string;
}

export const refusalHints: readonly RefusalHint[] = [
  {
    status: 401,
    code: 900421,
    meaning: "the token has no MFA claim",
    todo: "sign in with multi-factor authentication — partner-center-users login (then partner-center-users auth status shows mfa yes)",
  },
  {
    status: 401,
    code: 800001,
    meaning: "no valid token reached Partner Center",
    todo: "sign in with partner-center-users login, or check the token with partner-center-users auth status",
  },
  { status: 403, code: 20002, meaning: "no relationship with this customer", todo: rolesNeeded },
  { status: 403, code: 900150, meaning: "the token's user lacks the rights (or the token is app-only)", todo: rolesNeeded },
  { status: 401, code: undefined, meaning: "check the token", todo: "partner-center-users auth status" },
  {
    status: 404,
    code: 60003,
    meaning: "no customer with this tenant id",
    todo: "check the customer's tenant id (the <customer-id> argument, or the customerId column): it is mistyped, or not a customer of the partner you signed in as (partner-center-users auth status shows the tenant)",
  },
];

/**
 * What to do after Partner Center refused a call, or undefined when the status and code say nothing
 * about signing in. A 403 of a known call (`operationId`, the spec's) names only the roles that call needs.
 */
export function partnerCenterHint(status: number | undefined, code: string | number | undefined, operationId?: string): string | undefined {
  const hint =
    refusalHints.find((known) => known.status === status && known.code !== undefined && String(known.code) === String(code)) ??
    refusalHints.find((known) => known.status === status && known.code === undefined);
  if (!hint) return undefined;
  return `${hint.meaning}: ${hint.todo === rolesNeeded ? rolesNeededBy(operationId) : hint.todo}`;
}
