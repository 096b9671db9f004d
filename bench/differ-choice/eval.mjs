// One-off (issue 13): runs each candidate on each edit written by make-edits.ts and prints what it
// reports. Each candidate is installed in its own npm prefix under $CANDIDATES (plain node: Optic's
// CJS packages load as they would for a user):
//   npm i --prefix $CANDIDATES/de-oad openapi-diff@0.24.1
//   npm i --prefix $CANDIDATES/de-jsd json-schema-diff@1.0.0
//   npm i --prefix $CANDIDATES/de-optic @useoptic/standard-rulesets@1.0.9 @useoptic/openapi-utilities@1.0.9
//     (alone, it crashes on require: ajv-errors is hoisted beside ajv 8.17.1 while spectral-core
//      nests ajv 8.20.0; an npm override "ajv": "8.17.1" in that prefix makes it load)
//   OUT=/tmp/edits CANDIDATES=/tmp node bench/differ-choice/eval.mjs
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
const req = (d) => createRequire(`${process.env.CANDIDATES ?? "/tmp"}/${d}/`);
const openapiDiff = req("de-oad")("openapi-diff");
const jsonSchemaDiff = req("de-jsd")("json-schema-diff");
const { BreakingChangesRuleset } = req("de-optic")("@useoptic/standard-rulesets");
const { TestHelpers } = req("de-optic")("@useoptic/rulesets-base");
const SwaggerParser = createRequire(new URL("../../", import.meta.url))("@apidevtools/swagger-parser");

const dir = process.env.OUT ?? "/tmp/differ-choice-edits";
const index = JSON.parse(await readFile(`${dir}/index.json`, "utf8"));
const baseText = await readFile(`${dir}/base.json`, "utf8");
const baseDeref = await SwaggerParser.dereference(`${dir}/base.json`);
const op = "/v1/customers/{customer-tenant-id}/users/{user-id}";
const loc = (d) => d.destinationSpecEntityDetails?.[0]?.location ?? d.sourceSpecEntityDetails?.[0]?.location;
const out = [];
for (const edit of index) {
  const headText = await readFile(`${dir}/${edit.file}`, "utf8");
  const headDeref = await SwaggerParser.dereference(`${dir}/${edit.file}`);
  const row = { edit: edit.name, expected: edit.breaking ? "breaking" : "non-breaking" };
  try {
    const r = await openapiDiff.diffSpecs({
      sourceSpec: { content: baseText, location: "base.json", format: "openapi3" },
      destinationSpec: { content: headText, location: "head.json", format: "openapi3" },
    });
    row.openapiDiff = {
      breaking: (r.breakingDifferences ?? []).map((d) => `${d.code} ${loc(d)}`),
      nonBreaking: r.nonBreakingDifferences.map((d) => `${d.code} ${loc(d)}`),
      unclassified: r.unclassifiedDifferences.map((d) => `${d.code} ${loc(d)}`),
    };
  } catch (e) { row.openapiDiff = `error: ${e.message.slice(0, 300)}`; }
  try {
    const t0 = Date.now();
    const results = await TestHelpers.runRulesWithInputs([new BreakingChangesRuleset()], structuredClone(baseDeref), structuredClone(headDeref));
    const failed = results.filter((r) => !r.passed && !r.exempted);
    row.optic = { breaking: failed.map((r) => `${r.name}: ${r.error ?? ""} @ ${r.location?.jsonPath ?? ""}`.slice(0, 200)), checks: results.length, ms: Date.now() - t0 };
  } catch (e) { row.optic = `error: ${e.message.slice(0, 300)}`; }
  try {
    const pick = (s, w) => {
      const o = s.paths[op]?.patch;
      if (!o) return { not: {} };
      return w === "req" ? o.requestBody.content["application/json"].schema : o.responses["200"].content["application/json"].schema;
    };
    const strip = (x) => JSON.parse(JSON.stringify(x, (k, v) => (["example", "readOnly", "writeOnly", "nullable", "description", "format"].includes(k) ? undefined : v)));
    const req = await jsonSchemaDiff.diffSchemas({ sourceSchema: strip(pick(baseDeref, "req")), destinationSchema: strip(pick(headDeref, "req")) });
    const res = await jsonSchemaDiff.diffSchemas({ sourceSchema: strip(pick(baseDeref, "res")), destinationSchema: strip(pick(headDeref, "res")) });
    row.jsonSchemaDiff = { requestNarrowed: req.removalsFound, requestWidened: req.additionsFound, responseNarrowed: res.removalsFound, responseWidened: res.additionsFound };
  } catch (e) { row.jsonSchemaDiff = `error: ${e.message.slice(0, 300)}`; }
  out.push(row);
}
console.log(JSON.stringify(out, null, 1));
