import { describe, expect, it } from "vitest";
import { NumberTable } from "./number-table.js";

describe("NumberTable", () => {
  it("keeps the first value of each key, through growth and collisions, for keys up to 2^52", () => {
    const table = new NumberTable();
    const keys = Array.from({ length: 20_000 }, (_, i) => (i * 2 ** 40 + i * 7919) % 2 ** 52);
    keys.push(0, 2 ** 52 - 1);
    for (const [i, key] of keys.entries()) table.setIfAbsent(key, i);
    for (const [i, key] of keys.entries()) table.setIfAbsent(key, -1); // ignored: the first value stays
    expect(table.size).toBe(new Set(keys).size);
    for (const key of keys) expect(table.get(key)).toBe(keys.indexOf(key));
    expect(table.get(12345)).toBeUndefined();
    expect(table.has(0)).toBe(true);
  });

  it("refuses a key it cannot store exactly", () => {
    expect(() => new NumberTable().setIfAbsent(2 ** 52, 1)).toThrow(RangeError);
    expect(() => new NumberTable().get(1.5)).toThrow(RangeError);
  });
});
