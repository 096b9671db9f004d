// Checks a value against the JSON Schema subset that generated/spec-rules.ts holds, so the client
// refuses what the spec refuses before anything is sent. The rules come from the spec; this file
// only knows the keywords (scripts/lib/render-generated.ts fails on any other), and the contract
// tests check it agrees with a full JSON Schema validator on the spec.

export interface ValidationIssue {
  /** Where, as a JSON-pointer-like path from the root name, e.g. `patch.passwordProfile.password`. */
  readonly path: string;
  readonly message: string;
}

export interface SchemaSubset {
  readonly type?: string;
  readonly properties?: Readonly<Record<string, SchemaSubset>>;
  readonly additionalProperties?: boolean;
  readonly required?: readonly string[];
  readonly not?: SchemaSubset;
  /** Every item of an array. */
  readonly items?: SchemaSubset;
  /** Each must hold too (the spec uses it to annotate a shared schema, e.g. a read-only id). */
  readonly allOf?: readonly SchemaSubset[];
  /** OpenAPI 3.0: null is allowed besides the type. */
  readonly nullable?: boolean;
  readonly enum?: readonly unknown[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly pattern?: string;
  /** `date-time` (RFC 3339) is checked; `uuid` only says "must be a GUID" rather than quote the pattern. */
  readonly format?: string;
  readonly description?: string;
}

/**
 * An id as an error may quote it: ids are not secrets, and the bad value is what a caller needs to
 * find the faulty row; cut short. Nothing else is ever quoted (a refused password must not be).
 */
export function quoteId(value: unknown): string {
  if (typeof value !== "string") return value === null ? "null" : typeof value;
  return JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value);
}

// RFC 3339's date-time: a date, `T`, a time, a zone (JSON Schema's `format: date-time`).
const dateTime = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])[Tt](?:[01]\d|2[0-3]):[0-5]\d:(?:[0-5]\d|60)(?:\.\d+)?(?:[Zz]|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

const patterns = new Map<string, RegExp>();
function compiled(pattern: string): RegExp {
  let regex = patterns.get(pattern);
  if (!regex) patterns.set(pattern, (regex = new RegExp(pattern, "u")));
  return regex;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

export function validate(schema: SchemaSubset, value: unknown, path: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  check(schema, value, path, issues);
  return issues;
}

// Every request passes here before it is sent: one array for all the issues, nothing built per
// keyword that is not there.
function check(schema: SchemaSubset, value: unknown, path: string, issues: ValidationIssue[]): void {
  const actual = typeOf(value);
  if (actual === "null" && schema.nullable === true) return;
  if (schema.allOf) for (const part of schema.allOf) check(part, value, path, issues);
  if (schema.type && actual !== schema.type && !(schema.type === "number" && actual === "integer")) {
    issues.push({ path, message: `must be ${schema.type === "object" || schema.type === "array" ? "an" : "a"} ${schema.type}, not ${actual}` });
    return;
  }
  if (schema.enum && !schema.enum.includes(value)) issues.push({ path, message: `must be one of ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}` });
  if (typeof value === "string") {
    if (schema.minLength !== undefined || schema.maxLength !== undefined) {
      // JSON Schema counts characters (code points), not UTF-16 units.
      const length = [...value].length;
      if (schema.minLength !== undefined && length < schema.minLength) issues.push({ path, message: `must be at least ${schema.minLength} characters` });
      if (schema.maxLength !== undefined && length > schema.maxLength) issues.push({ path, message: `must be at most ${schema.maxLength} characters` });
    }
    if (schema.format === "date-time" && !dateTime.test(value)) issues.push({ path, message: "must be a date-time (RFC 3339, e.g. 2017-01-20T00:33:34Z)" });
    if (schema.pattern !== undefined && !compiled(schema.pattern).test(value)) issues.push({ path, message: schema.format === "uuid" ? `must be a GUID, not ${quoteId(value)}` : `must match ${schema.pattern}` });
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) issues.push({ path, message: `must be at least ${schema.minimum}` });
    if (schema.maximum !== undefined && value > schema.maximum) issues.push({ path, message: `must be at most ${schema.maximum}` });
  }
  if (actual === "object") {
    const object = value as Record<string, unknown>;
    for (const name of schema.required ?? []) {
      if (!Object.hasOwn(object, name)) issues.push({ path: `${path}.${name}`, message: "is required" });
    }
    for (const name in object) {
      if (!Object.hasOwn(object, name)) continue;
      // Own properties only: `constructor` or `__proto__` must not find Object.prototype's members.
      const childSchema = schema.properties && Object.hasOwn(schema.properties, name) ? schema.properties[name] : undefined;
      if (childSchema) check(childSchema, object[name], `${path}.${name}`, issues);
      else if (schema.additionalProperties === false) issues.push({ path: `${path}.${name}`, message: "is not a known property" });
    }
  }
  if (actual === "array" && schema.items) {
    const array = value as unknown[];
    for (let i = 0; i < array.length; i++) check(schema.items, array[i], `${path}[${i}]`, issues);
  }
  if (schema.not && validate(schema.not, value, path).length === 0) issues.push({ path, message: schema.not.description ?? "must not match the excluded shape" });
}
