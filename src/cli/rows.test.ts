import { describe, expect, it } from "vitest";
import { detectFormat, readRows } from "./rows.js";
import { UsageError } from "./terminal.js";

const customer = "eebd1b55-5360-4438-a11d-5c06918c3014";
const user = "4b10bf41-ab11-40e3-8c53-cd67849b50de";

describe("reading a bulk file", () => {
  it("builds each CSV row's patch from its non-empty cells only (an empty cell leaves the field unchanged)", () => {
    const rows = readRows(`customerId,userId,usageLocation,displayName\n${customer},${user},US,\n`, "csv");
    expect(rows).toEqual([{ line: 2, customerId: customer, userId: user, patch: { usageLocation: "US" }, issues: [] }]);
  });

  it("numbers rows by the line they start on, header and blank lines counted, quoted line breaks included", () => {
    const text = `\uFEFFcustomerId,userId,displayName\n\n${customer},${user},"two\nlines"\n${customer},${user},third\n`;
    expect(readRows(text, "csv").map((row) => row.line)).toEqual([3, 5]);
  });

  it("reports a row with a bad id, a bad value or a wrong cell count as that row's issues", () => {
    const text = `customerId,userId,usageLocation\nnot-a-guid,${user},usa\n${customer},${user},US,extra\n`;
    const [first, second] = readRows(text, "csv");
    expect(first?.issues).toEqual([
      { field: "customerId", message: expect.stringMatching(/GUID/) },
      { field: "usageLocation", message: expect.stringMatching(/must match/) },
    ]);
    expect(second?.issues).toEqual([{ message: "has 4 cells, the header has 3" }]);
  });

  it("matches header names without regard to case and refuses an unknown column before any row", () => {
    expect(readRows(`CustomerId, userid ,UsageLocation\n${customer},${user},US\n`, "csv")[0]?.patch).toEqual({ usageLocation: "US" });
    expect(() => readRows(`customerId,userId,usageLocaton\n`, "csv")).toThrow(UsageError);
    expect(() => readRows(`customerId,usageLocation\n`, "csv")).toThrow(/no "userId" column/);
  });

  it("types boolean columns and nests dotted ones", () => {
    const text = `customerId,userId,passwordProfile.password,passwordProfile.forceChangePassword\n${customer},${user},Secret-Pw-123,TRUE\n`;
    const [row] = readRows(text, "csv");
    expect(row?.patch).toEqual({ passwordProfile: { password: "Secret-Pw-123", forceChangePassword: true } });
    expect(row?.secret).toBe("Secret-Pw-123");
  });

  it("never repeats a malformed line's text in its issue or error (it may hold a password)", () => {
    const text = `customerId,userId,passwordProfile.password\n${customer},${user},ab"Secret-Pw-123\n`;
    const jsonl = `{"customerId":"${customer}","passwordProfile":{"password":"Secret-Pw-123"}\n`;
    for (const row of readRows(jsonl, "jsonl")) {
      expect(row.issues.length).toBeGreaterThan(0);
      expect(JSON.stringify(row.issues)).not.toContain("Secret");
    }
    expect(() => readRows(text, "csv")).toThrow(UsageError);
    expect(() => readRows(text, "csv")).not.toThrow(/Secret/);
  });

  it("stops on a broken quote, naming the line it starts on, rather than swallow the rows after it", () => {
    const text = `customerId,userId,displayName\n${customer},${user},ok\n${customer},${user},"Ada\n${customer},${user},b\n${customer},${user},c\n`;
    expect(() => readRows(text, "csv")).toThrow(/^line 3 is not valid CSV \(CSV_QUOTE_NOT_CLOSED\)/);
  });

  it("reports a row of empty cells as an invalid row instead of dropping it", () => {
    const rows = readRows(`customerId,userId,usageLocation\n${customer},${user},US\n,,\n`, "csv");
    expect(rows.map((row) => row.line)).toEqual([2, 3]);
    expect(rows[1]?.issues).toEqual(expect.arrayContaining([expect.objectContaining({ field: "customerId" })]));
  });

  it("reads JSON Lines: ids out, the remaining keys as the patch, each line validated", () => {
    const text = `{"customerId":"${customer}","userId":"${user}","displayName":"Ada"}\n\n{"customerId":"${customer}","userId":"${user}","id":"x"}\n[1]\n`;
    const rows = readRows(text, "jsonl");
    expect(rows.map((row) => row.line)).toEqual([1, 3, 4]);
    expect(rows[0]).toMatchObject({ patch: { displayName: "Ada" }, issues: [] });
    expect(rows[1]?.issues).toContainEqual({ field: "id", message: "is not a known property" });
    expect(rows[2]?.issues).toEqual([{ message: "must be a JSON object" }]);
  });

  it("tells CSV from JSON Lines by extension, else by content", () => {
    expect(detectFormat("users.CSV", "{")).toBe("csv");
    expect(detectFormat("users.jsonl", "customerId")).toBe("jsonl");
    expect(detectFormat("users.txt", '\uFEFF {"customerId":1}')).toBe("jsonl");
    expect(detectFormat("users.txt", "customerId,userId")).toBe("csv");
  });
});
