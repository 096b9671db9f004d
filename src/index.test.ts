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
});
