import { describe, expect, it } from "vitest";
import { customerUserPatchSchema } from "../../generated/patch-rules.js";
import { bulkColumns, fieldOptions, kebabCase, optionForField, writableFields } from "./fields.js";

describe("CLI field options follow the spec's writable fields", () => {
  it("offers an option or a bulk column for every writable field of the spec", () => {
    expect(writableFields).toEqual(Object.keys(customerUserPatchSchema.properties));
    for (const field of writableFields) {
      const covered =
        fieldOptions.some((option) => option.field.split(".")[0] === field) ||
        [...bulkColumns.keys()].some((column) => column.split(".")[0] === field);
      expect(covered, field).toBe(true);
    }
  });

  it("names each plain string field's option as its spec name in kebab case", () => {
    const stringFields = Object.entries(customerUserPatchSchema.properties)
      .filter(([, schema]) => schema.type === "string" && !("enum" in schema))
      .map(([name]) => name);
    expect(stringFields.length).toBeGreaterThan(0);
    for (const name of stringFields) expect(optionForField(name)?.flags).toBe(`--${kebabCase(name)} <value>`);
    expect(optionForField("usageLocation")?.flags).toBe("--usage-location <value>");
    expect(optionForField("userPrincipalName")?.flags).toBe("--user-principal-name <value>");
  });

  it("keys each option as commander stores it, which is the spec name for plain fields", () => {
    for (const option of fieldOptions.filter((o) => o.kind === "value")) expect(option.key).toBe(option.field);
  });

  it("restores with --restore, which sends the spec's only state value", () => {
    const restore = optionForField("state");
    expect(restore).toMatchObject({ flags: "--restore", kind: "switch", value: "active" });
    expect(customerUserPatchSchema.properties.state.enum).toEqual([restore?.value]);
  });

  it("takes the password only from stdin, never as an option value", () => {
    expect(optionForField("passwordProfile.password")).toMatchObject({ flags: "--password-stdin", kind: "stdin" });
    expect(fieldOptions.filter((option) => /password/i.test(option.flags) && option.flags.includes("<"))).toEqual([]);
  });

  it("lets a bulk file set nested fields by dotted column names, typed by the spec", () => {
    expect(bulkColumns.get("passwordProfile.password")?.type).toBe("string");
    expect(bulkColumns.get("passwordProfile.forceChangePassword")?.type).toBe("boolean");
    expect(bulkColumns.has("passwordProfile")).toBe(false);
  });
});
