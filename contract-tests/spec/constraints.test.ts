// Each constraint the spec declares, with a value just inside and one just outside it, judged by
// a full JSON Schema validator on the schema as the spec declares it.
import { describe, expect, it } from "vitest";
import { loadDereferencedSpec, loadSpec } from "../../scripts/lib/spec.ts";
import { brokenKeywords } from "../support/spec-ajv.ts";
import { atPointer, declaredConstraints } from "../support/spec-constraints.ts";

const s = "#/components/schemas";
const letters = (n: number) => "a".repeat(n);
const user = {
  id: "4b10bf41-ab11-40e3-8c53-cd67849b50de",
  userPrincipalName: "ada@contoso.com",
  attributes: { objectType: "CustomerUser" },
};
const fault = { code: 60002, description: "User object ID not found.", source: "PartnerFD" };
const link = { uri: "/customers/x/users/y", method: "GET" };

/** `pointer keyword` → a value just inside the constraint and one just outside it. */
const cases: Record<string, { inside: unknown; outside: unknown }> = {
  "#/components/parameters/MSContractVersion/schema pattern": { inside: "v1", outside: "1" },
  "#/components/parameters/XLocale/schema pattern": { inside: "en-US", outside: "en_US" },
  [`${s}/Guid pattern`]: { inside: "4b10bf41-ab11-40e3-8c53-cd67849b50de", outside: "4b10bf41ab1140e38c53cd67849b50de" },
  [`${s}/Guid format`]: { inside: "4B10BF41-AB11-40E3-8C53-CD67849B50DE", outside: "4b10bf41-ab11-40e3-8c53-cd67849b50dg" },
  [`${s}/UsageLocation pattern`]: { inside: "US", outside: "us" },
  [`${s}/UserPrincipalName maxLength`]: {
    inside: `${letters(64)}@${letters(44)}.com`, // 113
    outside: `${letters(64)}@${letters(45)}.com`, // 114 (the pattern alone would allow 64 + 1 + 48)
  },
  [`${s}/UserPrincipalName pattern`]: { inside: `o'neil.a-b_c!d#e^f~g@${letters(44)}.com`, outside: `${letters(65)}@contoso.com` },
  [`${s}/PersonName maxLength`]: { inside: letters(64), outside: letters(65) },
  [`${s}/DisplayName maxLength`]: { inside: letters(256), outside: letters(257) },
  [`${s}/DisplayName minLength`]: { inside: "A", outside: "" },
  [`${s}/PasswordProfile required`]: { inside: { password: "Aa1-aaaa" }, outside: { forceChangePassword: true } },
  [`${s}/PasswordProfile additionalProperties`]: {
    inside: { password: "Aa1-aaaa", forceChangePassword: false },
    outside: { password: "Aa1-aaaa", forceChangePasswordNextSignIn: true },
  },
  [`${s}/PasswordProfile/properties/password maxLength`]: { inside: `Aa1${letters(253)}`, outside: `Aa1${letters(254)}` },
  [`${s}/PasswordProfile/properties/password minLength`]: { inside: "Aa1aaaaa", outside: "Aa1aaaa" },
  [`${s}/PasswordProfile/properties/password pattern`]: { inside: "aaaaaaA1", outside: "aaaaaaaA" },
  [`${s}/PatchAttributes additionalProperties`]: { inside: { objectType: "CustomerUser", etag: "e" }, outside: { objectType: "CustomerUser", kind: "x" } },
  [`${s}/PatchAttributes/properties/objectType enum`]: { inside: "CustomerUser", outside: "Customer" },
  [`${s}/CustomerUserPatch additionalProperties`]: { inside: { usageLocation: "US" }, outside: { usageLocaton: "US" } },
  [`${s}/CustomerUserPatch not`]: {
    inside: { displayName: "A", attributes: { objectType: "CustomerUser" } },
    outside: { attributes: { objectType: "CustomerUser" } },
  },
  [`${s}/CustomerUserPatch/properties/state enum`]: { inside: "active", outside: "inactive" },
  [`${s}/CustomerUser required`]: { inside: user, outside: { userPrincipalName: user.userPrincipalName, attributes: user.attributes } },
  [`${s}/CustomerUser additionalProperties`]: { inside: { ...user, phoneNumber: "1" }, outside: { ...user, password: "x" } },
  [`${s}/CustomerUser/properties/userDomainType enum`]: { inside: "federated", outside: "hybrid" },
  [`${s}/CustomerUser/properties/state enum`]: { inside: "inactive", outside: "deleted" },
  [`${s}/CustomerUser/properties/lastDirectorySyncTime format`]: { inside: "2026-11-27T08:15:00Z", outside: "June 24 2016 22:00:25 PST" },
  [`${s}/CustomerUser/properties/softDeletionTime format`]: { inside: "2017-01-20T00:33:34Z", outside: "2017-01-20" },
  [`${s}/UserLinks additionalProperties`]: { inside: { self: link }, outside: { self: link, next: link } },
  [`${s}/Link required`]: { inside: link, outside: { uri: link.uri } },
  [`${s}/Link additionalProperties`]: { inside: { ...link, headers: [], body: "" }, outside: { ...link, rel: "self" } },
  [`${s}/Link/properties/headers/items additionalProperties`]: { inside: { key: "k", value: "v" }, outside: { key: "k", values: ["v"] } },
  [`${s}/ResourceAttributes required`]: { inside: { objectType: "CustomerUser" }, outside: { etag: "e" } },
  [`${s}/ResourceAttributes additionalProperties`]: { inside: { objectType: "CustomerUser", etag: "e" }, outside: { objectType: "CustomerUser", version: 1 } },
  [`${s}/ResourceAttributes/properties/objectType enum`]: { inside: "CustomerUser", outside: "User" },
  [`${s}/Fault required`]: { inside: fault, outside: { code: fault.code, description: fault.description } },
  [`${s}/Fault additionalProperties`]: { inside: { ...fault, data: ["x"] }, outside: { ...fault, message: "x" } },
  [`${s}/Fault/properties/code oneOf`]: { inside: "ServiceUnavailable", outside: 1.5 },
  [`${s}/Fault/properties/description maxLength`]: { inside: letters(1024), outside: letters(1025) },
  [`${s}/Throttled required`]: { inside: { statusCode: 429, message: "m" }, outside: { statusCode: 429 } },
  [`${s}/Throttled additionalProperties`]: { inside: { statusCode: 429, message: "m" }, outside: { statusCode: 429, message: "m", retryAfter: 5 } },
  [`${s}/Throttled/properties/statusCode enum`]: { inside: 429, outside: 503 },
};

const declared = declaredConstraints(await loadSpec());
const resolved = await loadDereferencedSpec();

describe("every constraint the spec declares is tested just inside and just outside", () => {
  it("has a case for each declared constraint, and no case for a constraint the spec lacks", () => {
    const keys = declared.map((c) => `${c.pointer} ${c.keyword}`);
    expect(keys.filter((k) => !(k in cases)), "constraints without a case").toEqual([]);
    expect(Object.keys(cases).filter((k) => !keys.includes(k)), "cases for constraints the spec lacks").toEqual([]);
  });

  it.each(declared.map((c) => [`${c.pointer} ${c.keyword}`] as const))("%s", (key) => {
    const [pointer = "", keyword = ""] = key.split(" ");
    const schema = atPointer(resolved, pointer) as object;
    const c = cases[key];
    if (!c) throw new Error(`no case for ${key}`);
    expect(brokenKeywords(schema, c.inside), "just inside").toEqual([]);
    expect(brokenKeywords(schema, c.outside), "just outside").toContain(keyword);
  });
});
