// The client checks every success answer against the spec before use (src/operations.ts
// checkResponse, on the rules generated from the spec). Here it is held to the independent judge,
// ajv on the spec's own schemas: every documented success example and many an answer broken from
// them — a field dropped, nulled, of another type, unknown; an item that is not a user — get the
// same verdict from both.
import { describe, expect, it } from "vitest";
import type { OpenAPIV3 } from "openapi-types";
import { loadDereferencedSpec } from "../scripts/lib/spec.ts";
import { checkResponse, operationRules, type OperationId } from "../src/operations.ts";
import { schemaErrors } from "./support/spec-ajv.ts";

const spec = await loadDereferencedSpec();

interface Case {
  readonly name: string;
  readonly operationId: OperationId;
  readonly status: number;
  readonly schema: object;
  readonly body: unknown;
}

type Json = Record<string, unknown>;
const replacements: readonly [string, unknown][] = [["null", null], ["5", 5], ['"x"', "x"], ["{}", {}], ["[]", []], ["true", true]];

/** The example, and copies of it each broken (or not) in one place: every property of every object in it. */
function variants(example: unknown, name: string): { name: string; body: unknown }[] {
  const out = [{ name, body: example }];
  const visit = (node: unknown, path: string, rebuild: (value: unknown) => unknown) => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, `${path}[${i}]`, (value) => rebuild(node.map((old, j) => (j === i ? value : old)))));
      return;
    }
    if (node === null || typeof node !== "object") return;
    const object = node as Json;
    out.push({ name: `${name} ${path} + unknown`, body: rebuild({ ...object, unknownField: 1 }) });
    for (const key of Object.keys(object)) {
      const { [key]: _, ...without } = object;
      out.push({ name: `${name} ${path}.${key} dropped`, body: rebuild(without) });
      for (const [label, value] of replacements) out.push({ name: `${name} ${path}.${key} = ${label}`, body: rebuild({ ...object, [key]: value }) });
      visit(object[key], `${path}.${key}`, (value) => rebuild({ ...object, [key]: value }));
    }
  };
  visit(example, "", (value) => value);
  return out;
}

const cases: Case[] = Object.values(spec.paths).flatMap((item) =>
  Object.values(item ?? {}).flatMap((operation) => {
    if (typeof operation !== "object" || operation === null || !("responses" in operation)) return [];
    const { operationId, responses } = operation as OpenAPIV3.OperationObject;
    const [status, success] = Object.entries(responses as Record<string, OpenAPIV3.ResponseObject>).find(([code]) => code.startsWith("2")) ?? [];
    const ok = success?.content?.["application/json"];
    if (!ok?.schema || !operationId) return [];
    return Object.entries(ok.examples ?? {}).flatMap(([name, example]) =>
      variants((example as OpenAPIV3.ExampleObject).value, `${operationId} ${name}`).map((variant) => ({ ...variant, operationId: operationId as OperationId, status: Number(status), schema: ok.schema as object })),
    );
  }),
);

describe("the client's check of a success answer agrees with ajv on the spec", () => {
  it("has cases for every operation that answers with a body, valid and invalid", () => {
    const withBody = Object.entries(operationRules).filter(([, rules]) => rules.response.schema !== undefined);
    expect(new Set(cases.map((c) => c.operationId))).toEqual(new Set(withBody.map(([operationId]) => operationId)));
    expect(cases.length).toBeGreaterThan(500);
  });

  it("gives ajv's verdict on every case", () => {
    const disagreements = cases.filter((c) => (checkResponse(operationRules[c.operationId], c.status, c.body).length === 0) !== (schemaErrors(c.schema, c.body).length === 0)).map((c) => c.name);
    expect(disagreements).toEqual([]);
  });

  it("takes a 204 answer with no body, and refuses one with a body", () => {
    expect(checkResponse(operationRules.deleteCustomerUser, 204, undefined)).toEqual([]);
    expect(checkResponse(operationRules.deleteCustomerUser, 204, {})).toEqual([{ path: "body", message: "must be empty" }]);
    expect(checkResponse(operationRules.removeDirectoryRoleMember, 200, undefined)).toEqual([{ path: "status", message: "must be 204, not 200" }]);
  });

  it("refuses a status other than the documented success", () => {
    expect(checkResponse(operationRules.getCustomerUser, 201, {})).toEqual([{ path: "status", message: "must be 200, not 201" }]);
  });
});
