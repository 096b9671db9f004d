import { describe, expect, it } from "vitest";
import { dropWriteOnly, redactBody, redactBodyText, redactHeaders, scrub, scrubValues, secretsIn } from "./redact.js";

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

describe("redactBody (by the spec's writeOnly fields)", () => {
  it("redacts every string under a writeOnly field, at any depth and in any case, keeps flags, and leaves the input alone", () => {
    const body = { passwordProfile: { password: "x", forceChangePassword: true, hint: "h" }, rows: [{ Password: "y" }], displayName: "Ada" };
    expect(redactBody(body)).toEqual({
      passwordProfile: { password: "[REDACTED]", forceChangePassword: true, hint: "[REDACTED]" },
      rows: [{ Password: "[REDACTED]" }],
      displayName: "Ada",
    });
    expect(body.passwordProfile.password).toBe("x");
  });

  it("hides a body that is not JSON whole, since it cannot be searched for passwords", () => {
    expect(redactBodyText("password=x")).toBe("[REDACTED]");
    expect(redactBodyText(undefined)).toBeUndefined();
  });
});

describe("secretsIn", () => {
  it("finds every non-empty string under a writeOnly field, at any depth, in arrays and in any case, in document order", () => {
    const body = {
      password: "top-1",
      nested: { PassWord: "deep-2", list: [{ password: "in-array-3" }, { password: "" }] },
      passwordProfile: { password: { password: "inner-4" }, forceChangePassword: true },
      other: "password",
    };
    expect(secretsIn(body)).toEqual(["top-1", "deep-2", "in-array-3", "inner-4"]);
    expect(secretsIn(undefined)).toEqual([]);
  });
});

describe("scrub: a secret is replaced in every encoding a server may echo it in", () => {
  const secret = "Zoë+<Pa ss/wörd>&'1";
  const hex = (upper: boolean, escapeAll: boolean) =>
    [...secret]
      .map((c) => {
        const code = c.charCodeAt(0);
        const escape = escapeAll ? !/[A-Za-z0-9]/.test(c) : code > 0x7e || "+<>&'".includes(c);
        const digits = code.toString(16).padStart(4, "0");
        return escape ? `\\u${upper ? digits.toUpperCase() : digits}` : c;
      })
      .join("");

  it.each([
    ["raw", secret],
    ["JSON-escaped, minimal", JSON.stringify(secret).slice(1, -1)],
    ["JSON-escaped as .NET does, upper-case hex", hex(true, false)],
    ["JSON-escaped as .NET does, lower-case hex", hex(false, false)],
    ["JSON-escaped as .NET does, with \\/", hex(true, false).replaceAll("/", "\\/")],
    ["every non-alphanumeric escaped, upper-case hex", hex(true, true)],
    ["every non-alphanumeric escaped, lower-case hex", hex(false, true)],
    ["percent-encoded", encodeURIComponent(secret)],
    ["percent-encoded, lower-case hex", encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())],
    ["form-encoded (space as +)", encodeURIComponent(secret).replaceAll("%20", "+")],
  ])("%s", (_, form) => {
    expect(form === secret || !form.includes(secret)).toBe(true); // the form really differs from the raw text
    expect(scrub(`before ${form} after`, [secret])).toBe("before [REDACTED] after");
  });

  it("replaces a JWT-shaped token echoed raw or with an escaped slash-free form", () => {
    const token = "eyJ0eXAi.body-part_1.sig";
    expect(scrub(`Bearer ${token} "${token}"`, [token])).toBe('Bearer [REDACTED] "[REDACTED]"');
  });

  it("ignores an empty secret rather than redacting between every character", () => {
    expect(scrub("text", [""])).toBe("text");
  });
});

describe("scrubValues", () => {
  it("replaces a secret in every string of a parsed body, keys included, without changing the input", () => {
    const parsed = JSON.parse('{"description":"bad Zo\\u00EB\\u002B1!xy","data":["x Zoë+1!xy y",{"Zoë+1!xy":"v"}],"code":3000}') as unknown;
    expect(scrubValues(parsed, ["Zoë+1!xy"])).toEqual({ description: "bad [REDACTED]", data: ["x [REDACTED] y", { "[REDACTED]": "v" }], code: 3000 });
    expect(JSON.stringify(parsed)).toContain("Zoë+1!xy");
  });

  it("replaces a percent-encoded secret inside a decoded JSON string", () => {
    expect(scrubValues({ link: "/reset?p=Zo%C3%AB%2B1!xy" }, ["Zoë+1!xy"])).toEqual({ link: "/reset?p=[REDACTED]" });
  });
});

describe("dropWriteOnly", () => {
  it("removes writeOnly fields at any depth, in place, and says whether it removed any", () => {
    const user = { id: "u", passwordProfile: { password: "x" }, nested: [{ password: "y", keep: 1 }] };
    expect(dropWriteOnly(user)).toBe(true);
    expect(user).toEqual({ id: "u", nested: [{ keep: 1 }] });
    expect(dropWriteOnly(user)).toBe(false);
  });
});
