import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readPrevious, ReportWriteError, ReportWriter, rowHash } from "./report.js";
import type { Row } from "./rows.js";
import { Terminal } from "./terminal.js";

const customerId = "eebd1b55-5360-4438-a11d-5c06918c3014";
const userId = "4b10bf41-ab11-40e3-8c53-cd67849b50de";
const folder = mkdtempSync(join(tmpdir(), "pcu-report-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const row = (patch: Record<string, unknown>, ids: Partial<Row> = {}): Row => ({ line: 2, customerId, userId, patch, issues: [], ...ids });

describe("rowHash", () => {
  it("is the same for the same row, whatever the case of its ids", () => {
    expect(rowHash(row({ usageLocation: "US" }))).toBe(rowHash(row({ usageLocation: "US" }, { customerId: customerId.toUpperCase(), userId: userId.toUpperCase() })));
  });

  it("changes when any field, the user or the password changes", () => {
    const base = rowHash(row({ usageLocation: "US", passwordProfile: { password: "Secret-Pw-1" } }, { secret: "Secret-Pw-1" }));
    expect(rowHash(row({ usageLocation: "GB", passwordProfile: { password: "Secret-Pw-1" } }, { secret: "Secret-Pw-1" }))).not.toBe(base);
    expect(rowHash(row({ usageLocation: "US", passwordProfile: { password: "Secret-Pw-2" } }, { secret: "Secret-Pw-2" }))).not.toBe(base);
    expect(rowHash(row({ usageLocation: "US", passwordProfile: { password: "Secret-Pw-1" } }, { secret: "Secret-Pw-1", userId: customerId }))).not.toBe(base);
  });
});

describe("readPrevious", () => {
  it("keeps each line's last entry, and the request id of a row sent but never answered", async () => {
    const path = join(folder, "previous.jsonl");
    const lines = [
      { line: 2, result: "sending", requestId: "id-2", rowHash: "h2" },
      { line: 2, result: "ok", requestId: "id-2", rowHash: "h2" },
      { line: 3, result: "sending", requestId: "id-3", rowHash: "h3" },
      { line: 4, result: "invalid", issues: [] },
    ];
    writeFileSync(path, `${lines.map((line) => JSON.stringify(line)).join("\n")}\n{"line":5,"res`);
    const previous = await readPrevious(path);
    expect(Object.fromEntries(previous)).toEqual({
      2: { result: "ok", requestId: "id-2", rowHash: "h2" },
      3: { result: "sending", requestId: "id-3", rowHash: "h3" },
      4: { result: "invalid", who: "/" },
    });
  });

  it("refuses a file that is not a report of this program", async () => {
    const path = join(folder, "other.jsonl");
    writeFileSync(path, `{"hello":1}\n`);
    await expect(readPrevious(path)).rejects.toThrow(/line 1 is not a report entry of this program/);
  });
});

describe("ReportWriter", () => {
  it("throws ReportWriteError, naming the file and the reason, when the report cannot be written", async () => {
    const writer = new ReportWriter("/dev/full", new Terminal());
    await expect(writer.intend({ line: 2, result: "sending", requestId: "r" })).rejects.toThrow(ReportWriteError);
    expect(() => writer.write({ line: 2, result: "invalid", issues: [] })).toThrow(/cannot write the report \/dev\/full \(ENOSPC\)/);
    writer.close();
  });
});
