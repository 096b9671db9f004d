import { describe, expect, it } from "vitest";
import { ChangeIndex } from "./change-index.js";

const key = (n: number, prefix = "AAAAAAAA") => `${prefix}${n.toString(36).padStart(14, "0")}`;

describe("ChangeIndex: a journal's changes in flat memory", () => {
  it("gives back each change as it was set, its request id exactly, for many changes (growing past its first size)", () => {
    const index = new ChangeIndex();
    const odd = "Not-A-Guid-42";
    for (let i = 0; i < 5000; i++) {
      const requestId = i % 7 === 0 ? undefined : i === 3 ? odd : `4b10bf41-ab11-40e3-8c53-${i.toString(16).padStart(12, "0")}`;
      index.set(key(i, `p${(i % 50).toString().padStart(7, "0")}`), { line: i + 2, reportLine: i + 1, done: i % 2 === 0, ...(requestId !== undefined && { requestId }) });
    }
    expect(index.size).toBe(5000);
    expect(index.get(key(3, "p0000003"))).toEqual({ line: 5, reportLine: 4, done: false, requestId: odd });
    expect(index.get(key(14, "p0000014"))).toEqual({ line: 16, reportLine: 15, done: true });
    expect(index.get(key(4999, "p0000049"))).toEqual({ line: 5001, reportLine: 5000, done: false, requestId: "4b10bf41-ab11-40e3-8c53-000000001387" });
    expect(index.has(key(5000, "p0000000"))).toBe(false);
    expect([...index.entries()]).toHaveLength(5000);
  });

  it("tells apart keys whose first 48 bits are the same (they share the table's slot)", () => {
    const index = new ChangeIndex();
    index.set(key(1), { line: 2, reportLine: 1, done: true, requestId: "4b10bf41-ab11-40e3-8c53-000000000001" });
    index.set(key(2), { line: 3, reportLine: 2, done: false });
    expect(index.get(key(1))?.done).toBe(true);
    expect(index.get(key(2))).toEqual({ line: 3, reportLine: 2, done: false });
    expect(index.get(key(3))).toBeUndefined();
  });

  it("replaces what it knew of a change, a conflict included", () => {
    const index = new ChangeIndex();
    index.set(key(1), { line: 2, reportLine: 1, done: false, requestId: "4b10bf41-ab11-40e3-8c53-000000000001" });
    index.set(key(1), { line: 9, reportLine: 4, done: false, requestId: "4b10bf41-ab11-40e3-8c53-000000000001", conflictsWith: 7 });
    expect(index.get(key(1))).toEqual({ line: 9, reportLine: 4, done: false, requestId: "4b10bf41-ab11-40e3-8c53-000000000001", conflictsWith: 7 });
    expect(index.size).toBe(1);
  });
});
