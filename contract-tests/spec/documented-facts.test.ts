// The spec states each documented fact exactly (contract-tests/documented-facts.ts), and the check
// is shown to name the right fact and source on broken copies that loosen or tighten one.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { OpenAPIV3 } from "openapi-types";
import { properties, schema } from "../../scripts/lib/spec-edits.ts";
import { defaultSpecPath, loadDereferencedSpec, loadSpec, type Spec, updateOperation } from "../../scripts/lib/spec.ts";
import { brokenFacts, documentedFacts } from "../documented-facts.ts";
import { atPointer } from "../support/spec-constraints.ts";

type Schema = OpenAPIV3.SchemaObject;

const spec = await loadDereferencedSpec();

describe("the spec states every documented fact exactly", () => {
  it("resolves every place a documented fact names", () => {
    const dangling = documentedFacts.flatMap((fact) => fact.at.filter((pointer) => atPointer(spec, pointer) === undefined).map((pointer) => `${fact.name}: ${pointer}`));
    expect(dangling).toEqual([]);
  });

  it("gives each fact its own name", () => {
    const names = documentedFacts.map((fact) => fact.name);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
  });

  it.each(documentedFacts.map((fact) => [`${fact.name} (${fact.source})`, fact] as const))("%s", (_rule, fact) => {
    expect(brokenFacts(spec, [fact]).map((broken) => broken.message)).toEqual([]);
  });
});

// Copies of the committed spec (not PARTNER_CENTER_SPEC's): these tests are about the check. Each
// edits the parsed spec, so the YAML's layout is free to change.
const dir = await mkdtemp(join(tmpdir(), "pcu-facts-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Sets `object[key]` to `to`, after checking it holds `from`: an edit that no longer applies says so. */
function change<T extends object, K extends keyof T>(object: T | undefined, key: K, from: T[K], to: T[K] | undefined): void {
  if (object === undefined || JSON.stringify(object[key]) !== JSON.stringify(from)) {
    throw new Error(`the spec no longer has ${String(key)} = ${JSON.stringify(from)} there (it has ${JSON.stringify(object?.[key])})`);
  }
  if (to === undefined) delete object[key];
  else object[key] = to;
}

interface BrokenCopy {
  readonly edit: string;
  readonly apply: (spec: Spec) => void;
  /** The one fact the edit breaks, its source, and a piece of the message that shows the edit. */
  readonly fact: string;
  readonly source: string;
  readonly shows: string;
}

const copies: readonly BrokenCopy[] = [
  {
    edit: "a wider enum: suspended added to a PATCH's state",
    apply: (spec) => change(properties(spec, "CustomerUserPatch")["state"] as Schema, "enum", ["active"], ["active", "suspended"]),
    fact: "a PATCH sets state only to active, to restore a deleted user",
    source: "DOCS restore-a-user-for-a-customer.md",
    shows: 'is ["active","suspended"], documented ["active"]',
  },
  {
    edit: "a looser pattern: usageLocation in lower case too",
    apply: (spec) => change(schema(spec, "UsageLocation"), "pattern", "^[A-Z]{2}$", "^[A-Za-z]{2}$"),
    fact: "usageLocation is an ISO 3166-1 alpha-2 code in capitals",
    source: "AAD/Graph usageLocation (Partner Center documents no format)",
    shows: 'is "^[A-Za-z]{2}$", documented "^[A-Z]{2}$"',
  },
  {
    edit: "a larger maxLength: userPrincipalName 113 → 120",
    apply: (spec) => change(schema(spec, "UserPrincipalName"), "maxLength", 113, 120),
    fact: "userPrincipalName is at most 113 characters",
    source: "AAD userPrincipalName",
    shows: "value is 120, documented 113",
  },
  {
    edit: "a tighter maxLength: first and last names 64 → 32",
    apply: (spec) => change(schema(spec, "PersonName"), "maxLength", 64, 32),
    fact: "firstName and lastName are at most 64 characters",
    source: "AAD givenName/surname",
    shows: "value is 32, documented 64",
  },
  {
    edit: "a dropped required field: userPrincipalName no longer required in a returned user",
    apply: (spec) => change(schema(spec, "CustomerUser"), "required", ["id", "userPrincipalName", "attributes"], ["id", "attributes"]),
    fact: "a returned user always has id, userPrincipalName and attributes",
    source: "PAGE and DOCS user-resources.md examples (usageLocation may be absent)",
    shows: 'is ["id","attributes"], documented ["id","userPrincipalName","attributes"]',
  },
  {
    edit: "a dropped status: 404",
    apply: (spec) => change(updateOperation(spec).responses, "404", { $ref: "#/components/responses/NotFound" }, undefined),
    fact: "PATCH answers exactly 200, 400, 401, 403, 404, 429, 500 and 503",
    source: "PAGE (200); DOCS error-codes.md (400, 401, 403, 404, 500, 503); DOCS api-throttling-guidance.md (429)",
    shows: 'property names is ["200","400","401","403","429","500","503"]',
  },
  {
    edit: "a wrong server: the 21Vianet URL on .com",
    apply: (spec) => change(spec.servers?.[1], "url", "https://partner.partnercenterapi.microsoftonline.cn", "https://partner.partnercenterapi.microsoftonline.com"),
    fact: "the servers are the global and the 21Vianet URLs, global first",
    source: "DOCS partner-center-rest-urls.md",
    shows: "each item's url is [\"https://api.partnercenter.microsoft.com\",\"https://partner.partnercenterapi.microsoftonline.com\"]",
  },
  {
    edit: "a renamed property: the 429 body's statusCode → status",
    apply: (spec) => {
      const fields = properties(spec, "Throttled");
      const statusCode = fields["statusCode"] as Schema;
      change(fields, "statusCode", statusCode, undefined);
      fields["status"] = statusCode;
    },
    fact: "a 429 body's statusCode is 429",
    source: "DOCS api-throttling-guidance.md",
    shows: "/properties/statusCode/enum does not resolve",
  },
];

describe("the documented-facts check fails on a broken copy, naming the fact and its source", () => {
  it.each(copies.map((copy) => [`${copy.edit} → ${copy.fact}`, copy] as const))("%s", async (_rule, copy) => {
    const spec = await loadSpec(defaultSpecPath);
    copy.apply(spec);
    // JSON is YAML: the copy is written as JSON, $refs kept, and read back as the spec is.
    const path = join(dir, `${copies.indexOf(copy)}.yaml`);
    await writeFile(path, JSON.stringify(spec, null, 2));
    const broken = brokenFacts(await loadDereferencedSpec(path));
    expect(broken.map(({ fact }) => [fact.name, fact.source])).toEqual([[copy.fact, copy.source]]);
    expect(broken[0]?.message).toContain(`${copy.fact} (${copy.source}): `);
    expect(broken[0]?.message).toContain(copy.shows);
  });
});
