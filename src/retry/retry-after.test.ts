import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "./retry-after.js";

const now = Date.parse("2025-03-01T12:00:00Z");

describe("parseRetryAfter", () => {
  it("reads delta-seconds as milliseconds", () => {
    expect(parseRetryAfter("57", now)).toBe(57_000);
  });

  it("accepts zero, meaning retry at once", () => {
    expect(parseRetryAfter("0", now)).toBe(0);
  });

  it("tolerates surrounding whitespace", () => {
    expect(parseRetryAfter(" 3 ", now)).toBe(3_000);
  });

  it("reads an HTTP date as the time left until it", () => {
    expect(parseRetryAfter("Sat, 01 Mar 2025 12:00:42 GMT", now)).toBe(42_000);
  });

  it("reads the obsolete RFC 850 and asctime date forms too, asctime as GMT whatever the local zone", () => {
    const zone = process.env["TZ"];
    process.env["TZ"] = "America/New_York"; // a parse in local time would be off by hours
    try {
      expect(parseRetryAfter("Saturday, 01-Mar-25 12:00:42 GMT", now)).toBe(42_000);
      expect(parseRetryAfter("Sat Mar  1 12:00:42 2025", now)).toBe(42_000);
    } finally {
      if (zone === undefined) delete process.env["TZ"];
      else process.env["TZ"] = zone;
    }
  });

  it("reads an HTTP date in the past as zero", () => {
    expect(parseRetryAfter("Sat, 01 Mar 2025 11:59:00 GMT", now)).toBe(0);
  });

  it("does not cap a huge value (the retry loop caps it, the error reports it as given)", () => {
    expect(parseRetryAfter("86400", now)).toBe(86_400_000);
  });

  it.each([
    ["absent", null],
    ["undefined", undefined],
    ["empty", ""],
    ["negative", "-5"],
    ["fractional", "1.5"],
    ["words", "soon"],
    ["a number with a unit", "10s"],
    ["a date that is not IMF-fixdate", "2025-03-01T12:00:42Z"],
    ["a date-shaped string that is no date", "Sat, 99 Foo 2025 12:00:42 GMT"],
  ])("treats %s as absent", (_, value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});
