import { describe, expect, it } from "vitest";
import { loadDereferencedSpec, updateOperation } from "../../scripts/lib/spec.ts";
import { schemaErrors } from "../support/spec-ajv.ts";
import { collectExamples } from "../support/spec-examples.ts";

const spec = await loadDereferencedSpec();
const examples = collectExamples(spec);

describe("every example in the spec satisfies its schema", () => {
  it("finds the examples of every documented status, the request body and the headers", () => {
    const where = examples.map((e) => e.where).join("\n");
    for (const status of Object.keys(updateOperation(spec).responses)) expect(where).toContain(` ${status} application/json examples.`);
    expect(where).toMatch(/request application\/json examples\.page/);
    expect(where).toMatch(/429 header Retry-After/);
    expect(where).toMatch(/parameter MS-RequestId example/);
  });

  it.each(examples.map((e) => [e.where, e] as const))("%s", (_where, example) => {
    expect(schemaErrors(example.schema, example.value)).toEqual([]);
  });
});

describe("the example check can fail", () => {
  it("reports an example that breaks its schema", async () => {
    const broken = await loadDereferencedSpec();
    const ok = updateOperation(broken).responses["200"] as { content: Record<string, { examples: Record<string, { value: Record<string, unknown> }> }> };
    const page = ok.content["application/json"]?.examples["page"];
    if (!page) throw new Error("the 200 response has no page example");
    page.value["userDomainType"] = "hybrid";
    const failures = collectExamples(broken).filter((e) => schemaErrors(e.schema, e.value).length > 0);
    expect(failures.map((f) => f.where)).toEqual([expect.stringContaining("200 application/json examples.page")]);
  });
});
