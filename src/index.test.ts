import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import * as library from "./index.js";

/** Every name src/index.ts exports, values and types alike, as TypeScript resolves them. */
function exportedNames(): string[] {
  const entry = fileURLToPath(new URL("./index.ts", import.meta.url));
  // Names only: no standard library nor @types to load, nothing type-checked.
  const program = ts.createProgram([entry], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, noLib: true, types: [] });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
  return checker.getExportsOfModule(module).map((symbol) => symbol.name).sort();
}

// The public surface, pinned: a small, intentional API. What the CLI needs beyond it (scrubbing by
// value, the log's header redaction) it imports from the modules inside src/, not from here.
const values = [
  "createPartnerCenterClient",
  "defaultBaseUrl",
  "partnerCenterScope",
  "redactBody",
  "checkCustomerUserPatch",
  "PartnerCenterError",
  "PartnerCenterBadRequestError",
  "PartnerCenterUnauthorizedError",
  "PartnerCenterForbiddenError",
  "PartnerCenterNotFoundError",
  "PartnerCenterUserNotFoundError",
  "PartnerCenterConflictError",
  "PartnerCenterTooManyRequestsError",
  "PartnerCenterServerError",
  "PartnerCenterTimeoutError",
  "PartnerCenterAbortError",
  "PartnerCenterNetworkError",
  "PartnerCenterArgumentError",
  "PartnerCenterCredentialError",
  "PartnerCenterInvalidResponseError",
];
const types = [
  "CallOptions",
  "Credential",
  "CustomerOperations",
  "CustomerUser",
  "CustomerUserListing",
  "CustomerUserOperations",
  "CustomerUserPage",
  "CustomerUserPatch",
  "CustomerUsersOperations",
  "ListOptions",
  "PartnerCenterClient",
  "PartnerCenterClientOptions",
  "PartnerCenterErrorDetails",
  "PartnerCenterLog",
  "PartnerCenterLogEntry",
  "PartnerCenterMiddleware",
  "PartnerCenterRequest",
  "PartnerCenterResponse",
  "PatchOptions",
  "RetryOptions",
  "SendRequest",
  "TokenCredential",
  "TokenRequest",
  "ValidationIssue",
  "components",
  "paths",
  // The rest of a user's lifecycle (docs/lifecycle.md): create, reset password, licences, SKUs, roles.
  "CustomerUserCreate",
  "DirectoryRole",
  "DirectoryRoleOperations",
  "License",
  "LicenseAssignment",
  "LicenseGroup",
  "LicenseListOptions",
  "LicenseUpdate",
  "LicenseUpdateResult",
  "PagedListOptions",
  "PagedListing",
  "PasswordProfile",
  "ResetPasswordOptions",
  "RoleMemberOperations",
  "SubscribedSku",
  "SubscribedSkuOperations",
  "UserLicenseOperations",
  "UserMember",
  "UserMemberAdd",
  "UserMemberPage",
  "UserRoleOperations",
];

describe("the public surface", () => {
  it("exports exactly the documented values, nothing internal", () => {
    expect(Object.keys(library).sort()).toEqual([...values].sort());
  });

  it("exports exactly the documented types besides them", () => {
    expect(exportedNames()).toEqual([...values, ...types].sort());
  });

  it("redactBody hides every string under a writeOnly field, flags kept (its one parameter: types.test-d.ts)", () => {
    expect(library.redactBody({ passwordProfile: { password: "x", forceChangePassword: true } })).toEqual({ passwordProfile: { password: "[REDACTED]", forceChangePassword: true } });
  });

  it("makes every error class a PartnerCenterError named after itself", () => {
    for (const [name, value] of Object.entries(library)) {
      if (!name.endsWith("Error")) continue;
      const prototype = (value as { prototype: Error }).prototype;
      expect(prototype === library.PartnerCenterError.prototype || prototype instanceof library.PartnerCenterError).toBe(true);
      expect(prototype.name).toBe(name);
    }
  });

  it("checkCustomerUserPatch lists what patch() would refuse, empty for a patch it would send, never quoting a password", () => {
    expect(library.checkCustomerUserPatch({ usageLocation: "US" })).toEqual([]);
    const issues = library.checkCustomerUserPatch({ usageLocation: "usa", passwordProfile: { password: "short-pw" }, id: "x" });
    expect(issues.map((issue) => issue.path)).toEqual(["patch.usageLocation", "patch.passwordProfile.password", "patch.id"]);
    expect(JSON.stringify(issues)).not.toContain("short-pw");
    expect(library.checkCustomerUserPatch({ attributes: { objectType: "CustomerUser" } })).toEqual([{ path: "patch", message: expect.stringMatching(/at least one field/) }]);
  });
});
