// The spec states each documented fact exactly (contract-tests/documented-facts.ts), and the check
// is shown to name the right fact and source on broken copies that loosen or tighten one.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defaultSpecPath, loadDereferencedSpec } from "../../scripts/lib/spec.ts";
import { brokenFacts, documentedFacts } from "../documented-facts.ts";
import { atPointer } from "../support/spec-constraints.ts";

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

// Copies of the committed spec (not PARTNER_CENTER_SPEC's): these tests are about the check.
const source = await readFile(defaultSpecPath, "utf8");
const dir = await mkdtemp(join(tmpdir(), "pcu-facts-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The spec's text from the line `first` (the first one after `after`) up to, not including, the line `next`. */
function linesFrom(first: string, next: string, after = ""): string {
  const start = source.indexOf(`\n${first}\n`, source.indexOf(after));
  const end = source.indexOf(`\n${next}\n`, start + 1);
  if (start < 0 || end < 0) throw new Error(`the spec no longer has the lines ${JSON.stringify(first)} and ${JSON.stringify(next)}`);
  return source.slice(start + 1, end + 1);
}

interface BrokenCopy {
  readonly edit: string;
  /** Where the edit starts looking, when `from` occurs more than once in the spec. */
  readonly after?: string;
  readonly from: string;
  readonly to: string;
  /** The one fact the edit breaks, its source, and a piece of the message that shows the edit. */
  readonly fact: string;
  readonly source: string;
  readonly shows: string;
}

const copies: readonly BrokenCopy[] = [
  {
    edit: "a wider enum: suspended added to a PATCH's state",
    from: "            - active\n          description: >-\n            Only",
    to: "            - active\n            - suspended\n          description: >-\n            Only",
    fact: "a PATCH sets state only to active, to restore a deleted user",
    source: "DOCS restore-a-user-for-a-customer.md",
    shows: 'is ["active","suspended"], documented ["active"]',
  },
  {
    edit: "a looser pattern: usageLocation in lower case too",
    from: 'pattern: "^[A-Z]{2}$"',
    to: 'pattern: "^[A-Za-z]{2}$"',
    fact: "usageLocation is an ISO 3166-1 alpha-2 code in capitals",
    source: "AAD/Graph usageLocation (Partner Center documents no format)",
    shows: 'is "^[A-Za-z]{2}$", documented "^[A-Z]{2}$"',
  },
  {
    edit: "a larger maxLength: userPrincipalName 113 → 120",
    from: "maxLength: 113",
    to: "maxLength: 120",
    fact: "userPrincipalName is at most 113 characters",
    source: "AAD userPrincipalName",
    shows: "value is 120, documented 113",
  },
  {
    edit: "a tighter maxLength: first and last names 64 → 32",
    from: "maxLength: 64",
    to: "maxLength: 32",
    fact: "firstName and lastName are at most 64 characters",
    source: "AAD givenName/surname",
    shows: "value is 32, documented 64",
  },
  {
    edit: "a dropped required field: userPrincipalName no longer required in a returned user",
    from: "        - id\n        - userPrincipalName\n",
    to: "        - id\n",
    fact: "a returned user always has id, userPrincipalName and attributes",
    source: "PAGE and DOCS user-resources.md examples (usageLocation may be absent)",
    shows: 'is ["id","attributes"], documented ["id","userPrincipalName","attributes"]',
  },
  {
    edit: "a dropped status: 404",
    after: "      operationId: updateCustomerUser\n",
    from: linesFrom('        "404":', '        "429":', "      operationId: updateCustomerUser\n"),
    to: "",
    fact: "PATCH answers exactly 200, 400, 401, 403, 404, 429, 500 and 503",
    source: "PAGE (200); DOCS error-codes.md (400, 401, 403, 404, 500, 503); DOCS api-throttling-guidance.md (429)",
    shows: 'property names is ["200","400","401","403","429","500","503"]',
  },
  {
    edit: "a wrong server: the 21Vianet URL on .com",
    from: "  - url: https://partner.partnercenterapi.microsoftonline.cn\n",
    to: "  - url: https://partner.partnercenterapi.microsoftonline.com\n",
    fact: "the servers are the global and the 21Vianet URLs, global first",
    source: "DOCS partner-center-rest-urls.md",
    shows: "each item's url is [\"https://api.partnercenter.microsoft.com\",\"https://partner.partnercenterapi.microsoftonline.com\"]",
  },
  {
    edit: "a renamed property: the 429 body's statusCode → status",
    from: "        statusCode:\n          type: integer\n",
    to: "        status:\n          type: integer\n",
    fact: "a 429 body's statusCode is 429",
    source: "DOCS api-throttling-guidance.md",
    shows: "/properties/statusCode/enum does not resolve",
  },
];

describe("the documented-facts check fails on a broken copy, naming the fact and its source", () => {
  it.each(copies.map((copy) => [`${copy.edit} → ${copy.fact}`, copy] as const))("%s", async (_rule, copy) => {
    // The edit applies to the first `from` after `after` (the whole spec without it); both must be there.
    const after = copy.after ?? "";
    const start = source.indexOf(after);
    const at = source.indexOf(copy.from, start);
    if (start < 0 || (copy.after !== undefined && source.split(after).length !== 2)) throw new Error(`the spec no longer contains ${JSON.stringify(after)} exactly once`);
    if (at < 0 || (copy.after === undefined && source.split(copy.from).length !== 2)) throw new Error(`the spec no longer contains ${JSON.stringify(copy.from)} exactly once`);
    const path = join(dir, `${copies.indexOf(copy)}.yaml`);
    await writeFile(path, source.slice(0, at) + copy.to + source.slice(at + copy.from.length));
    const broken = brokenFacts(await loadDereferencedSpec(path));
    expect(broken.map(({ fact }) => [fact.name, fact.source])).toEqual([[copy.fact, copy.source]]);
    expect(broken[0]?.message).toContain(`${copy.fact} (${copy.source}): `);
    expect(broken[0]?.message).toContain(copy.shows);
  });
});
