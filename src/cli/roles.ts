// A user's directory roles: `roles` (the roles the user holds), `roles add` and `roles remove` (a
// role named by id or by display name, resolved through the customer's directory roles before
// anything is sent). Printed as licenses.ts prints: a table, or JSON Lines with --json.
import type { DirectoryRole } from "../index.js";
import { isGuid } from "../ids.js";
import { checkTarget, inSession, type SessionOptions } from "./connection.js";
import { checkIds, namedUser } from "./find.js";
import { printListing, type ListingOptions } from "./licenses.js";
import { UsageError } from "./run-end.js";
import type { Terminal } from "./terminal.js";

/** The role `name` stands for: its id, or its display name in any case; none or two is refused before sending. */
export function resolveRole(name: string, roles: readonly DirectoryRole[]): DirectoryRole {
  const matches = isGuid(name) ? roles.filter((role) => role.id.toLowerCase() === name.toLowerCase()) : roles.filter((role) => role.name.toLowerCase() === name.toLowerCase());
  if (matches.length === 1) return matches[0]!;
  throw new UsageError(
    matches.length === 0
      ? `nothing was changed: ${JSON.stringify(name)} is no directory role of this customer (${roles.map((role) => role.name).join(", ") || "it has none listed"})`
      : `nothing was changed: ${JSON.stringify(name)} names ${matches.length} roles (${matches.map((role) => role.id).join(", ")}): give the id`,
  );
}

export async function runRoles(customerId: string, user: string, options: ListingOptions, terminal: Terminal): Promise<number> {
  checkTarget(options);
  checkIds(customerId, user);
  return inSession(options, terminal, async ({ client, signal }) => {
    const found = await namedUser(client, customerId, user, { deleted: false, signal, maxPages: options.maxPages }, (line) => terminal.say(line));
    const roles = await found.operations.roles.list({ signal });
    printListing(terminal, options.json, roles, [["name", (role) => role.name], ["id", (role) => role.id]], `directory roles of user ${user}`);
  });
}

export async function runRoleChange(action: "add" | "remove", customerId: string, user: string, roleName: string, options: SessionOptions, terminal: Terminal): Promise<number> {
  checkTarget(options);
  checkIds(customerId, user);
  return inSession(options, terminal, async ({ client, signal }) => {
    const customer = client.customers.byId(customerId);
    const role = resolveRole(roleName, await customer.directoryRoles.list({ signal }));
    const found = await namedUser(client, customerId, user, { deleted: false, signal, maxPages: options.maxPages }, (line) => terminal.say(line));
    const members = customer.directoryRoles.byId(role.id).members;
    if (action === "add") {
      // The API wants the user's display name and sign-in name with its id.
      const { displayName, userPrincipalName } = await found.operations.get({ signal });
      await members.add({ id: found.id, displayName: displayName ?? userPrincipalName, userPrincipalName }, { signal });
      terminal.say(`gave user ${userPrincipalName} (object id ${found.id}) of customer ${customerId} the role ${role.name} (${role.id})`);
    } else {
      await members.remove(found.id, { signal });
      terminal.say(`took the role ${role.name} (${role.id}) from user ${user} (object id ${found.id}) of customer ${customerId}`);
    }
  });
}
