import { describe, expect, it } from "vitest";
import { usageLocationDelays } from "./steps.js";

describe("usageLocationDelays", () => {
  it("follows the documented backoff for any --usage-location-wait: 2 s, doubling, at most 30 s apiece, the last cut to the budget left", () => {
    expect(usageLocationDelays({ budgetMs: 120_000 })).toEqual([2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
    expect(usageLocationDelays({ budgetMs: 60_000 })).toEqual([2_000, 4_000, 8_000, 16_000, 30_000]);
    expect(usageLocationDelays({ budgetMs: 10_000 })).toEqual([2_000, 4_000, 4_000]);
    expect(usageLocationDelays({ budgetMs: 0 })).toEqual([]);
  });
});
