import { describe, expect, it } from "vitest";
import { PartnerCenterTimeoutError, PartnerCenterNotFoundError } from "../index.js";
import { errorLine, fileProblem, formatLogEntry, summarizeError } from "./messages.js";

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

describe("error lines in words", () => {
  it("says a file problem in words and what to check, never the bare system code", () => {
    const missing = Object.assign(new Error("ENOENT: no such file or directory, open 'x.csv'"), { code: "ENOENT" });
    expect(fileProblem(missing)).toBe("no such file or folder (check the name and the folder it is in)");
    expect(fileProblem(missing)).not.toMatch(/ENOENT/);
    const unwritable = Object.assign(new Error("ENOENT: no such file or directory, open '/gone/out.csv'"), { code: "ENOENT", syscall: "open", path: "/gone/out.csv" });
    expect(errorLine(summarizeError(unwritable))).toBe("/gone/out.csv: no such file or folder (check the name and the folder it is in)");
  });

  it("names no error class: a timeout says it timed out", () => {
    const line = errorLine(summarizeError(new PartnerCenterTimeoutError("Partner Center did not answer within 500 ms", { requestId: "r" })));
    expect(line).toBe("timed out: Partner Center did not answer within 500 ms (request id r)");
  });

  it("says what to do about a 404 Tenant not found. (code 60003)", () => {
    const line = errorLine(summarizeError(new PartnerCenterNotFoundError("Tenant not found.", { status: 404, code: 60003, description: "Tenant not found." })));
    expect(line).toMatch(/^404, code 60003: Tenant not found\. — no customer with this tenant id: check the customer's tenant id/);
  });
});
