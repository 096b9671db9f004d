import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { bulkColumns, fieldOptions, optionForField, patchSchema, writableFields } from "./patch.js";

describe("CLI field options follow the spec's writable fields", () => {
  it("offers an option or a bulk column for every writable field of the spec", () => {
    expect(writableFields.length).toBeGreaterThan(0);
    for (const field of writableFields) {
      const covered =
        fieldOptions.some((option) => option.field.split(".")[0] === field) ||
        [...bulkColumns.keys()].some((column) => column.split(".")[0] === field);
      expect(covered, field).toBe(true);
    }
  });

  it("gets each value option's text from commander under the key the CLI reads it by", () => {
    for (const option of fieldOptions.filter((o) => o.kind === "value")) {
      const command = new Command().option(option.flags).exitOverride();
      command.parse(["node", "cli", option.flags.split(" ")[0] as string, "given"]);
      expect(command.opts()[option.key], option.flags).toBe("given");
    }
  });

  it("restores with --restore, which sends the spec's only state value", () => {
    const restore = optionForField("state");
    expect(restore).toMatchObject({ flags: "--restore", kind: "switch" });
    expect(patchSchema.properties?.["state"]?.enum).toEqual([restore?.value]);
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
