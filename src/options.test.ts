import { describe, expect, it } from "vitest";
import { PartnerCenterArgumentError } from "./errors/argument-error.js";
import { checkBaseUrl, resolveOptions, type PartnerCenterClientOptions } from "./options.js";

function argumentOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof PartnerCenterArgumentError) return error.argument;
    throw error;
  }
  return undefined;
}

describe("checkBaseUrl", () => {
  it("keeps an https URL, without a trailing slash", () => {
    expect(checkBaseUrl("https://api.partnercenter.microsoft.com/")).toBe("https://api.partnercenter.microsoft.com");
    expect(checkBaseUrl("https://proxy.example/partner-center/")).toBe("https://proxy.example/partner-center");
  });

  it.each(["http://localhost:4010", "http://127.0.0.1:4010", "http://[::1]:4010"])("allows plain http to a loopback host (%s)", (url) => {
    expect(checkBaseUrl(url)).toBe(url);
  });

  it.each([
    ["plain http to another host", "http://api.partnercenter.microsoft.com"],
    ["plain http to a host that merely starts with 127", "http://127.example.com"],
    ["another scheme", "ftp://example.com"],
    ["a relative URL", "/v1"],
    ["credentials in the URL", "https://user:secret@example.com"],
    ["a query", "https://example.com/?x=1"],
    ["a fragment", "https://example.com/#x"],
  ])("refuses %s, naming baseUrl", (_, url) => {
    expect(argumentOf(() => checkBaseUrl(url))).toBe("baseUrl");
  });

  it("never quotes the URL, which may hold credentials", () => {
    expect(() => checkBaseUrl("http://user:hunter2@example.com")).toThrow(expect.objectContaining({ message: expect.not.stringContaining("hunter2") }));
  });
});

describe("resolveOptions", () => {
  const base: PartnerCenterClientOptions = { credential: "t" };

  it("fills in the documented defaults", () => {
    expect(resolveOptions(base)).toMatchObject({
      baseUrl: "https://api.partnercenter.microsoft.com",
      retry: { maxRetries: 4, baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 120_000 },
      timeoutMs: 30_000,
      throttle: true,
      correlationId: undefined,
      onInvalidResponse: "throw",
      maxResponseBytes: 4 * 1024 * 1024,
    });
  });

  it("turns retry: false into a single attempt", () => {
    expect(resolveOptions({ ...base, retry: false }).retry.maxRetries).toBe(0);
  });

  it.each<[string, PartnerCenterClientOptions]>([
    ["timeoutMs", { ...base, timeoutMs: 0 }],
    ["timeoutMs", { ...base, timeoutMs: -1 }],
    ["timeoutMs", { ...base, timeoutMs: 2 ** 31 }],
    ["retry.maxRetries", { ...base, retry: { maxRetries: 1.5 } }],
    ["retry.baseDelayMs", { ...base, retry: { baseDelayMs: -1 } }],
    ["correlationId", { ...base, correlationId: "not-a-guid" }],
    ["locale", { ...base, locale: "en-US\r\nX-Evil: 1" }],
    ["locale", { ...base, locale: "en_US" }], // breaks the spec's X-Locale pattern
    ["applicationName", { ...base, applicationName: "" }],
    ["fetch", { ...base, fetch: "fetch" as never }],
    ["throttle", { ...base, throttle: "no" as never }],
    ["onInvalidResponse", { ...base, onInvalidResponse: "ignore" as never }],
    ["maxResponseBytes", { ...base, maxResponseBytes: 0 }],
    ["maxResponseBytes", { ...base, maxResponseBytes: 1.5 }],
  ])("refuses a bad %s, naming it", (argument, options) => {
    expect(argumentOf(() => resolveOptions(options))).toBe(argument);
  });

  it("accepts a locale that matches the spec's X-Locale pattern", () => {
    expect(resolveOptions({ ...base, locale: "zh-Hans-CN" }).locale).toBe("zh-Hans-CN");
  });

  it("turns the throttle off with throttle: false", () => {
    expect(resolveOptions({ ...base, throttle: false }).throttle).toBe(false);
  });

  it("accepts timeoutMs: Infinity for no timeout", () => {
    expect(resolveOptions({ ...base, timeoutMs: Infinity }).timeoutMs).toBe(Infinity);
  });
});
