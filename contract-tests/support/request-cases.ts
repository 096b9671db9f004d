// The request's constraints — on the CustomerUserPatch body, the path parameters and the optional
// headers — found by walking the spec, each named by where the spec declares it, and cases just
// inside and just outside each one. The values are the one table's (support/constraint-cases.ts),
// shared with the spec checks; only `type`'s cases and the read-only fields a body cannot carry
// are made here, from the spec itself.
import type { OpenAPIV3 } from "openapi-types";
import { operationPath, updateOperation, type Spec } from "../../scripts/lib/spec.ts";
import { probesFor, sampleOf, tableProblems } from "./constraint-cases.ts";
import { childSchemas, constrains, constraintKeywords, locate, pointerKeys, pointerTo, type ConstraintKeyword } from "./spec-constraints.ts";

export type Target =
  | { readonly in: "body"; readonly pointer: string }
  | { readonly in: "path" | "header"; readonly name: string };

export interface Constraint {
  readonly target: Target;
  readonly keyword: ConstraintKeyword;
  /** Where the spec declares it: the key of its line in the table. */
  readonly key: string;
  readonly schema: Schema;
}

export interface Case {
  readonly name: string;
  readonly target: Target;
  /** The constraint the case sits just inside (accepted) or just outside (refused). */
  readonly keyword: string;
  /** The value at the target: the body property, the whole body (pointer ""), a path id or a header. */
  readonly value: unknown;
  readonly accepted: boolean;
}

type Schema = OpenAPIV3.SchemaObject;

export const targetKey = (target: Target): string => (target.in === "body" ? `body ${target.pointer || "/"}` : `${target.in} ${target.name}`);

const operationPointer = pointerTo("#/paths", operationPath, "patch");
const requestMediaPointer = pointerTo(operationPointer, "requestBody", "content", "application/json");

// Each lookup below goes through `locate`, so it works on the spec as written ($refs kept) and on
// the dereferenced one alike.

/** Pointers to the request's parameters: the path item's, then the operation's. */
function parameterPointers(spec: Spec): string[] {
  return [pointerTo("#/paths", operationPath), operationPointer].flatMap((base) => {
    const list = locate(spec, pointerTo(base, "parameters")).node;
    return Array.isArray(list) ? list.map((_, i) => pointerTo(base, "parameters", i)) : [];
  });
}

/** The pointer to the schema of `target`, through the operation. */
function schemaPointer(spec: Spec, target: Target): string {
  if (target.in === "body") return pointerTo(requestMediaPointer, "schema", ...pointerKeys(target.pointer).flatMap((key) => ["properties", key]));
  const found = parameterPointers(spec).find((pointer) => {
    const parameter = locate(spec, pointer).node as OpenAPIV3.ParameterObject;
    return parameter.in === target.in && parameter.name === target.name;
  });
  if (!found) throw new Error(`no ${target.in} parameter ${target.name}`);
  return pointerTo(found, "schema");
}

export function requestParts(spec: Spec) {
  const operation = updateOperation(spec);
  const parameters = parameterPointers(spec).map((pointer) => locate(spec, pointer).node as OpenAPIV3.ParameterObject);
  const bodySchema = locate(spec, pointerTo(requestMediaPointer, "schema")).node as Schema | undefined;
  if (!bodySchema) throw new Error("the operation has no application/json request body schema");
  return { operation, parameters, bodySchema };
}

export function schemaAt(spec: Spec, target: Target): Schema {
  const schema = locate(spec, schemaPointer(spec, target)).node as Schema | undefined;
  if (!schema) throw new Error(`no schema for ${targetKey(target)}`);
  return schema;
}

/**
 * Every constraint on the request, where it applies and where `written` (the spec as written,
 * $refs kept) declares it. Throws on a schema shape the walk cannot follow.
 */
export function requestConstraints(written: Spec): Constraint[] {
  const found: Constraint[] = [];
  const collect = (target: Target, pointer: string) => {
    const { node, pointer: declaredAt } = locate(written, pointer);
    const schema = node as Schema;
    for (const keyword of constraintKeywords) if (constrains(schema, keyword)) found.push({ target, keyword, key: pointerTo(declaredAt, keyword), schema });
    return { schema, declaredAt };
  };
  const walk = (at: string) => {
    const { schema, declaredAt } = collect({ in: "body", pointer: at }, schemaPointer(written, { in: "body", pointer: at }));
    for (const inner of childSchemas(schema, declaredAt)) {
      if (inner.keyword !== "properties" || inner.key === undefined) throw new Error(`body ${at || "/"} uses ${inner.keyword}, which the contract tests' walk does not follow yet`);
      walk(pointerTo(at, inner.key));
    }
  };
  walk("");
  for (const pointer of parameterPointers(written)) {
    const parameter = locate(written, pointer).node as OpenAPIV3.ParameterObject;
    if (parameter.in !== "path" && parameter.in !== "header") throw new Error(`parameter ${parameter.name} is in ${parameter.in}, which the contract tests do not send yet`);
    collect({ in: parameter.in, name: parameter.name }, pointerTo(pointer, "schema"));
  }
  return found;
}

/** The first value each body location has in the spec's request examples. */
function exampleValues(spec: Spec): Map<string, unknown> {
  const examples = locate(spec, pointerTo(requestMediaPointer, "examples")).node as Record<string, unknown> | undefined;
  const values = new Map<string, unknown>();
  const visit = (pointer: string, value: unknown) => {
    if (!values.has(pointer)) values.set(pointer, value);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      for (const [key, child] of Object.entries(value)) visit(pointerTo(pointer, key), child);
    }
  };
  for (const name of Object.keys(examples ?? {})) visit("", locate(spec, pointerTo(requestMediaPointer, "examples", name, "value")).node);
  return values;
}

/** A valid value for each body location: from the request examples, else made from the schema. */
export function bodySamples(spec: Spec) {
  const examples = exampleValues(spec);
  return (pointer: string): unknown => {
    if (examples.has(pointer)) return structuredClone(examples.get(pointer));
    const made = sampleOf(spec, schemaPointer(spec, { in: "body", pointer }));
    if (made === undefined) throw new Error(`body ${pointer}: no example in the spec to take a valid value from`);
    return made;
  };
}

/** The whole body for a case: `value` at `pointer`, inside otherwise valid objects, changing at least one field. */
export function bodyFor(spec: Spec, pointer: string, value: unknown): unknown {
  if (pointer === "") return value;
  const sample = bodySamples(spec);
  const keys = pointerKeys(pointer);
  const body: Record<string, unknown> = {};
  let node = body;
  let at = "";
  for (const key of keys.slice(0, -1)) {
    at = pointerTo(at, key);
    node = node[key] = sample(at) as Record<string, unknown>;
  }
  node[keys.at(-1) as string] = value;
  // `attributes` alone changes nothing, and the spec refuses it: add a field that does.
  if (Object.keys(body).every((key) => key === "attributes")) {
    const other = Object.keys(schemaAt(spec, { in: "body", pointer: "" }).properties ?? {}).find((key) => key !== "attributes");
    if (other) body[other] = sample(pointerTo("", other));
  }
  return body;
}

const withArticle = (word: string) => `${/^[aeiou]/.test(word) ? "an" : "a"} ${word}`;

const wrongTypeValue: Record<string, unknown> = { string: 42, object: "not an object", boolean: "true", integer: "1", number: "1", array: {} };

/**
 * The cases for every request constraint, from `written` (the spec as written): the table's values
 * for each, placed at each location the constraint applies to. Throws, naming the table lines to
 * add, when a request constraint has none.
 */
export function requestCases(written: Spec): Case[] {
  const constraints = requestConstraints(written);
  const keys = new Set(constraints.map((c) => c.key));
  const missing = tableProblems(written).filter((problem) => keys.has(problem.key));
  if (missing.length > 0) throw new Error(`request constraints without a case:\n${missing.map((problem) => problem.message).join("\n")}`);
  const sample = bodySamples(written);
  const readOnlyFields = responseOnlyFields(written);
  const cases: Case[] = [];
  for (const { target, keyword, key, schema } of constraints) {
    const where = targetKey(target);
    const add = (accepted: boolean, value: unknown, why: string) =>
      cases.push({ name: `${accepted ? "accepts" : "refuses"} ${where}: ${why} (${keyword})`, target, keyword, value, accepted });
    if (keyword === "type") {
      if (target.in !== "body") continue; // on the wire every path segment and header is a string
      add(true, sample(target.pointer), withArticle(String(schema.type)));
      add(false, wrongTypeValue[String(schema.type)], `a value that is not ${withArticle(String(schema.type))}`);
      if (target.pointer !== "") add(false, null, "an explicit null");
      continue;
    }
    for (const probe of probesFor(key, schema) ?? []) add(probe.accepted, probe.value, probe.why);
    if (keyword === "additionalProperties" && where === "body /") {
      for (const [name, value] of readOnlyFields) add(false, { displayName: "A", [name]: value }, `the read-only field ${name}`);
    }
  }
  return cases;
}

/** The CustomerUser fields a PATCH body cannot carry, each with a value from the spec's 200 examples. */
export function responseOnlyFields(spec: Spec): [string, unknown][] {
  const media = pointerTo(operationPointer, "responses", "200", "content", "application/json");
  const userSchema = locate(spec, pointerTo(media, "schema")).node as Schema | undefined;
  const patchable = new Set(Object.keys(requestParts(spec).bodySchema.properties ?? {}));
  const names = Object.keys((locate(spec, pointerTo(media, "examples")).node as object | undefined) ?? {});
  const examples = names.map((name) => locate(spec, pointerTo(media, "examples", name, "value")).node as Record<string, unknown>);
  return Object.keys(userSchema?.properties ?? {})
    .filter((name) => !patchable.has(name))
    .map((name) => [name, examples.find((example) => name in example)?.[name] ?? "x"]);
}
