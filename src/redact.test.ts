import { describe, expect, it } from "vitest";
import { passwordsIn, redactBody, redactBodyText, redactHeaders, scrub } from "./redact.js";

describe("redactHeaders", () => {
  it("keeps known harmless headers and redacts every other value, Authorization first", () => {
    expect(redactHeaders({ authorization: "Bearer abc", "MS-RequestId": "id", cookie: "c", accept: "application/json" })).toEqual({
      authorization: "[REDACTED]",
      "MS-RequestId": "id",
      cookie: "[REDACTED]",
      accept: "application/json",
    });
  });

  it("accepts a Headers object", () => {
    expect(redactHeaders(new Headers({ Authorization: "Bearer abc", "Retry-After": "5" }))).toEqual({ authorization: "[REDACTED]", "retry-after": "5" });
  });
});

describe("redactBody", () => {
  it("redacts every property named password, at any depth and in any case, without changing the input", () => {
    const body = { passwordProfile: { password: "x", forceChangePassword: true }, rows: [{ Password: "y" }], displayName: "Ada" };
    expect(redactBody(body)).toEqual({
      passwordProfile: { password: "[REDACTED]", forceChangePassword: true },
      rows: [{ Password: "[REDACTED]" }],
      displayName: "Ada",
    });
    expect(body.passwordProfile.password).toBe("x");
  });

  it("hides a body that is not JSON whole, since it cannot be searched for passwords", () => {
    expect(redactBodyText("password=x")).toBe("[REDACTED]");
    expect(redactBodyText(undefined)).toBeUndefined();
    expect(redactBodyText(new TextEncoder().encode('{"password":"x"}').buffer)).toEqual({ password: "[REDACTED]" });
  });
});

describe("passwordsIn and scrub", () => {
  it("finds the passwords of a request body", () => {
    expect(passwordsIn(JSON.stringify({ passwordProfile: { password: "Secr3t!x" } }))).toEqual(["Secr3t!x"]);
    expect(passwordsIn("not json")).toEqual([]);
    expect(passwordsIn(undefined)).toEqual([]);
  });

  it("finds every non-empty string password at any depth, in arrays and in any case, in document order", () => {
    const body = JSON.stringify({
      password: "top-1",
      nested: { PassWord: "deep-2", list: [{ password: "in-array-3" }, { password: "" }] },
      passwordProfile: { password: { password: "inner-4" } },
      other: "password",
    });
    expect(passwordsIn(body)).toEqual(["top-1", "deep-2", "in-array-3", "inner-4"]);
    expect(passwordsIn(new TextEncoder().encode(body).buffer)).toEqual(["top-1", "deep-2", "in-array-3", "inner-4"]);
  });

  it("replaces a secret both raw and as escaped inside a JSON string", () => {
    const secret = 'a"b\\c';
    expect(scrub(`raw ${secret} json ${JSON.stringify(secret)}`, [secret])).toBe('raw [REDACTED] json "[REDACTED]"');
  });

  it("ignores an empty secret rather than redacting between every character", () => {
    expect(scrub("text", [""])).toBe("text");
  });
});
