// A user's licences and the customer's SKUs: `licenses` (what the user holds), `licenses assign` /
// `licenses remove` (SKUs named by id or part number, resolved through the subscribed SKUs before
// anything is sent; one request per licence group, as the API wants), and `skus` (units per SKU).
// Listings print a table, or JSON Lines with --json; `roles` (roles.ts) prints the same way.
import type { LicenseGroup, SubscribedSku } from "../index.js";
import { isGuid } from "../ids.js";
import { checkTarget, inSession, type SessionOptions } from "./connection.js";
import { checkIds, namedUser } from "./find.js";
import { UsageError } from "./run-end.js";
import type { Terminal } from "./terminal.js";

export interface ListingOptions extends SessionOptions {
  readonly json?: boolean;
}

/** Items as a table of `columns` on stdout, or one JSON object a line with --json; then a count on stderr. */
export function printListing<T>(terminal: Terminal, json: boolean | undefined, items: readonly T[], columns: readonly (readonly [string, (item: T) => string])[], what: string): void {
  if (json === true) for (const item of items) terminal.printJson(item, 0);
  else terminal.printTable([columns.map(([name]) => name), ...items.map((item) => columns.map(([, cell]) => cell(item)))]);
  terminal.say(`${items.length} ${what}`);
}

/** Both licence groups: a SKU of either may be named, and a user may hold licences of both. */
const allGroups: readonly LicenseGroup[] = ["Group1", "Group2"];

function checkCommand(customerId: string, user: string | undefined, options: SessionOptions): void {
  checkTarget(options);
  checkIds(customerId, user);
}

export async function runLicenses(customerId: string, user: string, options: ListingOptions, terminal: Terminal): Promise<number> {
  checkCommand(customerId, user, options);
  return inSession(options, terminal, async ({ client, signal }) => {
    const found = await namedUser(client, customerId, user, { deleted: false, signal, maxPages: options.maxPages }, (line) => terminal.say(line));
    const licenses = await found.operations.licenses.list({ groups: allGroups, signal });
    printListing(
      terminal,
      options.json,
      licenses,
      [
        ["skuPartNumber", (license) => license.productSku.skuPartNumber ?? ""],
        ["name", (license) => license.productSku.name ?? ""],
        ["group", (license) => license.productSku.licenseGroupId ?? ""],
        ["skuId", (license) => license.productSku.id],
      ],
      `licences of user ${user}`,
    );
  });
}

export async function runSkus(customerId: string, options: ListingOptions, terminal: Terminal): Promise<number> {
  checkCommand(customerId, undefined, options);
  return inSession(options, terminal, async ({ client, signal }) => {
    const skus = await client.customers.byId(customerId).subscribedSkus.list({ groups: allGroups, signal });
    printListing(
      terminal,
      options.json,
      skus,
      [
        ["skuPartNumber", (sku) => sku.productSku.skuPartNumber ?? ""],
        ["total", (sku) => String(sku.totalUnits)],
        ["consumed", (sku) => String(sku.consumedUnits)],
        ["free", (sku) => String(sku.availableUnits)],
        ["group", (sku) => sku.productSku.licenseGroupId ?? ""],
        ["skuId", (sku) => sku.productSku.id],
      ],
      `subscribed SKUs of customer ${customerId}`,
    );
  });
}

/**
 * The subscribed SKU each name stands for: an id, or a part number in any case. One that no SKU
 * has, or that two have, is refused (a UsageError) before anything is sent.
 */
export function resolveSkus(names: readonly string[], skus: readonly SubscribedSku[]): SubscribedSku[] {
  const problems: string[] = [];
  const resolved = names.flatMap((name) => {
    const matches = isGuid(name)
      ? skus.filter((sku) => sku.productSku.id.toLowerCase() === name.toLowerCase())
      : skus.filter((sku) => sku.productSku.skuPartNumber?.toUpperCase() === name.toUpperCase());
    if (matches.length === 1) return matches;
    problems.push(
      matches.length === 0
        ? `${JSON.stringify(name)} is no SKU the customer subscribes to (see ${"`skus`"})`
        : `${JSON.stringify(name)} names ${matches.length} SKUs (${matches.map((sku) => sku.productSku.id).join(", ")}): give the id`,
    );
    return [];
  });
  if (problems.length > 0) throw new UsageError(`nothing was changed: ${problems.join("; ")}`);
  return [...new Map(resolved.map((sku) => [sku.productSku.id, sku])).values()];
}

/** SKUs grouped by licence group: the API takes one group per request. */
function byGroup(skus: readonly SubscribedSku[]): Map<string, SubscribedSku[]> {
  const groups = new Map<string, SubscribedSku[]>();
  for (const sku of skus) {
    const group = sku.productSku.licenseGroupId ?? "group1";
    groups.set(group, [...(groups.get(group) ?? []), sku]);
  }
  return groups;
}

const skuName = (sku: SubscribedSku) => sku.productSku.skuPartNumber ?? sku.productSku.id;

export async function runLicenseChange(action: "assign" | "remove", customerId: string, user: string, names: readonly string[], options: SessionOptions, terminal: Terminal): Promise<number> {
  checkCommand(customerId, user, options);
  return inSession(options, terminal, async ({ client, signal }) => {
    const customer = client.customers.byId(customerId);
    const skus = resolveSkus(names, await customer.subscribedSkus.list({ groups: allGroups, signal }));
    if (action === "assign") {
      const short = skus.filter((sku) => sku.availableUnits < 1);
      if (short.length > 0) {
        const shortfalls = short.map((sku) => `${skuName(sku)} has ${sku.availableUnits} free of ${sku.totalUnits} (${sku.consumedUnits} consumed): 1 more needed`);
        throw new UsageError(`nothing was changed: not enough free licences: ${shortfalls.join("; ")}`);
      }
    }
    const found = await namedUser(client, customerId, user, { deleted: false, signal, maxPages: options.maxPages }, (line) => terminal.say(line));
    for (const [group, inGroup] of byGroup(skus)) {
      const ids = inGroup.map((sku) => sku.productSku.id);
      const result = action === "assign" ? await found.operations.licenses.assign(ids, { signal }) : await found.operations.licenses.remove(ids, { signal });
      const done = action === "assign" ? "assigned" : "removed";
      terminal.say(`${done} ${inGroup.map(skuName).join(", ")} (${group}) ${action === "assign" ? "to" : "from"} user ${user} of customer ${customerId}`);
      for (const warning of result.licenseWarnings ?? []) terminal.say(`warning: ${JSON.stringify(warning)}`);
    }
  });
}
