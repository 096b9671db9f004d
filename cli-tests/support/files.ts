// Input files for update-many, in a temporary folder per test file.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

export const customerId = "eebd1b55-5360-4438-a11d-5c06918c3014";

/** A distinct, valid user id per row number. */
export function userIdFor(index: number): string {
  return `4b10bf41-ab11-40e3-8c53-${index.toString(16).padStart(12, "0")}`;
}

/** A temporary folder, removed after the test file. */
export function scratchFolder(): (name: string, content?: string) => string {
  const folder = mkdtempSync(join(tmpdir(), "pcu-cli-"));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  return (name, content) => {
    const path = join(folder, name);
    if (content !== undefined) writeFileSync(path, content);
    return path;
  };
}

export interface ReportLine {
  readonly line: number;
  readonly customerId?: string;
  readonly userId?: string;
  readonly result: "ok" | "failed" | "invalid" | "skipped" | "valid" | "cancelled" | "unchanged" | "change";
  readonly key?: string;
  readonly userGiven?: string;
  readonly carriedOver?: true;
  readonly requestId?: string;
  readonly user?: Record<string, unknown>;
  readonly error?: { status?: number; code?: number | string; description: string; requestId?: string; correlationId?: string; kind?: string };
  readonly issues?: { field?: string; message: string }[];
  readonly duplicateOf?: number;
  readonly patch?: Record<string, unknown>;
  /** Each field changed (or, in a plan, to change), from → to. */
  readonly changes?: Record<string, { from?: unknown; to: unknown }>;
}

/** Every entry of a report, the write-ahead `sending` entries included. */
export function parseJournal(text: string): (ReportLine | { line: number; result: "sending"; requestId: string })[] {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as ReportLine);
}

/** The outcomes of a report: one per input row (the `sending` entries that precede some are left out). */
export function parseReport(text: string): ReportLine[] {
  return parseJournal(text).filter((entry): entry is ReportLine => entry.result !== "sending");
}

export function readReportFile(path: string): ReportLine[] {
  return parseReport(readFileSync(path, "utf8"));
}

/** The line numbers a report covers, sorted, each as often as it appears. */
export function reportedLines(report: readonly ReportLine[]): number[] {
  return report.map((entry) => entry.line).sort((a, b) => a - b);
}
