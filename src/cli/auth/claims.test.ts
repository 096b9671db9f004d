import { describe, expect, it } from "vitest";
import { accessTokenClaims, ada, unsignedJwt } from "../../../cli-tests/support/fake-entra.ts";
import { duration, expiryOf, inspectToken, isoTime, readClaims } from "./claims.js";

const now = Date.parse("2026-12-01T10:00:00Z");
const token = (claims: Record<string, unknown>) => unsignedJwt(claims, "AT-SECRET-claims");
const good = accessTokenClaims(ada, { now });

describe("a token's claims, read without verifying the signature", () => {
  it("reads the payload of a JWT, and nothing from what is not one", () => {
    expect(readClaims(token({ tid: "t" }))).toEqual({ tid: "t" });
    for (const notJwt of ["RT-SECRET-opaque", "a.b", "a.b.c.d.e", "x.%%%.y", `x.${Buffer.from("[1]").toString("base64url")}.y`]) expect(readClaims(notJwt)).toBeUndefined();
  });

  it("gives the expiry from exp, in ms", () => {
    expect(expiryOf(token({ exp: 1_800_000_000 }))).toBe(1_800_000_000_000);
    expect(expiryOf(token({}))).toBeUndefined();
  });

  it("finds nothing wrong with an unexpired Partner Center App+User token that carries MFA", () => {
    const report = inspectToken(token(good), now);
    expect(report).toMatchObject({
      user: ada.upn,
      tenant: ada.tenantId,
      audience: "https://api.partnercenter.microsoft.com",
      scope: "user_impersonation",
      mfa: true,
      amr: ["pwd", "mfa"],
      expiresAt: now + 3600_000,
      problems: [],
    });
  });

  it("accepts Partner Center's application id as the audience (v2 tokens)", () => {
    expect(inspectToken(token({ ...good, aud: "fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd" }), now).problems).toEqual([]);
  });

  it("says a token without mfa in amr is refused with 401 900421, and how to sign in with MFA", () => {
    const report = inspectToken(token({ ...good, amr: ["pwd"] }), now);
    expect(report.mfa).toBe(false);
    expect(report.problems).toEqual([expect.stringMatching(/no MFA claim \(amr: pwd\): Partner Center refuses it \(401, code 900421\).*partner-center-users login/)]);
  });

  it("says an expired token expired, when and how long ago", () => {
    const report = inspectToken(token({ ...good, exp: now / 1000 - 90 }), now);
    expect(report.problems).toEqual([expect.stringMatching(/^it expired at 2026-12-01T09:58:30Z \(1 min ago\)/)]);
  });

  it("says a token for another audience is not Partner Center's, naming the scope to ask for", () => {
    const report = inspectToken(token({ ...good, aud: "https://graph.microsoft.com" }), now);
    expect(report.problems).toEqual([expect.stringMatching(/audience is https:\/\/graph\.microsoft\.com, not Partner Center .*\/user_impersonation/)]);
  });

  it("says an app-only token (no scp) is refused for user operations (403 900150)", () => {
    const { scp: _scp, ...appOnly } = good;
    expect(inspectToken(token({ ...appOnly, roles: ["x"] }), now).problems).toEqual([expect.stringMatching(/app-only token .*403, code 900150/)]);
  });

  it("says a token that is not a JWT cannot be read, and never quotes it", () => {
    const report = inspectToken("RT-SECRET-opaque-token", now);
    expect(report.problems).toHaveLength(1);
    expect(JSON.stringify(report)).not.toContain("SECRET");
  });

  it("never holds the token in what it reports", () => {
    expect(JSON.stringify(inspectToken(token(good), now))).not.toContain("AT-SECRET");
  });

  it("writes times to the second in UTC and durations rounded down", () => {
    expect(isoTime(Date.parse("2026-12-01T10:00:00.999Z"))).toBe("2026-12-01T10:00:00Z");
    expect([12_900, 59 * 60_000 + 59_999, 3 * 3600_000 + 5 * 60_000, 72 * 3600_000].map(duration)).toEqual(["12 s", "59 min", "3 h 5 min", "3 days"]);
  });
});
