// The request's constraints, found by walking the spec (the CustomerUserPatch body, the path
// parameters, the optional headers), and cases just inside and just outside each one. Most cases
// are derived from the schema (wrong type, null, enum, lengths, required, unknown and read-only
// properties); a pattern, a format, `not` and a length bound together with a pattern need values
// a person chose, listed in `chosen` below — keyed by the pattern or limit itself, so a change
// to the spec leaves a constraint without a case and the coverage test fails.
import type { OpenAPIV3 } from "openapi-types";
import { updateOperation, type Spec } from "../../scripts/lib/spec.ts";

export type Target =
  | { readonly in: "body"; readonly pointer: string }
  | { readonly in: "path" | "header"; readonly name: string };

export interface Constraint {
  readonly target: Target;
  readonly keyword: string;
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

/** JSON Schema keywords that refuse values. `not` is one; the keywords inside it describe the excluded shape. */
export const constraintKeywords = [
  "type", "enum", "pattern", "format", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum",
  "exclusiveMaximum", "multipleOf", "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties",
  "required", "additionalProperties", "not", "allOf", "anyOf", "oneOf",
] as const;

/** Keywords under which the walk would have to descend to find more constraints; it does not yet. */
const unfollowed = ["allOf", "anyOf", "oneOf", "items", "patternProperties"] as const;

export const targetKey = (target: Target): string => (target.in === "body" ? `body ${target.pointer || "/"}` : `${target.in} ${target.name}`);

const split = (pointer: string) => pointer.split("/").slice(1).map((key) => key.replaceAll("~1", "/").replaceAll("~0", "~"));

export function requestParts(spec: Spec) {
  const operation = updateOperation(spec);
  const pathItem = Object.values(spec.paths).find((item) => item?.patch === operation);
  const parameters = [...(pathItem?.parameters ?? []), ...(operation.parameters ?? [])] as OpenAPIV3.ParameterObject[];
  const bodySchema = (operation.requestBody as OpenAPIV3.RequestBodyObject | undefined)?.content["application/json"]?.schema as Schema | undefined;
  if (!bodySchema) throw new Error("the operation has no application/json request body schema");
  return { operation, parameters, bodySchema };
}

/** Every constraint on the request, where it applies. Throws on a schema shape the walk cannot follow. */
export function requestConstraints(spec: Spec): Constraint[] {
  const { parameters, bodySchema } = requestParts(spec);
  const found: Constraint[] = [];
  const collect = (target: Target, schema: Schema) => {
    for (const keyword of constraintKeywords) {
      const value = (schema as Record<string, unknown>)[keyword];
      if (value === undefined || (keyword === "additionalProperties" && value === true)) continue;
      found.push({ target, keyword, schema });
    }
  };
  const walk = (pointer: string, schema: Schema) => {
    for (const keyword of unfollowed) {
      if (keyword in schema) throw new Error(`body ${pointer || "/"} uses ${keyword}, which the contract tests' walk does not follow yet`);
    }
    if (typeof schema.additionalProperties === "object") throw new Error(`body ${pointer || "/"} has an additionalProperties schema, which the walk does not follow yet`);
    collect({ in: "body", pointer }, schema);
    for (const [name, child] of Object.entries(schema.properties ?? {})) walk(`${pointer}/${name}`, child as Schema);
  };
  walk("", bodySchema);
  for (const parameter of parameters) {
    if (parameter.in !== "path" && parameter.in !== "header") throw new Error(`parameter ${parameter.name} is in ${parameter.in}, which the contract tests do not send yet`);
    collect({ in: parameter.in, name: parameter.name }, parameter.schema as Schema);
  }
  return found;
}

export function schemaAt(spec: Spec, target: Target): Schema {
  const { parameters, bodySchema } = requestParts(spec);
  if (target.in !== "body") {
    const parameter = parameters.find((p) => p.in === target.in && p.name === target.name);
    if (!parameter) throw new Error(`no ${target.in} parameter ${target.name}`);
    return parameter.schema as Schema;
  }
  return split(target.pointer).reduce<Schema>((schema, key) => {
    const child = schema.properties?.[key];
    if (!child) throw new Error(`no body property ${target.pointer}`);
    return child as Schema;
  }, bodySchema);
}

const guid = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
const upn = "^[A-Za-z0-9'._!#^~-]{1,64}@[A-Za-z0-9.-]{1,48}$";
const password =
  "^(?:(?=.*[a-z])(?=.*[A-Z])(?=.*[0-9])|(?=.*[a-z])(?=.*[A-Z])(?=.*[^a-zA-Z0-9])|(?=.*[a-z])(?=.*[0-9])(?=.*[^a-zA-Z0-9])|(?=.*[A-Z])(?=.*[0-9])(?=.*[^a-zA-Z0-9]))";
const a = (n: number) => "a".repeat(n);

interface Chosen {
  readonly inside: readonly unknown[];
  readonly outside: readonly (readonly [why: string, value: unknown])[];
}

/**
 * Values a person chose, for constraints a schema walk cannot fill in: keyed by
 * `pattern <regex>`, `format <name>`, `<regex> maxLength <n>` / `<regex> minLength <n>` (a length
 * bound on a string that must also match a pattern) and `not <target>`.
 */
const chosen: Record<string, Chosen> = {
  [`pattern ${guid}`]: {
    inside: ["4B10BF41-AB11-40E3-8C53-CD67849B50DE"],
    outside: [
      ["a GUID without hyphens", "4b10bf41ab1140e38c53cd67849b50de"],
      ["a URN, which the uuid format allows", "urn:uuid:4b10bf41-ab11-40e3-8c53-cd67849b50de"],
    ],
  },
  "format uuid": { inside: ["4b10bf41-ab11-40e3-8c53-cd67849b50de"], outside: [["a GUID with a non-hex digit", "4b10bf41-ab11-40e3-8c53-cd67849b50dg"]] },
  "pattern ^[A-Z]{2}$": {
    inside: ["GB"],
    outside: [["lower case", "us"], ["three letters", "USA"], ["PAGE's placeholder", "new country/region code"]],
  },
  [`pattern ${upn}`]: {
    inside: [`o'neil.a-b_c!d#e^f~g@contoso.com`, `${a(64)}@${a(48)}`],
    outside: [["a space in the alias", "ada lovelace@contoso.com"], ["no @", "ada.contoso.com"], ["a 65-character alias", `${a(65)}@contoso.com`], ["a 49-character domain", `ada@${a(49)}`]],
  },
  [`${upn} maxLength 113`]: { inside: [`${a(64)}@${a(44)}.com`], outside: [["114 characters", `${a(64)}@${a(45)}.com`]] },
  [`pattern ${password}`]: {
    inside: ["aaaaaaA1", "aaaaaaA!", "aaaaaa1!", "AAAAAA1!"],
    outside: [["lower and upper case only", "aaaaaaaA"], ["lower case and digits only", "aaaaaaa1"], ["digits and symbols only", "1234567!"]],
  },
  [`${password} minLength 8`]: { inside: ["Aa1aaaaa"], outside: [["7 characters", "Aa1aaaa"]] },
  [`${password} maxLength 256`]: { inside: [`Aa1${a(253)}`], outside: [["257 characters", `Aa1${a(254)}`]] },
  "pattern ^v[0-9]+$": { inside: ["v1", "v12"], outside: [["no v", "1"], ["a capital V", "V1"]] },
  "pattern ^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$": { inside: ["en-US", "zh-Hans-CN"], outside: [["an underscore", "en_US"], ["a digit", "1"]] },
  "not body /": {
    inside: [{ displayName: "A", attributes: { objectType: "CustomerUser" } }],
    outside: [["an empty object", {}], ["attributes alone", { attributes: { objectType: "CustomerUser" } }]],
  },
};

/** The first value each body location has in the spec's request examples. */
function exampleValues(spec: Spec): Map<string, unknown> {
  const media = (updateOperation(spec).requestBody as OpenAPIV3.RequestBodyObject).content["application/json"];
  const values = new Map<string, unknown>();
  const visit = (pointer: string, value: unknown) => {
    if (!values.has(pointer)) values.set(pointer, value);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      for (const [key, child] of Object.entries(value)) visit(`${pointer}/${key}`, child);
    }
  };
  for (const example of Object.values(media?.examples ?? {})) visit("", (example as OpenAPIV3.ExampleObject).value);
  return values;
}

/** A valid value for each body location: from the examples, else made from the schema. */
export function bodySamples(spec: Spec) {
  const examples = exampleValues(spec);
  const sample = (pointer: string): unknown => {
    if (examples.has(pointer)) return structuredClone(examples.get(pointer));
    const schema = schemaAt(spec, { in: "body", pointer });
    if (schema.enum) return schema.enum[0];
    if (schema.type === "boolean") return true;
    if (schema.type === "string" && schema.pattern === undefined) return a(Math.max(1, schema.minLength ?? 1));
    if (schema.type === "object") return Object.fromEntries((schema.required ?? []).map((name) => [name, sample(`${pointer}/${name}`)]));
    throw new Error(`body ${pointer}: no example in the spec to take a valid value from`);
  };
  return sample;
}

/** The whole body for a case: `value` at `pointer`, inside otherwise valid objects, changing at least one field. */
export function bodyFor(spec: Spec, pointer: string, value: unknown): unknown {
  if (pointer === "") return value;
  const sample = bodySamples(spec);
  const keys = split(pointer);
  const body: Record<string, unknown> = {};
  let node = body;
  let at = "";
  for (const key of keys.slice(0, -1)) {
    at += `/${key}`;
    node = node[key] = sample(at) as Record<string, unknown>;
  }
  node[keys.at(-1) as string] = value;
  // `attributes` alone changes nothing, and the spec refuses it: add a field that does.
  if (Object.keys(body).every((key) => key === "attributes")) {
    const other = Object.keys(schemaAt(spec, { in: "body", pointer: "" }).properties ?? {}).find((key) => key !== "attributes");
    if (other) body[other] = sample(`/${other}`);
  }
  return body;
}

const withArticle = (word: string) => `${/^[aeiou]/.test(word) ? "an" : "a"} ${word}`;
const shown = (value: unknown) => {
  const json = JSON.stringify(value);
  return typeof value === "string" && value.length > 40 ? `a ${[...value].length}-character string` : json;
};

const wrongTypeValue: Record<string, unknown> = { string: 42, object: "not an object", boolean: "true", integer: "1", number: "1", array: {} };

/** The cases for every request constraint; throws naming any constraint that none covers. */
export function requestCases(spec: Spec): Case[] {
  const cases: Case[] = [];
  const uncovered: string[] = [];
  const sample = bodySamples(spec);
  const readOnlyFields = responseOnlyFields(spec);
  for (const { target, keyword, schema } of requestConstraints(spec)) {
    const key = targetKey(target);
    const add = (accepted: boolean, value: unknown, why: string) =>
      cases.push({ name: `${accepted ? "accepts" : "refuses"} ${key}: ${why}`, target, keyword, value, accepted });
    const fromChosen = (id: string) => {
      const values = chosen[id];
      if (!values) return false;
      for (const value of values.inside) add(true, value, `${shown(value)} (${keyword})`);
      for (const [why, value] of values.outside) add(false, value, `${why} (${keyword})`);
      return true;
    };
    const valid = target.in === "body" ? sample(target.pointer) : undefined;
    switch (keyword) {
      case "type":
        if (target.in !== "body") continue; // on the wire every path segment and header is a string
        add(true, valid, `${withArticle(String(schema.type))} (type)`);
        add(false, wrongTypeValue[String(schema.type)], `a value that is not ${withArticle(String(schema.type))} (type)`);
        if (target.pointer !== "") add(false, null, "an explicit null (type)");
        break;
      case "enum":
        for (const value of schema.enum ?? []) add(true, value, `${JSON.stringify(value)} (enum)`);
        add(false, `${String(schema.enum?.[0])}x`, "a value not listed (enum)");
        if (key === "body /state") add(false, "inactive", `"inactive", which only the server sets (enum)`);
        break;
      case "minLength":
      case "maxLength": {
        const limit = schema[keyword] as number;
        if (schema.pattern !== undefined) {
          if (!fromChosen(`${schema.pattern} ${keyword} ${limit}`)) uncovered.push(`${key} ${keyword} ${limit} (with a pattern)`);
          break;
        }
        const step = keyword === "maxLength" ? 1 : -1;
        add(true, a(limit), `${limit} characters (${keyword})`);
        if (keyword === "maxLength") add(true, "😀".repeat(limit), `${limit} characters outside the BMP, counted as characters not UTF-16 units (maxLength)`);
        if (limit + step >= 0) add(false, a(limit + step), `${limit + step} characters (${keyword})`);
        break;
      }
      case "pattern":
      case "format":
        if (!fromChosen(`${keyword} ${String(schema[keyword])}`)) uncovered.push(`${key} ${keyword} ${String(schema[keyword])}`);
        break;
      case "required":
        for (const name of schema.required ?? []) {
          const { [name]: _dropped, ...rest } = valid as Record<string, unknown>;
          add(false, rest, `without ${name} (required)`);
        }
        add(true, valid, "with every required property (required)");
        break;
      case "additionalProperties":
        add(true, valid, "known properties only (additionalProperties)");
        add(false, { ...(valid as object), unknownProperty: "x" }, "an unknown property (additionalProperties)");
        // A name every plain object inherits: a lookup that is not an own-property check finds it.
        add(false, { ...(valid as object), constructor: "x" }, `an unknown property named "constructor" (additionalProperties)`);
        if (key === "body /") {
          add(false, { usageLocaton: "US" }, `the typo "usageLocaton" (additionalProperties)`);
          for (const [name, value] of readOnlyFields) add(false, { displayName: "A", [name]: value }, `the read-only field ${name} (additionalProperties)`);
        }
        break;
      case "not":
        if (!fromChosen(`not ${key}`)) uncovered.push(`${key} not`);
        break;
      default:
        uncovered.push(`${key} ${keyword}`);
    }
  }
  if (uncovered.length > 0) throw new Error(`request constraints without a case (add one in contract-tests/support/request-cases.ts):\n  ${uncovered.join("\n  ")}`);
  return cases;
}

/** The CustomerUser fields a PATCH body cannot carry, each with a value from the spec's 200 examples. */
export function responseOnlyFields(spec: Spec): [string, unknown][] {
  const ok = updateOperation(spec).responses["200"] as OpenAPIV3.ResponseObject;
  const media = ok.content?.["application/json"];
  const userSchema = media?.schema as Schema | undefined;
  const patchable = new Set(Object.keys(requestParts(spec).bodySchema.properties ?? {}));
  const examples = Object.values(media?.examples ?? {}).map((e) => (e as OpenAPIV3.ExampleObject).value as Record<string, unknown>);
  return Object.keys(userSchema?.properties ?? {})
    .filter((name) => !patchable.has(name))
    .map((name) => [name, examples.find((example) => name in example)?.[name] ?? "x"]);
}
