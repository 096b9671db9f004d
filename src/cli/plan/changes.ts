// What a row would change, field by field, from → to, against the user as the run's listing found
// them — one shape for a plan's rows, the before-values a journal keeps, an apply's check that
// nobody changed the user since the plan, and an undo's reverse change. The fields are the spec's
// writable ones (patch.ts's bulk columns); the password is never kept: it shows as "(set)", and its
// from-value, like forceChangePassword's, no listing shows.
import type { CustomerUser } from "../../index.js";
import { bulkColumns, setField, type Issue, type PatchBody } from "../patch.js";

/** A user's writable fields as listed (never a password): what a row's fields are compared with. */
export type UserState = Readonly<Record<string, unknown>>;

/** `from` is null for a field the user had no value in; absent where it cannot be known (the password). */
export interface FieldChange {
  readonly from?: unknown;
  readonly to: unknown;
}

/** By dotted column name (`usageLocation`, `passwordProfile.password`). */
export type Changes = Readonly<Record<string, FieldChange>>;

/** Whether a value read from a plan or a journal has the shape of Changes. */
export const isChanges = (value: unknown): value is Changes =>
  value !== null &&
  typeof value === "object" &&
  !Array.isArray(value) &&
  Object.entries(value).every(([column, change]) => bulkColumns.has(column) && change !== null && typeof change === "object" && "to" in change);

/** What a plan, a journal or a table shows for a password a row sets. */
export const secretShown = "(set)";

const password = "passwordProfile.password";
/** Columns whose value a listing never shows: a row setting them always changes the user. */
const unseen = (column: string) => column.startsWith("passwordProfile.");
/** Columns that describe the request, not the user. */
const compared = [...bulkColumns.keys()].filter((column) => !column.startsWith("attributes."));
const listed = compared.filter((column) => !unseen(column));

function valueAt(body: Readonly<Record<string, unknown>>, column: string): unknown {
  let value: unknown = body;
  for (const name of column.split(".")) value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[name] : undefined;
  return value;
}

/** The user's writable fields, as a listing returned them. */
export function stateOf(user: CustomerUser): UserState {
  const state: Record<string, unknown> = {};
  for (const column of listed) {
    const value = valueAt(user as unknown as Record<string, unknown>, column);
    if (value !== undefined && value !== null) state[column] = value;
  }
  return state;
}

/** The fields `patch` sets that differ from `current`: empty when the user has every value asked already. */
export function changesOf(patch: PatchBody, current: UserState): Changes {
  const changes: Record<string, FieldChange> = {};
  for (const column of compared) {
    const to = valueAt(patch, column);
    if (to === undefined) continue;
    if (unseen(column)) changes[column] = { to: column === password ? secretShown : to };
    else if ((current[column] ?? null) !== to) changes[column] = { from: current[column] ?? null, to };
  }
  return changes;
}

export const isEmpty = (changes: Changes): boolean => Object.keys(changes).length === 0;

/** Whether the change sets a secret, which a plan or a journal never holds. */
export const setsSecret = (changes: Changes): boolean => password in changes;

/** Why a row setting a password fails in a plan (--plan says so) and is refused by --apply: no plan holds one. */
export const noSecret: Issue = { field: password, message: "cannot be applied from a plan, which never holds a password: send this row with update-many <file>" };

/** The body that sets each change's to-value (or, `reverse`, its from-value). */
export function patchOf(changes: Changes, side: "to" | "from" = "to"): PatchBody {
  const body: PatchBody = {};
  for (const [column, change] of Object.entries(changes)) setField(body, column, change[side]);
  return body;
}

/**
 * The fields someone changed since `expected` was seen: their value now is neither the one seen
 * nor the one asked (a field already as asked is not a conflict: a resume, or the same edit twice).
 */
export function driftOf(expected: UserState, patch: PatchBody, current: UserState): string[] {
  return Object.entries(expected).flatMap(([column, seen]) => {
    const now = current[column] ?? null;
    return now === (seen ?? null) || now === valueAt(patch, column) ? [] : [`${column} is ${show(now)} (expected ${show(seen ?? null)})`];
  });
}

/** A value for a person: `(none)` for no value. */
export const show = (value: unknown): string => (value === null || value === undefined ? "(none)" : typeof value === "string" ? value : JSON.stringify(value));

/** `usageLocation: GB → US; passwordProfile.password: (set)`. */
export function describeChanges(changes: Changes): string {
  return Object.entries(changes)
    .map(([column, change]) => ("from" in change ? `${column}: ${show(change.from)} → ${show(change.to)}` : `${column}: ${show(change.to)}`))
    .join("; ");
}
