// `update`: one PATCH against a loopback stand-in for Partner Center; what is sent, what is
// printed, and the exit code.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { customerId, scratchFolder, userIdFor } from "./support/files.ts";
import { fault, startFakePartnerCenter, updated, type Behaviour, type FakePartnerCenter } from "./support/fake-partner-center.ts";
import { pageUser } from "./support/page.ts";
import { runCli } from "./support/run-cli.ts";

const token = "tok-update-test-3c1f";
const env = { PARTNER_CENTER_TOKEN: token };
const userId = userIdFor(7);
const missingUserId = userIdFor(404);
const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const behaviour: Behaviour = (request) =>
  request.userId === missingUserId ? fault(404, 60002, "User object ID not found.") : updated(request);
let server: FakePartnerCenter;
let tenantless: FakePartnerCenter;
beforeAll(async () => {
  server = await startFakePartnerCenter((request) => behaviour(request));
  tenantless = await startFakePartnerCenter(() => fault(404, 60003, "Tenant not found."));
});
afterAll(async () => {
  await server.close();
  await tenantless.close();
});
let seenBefore = 0;
beforeEach(() => {
  seenBefore = server.requests.length;
});
const sent = () => server.requests.slice(seenBefore);
const file = scratchFolder();

describe("update", { timeout: 20_000 }, () => {
  it("sends one PATCH with only the given fields and prints the updated user as JSON, exit 0", async () => {
    const result = await runCli(["update", customerId, userId, "--usage-location", "US", "--display-name", "Ada Lovelace", "--base-url", server.url], { env });
    expect(result.code).toBe(0);
    expect(sent()).toHaveLength(1);
    const [request] = sent();
    expect(request).toMatchObject({ method: "PATCH", path: `/v1/customers/${customerId}/users/${userId}` });
    expect(JSON.parse(request!.body)).toEqual({ usageLocation: "US", displayName: "Ada Lovelace" });
    expect(request!.headers["authorization"]).toBe(`Bearer ${token}`);
    expect(JSON.parse(result.stdout)).toEqual({ ...pageUser, id: userId, usageLocation: "US", displayName: "Ada Lovelace", links: expect.any(Object) });
    expect(result.stderr).toBe(
      `updated user ${userId} of customer ${customerId} (request id ${String(request!.headers["ms-requestid"])}, correlation id ${String(request!.headers["ms-correlationid"])})\n`,
    );
  });

  it("sends the --json body with the field options applied on top", async () => {
    const json = file("patch.json", JSON.stringify({ firstName: "Ada", lastName: "Byron", attributes: { objectType: "CustomerUser" } }));
    const result = await runCli(["update", customerId, userId, "--json", json, "--last-name", "Lovelace", "--base-url", server.url], { env });
    expect(result.code).toBe(0);
    expect(JSON.parse(sent()[0]!.body)).toEqual({ firstName: "Ada", lastName: "Lovelace", attributes: { objectType: "CustomerUser" } });
  });

  it("reads the --json body from stdin with --json -", async () => {
    const result = await runCli(["update", customerId, userId, "--json", "-", "--base-url", server.url], { env, stdin: '{"displayName":"From stdin"}' });
    expect(result.code).toBe(0);
    expect(JSON.parse(sent()[0]!.body)).toEqual({ displayName: "From stdin" });
  });

  it("sends state active for --restore", async () => {
    const result = await runCli(["update", customerId, userId, "--restore", "--base-url", server.url], { env });
    expect(result.code).toBe(0);
    expect(JSON.parse(sent()[0]!.body)).toEqual({ state: "active" });
  });

  it("reads the new password from stdin, without its final line break, for --password-stdin", async () => {
    const password = "Pw-update-test-8#k";
    const result = await runCli(["update", customerId, userId, "--password-stdin", "--force-change-password", "--base-url", server.url], {
      env,
      stdin: `${password}\n`,
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(sent()[0]!.body)).toEqual({ passwordProfile: { password, forceChangePassword: true } });
    expect(result.stdout + result.stderr).not.toContain(password);
  });

  it("takes the token from stdin with --token-stdin", async () => {
    const result = await runCli(["update", customerId, userId, "--usage-location", "GB", "--token-stdin", "--base-url", server.url], {
      stdin: "tok-from-stdin-77\n",
    });
    expect(result.code).toBe(0);
    expect(sent()[0]!.headers["authorization"]).toBe("Bearer tok-from-stdin-77");
  });

  it("reports a failed update on stderr as one line with status, code, description and request id, exit 1", async () => {
    const result = await runCli(["update", customerId, missingUserId, "--usage-location", "US", "--base-url", server.url], { env });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    const requestId = String(sent()[0]!.headers["ms-requestid"]);
    expect(requestId).toMatch(guid);
    expect(result.stderr).toBe(
      `partner-center-users: 404, code 60002: User object ID not found. (request id ${requestId}, correlation id ${String(sent()[0]!.headers["ms-correlationid"])})\n`,
    );
  });

  it("with --dry-run checks the body and prints it (password redacted) without sending, exit 0", async () => {
    const result = await runCli(["update", customerId, userId, "--usage-location", "US", "--password-stdin", "--dry-run"], {
      stdin: "Pw-dry-run-test-5!",
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ usageLocation: "US", passwordProfile: { password: "[REDACTED]" } });
    expect(result.stderr).toMatch(/nothing was sent/);
    expect(sent()).toHaveLength(0);
  });

  it("takes ids in braces ({GUID}, as Windows writes them) and sends them bare", async () => {
    const result = await runCli(["update", `{${customerId}}`, `{${userId}}`, "--usage-location", "US", "--base-url", server.url], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(sent().map((request) => request.path)).toEqual([`/v1/customers/${customerId}/users/${userId}`]);
  });

  it("shows a refused usage location as given (a trailing space visible) with a suggestion, sending nothing", async () => {
    const result = await runCli(["update", customerId, userId, "--usage-location", "de ", "--base-url", server.url], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--usage-location "de " must match \^\[A-Z\]\{2\}\$; did you mean "DE"\?/);
    expect(sent()).toHaveLength(0);
  });

  it("says what to do about a 404 Tenant not found. (code 60003), with no class name", async () => {
    const unknownCustomer = "00000000-0000-4000-8000-000000000001";
    const result = await runCli(["update", unknownCustomer, userId, "--usage-location", "US", "--base-url", tenantless.url], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/404, code 60003: Tenant not found\. .* — no customer with this tenant id: check the customer's tenant id/);
    expect(result.stderr).not.toMatch(/PartnerCenter\w*Error/);
  });
});
