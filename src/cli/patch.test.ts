import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { capture } from "../../cli-tests/support/terminal.ts";
import { bodyFromOptions, bulkColumns, fieldOptions, optionForField, patchIssues, patchSchema } from "./patch.js";

describe("CLI field options follow the spec's writable fields", () => {
  it("sets, for each value and switch option of update, its own field of the body, as the spec names it", async () => {
    const settable = fieldOptions.filter((option) => option.kind !== "stdin"); // stdin: cli-tests/update.test.ts
    expect(settable.length).toBeGreaterThan(5);
    for (const option of settable) {
      const body = await bodyFromOptions({ [option.key]: option.kind === "value" ? "given" : true }, capture().terminal);
      const path = option.field.split(".");
      expect(Object.keys(body), option.flags).toEqual([path[0]]);
      expect(path.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], body), option.flags).toBe(option.kind === "value" ? "given" : option.value);
      expect(Object.hasOwn(patchSchema.properties ?? {}, path[0]!), option.flags).toBe(true);
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

describe("a refused value is shown, with a suggestion", () => {
  it("quotes a usage location the spec's pattern refuses and suggests it trimmed and upper-cased, changing nothing", () => {
    const pattern = patchSchema.properties?.["usageLocation"]?.pattern;
    expect(patchIssues({ usageLocation: "DE " })).toEqual([{ field: "usageLocation", message: `"DE " must match ${pattern}; did you mean "DE"?` }]);
    expect(patchIssues({ usageLocation: "de" })).toEqual([{ field: "usageLocation", message: `"de" must match ${pattern}; did you mean "DE"?` }]);
    expect(patchIssues({ usageLocation: "Germany" })).toEqual([{ field: "usageLocation", message: `"Germany" must match ${pattern}` }]);
  });

  it("never quotes a refused password", () => {
    const issues = patchIssues({ passwordProfile: { password: "alllowercase " } });
    expect(issues.length).toBeGreaterThan(0);
    expect(JSON.stringify(issues)).not.toContain("alllowercase");
  });
});
