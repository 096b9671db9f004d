// What to do about Partner Center's 401 and 403 codes, in the words of the error line
// (messages.ts's errorLine adds it): sign in with MFA, or the GDAP roles the user needs. README
// "Signing in" has the same table of roles per operation. Imports nothing of the CLI, so
// messages.ts can use it.

/** The GDAP roles (any one) each operation needs in the customer's tenant, from Microsoft Learn. */
export const rolesPerOperation = {
  read: ["Directory Readers", "Global Reader", "User Administrator"],
  update: ["User Administrator", "Directory Writers"],
  restore: ["User Administrator", "Directory Writers"],
  resetPassword: ["User Administrator", "Privileged Authentication Administrator"],
} as const;

const either = (roles: readonly string[]) => (roles.length === 1 ? roles[0]! : `${roles.slice(0, -1).join(", ")} or ${roles.at(-1)!}`);

const rolesNeeded =
  `the signed-in user needs a GDAP relationship with this customer granting (through a security group) one of these roles: ` +
  `to list or get users, ${either(rolesPerOperation.read)}; to update or restore them, ${either(rolesPerOperation.update)}; ` +
  `to reset a password, ${either(rolesPerOperation.resetPassword)}`;

/** What to do after Partner Center refused a call, or undefined when the status and code say nothing about signing in. */
export function partnerCenterHint(status: number | undefined, code: string | number | undefined): string | undefined {
  const key = `${status} ${code}`;
  switch (key) {
    case "401 900421":
      return "the token has no MFA claim: sign in with multi-factor authentication — partner-center-users login (then partner-center-users auth status shows mfa: yes)";
    case "401 800001":
      return "no valid token reached Partner Center: sign in with partner-center-users login, or check the token with partner-center-users auth status";
    case "403 20002":
      return `no relationship with this customer: ${rolesNeeded}`;
    case "403 900150":
      return `the token's user lacks the rights (or the token is app-only): ${rolesNeeded}`;
  }
  if (status === 401) return "check the token: partner-center-users auth status";
  return undefined;
}
