// The writable fields and how a person gives them, derived from the spec's patch schema
// (generated/spec-rules.ts) so a field added to the spec becomes a CLI option and a bulk column
// without an edit here. Only the fields that cannot follow the generic rule are named below.
import { operationRules } from "../operations.js";
import type { SchemaSubset } from "../validate.js";

const patchSchema: SchemaSubset = operationRules.updateCustomerUser.requestBody?.schema ?? {};

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

export function kebabCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** A short summary of a field's rules for --help, e.g. `1-256 characters`. */
export function describeRules(schema: SchemaSubset): string {
  const rules: string[] = [];
  if (schema.minLength !== undefined && schema.maxLength !== undefined) {
    rules.push(`${schema.minLength}-${schema.maxLength} characters`);
  } else if (schema.maxLength !== undefined) rules.push(`at most ${schema.maxLength} characters`);
  else if (schema.minLength !== undefined) rules.push(`at least ${schema.minLength} characters`);
  if (schema.pattern !== undefined) rules.push(`matching ${schema.pattern}`);
  if (schema.enum) rules.push(`one of ${schema.enum.map(String).join(", ")}`);
  return rules.join(", ");
}

function optionsFor(name: string, schema: SchemaSubset): readonly FieldOption[] {
  const named = special[name];
  if (named) return named;
  if (schema.type !== "string") {
    throw new Error(`the spec's patch field ${name} (${schema.type ?? "untyped"}) has no command-line option: add it to src/cli/fields.ts`);
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

export const writableFields: readonly string[] = Object.keys(patchSchema.properties ?? {});

export const fieldOptions: readonly FieldOption[] = Object.entries(patchSchema.properties ?? {}).flatMap(
  ([name, schema]) => optionsFor(name, schema),
);

/** The option that sets a patch field, to name it in an error (`passwordProfile.password` → `--password-stdin`). */
export function optionForField(field: string): FieldOption | undefined {
  return fieldOptions.find((option) => option.field === field);
}

/**
 * The leaf fields a bulk file may hold, as dotted column names (`usageLocation`,
 * `passwordProfile.password`, `attributes.etag`), with the schema of each, so a cell's text can be
 * given its type (a boolean column takes `true`/`false`).
 */
export const bulkColumns: ReadonlyMap<string, SchemaSubset> = new Map(
  Object.entries(patchSchema.properties ?? {}).flatMap(([name, schema]) =>
    schema.type === "object"
      ? Object.entries(schema.properties ?? {}).map(([child, childSchema]) => [`${name}.${child}`, childSchema] as const)
      : [[name, schema] as const],
  ),
);

export { patchSchema };
