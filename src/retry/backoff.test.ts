import { describe, expect, it } from "vitest";
import { backoffDelay } from "./backoff.js";

const options = { baseDelayMs: 500, maxDelayMs: 30_000 };

describe("backoffDelay", () => {
  it("doubles the step on every retry, with the lowest random giving half the step", () => {
    expect([1, 2, 3, 4].map((retry) => backoffDelay(retry, options, () => 0))).toEqual([250, 500, 1000, 2000]);
  });

  it("adds at most half the step of jitter (equal jitter)", () => {
    expect([1, 2, 3, 4].map((retry) => backoffDelay(retry, options, () => 0.5))).toEqual([375, 750, 1500, 3000]);
    expect(backoffDelay(1, options, () => 0.999_999)).toBe(500);
  });

  it("never exceeds maxDelayMs, however many retries", () => {
    expect(backoffDelay(10, options, () => 0.999_999)).toBe(30_000);
    expect(backoffDelay(10_000, options, () => 0.999_999)).toBe(30_000);
    expect(backoffDelay(10, options, () => 0)).toBe(15_000);
  });

  it("is zero when the base delay is zero", () => {
    expect(backoffDelay(3, { baseDelayMs: 0, maxDelayMs: 30_000 }, () => 0.7)).toBe(0);
  });
});
