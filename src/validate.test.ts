import { describe, expect, it } from "vitest";
import { operationRules } from "./operations.ts";
import { validate, type SchemaSubset } from "./validate.ts";

const customerUserPatchSchema: SchemaSubset = operationRules.updateCustomerUser.requestBody?.schema ?? {};

describe("validate (the spec's patch rules)", () => {
  it("has the patch rules to check against", () => {
    expect(Object.keys(customerUserPatchSchema.properties ?? {})).toContain("usageLocation");
  });

  it("says an id that is not a GUID is not one, quoting it (ids are not secrets)", () => {
    const [rule] = operationRules.updateCustomerUser.parameters;
    expect(validate(rule?.schema ?? {}, "../me", "userId")).toEqual([{ path: "userId", message: 'must be a GUID, not "../me"' }]);
  });

  it.each(["constructor", "toString", "__proto__", "hasOwnProperty"])("refuses an unknown property named like Object.prototype's %s", (name) => {
    const patch = JSON.parse(`{"displayName":"A","${name}":1}`) as unknown;
    expect(validate(customerUserPatchSchema, patch, "patch")).toEqual([{ path: `patch.${name}`, message: "is not a known property" }]);
  });

  it("refuses such a property inside a nested object too", () => {
    const patch = JSON.parse(`{"passwordProfile":{"password":"Aa1-aaaa","constructor":1}}`) as unknown;
    expect(validate(customerUserPatchSchema, patch, "patch")).toEqual([{ path: "patch.passwordProfile.constructor", message: "is not a known property" }]);
  });

  it("counts characters, not UTF-16 units, as JSON Schema does", () => {
    expect(validate(customerUserPatchSchema, { firstName: "😀".repeat(64) }, "patch")).toEqual([]);
    expect(validate(customerUserPatchSchema, { firstName: "😀".repeat(65) }, "patch")).toEqual([{ path: "patch.firstName", message: "must be at most 64 characters" }]);
  });

  it("never quotes the value it refuses (a password must not reach an error message)", () => {
    const issues = validate(customerUserPatchSchema, { passwordProfile: { password: "secretonlylower" } }, "patch");
    expect(issues).toEqual([{ path: "patch.passwordProfile.password", message: expect.stringMatching(/^must match /) }]);
    expect(JSON.stringify(issues)).not.toContain("secretonlylower");
  });
});
