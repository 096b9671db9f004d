// create-many's input: an onboarding file — a CSV with a header row, JSON Lines or a JSON array —
// one new user per row: the create body's fields (the spec's CustomerUserCreate), an optional
// password, and the licences (`licenses`, SKU part numbers or ids separated by `;`) and directory
// roles (`roles`, names or ids separated by `;`) to give the user. An onboarding file is small
// (the portal takes 100 users at a time), so it is read whole; every row is checked before
// anything is sent, and any problem stops the run naming its line.
import { readFileSync } from "node:fs";
import type { CustomerUserCreate } from "../../index.js";
import { principalNameKey } from "../../ids.js";
import { validate, type SchemaSubset } from "../../validate.js";
import { meetsPasswordRules } from "../accounts.js";
import { checkIds } from "../find.js";
import { createSchema } from "../patch.js";
import { csvRecords, delimiterOf, formatOf, type RowFormat } from "../rows.js";
import { UsageError } from "../run-end.js";
import { readStdinBytes } from "../stdin.js";

export interface OnboardRow {
  /** The line the row starts on (the CSV header is line 1; in a JSON array, the item's number). */
  readonly line: number;
  readonly customerId: string;
  /** The create body, without the password. */
  readonly user: Omit<CustomerUserCreate, "passwordProfile">;
  /** The row's own password, if it gives one. */
  readonly password?: string;
  readonly forceChangePassword: boolean;
  /** SKUs as named (part numbers or ids), and roles as named (names or ids). */
  readonly licenses: readonly string[];
  readonly roles: readonly string[];
}

const userColumns = ["userPrincipalName", "displayName", "firstName", "lastName", "usageLocation", "immutableId"] as const;
export const onboardColumns = ["customerId", ...userColumns, "password", "forceChangePassword", "licenses", "roles"] as const;
type Column = (typeof onboardColumns)[number];

/** The text of a file or stdin, decoded strictly (UTF-8, or UTF-16 by its byte-order mark). */
async function textOf(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = file === "-" ? await readStdinBytes("create-many -") : readFileSync(file);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "utf-16be" : "utf-8";
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes); // drops a byte-order mark
  } catch {
    throw new UsageError(`${file === "-" ? "stdin" : file} is not ${encoding.toUpperCase()} (Excel's plain "CSV" is Windows-1252: save it as "CSV UTF-8"); nothing was sent`);
  }
}

/** Raw rows: each a line and its values by column (strings, or for JSON whatever the row holds); `columnOf` names a CSV header's columns or refuses one. */
async function rawRows(file: string, text: string, format: RowFormat, delimiter: string | undefined, columnOf: (name: string) => string): Promise<{ line: number; values: Record<string, unknown> }[]> {
  if (format === "json" || format === "jsonl") {
    let items: { line: number; value: unknown }[];
    try {
      const parsed = format === "json" ? (JSON.parse(text) as unknown) : undefined;
      if (format === "json" && !Array.isArray(parsed)) throw new UsageError(`${file} holds JSON that is not an array of rows; nothing was sent`);
      items = Array.isArray(parsed)
        ? parsed.map((value: unknown, index) => ({ line: index + 1, value }))
        : text.split("\n").flatMap((source, index) => (source.trim() === "" ? [] : [{ line: index + 1, value: JSON.parse(source) as unknown }]));
    } catch (error) {
      if (error instanceof UsageError) throw error;
      // Not the parser's message: it quotes the text, which may hold a password.
      throw new UsageError(`${file} is not valid ${format === "json" ? "JSON (an array of rows)" : "JSON Lines (one object a line)"}; nothing was sent`);
    }
    return items.map(({ line, value }) => {
      if (typeof value !== "object" || value === null || Array.isArray(value)) throw new UsageError(`line ${line}: must be a JSON object; nothing was sent`);
      return { line, values: value as Record<string, unknown> };
    });
  }
  const separator = delimiter ?? delimiterOf(text.split("\n")[0] ?? "");
  const rows: { line: number; values: Record<string, unknown> }[] = [];
  let columns: string[] | undefined;
  const whole = async function* () {
    yield text;
  };
  for await (const { line, cells } of csvRecords(whole(), separator)) {
    if (!columns) {
      columns = cells.map((cell) => columnOf(cell)); // an unknown column stops the run here
      const repeated = columns.find((column, index) => columns?.indexOf(column) !== index);
      if (repeated) throw new UsageError(`column "${repeated}" appears twice in the header; nothing was sent`);
      continue;
    }
    if (cells.every((cell) => cell.trim() === "")) continue;
    if (cells.length !== columns.length) throw new UsageError(`line ${line}: has ${cells.length} cells, the header has ${columns.length}; nothing was sent`);
    rows.push({ line, values: Object.fromEntries(columns.flatMap((column, index) => (cells[index] === "" ? [] : [[column, cells[index]]]))) });
  }
  return rows;
}

/** A header name or JSON key as the column of `columns` it names, matched without regard to case. */
export function columnIn<C extends string>(columns: readonly C[]): (name: string) => C {
  return (name) => {
    const column = columns.find((candidate) => candidate.toLowerCase() === name.trim().toLowerCase());
    if (!column) throw new UsageError(`unknown column "${name.slice(0, 80)}"; the columns are ${columns.join(", ")}; nothing was sent`);
    return column;
  };
}
const columnOf = columnIn(onboardColumns);

/** The rows of a bulk file (a CSV, JSON Lines or a JSON array), read whole, with `columns` its only columns. */
export async function readRawRows(file: string, options: OnboardInputOptions, columns: readonly string[]): Promise<{ line: number; values: Record<string, unknown> }[]> {
  const text = await textOf(file);
  const raw = await rawRows(file, text, options.format ?? formatOf(file, text), options.delimiter, columnIn(columns));
  if (raw.length === 0) throw new UsageError(`${file === "-" ? "stdin" : file} has no rows; nothing was sent`);
  return raw;
}

/** `a;b` (or a JSON array) as its non-empty parts. */
function listOf(value: unknown): string[] | undefined {
  const parts = Array.isArray(value) ? value : typeof value === "string" ? value.split(";") : undefined;
  if (parts === undefined || parts.some((part) => typeof part !== "string")) return undefined;
  return [...new Set((parts as string[]).map((part) => part.trim()).filter((part) => part !== ""))];
}

/** One row checked: the row, or what is wrong with it (never quoting a password). */
function checkRow(line: number, raw: Record<string, unknown>): OnboardRow | string[] {
  const values: Partial<Record<Column, unknown>> = {};
  for (const [name, value] of Object.entries(raw)) values[columnOf(name)] = value;
  const problems: string[] = [];
  const customerId = typeof values.customerId === "string" ? values.customerId : "";
  try {
    checkIds(customerId);
  } catch {
    problems.push(`customerId ${customerId === "" ? "is required" : "must be a GUID"}`);
  }
  const user: Record<string, unknown> = {};
  for (const column of userColumns) if (values[column] !== undefined) user[column] = values[column];
  for (const issue of validate(createSchema as SchemaSubset, { ...user, passwordProfile: { password: "Placeholder-1a!" } }, "user")) {
    problems.push(`${issue.path.replace(/^user\.?/, "") || "the row"} ${issue.message}`);
  }
  const password = values.password;
  if (password !== undefined && (typeof password !== "string" || !meetsPasswordRules(password))) problems.push("password does not meet the rules (length, and three of lower case, upper case, digits and other characters)");
  const force = values.forceChangePassword;
  if (force !== undefined && !(typeof force === "boolean" || /^(true|false)$/i.test(String(force)))) problems.push("forceChangePassword must be true or false");
  const licenses = listOf(values.licenses ?? "");
  const roles = listOf(values.roles ?? "");
  if (!licenses) problems.push("licenses must be SKU part numbers or ids separated by ;");
  if (!roles) problems.push("roles must be role names or ids separated by ;");
  // A licence needs a usage location; this program never guesses a country.
  if (licenses && licenses.length > 0 && user["usageLocation"] === undefined) problems.push("licenses need a usageLocation (a country code such as GB): the licence service refuses a user without one");
  if (problems.length > 0) return problems;
  return {
    line,
    customerId,
    user: user as OnboardRow["user"],
    ...(typeof password === "string" && { password }),
    forceChangePassword: force === undefined || String(force).toLowerCase() === "true",
    licenses: licenses ?? [],
    roles: roles ?? [],
  };
}

export interface OnboardInputOptions {
  readonly format?: RowFormat | undefined;
  readonly delimiter?: string | undefined;
}

/**
 * The file's rows, every one checked; any problem — a bad value, a repeated user — stops the run
 * (a UsageError naming each line) before anything is sent.
 */
export async function readOnboardFile(file: string, options: OnboardInputOptions = {}): Promise<OnboardRow[]> {
  const raw = await readRawRows(file, options, onboardColumns);
  const problems: string[] = [];
  const rows: OnboardRow[] = [];
  const firstLine = new Map<string, number>();
  for (const { line, values } of raw) {
    const checked = checkRow(line, values);
    if (Array.isArray(checked)) {
      problems.push(`line ${line}: ${checked.join("; ")}`);
      continue;
    }
    const who = `${principalNameKey(checked.customerId)}/${principalNameKey(checked.user.userPrincipalName)}`;
    const earlier = firstLine.get(who);
    if (earlier !== undefined) problems.push(`line ${line}: creates the same user as line ${earlier}: one row per user`);
    else firstLine.set(who, line);
    rows.push(checked);
  }
  if (problems.length > 0) throw new UsageError(`nothing was sent: fix these rows of ${file === "-" ? "stdin" : file}: ${someOf(problems).join(" · ")}`);
  return rows;
}

/** At most 20 problems, and how many more. */
export const someOf = (problems: readonly string[]): string[] => (problems.length <= 20 ? [...problems] : [...problems.slice(0, 20), `… and ${problems.length - 20} more`]);
