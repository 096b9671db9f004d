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

// OpenAPI's `format: int32`: what a 32-bit signed integer holds (the .NET SDK's `int`).
const int32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

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
  check(schema, value, [path], issues);
  return issues;
}

/**
 * Where a value is, as a stack: the root's name, then property names and array indexes, pushed and
 * popped as the walk goes; written out (`patch.passwordProfile.password`, `body.items[0]`) only for
 * an issue, since a valid answer of a hundred users must not build a string per field.
 */
type Where = (string | number)[];

function written(where: Where, last?: string): string {
  let out = String(where[0]);
  for (let i = 1; i < where.length; i++) out += typeof where[i] === "number" ? `[${where[i]}]` : `.${where[i]}`;
  return last === undefined ? out : `${out}.${last}`;
}

/** Characters as JSON Schema counts them (code points, not UTF-16 units), without building an array. */
function characters(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}

// Every request and every answer passes here: one array for all the issues, nothing built per
// keyword that is not there nor per field that is fine.
function check(schema: SchemaSubset, value: unknown, where: Where, issues: ValidationIssue[]): void {
  const actual = typeOf(value);
  if (actual === "null" && schema.nullable === true) return;
  if (schema.allOf) for (const part of schema.allOf) check(part, value, where, issues);
  if (schema.type && actual !== schema.type && !(schema.type === "number" && actual === "integer")) {
    issues.push({ path: written(where), message: `must be ${schema.type === "object" || schema.type === "array" ? "an" : "a"} ${schema.type}, not ${actual}` });
    return;
  }
  if (schema.enum && !schema.enum.includes(value)) issues.push({ path: written(where), message: `must be one of ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}` });
  if (typeof value === "string") {
    const { minLength, maxLength } = schema;
    // Counted only when the UTF-16 length cannot settle it (a code point is one or two units).
    if ((minLength !== undefined && value.length < 2 * minLength) || (maxLength !== undefined && value.length > maxLength)) {
      const length = characters(value);
      if (minLength !== undefined && length < minLength) issues.push({ path: written(where), message: `must be at least ${minLength} characters` });
      if (maxLength !== undefined && length > maxLength) issues.push({ path: written(where), message: `must be at most ${maxLength} characters` });
    }
    if (schema.format === "date-time" && !dateTime.test(value)) issues.push({ path: written(where), message: "must be a date-time (RFC 3339, e.g. 2017-01-20T00:33:34Z)" });
    if (schema.pattern !== undefined && !compiled(schema.pattern).test(value)) issues.push({ path: written(where), message: schema.format === "uuid" ? `must be a GUID, not ${quoteId(value)}` : `must match ${schema.pattern}` });
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) issues.push({ path: written(where), message: `must be at least ${schema.minimum}` });
    if (schema.maximum !== undefined && value > schema.maximum) issues.push({ path: written(where), message: `must be at most ${schema.maximum}` });
    if (schema.format === "int32" && (value > int32.max || value < int32.min)) issues.push({ path: written(where), message: `must be a 32-bit whole number (at most ${int32.max})` });
  }
  if (actual === "object") {
    const object = value as Record<string, unknown>;
    for (const name of schema.required ?? []) {
      if (!Object.hasOwn(object, name)) issues.push({ path: written(where, name), message: "is required" });
    }
    for (const name in object) {
      if (!Object.hasOwn(object, name)) continue;
      // Own properties only: `constructor` or `__proto__` must not find Object.prototype's members.
      const childSchema = schema.properties && Object.hasOwn(schema.properties, name) ? schema.properties[name] : undefined;
      if (childSchema) {
        where.push(name);
        check(childSchema, object[name], where, issues);
        where.pop();
      } else if (schema.additionalProperties === false) issues.push({ path: written(where, name), message: "is not a known property" });
    }
  }
  if (actual === "array" && schema.items) {
    const array = value as unknown[];
    for (let i = 0; i < array.length; i++) {
      where.push(i);
      check(schema.items, array[i], where, issues);
      where.pop();
    }
  }
  if (schema.not && validate(schema.not, value, "").length === 0) issues.push({ path: written(where), message: schema.not.description ?? "must not match the excluded shape" });
}
