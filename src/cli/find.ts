// Finding users: `list` (every page, active or deleted, as a table, JSON Lines or a CSV that
// update-many takes back), `get`, the <user> argument of get/update/restore (an object id or a
// sign-in name), and update-many's `user` column resolved with one scan per customer.
import { stringify } from "csv-stringify/sync";
import type { CustomerUser, CustomerUserOperations } from "../index.js";
import { inSession, type Client, type SessionOptions } from "./connection.js";
import { isGuid, principalNameKey } from "../ids.js";
import { idIssues, isPrincipalName, patchSchema, type Issue } from "./patch.js";
import type { Row } from "./rows.js";
import { stateOf, type UserState } from "./plan/changes.js";
import { canonical } from "./journal/row-keys.js";
import { hasUnsafe } from "./printable.js";
import { failureLine } from "./messages.js";
import { UsageError } from "./run-end.js";
import type { Terminal } from "./terminal.js";

/** How a command's listings go: stopped by its Ctrl-C, and after --max-pages pages. */
interface Listing {
  readonly signal: AbortSignal;
  readonly maxPages?: number | undefined;
}

/** A user a sign-in name was found to be, with their writable fields as listed. */
interface Found {
  readonly id: string;
  readonly userPrincipalName: string;
  readonly state: UserState;
}

/** One listing of a customer's users: by sign-in name (principalNameKey), and by object id. */
interface Listed {
  readonly byName: Map<string, Found[]>;
  readonly byId: Map<string, Found>;
  /** Object ids the listing gave twice with different values: which is true cannot be told. */
  readonly differing: Set<string>;
}

/** What a name was found to be, for stderr: the person sees which user a command or a row will change. */
const foundLine = (given: string, found: Found) => `found ${found.userPrincipalName} (object id ${found.id}) for ${given}`;

/** A user a command names, with its object id (and its sign-in name, when it was looked up by it). */
export interface NamedUser {
  readonly id: string;
  readonly userPrincipalName?: string;
  readonly operations: CustomerUserOperations;
}

/** What a dry run without a sign-in says of the sign-in names it could not look up. */
export const notLookedUpHint = "the real run fails a name nobody has — sign in (partner-center-users login, or PARTNER_CENTER_TOKEN) and the dry run looks names up too (reading only)";

/**
 * The user a command names: by object id, or by sign-in name (found among the deleted users for a
 * restore), looked up before anything is sent and said on stderr (`say`). No match, or two, fails.
 */
export async function namedUser(client: Client, customerId: string, user: string, lookup: Listing & { readonly deleted: boolean }, say: (line: string) => void): Promise<NamedUser> {
  const users = client.customers.byId(customerId).users;
  if (isGuid(user)) return { id: user, operations: users.byId(user) };
  if (!isPrincipalName(user)) throw new UsageError(`<user> must be an object id (GUID) or a sign-in name (UPN), not ${JSON.stringify(user.slice(0, 120))}`);
  const found = (await namesOf(client, lookup, () => {})(customerId, lookup.deleted)).byName.get(principalNameKey(user)) ?? [];
  const among = lookup.deleted ? "deleted" : "active";
  if (found.length !== 1) {
    throw new Error(
      found.length === 0
        ? `No ${among} user of customer ${customerId} has the userPrincipalName ${JSON.stringify(user)}`
        : `${found.length} ${among} users of customer ${customerId} have the userPrincipalName ${JSON.stringify(user)}; refusing to guess: give the object id`,
    );
  }
  const [match] = found as [Found];
  say(foundLine(user, match));
  return { ...match, operations: users.byId(match.id) };
}

/** The operations of the user a command names (namedUser). */
export async function userOf(client: Client, customerId: string, user: string, lookup: Listing & { readonly deleted: boolean }, say: (line: string) => void): Promise<CustomerUserOperations> {
  return (await namedUser(client, customerId, user, lookup, say)).operations;
}

/** Refuses a bad customer id or <user> before anything is sent. */
export function checkIds(customerId: string, user?: string): void {
  // Without a <user>, only the customer id is judged.
  const issues = idIssues({ customerId, user }).filter((issue) => user !== undefined || issue.field === "customerId");
  if (issues.length > 0) throw new UsageError(issues.map((issue) => `${issue.field === "user" ? "<user>" : "<customer-id>"} ${issue.message}`).join("; "));
}

export type ListFormat = "table" | "json" | "csv";

export interface ListOptions extends SessionOptions {
  readonly deleted?: boolean;
  readonly format?: ListFormat;
}

/**
 * The CSV's columns: the ids, then the writable fields a spreadsheet can hold as text (not the
 * password, the restore switch nor attributes) — so the file, edited, goes straight back to update-many.
 */
export const csvColumns = [
  "customerId",
  "userId",
  ...Object.entries(patchSchema.properties ?? {})
    .filter(([, rules]) => rules.type === "string" && rules.enum === undefined)
    .map(([name]) => name),
];

// A cell a spreadsheet would read as a formula: left as it is (changing it would change the user on
// the way back), but the person opening the file is told.
const formulaStart = /^[=+\-@\t\r]/;

function tableOf(users: readonly CustomerUser[], deleted: boolean): string[][] {
  const columns: [string, (user: CustomerUser) => string][] = [
    ["userPrincipalName", (u) => u.userPrincipalName],
    ["displayName", (u) => u.displayName ?? ""],
    ["usageLocation", (u) => u.usageLocation ?? "(none)"],
    [deleted ? "softDeletionTime" : "state", (u) => (deleted ? (u.softDeletionTime ?? "") : (u.state ?? ""))],
    ["id", (u) => u.id],
  ];
  return [columns.map(([name]) => name), ...users.map((user) => columns.map(([, value]) => value(user)))];
}

export async function runList(customerId: string, options: ListOptions, terminal: Terminal): Promise<number> {
  checkIds(customerId);
  const format = options.format ?? (terminal.streams.stdout.isTTY === true ? "table" : "json");
  const deleted = options.deleted === true;
  return inSession(options, terminal, async ({ client, signal }) => {
    const { maxPages } = options;
    const table: CustomerUser[] = [];
    let count = 0;
    let formulas = 0;
    let controls = 0;
    const csvLine = (cells: readonly string[]) => terminal.outCsv(stringify([cells]).replace(/\r?\n$/, ""));
    // Excel reads a CSV as UTF-8 only when it starts with a byte-order mark; update-many reads it either way.
    if (format === "csv") csvLine(csvColumns.map((column, i) => (i === 0 ? `\uFEFF${column}` : column)));
    for await (const user of client.customers.byId(customerId).users.list({ deleted, signal, maxPages })) {
      if (terminal.backlogged) await terminal.room(signal);
      signal.throwIfAborted();
      // `list … | head -1`: once stdout's reader is gone there is nothing left to do; end quietly.
      if (terminal.outputFailure) return;
      count++;
      if (format === "json") terminal.printJson(user, 0);
      else if (format === "table") table.push(user);
      else {
        const record = csvColumns.map((column) => (column === "customerId" ? customerId : column === "userId" ? user.id : String((user as Record<string, unknown>)[column] ?? "")));
        formulas += record.filter((cell) => formulaStart.test(cell)).length;
        controls += record.filter(hasUnsafe).length;
        csvLine(record);
      }
    }
    if (format === "table") terminal.printTable(tableOf(table, deleted));
    terminal.say(`${count} ${deleted ? "deleted" : "active"} users of customer ${customerId}`);
    if (formulas > 0) terminal.say(`warning: ${formulas} cells start with = + - or @, which a spreadsheet may run as a formula: open the file with care`);
    if (controls > 0 && terminal.streams.stdout.isTTY !== true) {
      terminal.say(`warning: ${controls} cells hold control or bidi characters, written as they are (the CSV is data): do not cat the file to a terminal`);
    }
  });
}

export async function runGet(customerId: string, user: string, options: SessionOptions, terminal: Terminal): Promise<number> {
  checkIds(customerId, user);
  return inSession(options, terminal, async ({ client, signal }) => {
    const found = await userOf(client, customerId, user, { deleted: false, signal, maxPages: options.maxPages }, (line) => terminal.say(line));
    terminal.printJson(await found.get({ signal }));
  });
}

/**
 * A customer's users by sign-in name (principalNameKey: compared as Entra ID compares them) and by
 * object id, each customer listed once for the whole run (and its deleted users once), however
 * often it is asked.
 */
function namesOf(client: Client, listing: Listing, note: (line: string) => void): (customerId: string, deleted: boolean) => Promise<Listed> {
  const scans = new Map<string, Promise<Listed>>();
  return (customerId, deleted) => {
    const key = `${customerId.toLowerCase()} ${deleted}`;
    let scan = scans.get(key);
    if (!scan) {
      note(`listing the ${deleted ? "deleted" : "active"} users of customer ${customerId} (once for the run)`);
      scan = (async () => {
        const listed: Listed = { byName: new Map(), byId: new Map(), differing: new Set() };
        for await (const user of client.customers.byId(customerId).users.list({ deleted, signal: listing.signal, maxPages: listing.maxPages })) {
          const name = principalNameKey(user.userPrincipalName);
          const found = { id: user.id, userPrincipalName: user.userPrincipalName, state: stateOf(user) };
          // A user on two pages (the server repeated it): the same values once are that user; different ones, unknown.
          const before = listed.byId.get(user.id.toLowerCase());
          if (before !== undefined) {
            if (canonical(before) !== canonical(found)) listed.differing.add(user.id.toLowerCase());
            continue;
          }
          listed.byName.set(name, [...(listed.byName.get(name) ?? []), found]);
          listed.byId.set(user.id.toLowerCase(), found);
        }
        return listed;
      })();
      scans.set(key, scan);
    }
    return scan;
  };
}

/**
 * Gives update-many rows whose `user` is a sign-in name their object ids, from one listing per
 * customer (namesOf), each match said with `note`; with `everyRow`, rows naming their user by
 * object id are looked up in that listing too. A row looked up carries the user's state as listed
 * (`current`). A user no listing has, or a name two users have, becomes the row's issue.
 */
export function directoryOf(client: Client, listing: Listing, note: (line: string) => void, { everyRow = false } = {}): (row: Row) => Promise<Row> {
  const directory = namesOf(client, listing, note);
  return async (row) => {
    if (row.issues.length > 0 || row.customerId === undefined) return row;
    const byId = row.userId !== undefined;
    if (byId ? !everyRow : row.user === undefined) return row;
    const deleted = row.patch["state"] === "active";
    const among = deleted ? "deleted" : "active";
    let issue: Issue | undefined;
    let found: Found[] = [];
    try {
      const listed = await directory(row.customerId, deleted);
      const one = byId ? listed.byId.get((row.userId as string).toLowerCase()) : undefined;
      found = byId ? (one ? [one] : []) : (listed.byName.get(principalNameKey(row.user ?? "")) ?? []);
      const twice = found.find((user) => listed.differing.has(user.id.toLowerCase()));
      if (twice) issue = { field: "user", message: `was listed twice by Partner Center with different values (object id ${twice.id}): its current state cannot be told — try again later; not sent` };
    } catch (error) {
      if (listing.signal.aborted) throw error;
      issue = { field: "user", message: `could not be looked up: listing the customer's ${among} users failed: ${failureLine(error)}` };
    }
    if (!issue && found.length !== 1) issue = { field: "user", message: found.length === 0 ? `is no ${among} user of this customer` : `names ${found.length} ${among} users: give their object ids` };
    if (issue) return { ...row, issues: [issue] };
    const [match] = found as [Found];
    if (!byId) note(`line ${row.line}: ${foundLine(row.user ?? "", match)}`);
    return { ...row, userId: match.id, current: match.state };
  };
}
