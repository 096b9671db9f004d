// What an update may change, and whether it may be sent — all from the spec's patch schema
// (generated/spec-rules.ts), so a field added to the spec becomes an `update` option and a bulk
// column without an edit here:
// - the writable fields, as `update` options (--usage-location …) and as bulk file columns
//   (usageLocation, passwordProfile.password …); only the fields that cannot follow the generic
//   rule are named below;
// - a body built from them: --json, then the field options on top (`update`), or a row's cells
//   (rows.ts); a password in it is handed to the run's Terminal to hide;
// - the issues that keep an update from being sent: ids that are not GUIDs, and the spec's
//   objections to the body (the library's own check, checkCustomerUserPatch).
import { readFileSync } from "node:fs";
import { fileProblem } from "./messages.js";
import { operations, writeOnlyFields } from "../../generated/spec-rules.js";
import { isGuid } from "../ids.js";
import { checkCustomerUserPatch } from "../index.js";
import { quoteId } from "../validate.js";
import { UsageError } from "./run-end.js";
import { readStdin, withoutFinalNewline } from "./stdin.js";
import type { Terminal } from "./terminal.js";

// ---- The writable fields, as options and columns ---------------------------------------------

/** What the CLI reads of a field's rules in the spec. */
export interface FieldRules {
  readonly type?: string;
  readonly properties?: Readonly<Record<string, FieldRules>>;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly enum?: readonly unknown[];
}

export const patchSchema: FieldRules = operations.updateCustomerUser.requestBody.schema;

/** A command-line option of `update` that sets part of the patch. */
export interface FieldOption {
  /** commander's flag syntax, e.g. `--usage-location <value>`. */
  readonly flags: string;
  /** The key commander stores the option under (its camel-cased long flag). */
  readonly key: string;
  /** The patch field it sets, as a dotted path, e.g. `passwordProfile.forceChangePassword`. */
  readonly field: string;
  readonly description: string;
  /** How the option's value becomes the field's value. */
  readonly kind: "value" | "switch" | "stdin";
  /** The value a switch sets. */
  readonly value?: unknown;
}

/**
 * Fields whose option is not simply `--kebab-name <value>`: `state` only ever restores a
 * soft-deleted user; a password is never taken from argv (it would show in `ps` and shell
 * history); `attributes` holds only the constant objectType and an etag, so it is left to --json.
 */
const special: Record<string, readonly FieldOption[]> = {
  state: [
    {
      flags: "--restore",
      key: "restore",
      field: "state",
      kind: "switch",
      value: "active",
      description: "restore a soft-deleted user (sends state: active; within 30 days of deletion)",
    },
  ],
  passwordProfile: [
    {
      flags: "--password-stdin",
      key: "passwordStdin",
      field: "passwordProfile.password",
      kind: "stdin",
      description: "reset the password, read from stdin (never from the command line)",
    },
    {
      flags: "--force-change-password",
      key: "forceChangePassword",
      field: "passwordProfile.forceChangePassword",
      kind: "switch",
      value: true,
      description: "make the user change the password at next sign-in (with --password-stdin)",
    },
  ],
  attributes: [],
};

function kebabCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** A short summary of a field's rules for --help, e.g. `1-256 characters`. */
function describeRules(schema: FieldRules): string {
  const rules: string[] = [];
  if (schema.minLength !== undefined && schema.maxLength !== undefined) {
    rules.push(`${schema.minLength}-${schema.maxLength} characters`);
  } else if (schema.maxLength !== undefined) rules.push(`at most ${schema.maxLength} characters`);
  else if (schema.minLength !== undefined) rules.push(`at least ${schema.minLength} characters`);
  if (schema.pattern !== undefined) rules.push(`matching ${schema.pattern}`);
  if (schema.enum) rules.push(`one of ${schema.enum.map(String).join(", ")}`);
  return rules.join(", ");
}

function optionsFor(name: string, schema: FieldRules, specials: Readonly<Record<string, readonly FieldOption[]>>): readonly FieldOption[] {
  const named = specials[name];
  if (named) return named;
  if (schema.type !== "string") {
    throw new Error(`the spec's field ${name} (${schema.type ?? "untyped"}) has no command-line option: add it to src/cli/patch.ts or its command`);
  }
  const rules = describeRules(schema);
  return [
    {
      flags: `--${kebabCase(name)} <value>`,
      key: name,
      field: name,
      kind: "value",
      description: `set ${name}${rules ? ` (${rules})` : ""}`,
    },
  ];
}

/** A body schema's fields as options: `--kebab-name <value>` for a string, `specials` for the rest. */
export function optionsOfSchema(schema: FieldRules, specials: Readonly<Record<string, readonly FieldOption[]>>): readonly FieldOption[] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, rules]) => optionsFor(name, rules, specials));
}

export const fieldOptions: readonly FieldOption[] = optionsOfSchema(patchSchema, special);

export const createSchema: FieldRules & { readonly required?: readonly string[] } = operations.createCustomerUser.requestBody.schema;

/** `create`'s options, from the spec's create body: --upn for the sign-in name; the password never (stdin or generated: accounts.ts). */
export const createOptions: readonly FieldOption[] = optionsOfSchema(createSchema, {
  userPrincipalName: [{ flags: "--upn <upn>", key: "upn", field: "userPrincipalName", kind: "value", description: "the sign-in name, e.g. ada@contoso.onmicrosoft.com (required)" }],
  passwordProfile: [],
  attributes: [],
});

/** The option that sets a patch field, to name it in an error (`passwordProfile.password` → `--password-stdin`). */
export function optionForField(field: string): FieldOption | undefined {
  return fieldOptions.find((option) => option.field === field);
}

/**
 * The leaf fields a bulk file may hold, as dotted column names (`usageLocation`,
 * `passwordProfile.password`, `attributes.etag`), with the schema of each, so a cell's text can be
 * given its type (a boolean column takes `true`/`false`).
 */
export const bulkColumns: ReadonlyMap<string, FieldRules> = new Map(
  Object.entries(patchSchema.properties ?? {}).flatMap(([name, schema]) =>
    schema.type === "object"
      ? Object.entries(schema.properties ?? {}).map(([child, childSchema]) => [`${name}.${child}`, childSchema] as const)
      : [[name, schema] as const],
  ),
);

// ---- Building a body ---------------------------------------------------------------------------

export type PatchBody = Record<string, unknown>;

function isObject(value: unknown): value is PatchBody {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Sets `a.b.c` in a body, making the objects on the way. */
export function setField(body: PatchBody, path: string, value: unknown): void {
  const [head, ...rest] = path.split(".") as [string, ...string[]];
  if (rest.length === 0) {
    body[head] = value;
    return;
  }
  const child = body[head];
  const object = isObject(child) ? child : (body[head] = {});
  setField(object as PatchBody, rest.join("."), value);
}

/** The password a body sets, if any: a secret wherever it came from. */
export function passwordIn(body: PatchBody): string | undefined {
  const profile = body["passwordProfile"];
  const password = isObject(profile) ? profile["password"] : undefined;
  return typeof password === "string" ? password : undefined;
}

/** --json <file|->: a JSON object, the body to send. */
async function readJsonBody(source: string): Promise<PatchBody> {
  // JSON text given in place of a file name would be echoed by "cannot read": it may hold a password.
  if (/^\s*[{[]/.test(source)) throw new UsageError("--json takes a file name, or - to read stdin, not JSON text");
  let text: string;
  try {
    text = source === "-" ? await readStdin("--json -") : readFileSync(source, "utf8");
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--json: cannot read ${source}: ${fileProblem(error)}`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    // Not the parser's message: it quotes the text, which may hold a password.
    throw new UsageError(`--json: ${source === "-" ? "stdin" : source} is not valid JSON`);
  }
  if (!isObject(body)) throw new UsageError(`--json: ${source === "-" ? "stdin" : source} must hold a JSON object, the fields to change`);
  return body;
}

/** `update`'s body: --json if given, the field options (by commander's key) on top; its password hidden. */
export async function bodyFromOptions(options: { readonly json?: string; readonly [key: string]: unknown }, terminal: Terminal): Promise<PatchBody> {
  const body = options.json === undefined ? {} : await readJsonBody(options.json);
  terminal.hide(passwordIn(body));
  for (const option of fieldOptions) {
    const given = options[option.key];
    if (given === undefined || given === false) continue;
    if (option.kind === "value") setField(body, option.field, given);
    else if (option.kind === "switch") setField(body, option.field, option.value);
    else setField(body, option.field, withoutFinalNewline(await readStdin(option.flags)));
  }
  terminal.hide(passwordIn(body));
  return body;
}

// ---- What keeps an update from being sent ------------------------------------------------------

/** One reason an update cannot be sent. `field` is a dotted patch path or `customerId`/`userId`. */
export interface Issue {
  readonly field?: string;
  readonly message: string;
}

/** A sign-in name, by the spec's userPrincipalName rules (the patch check of a rename to it). */
export function isPrincipalName(value: string): boolean {
  return checkCustomerUserPatch({ userPrincipalName: value }).length === 0;
}

/**
 * What is wrong with a row's or a command's ids: a customer GUID, and the user as an object id
 * (`userId`) or as either an object id or a sign-in name (`user`) — one of the two.
 */
export function idIssues(ids: { readonly customerId?: unknown; readonly userId?: unknown; readonly user?: unknown }): Issue[] {
  const issues: Issue[] = [];
  const given = (value: unknown) => value !== undefined && value !== "";
  if (!given(ids.customerId)) issues.push({ field: "customerId", message: "is required" });
  else if (typeof ids.customerId !== "string" || !isGuid(ids.customerId)) issues.push({ field: "customerId", message: "must be a GUID" });
  if (given(ids.userId) && given(ids.user)) issues.push({ field: "user", message: "and userId both name the user: give one" });
  else if (given(ids.userId)) {
    if (typeof ids.userId !== "string" || !isGuid(ids.userId)) issues.push({ field: "userId", message: "must be a GUID" });
  } else if (given(ids.user)) {
    if (typeof ids.user !== "string" || !(isGuid(ids.user) || isPrincipalName(ids.user))) issues.push({ field: "user", message: "must be an object id (GUID) or a sign-in name (UPN)" });
  } else issues.push({ field: "userId", message: "is required (or user: an object id or a sign-in name)" });
  return issues;
}

/**
 * A field's value that its spec pattern refuses, quoted (so a trailing space from Excel shows) and,
 * when trimming and upper-casing it would match the pattern, that as a suggestion: `"de " must
 * match ^[A-Z]{2}$; did you mean "DE"?`. Only the suggestion: what is sent is never changed behind
 * the person's back. A secret (a writeOnly field: the password) is never quoted.
 */
function patternMessage(field: string, value: unknown, message: string): string {
  const rules = bulkColumns.get(field);
  if (rules?.pattern === undefined || typeof value !== "string" || !message.startsWith("must match") || field.split(".").some((part) => (writeOnlyFields as readonly string[]).includes(part))) return message;
  const pattern = new RegExp(rules.pattern, "u");
  const suggestion = [value.trim(), value.trim().toUpperCase()].find((candidate) => candidate !== value && pattern.test(candidate));
  return `${quoteId(value)} ${message}${suggestion === undefined ? "" : `; did you mean ${JSON.stringify(suggestion)}?`}`;
}

export function patchIssues(patch: unknown): Issue[] {
  return checkCustomerUserPatch(patch).map(({ path, message }) => {
    if (path === "patch") return { message };
    const field = path.slice("patch.".length);
    const value = field.split(".").reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), patch);
    return { field, message: patternMessage(field, value, message) };
  });
}

export function formatIssue(issue: Issue, nameField: (field: string) => string = (field) => field): string {
  return issue.field === undefined ? issue.message : `${nameField(issue.field)} ${issue.message}`;
}
