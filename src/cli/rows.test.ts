import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openInput, type Row, type RowFormat } from "./rows.js";
import { UsageError } from "./run-end.js";

const folder = mkdtempSync(join(tmpdir(), "pcu-rows-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let files = 0;

/** The rows of `content` saved as a file named `*.<extension>`, read as update-many reads them. */
async function rowsOf(content: string | Buffer, extension = "csv", options: { format?: RowFormat; delimiter?: string } = {}): Promise<Row[]> {
  const path = join(folder, `${files++}.${extension}`);
  writeFileSync(path, content);
  const rows: Row[] = [];
  for await (const row of (await openInput(path, options)).rows()) rows.push(row);
  return rows;
}

/** A CSV's rows and the notes reading them all left. */
async function inputOf(content: string, options: { strictColumns?: boolean } = {}): Promise<{ rows: Row[]; notes: readonly string[] }> {
  const path = join(folder, `${files++}.csv`);
  writeFileSync(path, content);
  const input = await openInput(path, options);
  const rows: Row[] = [];
  for await (const row of input.rows()) rows.push(row);
  for await (const _ of input.rows()); // read twice, as update-many does: each note still once
  return { rows, notes: input.notes };
}

/** readRows as the tests had it: text and its format. */
const readRows = (text: string, format: "csv" | "jsonl") => rowsOf(text, format);

const customer = "eebd1b55-5360-4438-a11d-5c06918c3014";
const user = "4b10bf41-ab11-40e3-8c53-cd67849b50de";

describe("reading a bulk file", () => {
  it("builds each CSV row's patch from its non-empty cells only (an empty cell leaves the field unchanged)", async () => {
    const rows = await readRows(`customerId,userId,usageLocation,displayName\n${customer},${user},US,\n`, "csv");
    expect(rows).toEqual([{ line: 2, customerId: customer, userId: user, patch: { usageLocation: "US" }, issues: [] }]);
  });

  it("numbers rows by the line they start on, header and blank lines counted, quoted line breaks included", async () => {
    const text = `\uFEFFcustomerId,userId,displayName\n\n${customer},${user},"two\nlines"\n${customer},${user},third\n`;
    expect((await readRows(text, "csv")).map((row) => row.line)).toEqual([3, 5]);
  });

  it("reports a row with a bad id, a bad value or a wrong cell count as that row's issues", async () => {
    const text = `customerId,userId,usageLocation\nnot-a-guid,${user},usa\n${customer},${user},US,extra\n`;
    const [first, second] = await readRows(text, "csv");
    expect(first?.issues).toEqual([
      { field: "customerId", message: expect.stringMatching(/GUID/) },
      { field: "usageLocation", message: expect.stringMatching(/must match/) },
    ]);
    expect(second?.issues).toEqual([{ message: "has 4 cells, the header has 3" }]);
  });

  it("matches header names without regard to case and refuses an unknown column before any row", async () => {
    expect((await readRows(`CustomerId, userid ,UsageLocation\n${customer},${user},US\n`, "csv"))[0]?.patch).toEqual({ usageLocation: "US" });
    await expect(readRows(`customerId,userId,usageLocaton\n`, "csv")).rejects.toThrow(UsageError);
    await expect(readRows(`customerId,usageLocation\n`, "csv")).rejects.toThrow(/no "userId" column/);
  });

  it("types boolean columns and nests dotted ones", async () => {
    const text = `customerId,userId,passwordProfile.password,passwordProfile.forceChangePassword\n${customer},${user},Secret-Pw-123,TRUE\n`;
    const [row] = await readRows(text, "csv");
    expect(row?.patch).toEqual({ passwordProfile: { password: "Secret-Pw-123", forceChangePassword: true } });
    expect(row?.secret).toBe("Secret-Pw-123");
  });

  it("never repeats a malformed line's text in its issue or error (it may hold a password)", async () => {
    const text = `customerId,userId,passwordProfile.password\n${customer},${user},ab"Secret-Pw-123\n`;
    const jsonl = `{"customerId":"${customer}","passwordProfile":{"password":"Secret-Pw-123"}\n`;
    for (const row of await readRows(jsonl, "jsonl")) {
      expect(row.issues.length).toBeGreaterThan(0);
      expect(JSON.stringify(row.issues)).not.toContain("Secret");
    }
    const error = await readRows(text, "csv").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).not.toMatch(/Secret/);
  });

  it("stops on a broken quote, naming the line it starts on, rather than swallow the rows after it", async () => {
    const text = `customerId,userId,displayName\n${customer},${user},ok\n${customer},${user},"Ada\n${customer},${user},b\n${customer},${user},c\n`;
    await expect(readRows(text, "csv")).rejects.toThrow(/^line 3 is not valid CSV \(CSV_QUOTE_NOT_CLOSED\)/);
  });

  it("reports a row with some cells but no ids as an invalid row instead of dropping it", async () => {
    const rows = await readRows(`customerId,userId,usageLocation\n${customer},${user},US\n,,GB\n`, "csv");
    expect(rows.map((row) => row.line)).toEqual([2, 3]);
    expect(rows[1]?.issues).toEqual(expect.arrayContaining([expect.objectContaining({ field: "customerId" })]));
  });

  it("skips rows of separators only and lines repeating the header (cat a.csv b.csv), with one note each naming the lines", async () => {
    const header = "customerId,userId,usageLocation";
    const { rows, notes } = await inputOf(`${header}\n${customer},${user},US\n,,\n , ,\n${header}\n${customer},${user.replace("de", "df")},GB\n`);
    expect(rows.map((row) => [row.line, row.issues])).toEqual([[2, []], [6, []]]);
    expect(notes).toEqual(["line 5 repeats the header (files joined?): skipped", "2 blank rows (separators only) skipped: lines 3, 4"]);
  });

  it("ignores an unknown column (Notes) with one note naming it; --strict-columns refuses it", async () => {
    const text = `customerId,userId,usageLocation,Notes\n${customer},${user},US,call Ada first\n${customer},${user},US,again\n`;
    const { rows, notes } = await inputOf(text);
    expect(rows.map((row) => row.patch)).toEqual([{ usageLocation: "US" }, { usageLocation: "US" }]);
    expect(notes).toEqual([`ignoring the column "Notes": not a field update-many sends (--strict-columns refuses unknown columns instead)`]);
    await expect(inputOf(text, { strictColumns: true })).rejects.toThrow(/unknown column "Notes" in the header \(--strict-columns\)/);
  });

  it("refuses a column one or two letters from a known one (usageLocaton) rather than ignore its values", async () => {
    await expect(inputOf(`customerId,userId,usageLocaton\n${customer},${user},US\n`)).rejects.toThrow(/unknown column "usageLocaton" in the header \(did you mean "usageLocation"\?\)/);
  });

  it("takes a GUID in braces ({…}) in the id cells as the bare GUID", async () => {
    const [row] = await readRows(`customerId,user,usageLocation\n{${customer}},{${user}},US\n`, "csv");
    expect(row).toMatchObject({ customerId: customer, userId: user, user, issues: [] });
  });

  it("reads JSON Lines: ids out, the remaining keys as the patch, each line validated", async () => {
    const text = `{"customerId":"${customer}","userId":"${user}","displayName":"Ada"}\n\n{"customerId":"${customer}","userId":"${user}","id":"x"}\n[1]\n`;
    const rows = await readRows(text, "jsonl");
    expect(rows.map((row) => row.line)).toEqual([1, 3, 4]);
    expect(rows[0]).toMatchObject({ patch: { displayName: "Ada" }, issues: [] });
    expect(rows[1]?.issues).toContainEqual({ field: "id", message: "is not a known property" });
    expect(rows[2]?.issues).toEqual([{ message: "must be a JSON object" }]);
  });

  it("tells the format by extension, else by content", async () => {
    const jsonl = `{"customerId":"${customer}","userId":"${user}","displayName":"Ada"}\n`;
    expect(await rowsOf(jsonl, "txt")).toMatchObject([{ patch: { displayName: "Ada" } }]);
    expect(await rowsOf(`customerId,userId,displayName\n${customer},${user},Ada\n`, "txt")).toMatchObject([{ patch: { displayName: "Ada" } }]);
    await expect(rowsOf(jsonl, "CSV")).rejects.toThrow(/^line 1 is not valid CSV/);
  });
});

describe("any file a user actually has", () => {
  const header = "customerId,userId,displayName";

  it("refuses a CSV that is not UTF-8 (Excel's Windows-1252), naming the line and how to save it, instead of sending mis-decoded names", async () => {
    const windows1252 = Buffer.concat([Buffer.from(`${header}\n${customer},${user},Zo`), Buffer.from([0xeb]), Buffer.from(" ngstr\n")]);
    await expect(rowsOf(windows1252)).rejects.toThrow(/is not UTF-8 \(at line 2; Excel's plain "CSV" is Windows-1252\).*CSV UTF-8/);
  });

  it("reads UTF-8 with or without a byte-order mark, and UTF-16 (Excel's Unicode text) by its mark", async () => {
    const text = `${header}\n${customer},${user},Zoë Ångström\n`;
    for (const bytes of [Buffer.from(text), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")])]) {
      expect((await rowsOf(bytes))[0]?.patch).toEqual({ displayName: "Zoë Ångström" });
    }
  });

  it("reads a CSV separated by ; or tabs (Excel in many European locales), found from its header", async () => {
    expect((await rowsOf(`customerId;userId;displayName\n${customer};${user};"Lovelace; Ada"\n`))[0]?.patch).toEqual({ displayName: "Lovelace; Ada" });
    expect((await rowsOf(`customerId\tuserId\tdisplayName\n${customer}\t${user}\tAda\n`))[0]?.patch).toEqual({ displayName: "Ada" });
    const input = await openInput(join(folder, `${files - 1}.csv`));
    expect(input.notes).toEqual([expect.stringMatching(/separated by tab, not commas/)]);
  });

  it("reads a JSON array, pretty-printed, numbering rows by item", async () => {
    const array = JSON.stringify([{ customerId: customer, userId: user, displayName: "Ada" }, { customerId: customer, userId: user, id: "x" }], null, 2);
    const rows = await rowsOf(array, "json");
    expect(rows.map((row) => [row.line, row.issues.length])).toEqual([[1, 0], [2, 1]]);
    expect(await rowsOf(array, "txt")).toHaveLength(2);
  });

  it("refuses JSON that is neither an array of rows nor JSON Lines, before any row", async () => {
    await expect(rowsOf(`[{"customerId": 1},`, "json")).rejects.toThrow(/is not valid JSON/);
  });

  it.each([
    ["an unclosed quote", `${customer},${user},"Ada\n${customer},${user},b\n`, "CSV_QUOTE_NOT_CLOSED"],
    ["a character after a closing quote", `${customer},${user},"Ada"x\n${customer},${user},b\n`, "CSV_INVALID_CLOSING_QUOTE"],
    ["a quote inside an unquoted cell", `${customer},${user},A"da\n${customer},${user},b\n`, "INVALID_OPENING_QUOTE"],
  ])("names the right line for %s on line 5, with CRLF line ends too", async (_, broken, code) => {
    const good = `${customer},${user},ok`;
    for (const eol of ["\n", "\r\n"]) {
      const text = [header, good, good, good, broken.replaceAll("\n", eol)].join(eol);
      await expect(rowsOf(text)).rejects.toThrow(new RegExp(`^line 5 is not valid CSV \\(${code}\\)`));
    }
  });
});

describe("a file that goes wrong late, or holds a cell no field can take", () => {
  const header = "customerId,userId,displayName";

  it("refuses a byte that is not UTF-8 far past the first chunk (256 KiB) as cleanly as one on line 2, instead of crashing", async () => {
    const good = `${customer},${user},Ada\n`;
    const many = Math.ceil((600 * 1024) / good.length);
    const bytes = Buffer.concat([Buffer.from(`${header}\n${good.repeat(many)}`), Buffer.from(`${customer},${user},Zo`), Buffer.from([0xeb]), Buffer.from("\n")]);
    await expect(rowsOf(bytes)).rejects.toThrow(new RegExp(`is not UTF-8 \\(at line ${many + 2};`));
  });

  it("refuses a cell over 64 KiB for its row alone, without keeping it (a CSV cell, a JSON field)", async () => {
    const huge = "x".repeat(10 * 1024 * 1024);
    const rows = await readRows(`customerId,userId,passwordProfile.password\n${customer},${user},${huge}\n${customer},${user},Secret-Pw-123\n`, "csv");
    expect(rows[0]?.issues).toContainEqual({ field: "passwordProfile.password", message: "is 10240 KiB long: a cell holds at most 64 KiB" });
    expect(rows[0]?.secret).toBeUndefined();
    expect(JSON.stringify(rows[0]?.patch)).not.toContain("xxx");
    expect(rows[1]?.issues).toEqual([]);
    const [json] = await readRows(`${JSON.stringify({ customerId: customer, userId: user, passwordProfile: { password: huge } })}\n`, "jsonl");
    expect(json?.issues).toContainEqual({ field: "passwordProfile.password", message: "is 10240 KiB long: a cell holds at most 64 KiB" });
    expect(json?.secret).toBeUndefined();
  });
});

describe("a JSON row no field can take", () => {
  it("refuses a row nested 100,000 levels deep for itself, instead of exhausting the stack", async () => {
    const deep = `${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}`;
    const rows = await readRows(`${deep}\n{"customerId":"${customer}","userId":"${user}","displayName":"Ada"}\n`, "jsonl");
    expect(rows[0]?.issues).toEqual([{ message: "is nested more than 16 levels deep" }]);
    expect(rows[1]?.issues).toEqual([]);
  });
});
