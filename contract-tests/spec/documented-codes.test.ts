// The error examples carry the fault codes Partner Center documents for their status (DOCS
// `error-codes.md`, as listed in the facts sheet), so a mistyped code cannot pass as realistic.
import type { OpenAPIV3 } from "openapi-types";
import { describe, expect, it } from "vitest";
import { loadDereferencedSpec, updateOperation } from "../../scripts/lib/spec.ts";

/** Status → the codes DOCS documents for it on this route (503 has none: its example is illustrative). */
const documentedCodes: Record<string, readonly (number | string)[]> = {
  "400": [3000, 800002, 2000],
  "401": [800001, 900421],
  "403": [20002, 900150],
  "404": [60002, 60003],
  "500": [800003],
};

const responses = updateOperation(await loadDereferencedSpec()).responses as Record<string, OpenAPIV3.ResponseObject>;
const examples = Object.entries(documentedCodes).flatMap(([status]) =>
  Object.entries(responses[status]?.content?.["application/json"]?.examples ?? {}).map(
    ([name, example]) => [`${status} ${name}`, status, (example as OpenAPIV3.ExampleObject).value as { code?: unknown }] as const,
  ),
);

describe("the error examples carry documented fault codes", () => {
  it("has an example for each status with documented codes", () => {
    expect(new Set(examples.map(([, status]) => status))).toEqual(new Set(Object.keys(documentedCodes)));
  });

  it.each(examples)("%s", (_name, status, value) => {
    expect(documentedCodes[status]).toContain(value.code);
  });
});
