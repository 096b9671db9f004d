import { describe, expect, it } from "vitest";
import { formatLogEntry } from "./messages.js";

describe("--verbose lines", () => {
  it("says in a --verbose line that a bearer token is sent, never which", () => {
    const headers = { "ms-requestid": "r" };
    const line = formatLogEntry({ type: "request", attempt: 1, method: "PATCH", url: "https://x/v1", requestId: "r", correlationId: undefined, headers, body: undefined });
    expect(line).toBe('→ #1 PATCH https://x/v1 {"ms-requestid":"r","authorization":"Bearer [REDACTED]"}');
  });

  it("says in a --verbose line how long a throttled attempt waits, and why", () => {
    const line = formatLogEntry({ type: "throttle", attempt: 1, customerId: "c", reason: "paused", delayMs: 57_000, requestId: "r" });
    expect(line).toBe("⏸ #1 throttled (a 429's Retry-After, customer c): waiting 57000 ms (request id r)");
  });
});
