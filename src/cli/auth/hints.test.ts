import { describe, expect, it } from "vitest";
import { loadDereferencedSpec } from "../../../scripts/lib/spec.ts";
import { PartnerCenterCredentialError } from "../../index.js";
import { errorLine, summarizeError } from "../messages.js";
import { gdapRoles } from "../../../generated/spec-rules.js";
import { partnerCenterHint, rolesPerOperation } from "./hints.js";
import { SignInError } from "./sign-in-error.js";

const spec = await loadDereferencedSpec();

describe("what the error line says to do about a refusal", () => {
  it("401 900421: sign in with MFA, and how", () => {
    expect(partnerCenterHint(401, 900421)).toMatch(/no MFA claim: sign in with multi-factor authentication — partner-center-users login/);
    expect(partnerCenterHint(401, "900421")).toBe(partnerCenterHint(401, 900421));
  });

  it("401 800001: no valid token, and how to get and check one", () => {
    expect(partnerCenterHint(401, 800001)).toMatch(/no valid token .*partner-center-users login.*auth status/);
  });

  it.each([20002, 900150])("403 %i: the GDAP roles each operation needs, granted for this customer", (code) => {
    const hint = partnerCenterHint(403, code)!;
    expect(hint).toContain("GDAP relationship with this customer");
    expect(hint).toContain("to list or get users, Directory Readers, Global Reader or User Administrator");
    expect(hint).toContain("to update them or restore them or create a user, User Administrator or Directory Writers; to reset a password, User Administrator or Privileged Authentication Administrator");
  });

  it("a 403 of a known call names only the roles that call needs", () => {
    expect(partnerCenterHint(403, 900150, "updateCustomerUserLicenses")).toBe(
      "the token's user lacks the rights (or the token is app-only): the signed-in user needs a GDAP relationship with this customer granting (through a security group) one of these roles: to assign or remove licences, License Administrator, User Administrator or Directory Writers",
    );
    expect(partnerCenterHint(403, 20002, "removeDirectoryRoleMember")).toMatch(/: to take a role from a user, Privileged Role Administrator$/);
    // A call no need names falls back to every operation's roles.
    expect(partnerCenterHint(403, 20002, "noSuchOperation")).toBe(partnerCenterHint(403, 20002));
  });

  it("names, for each operation the spec gives x-gdap-roles, that operation's own roles (not the list of all)", () => {
    for (const [operationId, kinds] of Object.entries(gdapRoles)) {
      const hint = partnerCenterHint(403, 20002, operationId)!;
      expect(hint, operationId).not.toBe(partnerCenterHint(403, 20002));
      for (const role of Object.values(kinds).flat()) expect(hint, `${operationId}: ${role}`).toContain(role);
    }
  });

  it("nothing for statuses that are not about signing in", () => {
    expect(partnerCenterHint(404, 60002)).toBeUndefined();
    expect(partnerCenterHint(undefined, undefined)).toBeUndefined();
  });

  it("names in a 403's hint every role the spec's x-gdap-roles gives any operation, read from the spec itself", () => {
    const hint = partnerCenterHint(403, 20002)!;
    const roles = Object.values(spec.paths).flatMap((item) =>
      Object.values(item ?? {}).flatMap((operation) => Object.values((operation as { "x-gdap-roles"?: Record<string, string[]> })["x-gdap-roles"] ?? {}).flat()),
    );
    expect(new Set(roles).size).toBeGreaterThan(3);
    for (const role of roles) expect(hint, role).toContain(role);
  });

  it("may say 'to list or get users' once: the spec gives list and get the same roles", () => {
    const roles = (path: string) => (spec.paths[path]?.get as { "x-gdap-roles"?: unknown } | undefined)?.["x-gdap-roles"];
    expect(roles("/v1/customers/{customer-tenant-id}/users")).toEqual(roles("/v1/customers/{customer-tenant-id}/users/{user-id}"));
    expect(rolesPerOperation.read).toEqual((roles("/v1/customers/{customer-tenant-id}/users") as { read: unknown }).read);
  });

  it("is added to the error line after the ids", () => {
    const line = errorLine({ status: 401, code: 900421, description: "Multi-factor authentication is required for this request.", requestId: "r1", correlationId: "c1" });
    expect(line).toBe(
      "401, code 900421: Multi-factor authentication is required for this request. (request id r1, correlation id c1) — the token has no MFA claim: sign in with multi-factor authentication — partner-center-users login (then partner-center-users auth status shows mfa yes)",
    );
    expect(errorLine({ status: 404, code: 60002, description: "User object ID not found." })).toBe("404, code 60002: User object ID not found.");
  });
});

describe("a sign-in that fails mid-run", () => {
  it("shows in the row's error what the sign-in error says to do (the client keeps it as the cause and does not quote it)", () => {
    const cause = new SignInError("login: Microsoft Entra ID refused: the refresh token expired (unused for 90 days): sign in again: partner-center-users login");
    const error = new PartnerCenterCredentialError("The credential failed to give a token", {}, { cause });
    expect(summarizeError(error).description).toBe(`The credential failed to give a token: ${cause.message}`);
    // Any other cause (a bug's message may hold anything) is not quoted.
    expect(summarizeError(new PartnerCenterCredentialError("The credential failed to give a token", {}, { cause: new Error("RT-SECRET-x") })).description).toBe(
      "The credential failed to give a token",
    );
  });
});
