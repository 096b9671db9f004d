// What create-many checks before it sends anything, with reads only: each customer's subscribed
// SKUs (one request per customer) and, when rows name roles, its directory roles (one more). Every
// SKU and role a row names must be the customer's — one that is not is refused naming the row —
// and the units the rows still need of each SKU, summed per customer, must be free: if any SKU is
// short, the run prints the shortfall per customer and SKU and stops, having sent no write.
import type { DirectoryRole, SubscribedSku } from "../../index.js";
import type { Client } from "../connection.js";
import { resolveSkus } from "../licenses.js";
import { table } from "../printable.js";
import { resolveRole } from "../roles.js";
import { UsageError } from "../run-end.js";
import { someOf, type OnboardRow } from "./onboard-file.js";

/** A row with the SKUs and roles it names resolved. */
export interface ResolvedRow extends OnboardRow {
  readonly skus: readonly SubscribedSku[];
  readonly directoryRoles: readonly DirectoryRole[];
}

export interface Shortfall {
  readonly customerId: string;
  readonly sku: SubscribedSku;
  readonly needed: number;
}

const skuName = (sku: SubscribedSku) => sku.productSku.skuPartNumber ?? sku.productSku.id;
/** `resolveSkus` and `resolveRole` word a refusal for one command: here it names a row. */
const why = (error: unknown) => (error instanceof UsageError ? error.message.replace(/^nothing was changed: /, "") : String(error));

/** Reads each customer's SKUs (and roles, if any row names one) and resolves every row's names; a name the customer lacks is refused, naming its row. */
export async function resolveRows(client: Client, rows: readonly OnboardRow[], signal: AbortSignal): Promise<ResolvedRow[]> {
  const customers = [...new Set(rows.map((row) => row.customerId.toLowerCase()))];
  const skusOf = new Map<string, SubscribedSku[]>();
  const rolesOf = new Map<string, DirectoryRole[]>();
  for (const customerId of customers) {
    const customer = client.customers.byId(customerId);
    const theirs = rows.filter((row) => row.customerId.toLowerCase() === customerId);
    if (theirs.some((row) => row.licenses.length > 0)) skusOf.set(customerId, await customer.subscribedSkus.list({ groups: ["Group1", "Group2"], signal }));
    if (theirs.some((row) => row.roles.length > 0)) rolesOf.set(customerId, await customer.directoryRoles.list({ signal }));
  }
  const problems: string[] = [];
  const resolved = rows.map((row) => {
    const customerId = row.customerId.toLowerCase();
    let skus: SubscribedSku[] = [];
    let directoryRoles: DirectoryRole[] = [];
    try {
      if (row.licenses.length > 0) skus = resolveSkus(row.licenses, skusOf.get(customerId) ?? []);
    } catch (error) {
      problems.push(`line ${row.line}: ${why(error)}`);
    }
    for (const name of row.roles) {
      try {
        directoryRoles = [...directoryRoles, resolveRole(name, rolesOf.get(customerId) ?? [])];
      } catch (error) {
        problems.push(`line ${row.line}: ${why(error)}`);
      }
    }
    return { ...row, skus, directoryRoles };
  });
  if (problems.length > 0) throw new UsageError(`nothing was sent: ${someOf(problems).join(" · ")}`);
  return resolved;
}

/**
 * The SKUs whose free units are fewer than the rows still need: `pending(row, sku)` says whether a
 * row's licence of that SKU is still to be assigned (not one an earlier run of the job assigned).
 */
export function shortfalls(rows: readonly ResolvedRow[], pending: (row: ResolvedRow, sku: SubscribedSku) => boolean): Shortfall[] {
  const needs = new Map<string, Shortfall>();
  for (const row of rows) {
    for (const sku of row.skus) {
      if (!pending(row, sku)) continue;
      const key = `${row.customerId.toLowerCase()}/${sku.productSku.id.toLowerCase()}`;
      const before = needs.get(key);
      needs.set(key, { customerId: row.customerId, sku, needed: (before?.needed ?? 0) + 1 });
    }
  }
  return [...needs.values()].filter(({ sku, needed }) => needed > sku.availableUnits);
}

/** The shortfall as a table: customer, SKU part number, needed, available, short by. */
export function shortfallTable(short: readonly Shortfall[]): string[] {
  return table([
    ["customer", "SKU part number", "needed", "available", "short by"],
    ...short.map(({ customerId, sku, needed }) => [customerId, skuName(sku), String(needed), String(sku.availableUnits), String(needed - sku.availableUnits)]),
  ]);
}
