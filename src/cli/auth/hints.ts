// What to do about Partner Center's 401 and 403 codes, in the words of the error line
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
} as const;

/** The docs' table of roles: what is done, by which commands, needs which roles. */
export const roleRows: readonly { readonly operation: string; readonly commands: string; readonly roles: readonly string[] }[] = [
  {
    operation: "list users, get a user, find one by sign-in name",
    commands: "`list`, `get`; `update`/`restore` given a UPN; `update-many` rows with a `user` column",
    roles: rolesPerOperation.read,
  },
  { operation: "update a user", commands: "`update`, `update-many`", roles: rolesPerOperation.update },
  { operation: "restore a deleted user", commands: "`restore`, `update --restore`", roles: rolesPerOperation.restore },
  { operation: "reset a password", commands: "`update --password-stdin`, a `passwordProfile.password` column", roles: rolesPerOperation.resetPassword },
];

const either = (roles: readonly string[]) => (roles.length === 1 ? roles[0]! : `${roles.slice(0, -1).join(", ")} or ${roles.at(-1)!}`);

const phrases = [
  ["list or get users", rolesPerOperation.read],
  ["update them", rolesPerOperation.update],
  ["restore them", rolesPerOperation.restore],
  ["reset a password", rolesPerOperation.resetPassword],
] as const;

// Things done that need the same roles share a phrase: "to update them or restore them, …".
const byRoles = new Map<string, string[]>();
for (const [what, roles] of phrases) byRoles.set(either(roles), [...(byRoles.get(either(roles)) ?? []), what]);
const rolesNeeded =
  `the signed-in user needs a GDAP relationship with this customer granting (through a security group) one of these roles: ` +
  [...byRoles].map(([roles, done]) => `to ${done.join(" or ")}, ${roles}`).join("; ");

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
];

/** What to do after Partner Center refused a call, or undefined when the status and code say nothing about signing in. */
export function partnerCenterHint(status: number | undefined, code: string | number | undefined): string | undefined {
  const hint =
    refusalHints.find((known) => known.status === status && known.code !== undefined && String(known.code) === String(code)) ??
    refusalHints.find((known) => known.status === status && known.code === undefined);
  return hint && `${hint.meaning}: ${hint.todo}`;
}
