import { describe, expect, it } from "vitest";
import * as library from "./index.js";

describe("the public surface", () => {
  it("exports exactly the documented values, nothing internal", () => {
    expect(Object.keys(library).sort()).toEqual(
      [
        "createPartnerCenterClient",
        "defaultBaseUrl",
        "partnerCenterScope",
        "redactBody",
        "redactHeaders",
        "scrubSecrets",
        "checkCustomerUserPatch",
        "PartnerCenterError",
        "PartnerCenterBadRequestError",
        "PartnerCenterUnauthorizedError",
        "PartnerCenterForbiddenError",
        "PartnerCenterNotFoundError",
        "PartnerCenterConflictError",
        "PartnerCenterTooManyRequestsError",
        "PartnerCenterServerError",
        "PartnerCenterTimeoutError",
        "PartnerCenterAbortError",
        "PartnerCenterNetworkError",
        "PartnerCenterArgumentError",
        "PartnerCenterCredentialError",
        "PartnerCenterInvalidResponseError",
      ].sort(),
    );
  });

  it("makes every error class a PartnerCenterError named after itself", () => {
    for (const [name, value] of Object.entries(library)) {
      if (!name.endsWith("Error")) continue;
      const prototype = (value as { prototype: Error }).prototype;
      expect(prototype === library.PartnerCenterError.prototype || prototype instanceof library.PartnerCenterError).toBe(true);
      expect(prototype.name).toBe(name);
    }
  });

  it("scrubSecrets hides a secret in the forms a server echoes it in, raw, JSON-escaped and percent-encoded", () => {
    const secret = 'Pa$$ w"rd+1';
    const echoed = `raw ${secret} json ${JSON.stringify(secret)} url ${encodeURIComponent(secret)}`;
    const scrubbed = library.scrubSecrets(echoed, [secret]);
    expect(scrubbed).toBe('raw [REDACTED] json "[REDACTED]" url [REDACTED]');
  });

  it("checkCustomerUserPatch lists what patch() would refuse, empty for a patch it would send, never quoting a password", () => {
    expect(library.checkCustomerUserPatch({ usageLocation: "US" })).toEqual([]);
    const issues = library.checkCustomerUserPatch({ usageLocation: "usa", passwordProfile: { password: "short-pw" }, id: "x" });
    expect(issues.map((issue) => issue.path)).toEqual(["patch.usageLocation", "patch.passwordProfile.password", "patch.id"]);
    expect(JSON.stringify(issues)).not.toContain("short-pw");
    expect(library.checkCustomerUserPatch({ attributes: { objectType: "CustomerUser" } })).toEqual([{ path: "patch", message: expect.stringMatching(/at least one field/) }]);
  });
});
