import { describe, expect, it } from "vitest";
import { readRows } from "./rows.js";
import { UsageError } from "./terminal.js";
import { planRows, type ReportEntry } from "./update-many.js";

const customer = "eebd1b55-5360-4438-a11d-5c06918c3014";
const users = ["4b10bf41-ab11-40e3-8c53-cd67849b50de", "0c5b7e0e-8f3a-4a4e-9d1e-6b2f7c1a9e44"] as const;
const csv = (...lines: string[]) => readRows(["customerId,userId,usageLocation", ...lines].join("\n"), "csv");

describe("planning a bulk run", () => {
  it("sends a repeated identical row once and reports the repeat as skipped", () => {
    const steps = planRows(csv(`${customer},${users[0]},US`, `${customer},${users[0].toUpperCase()},US`));
    expect(steps.map((step) => step.action)).toEqual(["send", "report"]);
    expect(steps[1]).toMatchObject({ entry: { line: 3, result: "skipped", duplicateOf: 2 } });
  });

  it("refuses a second, different change to the same user instead of racing the two", () => {
    const steps = planRows(csv(`${customer},${users[0]},US`, `${customer},${users[0]},GB`));
    expect(steps[1]).toMatchObject({ action: "report", entry: { result: "invalid", issues: [{ message: expect.stringMatching(/line 2/) }] } });
  });

  it("with a previous report, re-sends only rows not recorded as ok (missing ones included)", () => {
    const rows = csv(`${customer},${users[0]},US`, `${customer},${users[1]},US`, `${customer},bad,US`);
    const previous = new Map<number, ReportEntry>([
      [2, { line: 2, customerId: customer, userId: users[0], result: "ok", requestId: "r", user: {} }],
      [4, { line: 4, customerId: customer, userId: "bad", result: "invalid", issues: [] }],
    ]);
    const steps = planRows(rows, previous);
    expect(steps.map((step) => step.action)).toEqual(["report", "send", "report"]);
    expect(steps[0]).toMatchObject({ entry: previous.get(2) });
    expect(steps[2]).toMatchObject({ entry: { result: "invalid", line: 4 } });
  });

  it("with a previous report, sends a row corrected since it was reported invalid", () => {
    const previous = new Map<number, ReportEntry>([[2, { line: 2, customerId: "bad", userId: users[0], result: "invalid", issues: [] }]]);
    expect(planRows(csv(`${customer},${users[0]},US`), previous).map((step) => step.action)).toEqual(["send"]);
  });

  it("refuses a previous report made from a different input", () => {
    const previous = new Map<number, ReportEntry>([[2, { line: 2, customerId: customer, userId: users[1], result: "ok", requestId: "r", user: {} }]]);
    expect(() => planRows(csv(`${customer},${users[0]},US`), previous)).toThrow(UsageError);
  });
});
