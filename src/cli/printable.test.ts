import { describe, expect, it } from "vitest";
import { hasUnsafe, printable, printableJson, table } from "./printable.js";

describe("text made safe to show on a terminal", () => {
  it("escapes C0 (newline and tab too), DEL, C1 and the bidi controls; leaves other text, accents and emoji as they are", () => {
    expect(printable("a\u001b[31mb\n\t\r\u0007\u007f\u009b\u202e\u2066\u2028 Zoë 😀")).toBe("a\\x1b[31mb\\n\\t\\r\\x07\\x7f\\x9b\\u202e\\u2066\\u2028 Zoë 😀");
    expect(hasUnsafe("Zoë Ångström")).toBe(false);
    expect(hasUnsafe("x\u202ey")).toBe(true);
    expect(printable(printable("\u001b"))).toBe(printable("\u001b")); // idempotent
  });

  it("keeps JSON exact: what JSON.stringify leaves raw becomes a \\u escape of the same string", () => {
    const value = { name: "a\u009b2J\u202eb\u007f\u0007" };
    const json = printableJson(JSON.stringify(value));
    expect(hasUnsafe(json)).toBe(false);
    expect(JSON.parse(json)).toEqual(value);
  });

  it("measures table columns after escaping, so rows line up", () => {
    expect(table([["name", "id"], ["a\u001bb", "1"], ["Zoë", "2"]])).toEqual(["name    id", "a\\x1bb  1", "Zoë     2"]);
  });
});
