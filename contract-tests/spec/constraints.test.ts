// Each constraint the spec declares, tried with the values of the one table of constraint cases
// (support/constraint-cases.ts) — just inside and just outside — and judged by a full JSON Schema
// validator on the schema as the spec declares it.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { OpenAPIV3 } from "openapi-types";
import { afterAll, describe, expect, it } from "vitest";
import { defaultSpecPath, loadDereferencedSpec, loadSpec, type Spec } from "../../scripts/lib/spec.ts";
import { constraintCases, needsCase, probesFor, suggestedCase, tableProblems, type ConstraintCase } from "../support/constraint-cases.ts";
import { requestCases } from "../support/request-cases.ts";
import { brokenKeywords } from "../support/spec-ajv.ts";
import { atPointer, constraintAt, declaredConstraints, type DeclaredConstraint } from "../support/spec-constraints.ts";

type Schema = OpenAPIV3.SchemaObject;

const written = await loadSpec();
const resolved = await loadDereferencedSpec();

/** One test per value: `<constraint>: accepts|refuses <value>`, judged by ajv on the schema that declares it. */
function probeTests(spec: Spec, constraints: readonly DeclaredConstraint[], table?: Readonly<Record<string, ConstraintCase>>) {
  return constraints.flatMap((c) => {
    const schema = atPointer(spec, c.schema) as Schema;
    return (probesFor(c.key, schema, table) ?? []).map((probe) => [`${c.key}: ${probe.accepted ? "accepts" : "refuses"} ${probe.why}`, c, schema, probe] as const);
  });
}

function judge(...[, c, schema, probe]: ReturnType<typeof probeTests>[number]) {
  if (probe.accepted) expect(brokenKeywords(schema, probe.value), "just inside").toEqual([]);
  else expect(brokenKeywords(schema, probe.value), "just outside").toContain(c.keyword);
}

describe("the table of constraint cases has one line for each constraint the spec declares", () => {
  it("has a line, with a value outside, for each declared constraint, and none for a constraint the spec lacks", () => {
    // Joined, so the line to paste shows as it is, not as an escaped string in a list.
    expect(tableProblems(written).map((problem) => problem.message).join("\n")).toBe("");
  });
});

describe("every constraint the spec declares accepts the values just inside it and refuses those just outside", () => {
  it.each(probeTests(resolved, declaredConstraints(written).filter(needsCase)))("%s", judge);
});

// A copy of the committed spec (not PARTNER_CENTER_SPEC's): this test is about the check.
const dir = await mkdtemp(join(tmpdir(), "pcu-constraints-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("a constraint the spec gains without a line in the table fails, naming the line to add and where", () => {
  const from = "        etag:\n          type: string\n    CustomerUserPatch:";
  const to = "        etag:\n          type: string\n          maxLength: 50\n    CustomerUserPatch:";
  const key = "#/components/schemas/PatchAttributes/properties/etag/maxLength";
  const message = [
    `no case for ${key}: add to contract-tests/support/constraint-cases.ts, after the line for #/components/schemas/PatchAttributes/properties/objectType/enum:`,
    `  "${key}": { inside: [a(50)], outside: { "51 characters": a(51) } },`,
  ].join("\n");

  it("says so for the spec checks and the request checks alike, on a copy with a new maxLength on attributes.etag", async () => {
    const source = await readFile(defaultSpecPath, "utf8");
    if (source.split(from).length !== 2) throw new Error(`the spec no longer contains ${JSON.stringify(from)} exactly once`);
    const path = join(dir, "new-maxlength.yaml");
    await writeFile(path, source.replace(from, to));
    const broken = await loadSpec(path);

    expect(tableProblems(broken).map((problem) => problem.message)).toEqual([message]);
    expect(() => requestCases(broken)).toThrow(message);

    // The suggested line, pasted, completes the table, and its values hold on the copy.
    const constraint = constraintAt("#/components/schemas/PatchAttributes/properties/etag", "maxLength");
    const table = { ...constraintCases, [key]: suggestedCase(broken, constraint) };
    const tests = probeTests(await loadDereferencedSpec(path), [constraint], table);
    expect(tests.map(([name]) => name)).toEqual([`${key}: accepts a 50-character string`, `${key}: refuses 51 characters`, `${key}: accepts 50 characters outside the BMP, counted as characters not UTF-16 units`]);
    for (const test of tests) judge(...test);
  });
});
