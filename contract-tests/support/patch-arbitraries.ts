// fast-check arbitraries made from a JSON schema taken from the spec (CustomerUserPatch): valid
// values, and invalid ones that break exactly one of the schema's constraints at one location —
// each constraint of each location equally likely. A keyword this file does not know how to
// satisfy or break throws, naming it, so a new kind of constraint in the spec is not skipped.
import fc, { type Arbitrary } from "fast-check";
import type { OpenAPIV3 } from "openapi-types";
import { validatorFor } from "./spec-ajv.ts";
import { isConstraintKeyword, pointerKeys, pointerTo, type ConstraintKeyword } from "./spec-constraints.ts";

type Schema = OpenAPIV3.SchemaObject;
type Json = Record<string, unknown>;

/** Mostly printable ASCII (so patterns and character classes get hit), sometimes any printable code point. */
const codePoint: Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme-composite", minLength: 1, maxLength: 1 }) },
);

/** Strings of `min`..`max` characters (code points), often close to either bound. */
function stringOfLength(min: number, max: number): Arbitrary<string> {
  const near = (from: number, to: number) => fc.string({ unit: codePoint, minLength: Math.max(min, from), maxLength: Math.min(max, to) });
  return fc.oneof(near(min, Math.min(max, min + 12)), near(Math.max(min, max - 3), max), near(min, max));
}

/** The constraints (of the one list, spec-constraints.ts) these arbitraries can satisfy and break. */
const handled: ReadonlySet<ConstraintKeyword> = new Set(["type", "enum", "pattern", "minLength", "maxLength", "required", "additionalProperties", "not"]);
/** The other keywords they know: where the properties are, and annotations. */
const known = new Set(["properties", "description", "example", "examples", "readOnly", "writeOnly", "title", "nullable", "deprecated", "default", "externalDocs"]);

function checkKnown(schema: Schema, pointer: string): void {
  const unknown = Object.keys(schema).filter((keyword) => (isConstraintKeyword(keyword) ? !handled.has(keyword) : !known.has(keyword)));
  if (unknown.length > 0) throw new Error(`body ${pointer || "/"}: the property-based arbitraries do not handle ${unknown.join(", ")} yet`);
  if (schema.nullable === true) throw new Error(`body ${pointer || "/"}: the property-based arbitraries do not handle nullable yet`);
}

/** Values that satisfy `schema`. */
export function validValue(schema: Schema, pointer = ""): Arbitrary<unknown> {
  checkKnown(schema, pointer);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case "boolean":
      return fc.boolean();
    case "integer":
      return fc.integer();
    case "number":
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case "string": {
      const min = schema.minLength ?? 0;
      const max = schema.maxLength ?? min + 300;
      if (schema.pattern === undefined) return stringOfLength(min, max);
      const regex = new RegExp(schema.pattern, "u");
      const fits = (value: string) => [...value].length >= min && [...value].length <= max;
      try {
        return fc.stringMatching(regex, { maxLength: max }).filter(fits);
      } catch {
        // fast-check cannot build strings from every regex (look-aheads): generate and keep the matches.
        return stringOfLength(min, max).filter((value) => regex.test(value));
      }
    }
    case "object":
      return validObject(schema, pointer);
    default:
      throw new Error(`body ${pointer || "/"}: the property-based arbitraries do not handle type ${String(schema.type)} yet`);
  }
}

function validObject(schema: Schema, pointer: string): Arbitrary<Json> {
  const properties = Object.entries(schema.properties ?? {}) as [string, Schema][];
  const record = fc.record(Object.fromEntries(properties.map(([name, child]) => [name, validValue(child, pointerTo(pointer, name))])), {
    requiredKeys: schema.required ?? [],
  }) as Arbitrary<Json>;
  if (!schema.not) return record;
  const excluded = validatorFor(schema.not);
  return record.filter((value) => !excluded(value));
}

/** The shape `not` excludes, made from the parent's own property schemas where `not` leaves one open (`{}`). */
function excludedShape(schema: Schema, pointer: string): Arbitrary<Json> {
  const not = schema.not as Schema;
  const properties = Object.entries(not.properties ?? {}) as [string, Schema][];
  const open = (s: Schema) => Object.keys(s).length === 0;
  const excluded = validatorFor(not);
  return (
    fc.record(
      Object.fromEntries(
        properties.map(([name, child]) => [name, validValue(open(child) ? (schema.properties?.[name] as Schema) : child, pointerTo(pointer, name))]),
      ),
      { requiredKeys: not.required ?? [] },
    ) as Arbitrary<Json>
  ).filter((value) => excluded(value));
}

const jsonTypeOf = (value: unknown) => (value === null ? "null" : Array.isArray(value) ? "array" : Number.isInteger(value) ? "integer" : typeof value);
const anyJson: Arbitrary<unknown> = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string(), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }));

/** The ways to break each constraint `schema` declares at this location (not below it), as values for this location. */
function breakers(schema: Schema, pointer: string, extraNames: readonly string[]): Arbitrary<unknown>[] {
  const found: Arbitrary<unknown>[] = [];
  if (schema.type) found.push(anyJson.filter((value) => jsonTypeOf(value) !== schema.type && !(schema.type === "number" && jsonTypeOf(value) === "integer")));
  if (schema.enum) found.push(fc.string({ unit: codePoint, maxLength: 20 }).filter((value) => !schema.enum?.includes(value)));
  if (schema.type === "string") {
    const min = schema.minLength ?? 0;
    const max = schema.maxLength;
    if (schema.pattern !== undefined) {
      const regex = new RegExp(schema.pattern, "u");
      found.push(stringOfLength(min, max ?? min + 300).filter((value) => !regex.test(value)));
    }
    if (max !== undefined) found.push(stringOfLength(max + 1, max + 20));
    if (min > 0) found.push(stringOfLength(0, min - 1));
  }
  if (schema.type === "object") {
    const known = new Set(Object.keys(schema.properties ?? {}));
    for (const name of schema.required ?? []) {
      found.push(validObject(schema, pointer).map(({ [name]: _dropped, ...rest }) => rest));
    }
    if (schema.additionalProperties === false) {
      // ASCII names only: Prism 5.16 quotes an unknown property's name in its sl-violations header, and a
      // character beyond Latin-1 there crashes the whole mock (stoplightio/prism#1934).
      const unknownName = fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 12 });
      // Names every object inherits catch validators that look properties up without an own-property check.
      const inherited = ["constructor", "toString", "__proto__", "hasOwnProperty"];
      const extraName = fc.oneof(fc.constantFrom(...extraNames, ...inherited, "unknownProperty"), unknownName).filter((name) => !known.has(name));
      found.push(fc.tuple(validObject(schema, pointer), extraName, anyJson).map(([object, name, value]) => ({ ...object, [name]: value })));
    }
    if (schema.not) found.push(excludedShape(schema, pointer));
  }
  return found;
}

/** Puts `value` at `pointer` inside `body`, making the objects on the way if absent. */
function placed(body: Json, pointer: string, value: unknown): unknown {
  if (pointer === "") return value;
  const keys = pointerKeys(pointer);
  const copy: Json = structuredClone(body);
  let node = copy;
  for (const key of keys.slice(0, -1)) {
    const child = node[key];
    node = node[key] = typeof child === "object" && child !== null ? (child as Json) : {};
  }
  node[keys.at(-1) as string] = value;
  return copy;
}

/**
 * Values that break `schema` — each one a valid value with one constraint broken at one location.
 * `extraNames` are tried as unknown property names at the root, e.g. read-only fields and typos.
 */
export function invalidValue(schema: Schema, extraNames: readonly string[] = []): Arbitrary<unknown> {
  const root = validValue(schema) as Arbitrary<Json>;
  const all: Arbitrary<unknown>[] = [];
  const walk = (node: Schema, pointer: string) => {
    checkKnown(node, pointer);
    for (const breaker of breakers(node, pointer, pointer === "" ? extraNames : [])) {
      all.push(pointer === "" ? breaker : fc.tuple(root, breaker).map(([body, value]) => placed(body, pointer, value)));
    }
    for (const [name, child] of Object.entries(node.properties ?? {})) walk(child as Schema, pointerTo(pointer, name));
  };
  walk(schema, "");
  return fc.oneof(...all);
}
