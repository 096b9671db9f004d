// The contract tests' one list of constraint keywords and one JSON-pointer helper, and every
// constraint the spec declares, named by a JSON pointer to the keyword where the spec as written
// declares it (so a schema used in several places is counted once, at its definition).

/** JSON Schema keywords that refuse values. `not` is one; the keywords inside it describe the excluded shape. */
export const constraintKeywords = [
  "type", "enum", "pattern", "format", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum",
  "exclusiveMaximum", "multipleOf", "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties",
  "required", "additionalProperties", "not", "allOf", "anyOf", "oneOf",
] as const;
export type ConstraintKeyword = (typeof constraintKeywords)[number];

export const isConstraintKeyword = (key: string): key is ConstraintKeyword => (constraintKeywords as readonly string[]).includes(key);

/** Where a schema holds other schemas: a map of them by name, one, or a list. */
const subschemaKeywords = {
  properties: "map", patternProperties: "map", additionalProperties: "one", items: "one", not: "one", allOf: "list", anyOf: "list", oneOf: "list",
} as const;

// --- JSON pointers ------------------------------------------------------------------------------

/** The keys of a JSON pointer, `#/a/b~1c` or `/a/b~1c`, unescaped: ["a", "b/c"]. */
export function pointerKeys(pointer: string): string[] {
  const path = pointer.startsWith("#") ? pointer.slice(1) : pointer;
  if (path === "") return [];
  if (!path.startsWith("/")) throw new Error(`not a JSON pointer: ${pointer}`);
  return path.slice(1).split("/").map((key) => key.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/** `base` with `keys` appended, escaped. */
export const pointerTo = (base: string, ...keys: readonly (string | number)[]): string =>
  keys.reduce<string>((pointer, key) => `${pointer}/${String(key).replaceAll("~", "~0").replaceAll("/", "~1")}`, base);

// Own properties only: `#/x/constructor` must not find Object.prototype's member.
const child = (node: unknown, key: string): unknown =>
  typeof node === "object" && node !== null && Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;

/** The value at `pointer` in `document`, or undefined; `$ref`s on the way are not followed. */
export function atPointer(document: unknown, pointer: string): unknown {
  return pointerKeys(pointer).reduce<unknown>(child, document);
}

/**
 * The value at `pointer` in `document`, following each local `$ref` on the way and at the end, and
 * the pointer where that value is written: in the spec as written, where a schema is declared.
 */
export function locate(document: unknown, pointer: string): { node: unknown; pointer: string } {
  let node = document;
  let at = "#";
  const follow = () => {
    for (let hops = 0; typeof child(node, "$ref") === "string"; hops++) {
      const ref = child(node, "$ref") as string;
      if (!ref.startsWith("#") || hops > 20) throw new Error(`${at}: cannot follow $ref ${ref}`);
      [node, at] = [atPointer(document, ref), ref];
    }
  };
  for (const key of pointerKeys(pointer)) {
    follow();
    [node, at] = [child(node, key), pointerTo(at, key)];
  }
  follow();
  return { node, pointer: at };
}

// --- Constraints --------------------------------------------------------------------------------

/** Whether `schema[keyword]` refuses anything: `additionalProperties: true` or a schema (walked into) does not itself. */
export function constrains(schema: object, keyword: ConstraintKeyword): boolean {
  const value = (schema as Record<string, unknown>)[keyword];
  if (value === undefined) return false;
  return keyword !== "additionalProperties" || value === false;
}

/** The schemas directly inside `schema`, with their pointers: `not` is left out, its case covers it. */
export function childSchemas(schema: object, pointer: string): ChildSchema[] {
  return Object.entries(subschemaKeywords).flatMap(([keyword, shape]) => {
    const value = (schema as Record<string, unknown>)[keyword];
    if (keyword === "not" || typeof value !== "object" || value === null) return [];
    const k = keyword as ChildSchema["keyword"];
    if (shape === "one") return [{ keyword: k, pointer: pointerTo(pointer, keyword), schema: value }];
    return Object.entries(value).map(([key, item]) => ({ keyword: k, key, pointer: pointerTo(pointer, keyword, key), schema: item as object }));
  });
}

export interface ChildSchema {
  readonly keyword: keyof typeof subschemaKeywords;
  /** The property name, or the index in a list; absent where the keyword holds one schema. */
  readonly key?: string;
  readonly pointer: string;
  readonly schema: object;
}

export interface DeclaredConstraint {
  /** The pointer to the keyword itself, e.g. `#/components/schemas/PersonName/maxLength`. */
  readonly key: string;
  /** The pointer to the schema that declares it. */
  readonly schema: string;
  readonly keyword: ConstraintKeyword;
}

export const constraintAt = (schema: string, keyword: ConstraintKeyword): DeclaredConstraint => ({ key: pointerTo(schema, keyword), schema, keyword });

/** Keys whose values are examples, never schemas. */
const examples = new Set(["example", "examples", "x-placeholders"]);

/** Every constraint `document` (the spec as written, `$ref`s kept) declares, in document order. */
export function declaredConstraints(document: unknown): DeclaredConstraint[] {
  const found: DeclaredConstraint[] = [];
  const walkSchema = (schema: unknown, pointer: string): void => {
    if (typeof schema !== "object" || schema === null) return;
    for (const keyword of constraintKeywords) if (constrains(schema, keyword)) found.push(constraintAt(pointer, keyword));
    for (const inner of childSchemas(schema, pointer)) walkSchema(inner.schema, inner.pointer);
  };
  const walk = (node: unknown, pointer: string): void => {
    if (typeof node !== "object" || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (examples.has(key)) continue;
      if (key === "schema" || pointer === "#/components/schemas") walkSchema(value, pointerTo(pointer, key));
      else walk(value, pointerTo(pointer, key));
    }
  };
  walk(document, "#");
  return found;
}
