import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readJournal, reportFileKind, ReportWriteError, ReportWriter } from "./report.js";
import { Terminal } from "../terminal.js";

const folder = mkdtempSync(join(tmpdir(), "pcu-report-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const journalOf = (name: string, entries: readonly object[], tail = ""): string => {
  const path = join(folder, name);
  writeFileSync(path, `${entries.map((entry) => JSON.stringify(entry)).join("\n")}\n${tail}`);
  return path;
};

describe("readJournal: what a journal knows of each change, by its key", () => {
  it("keeps an applied change and the id of a change sent but never answered, wherever their lines moved", async () => {
    const path = journalOf(
      "previous.jsonl",
      [
        { line: 2, key: "k2aaaaaaaaaaaaaaaaaaaa", result: "sending", requestId: "id-2" },
        { line: 2, key: "k2aaaaaaaaaaaaaaaaaaaa", result: "ok", requestId: "id-2" },
        { line: 3, key: "k3aaaaaaaaaaaaaaaaaaaa", result: "sending", requestId: "id-3" },
        { line: 7, key: "k3aaaaaaaaaaaaaaaaaaaa", result: "cancelled" },
        { line: 4, key: "k4aaaaaaaaaaaaaaaaaaaa", result: "invalid", issues: [] },
      ],
      `{"line":5,"res`,
    );
    const journal = await readJournal(path);
    expect(journal.entries).toBe(5);
    expect(journal.changes.get("k2aaaaaaaaaaaaaaaaaaaa")).toMatchObject({ done: true, requestId: "id-2" });
    expect(journal.changes.get("k3aaaaaaaaaaaaaaaaaaaa")).toMatchObject({ done: false, requestId: "id-3", line: 7 });
    expect(journal.changes.get("k4aaaaaaaaaaaaaaaaaaaa")).toMatchObject({ done: false });
    expect(journal.changes.get("k4aaaaaaaaaaaaaaaaaaaa")?.requestId).toBeUndefined();
  });

  it("keeps a request id while the outcome is unknown (a timeout), and drops it after any answer (a 404)", async () => {
    const path = journalOf("answers.jsonl", [
      { line: 2, key: "timeoutaaaaaaaaaaaaaaa", result: "sending", requestId: "id-t" },
      { line: 2, key: "timeoutaaaaaaaaaaaaaaa", result: "failed", requestId: "id-t", error: { kind: "PartnerCenterTimeoutError", description: "no answer" } },
      { line: 3, key: "answeredaaaaaaaaaaaaaa", result: "sending", requestId: "id-a" },
      { line: 3, key: "answeredaaaaaaaaaaaaaa", result: "failed", requestId: "id-a", error: { status: 404, description: "User object ID not found." } },
    ]);
    const journal = await readJournal(path);
    expect(journal.changes.get("timeoutaaaaaaaaaaaaaaa")?.requestId).toBe("id-t");
    expect(journal.changes.get("answeredaaaaaaaaaaaaaa")?.requestId).toBeUndefined();
  });

  it("marks a change given two request ids while its outcome was unknown (two runs at once), naming both report lines", async () => {
    const path = journalOf("two-ids.jsonl", [
      { line: 2, key: "kaaaaaaaaaaaaaaaaaaaaa", result: "sending", requestId: "id-1" },
      { line: 2, key: "kaaaaaaaaaaaaaaaaaaaaa", result: "sending", requestId: "id-2" },
      { line: 2, key: "kaaaaaaaaaaaaaaaaaaaaa", result: "ok", requestId: "id-2" },
    ]);
    expect((await readJournal(path)).changes.get("kaaaaaaaaaaaaaaaaaaaaa")).toMatchObject({ reportLine: 1, conflictsWith: 2 });
  });

  it("refuses a file that is not a report of this program, and a report without row keys (an earlier version's)", async () => {
    await expect(readJournal(journalOf("other.jsonl", [{ hello: 1 }]))).rejects.toThrow(/line 1 is not a report entry of this program/);
    await expect(readJournal(journalOf("old.jsonl", [{ line: 2, result: "ok", requestId: "r", rowHash: "h" }]))).rejects.toThrow(/line 1 has no row key: the report was written by an earlier version/);
  });

  it("tells a journal from an empty or missing file and from a file that is something else", () => {
    expect(reportFileKind(join(folder, "missing.jsonl"))).toBe("none");
    expect(reportFileKind(journalOf("empty.jsonl", []))).toBe("none");
    expect(reportFileKind(journalOf("journal.jsonl", [{ line: 2, key: "kaaaaaaaaaaaaaaaaaaaaa", result: "ok", requestId: "r" }]))).toBe("journal");
    const notes = join(folder, "notes.txt");
    writeFileSync(notes, "customerId,userId\n");
    expect(reportFileKind(notes)).toBe("other");
    expect(reportFileKind("/dev/null")).toBe("none");
  });
});

describe("ReportWriter", () => {
  it("throws ReportWriteError, naming the file and the reason, when the report cannot be written", async () => {
    const writer = new ReportWriter("/dev/full", new Terminal());
    await expect(writer.intend({ line: 2, result: "sending", requestId: "r" })).rejects.toThrow(ReportWriteError);
    expect(() => writer.write({ line: 2, result: "invalid", issues: [] })).toThrow(/cannot write the report \/dev\/full \(the disk is full \(free some space\)\)/);
    writer.close();
  });

  it("writes nothing once closed — not into whatever file gets its descriptor next", () => {
    const writer = new ReportWriter(join(folder, "closed.jsonl"), new Terminal());
    writer.close();
    const other = join(folder, "unrelated.txt");
    const fd = openSync(other, "w"); // most likely the descriptor the report had
    try {
      expect(() => writer.write({ line: 2, result: "invalid", issues: [] })).toThrow(ReportWriteError);
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(other, "utf8")).toBe("");
  });

  it("appends to a report, never truncating it, and makes a new one owner-only (0600)", () => {
    const path = journalOf("kept.jsonl", [{ line: 2, key: "kaaaaaaaaaaaaaaaaaaaaa", result: "ok", requestId: "r" }], `{"line":3,"torn`);
    const writer = new ReportWriter(path, new Terminal());
    writer.write({ line: 4, key: "k4aaaaaaaaaaaaaaaaaaaa", result: "invalid", issues: [] });
    writer.close();
    expect(readFileSync(path, "utf8").split("\n")).toEqual([expect.stringContaining(`"line":2`), `{"line":3,"torn`, expect.stringContaining(`"line":4`), ""]);
    const fresh = join(folder, "fresh.jsonl");
    new ReportWriter(fresh, new Terminal()).close();
    expect(statSync(fresh).mode & 0o777).toBe(0o600);
  });
});
