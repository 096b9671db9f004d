// The lifecycle commands (create, delete, reset-password, licenses, skus, roles) against the
// stateful fake (contract-tests/support/stateful-fake.ts), whose every answer is checked against
// the spec, and — where a test must read the bodies sent — the loopback stand-in of
// support/fake-partner-center.ts.
import { afterEach, describe, expect, it } from "vitest";
import { loadDereferencedSpec } from "../scripts/lib/spec.ts";
import { startStatefulFake, type FakeUser, type StatefulFake } from "../contract-tests/support/stateful-fake.ts";
import { fault, startFakePartnerCenter, updated, type FakePartnerCenter } from "./support/fake-partner-center.ts";
import { customerId, userIdFor } from "./support/files.ts";
import { spawn } from "node:child_process";
import { cliPath, finished, projectRoot, runCli, type CliResult } from "./support/run-cli.ts";

const spec = await loadDereferencedSpec();
const env = { PARTNER_CENTER_TOKEN: "tok-lifecycle-cli-5d2e" };
const ada: FakeUser = { id: userIdFor(1), userPrincipalName: "ada@contoso.onmicrosoft.com", displayName: "Ada", usageLocation: "GB", state: "active" };
const bob: FakeUser = { id: userIdFor(2), userPrincipalName: "bob@contoso.onmicrosoft.com", displayName: "Bob", usageLocation: "GB", state: "active" };
const powerBi = { id: "f8a1db68-be16-40ed-86d5-cb42ce701560", skuPartNumber: "POWER_BI_PRO", totalUnits: 1 };
const e3 = { id: "6fd2c87f-b296-42f0-b197-1e91e994b900", skuPartNumber: "ENTERPRISEPACK", totalUnits: 5 };
const minecraft = { id: "3a1e2f4b-8c7d-4e6f-9a0b-1c2d3e4f5a6b", skuPartNumber: "MINECRAFT_EDU", totalUnits: 5, group: "group2" as const };
const helpdesk = { id: "729827e3-9c14-49f7-bb1b-9608f156bbb8", name: "Helpdesk Administrator" };
const markedPassword = /^\*\*\* generated password for (\S+) \(shown this once, stored nowhere; [^)]*\): (.+)$/m;

let fake: StatefulFake | undefined;
let plain: FakePartnerCenter | undefined;
afterEach(async () => {
  // The fake may not drift from the contract: no answer it sent departed from the spec.
  expect(fake?.violations ?? []).toEqual([]);
  await fake?.close();
  await plain?.close();
  fake = plain = undefined;
});

async function tenant(users: readonly FakeUser[] = [ada, bob]): Promise<StatefulFake> {
  fake = await startStatefulFake(spec, customerId, users, { pageSize: 10, nextBy: "token", skus: [powerBi, e3, minecraft], roles: [helpdesk] });
  return fake;
}
const cli = (args: readonly string[], stdin?: string) => runCli([...args, "--base-url", (fake ?? plain)!.url], { env, ...(stdin !== undefined && { stdin }) });
const sentBy = (method: string, what: RegExp) => fake!.seen.filter((line) => line.startsWith(`${method} `) && what.test(line));

/** A stand-in that answers a create with the user it was sent (less the password), and a PATCH as PAGE does. */
async function recording(): Promise<FakePartnerCenter> {
  plain = await startFakePartnerCenter((request) => {
    if (request.method === "POST") {
      const { passwordProfile: _password, attributes: _attributes, ...fields } = JSON.parse(request.body) as Record<string, unknown>;
      return { status: 200, body: { ...fields, id: userIdFor(9), state: "active", attributes: { objectType: "CustomerUser" } } };
    }
    return updated(request);
  });
  return plain;
}
const bodyOf = (method: string) => JSON.parse(plain!.requests.find((request) => request.method === method)!.body) as { passwordProfile: { password: string; forceChangePassword: boolean } } & Record<string, unknown>;

describe("create", { timeout: 30_000 }, () => {
  it("create shows a generated password once, marked, the very one it sent, meeting the spec's rules", async () => {
    await recording();
    const result = await cli(["create", customerId, "--upn", "cy@contoso.onmicrosoft.com", "--display-name", "Cy", "--usage-location", "GB"]);
    expect(result.code).toBe(0);
    const sent = bodyOf("POST");
    expect(sent).toMatchObject({ userPrincipalName: "cy@contoso.onmicrosoft.com", displayName: "Cy", usageLocation: "GB", passwordProfile: { forceChangePassword: true } });
    const [, upn, shown] = markedPassword.exec(result.stderr) ?? [];
    expect(upn).toBe("cy@contoso.onmicrosoft.com");
    expect(shown).toBe(sent.passwordProfile.password);
    expect((result.stdout + result.stderr).split(shown!).length - 1).toBe(1);
    const rules = (spec.components?.schemas?.["PasswordProfile"] as { properties: { password: { minLength: number; pattern: string } } }).properties.password;
    expect(shown!.length).toBeGreaterThanOrEqual(Math.max(rules.minLength, 16));
    expect(shown).toMatch(new RegExp(rules.pattern));
    expect(JSON.parse(result.stdout)).toMatchObject({ id: userIdFor(9), userPrincipalName: "cy@contoso.onmicrosoft.com" });
  });

  it("create never prints the password it read from stdin, and sends it as read", async () => {
    await recording();
    const password = "Stdin-Create-pw-7431";
    const result = await cli(["create", customerId, "--upn", "dee@contoso.onmicrosoft.com", "--display-name", "Dee", "--password-stdin", "--no-force-change", "--verbose"], `${password}\n`);
    expect(result.code).toBe(0);
    expect(bodyOf("POST").passwordProfile).toEqual({ password, forceChangePassword: false });
    expect(result.stdout + result.stderr).not.toContain(password);
    expect(result.stderr).not.toMatch(markedPassword);
  });

  it("create without --upn or --display-name sends nothing, exit 2", async () => {
    await recording();
    const result = await cli(["create", customerId, "--display-name", "No Name"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/create needs --upn/);
    expect(plain!.requests).toHaveLength(0);
  });

  it("create refuses a password given as an argument, without echoing it, exit 2", async () => {
    await recording();
    const result = await cli(["create", customerId, "--upn", "e@contoso.onmicrosoft.com", "--display-name", "E", "--password=Argv-pw-55aa!"]);
    expect(result.code).toBe(2);
    expect(result.stdout + result.stderr).not.toContain("Argv-pw-55aa!");
    expect(plain!.requests).toHaveLength(0);
  });
});

describe("reset-password", { timeout: 30_000 }, () => {
  it("reset-password never prints the password it read from stdin; it PATCHes the user, who must change it by default", async () => {
    await recording();
    const password = "Stdin-Reset-pw-9182";
    const result = await cli(["reset-password", customerId, ada.id, "--password-stdin", "--verbose"], `${password}\n`);
    expect(result.code).toBe(0);
    const [request] = plain!.requests;
    expect(request).toMatchObject({ method: "PATCH", path: `/v1/customers/${customerId}/users/${ada.id}` });
    expect(bodyOf("PATCH").passwordProfile).toEqual({ password, forceChangePassword: true });
    expect(result.stdout + result.stderr).not.toContain(password);
  });

  it("reset-password --no-force-change lets the user keep it; a generated one is shown once, marked", async () => {
    await recording();
    const result = await cli(["reset-password", customerId, ada.id, "--no-force-change"]);
    expect(result.code).toBe(0);
    const sent = bodyOf("PATCH").passwordProfile;
    expect(sent.forceChangePassword).toBe(false);
    const [, , shown] = markedPassword.exec(result.stderr) ?? [];
    expect(shown).toBe(sent.password);
    expect((result.stdout + result.stderr).split(shown!).length - 1).toBe(1);
  });
});

/**
 * `delete` run on a terminal: util-linux `script` gives it a pseudo-terminal for stdin and stderr;
 * `answer` is typed once the question shows. stdin stays open until the command ends.
 */
async function deleteOnTerminal(user: string, answer: string): Promise<CliResult> {
  const command = [process.execPath, cliPath, "delete", customerId, user, "--base-url", fake!.url].map((word) => `'${word}'`).join(" ");
  const child = spawn("/usr/bin/script", ["-qec", command, "/dev/null"], { cwd: projectRoot, env: { ...process.env, ...env, PARTNER_CENTER_AUTH: "env" } });
  let typed = false;
  child.stdout.on("data", (chunk: Buffer) => {
    if (!typed && chunk.toString().includes("to confirm:")) {
      typed = true;
      child.stdin.write(`${answer}\r`);
    }
  });
  const ended = finished(child);
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  try {
    return await ended;
  } finally {
    clearTimeout(timer);
    child.stdin.end();
  }
}

describe("delete", { timeout: 30_000 }, () => {
  it("delete on a terminal deletes nothing when the answer is neither the sign-in name nor y, exit 2", async () => {
    await tenant();
    const result = await deleteOnTerminal(ada.id, "no");
    expect(result.stdout).toMatch(/delete user ada@contoso.onmicrosoft.com .*Type the sign-in name or y to confirm:/);
    expect(result.stdout).toMatch(/not confirmed: nothing was deleted/);
    expect(result.code).toBe(2);
    expect(sentBy("DELETE", /./)).toEqual([]);
    expect(fake!.users.get(ada.id)?.state).toBe("active");
  });

  it("delete on a terminal deletes once the sign-in name is typed (in any case of ASCII letters)", async () => {
    await tenant();
    const result = await deleteOnTerminal(ada.id, "ADA@contoso.onmicrosoft.com");
    expect(result.code).toBe(0);
    expect(sentBy("DELETE", /./)).toEqual([`DELETE /v1/customers/${customerId}/users/${ada.id}`]);
  });

  it("delete without a TTY and without --yes sends nothing, exit 2", async () => {
    await tenant();
    const result = await cli(["delete", customerId, ada.userPrincipalName]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--yes/);
    expect(fake!.seen).toEqual([]);
    expect(fake!.users.get(ada.id)?.state).toBe("active");
  });

  it("delete --yes deletes the user named by sign-in name and prints the exact restore command, which restores it", async () => {
    await tenant();
    const result = await cli(["delete", customerId, ada.userPrincipalName, "--yes"]);
    expect(result.code).toBe(0);
    expect(sentBy("DELETE", /./)).toEqual([`DELETE /v1/customers/${customerId}/users/${ada.id}`]);
    expect(fake!.users.get(ada.id)?.state).toBe("inactive");
    const [, command] = /restored for 30 days: partner-center-users (restore .+)$/m.exec(result.stderr) ?? [];
    expect(command).toBe(`restore ${customerId} ${ada.id}`);
    const restored = await cli(command!.split(" "));
    expect(restored.code).toBe(0);
    expect(fake!.users.get(ada.id)?.state).toBe("active");
  });
});

describe("licenses and skus", { timeout: 30_000 }, () => {
  it("licenses assign resolves a skuPartNumber; licenses lists it and skus counts it consumed", async () => {
    await tenant();
    expect((await cli(["licenses", "assign", customerId, ada.id, "power_bi_pro"])).code).toBe(0);
    expect(fake!.lifecycle.licenses.get(ada.id)).toEqual(new Set([powerBi.id]));
    const listed = await cli(["licenses", customerId, ada.userPrincipalName, "--json"]);
    expect(listed.code).toBe(0);
    expect(listed.stdout.trim().split("\n").map((line) => (JSON.parse(line) as { productSku: unknown }).productSku)).toEqual([{ id: powerBi.id, skuPartNumber: "POWER_BI_PRO", licenseGroupId: "group1" }]);
    const skus = await cli(["skus", customerId]);
    expect(skus.code).toBe(0);
    const [header, ...rows] = skus.stdout.trim().split("\n").map((line) => line.trim().split(/\s+/));
    expect(header).toEqual(["skuPartNumber", "total", "consumed", "free", "group", "skuId"]);
    expect(rows).toContainEqual(["POWER_BI_PRO", "1", "1", "0", "group1", powerBi.id]);
    expect(rows).toContainEqual(["ENTERPRISEPACK", "5", "0", "5", "group1", e3.id]);
  });

  it("licenses assign refuses a SKU with no free units before sending, naming the shortfall, exit 2", async () => {
    await tenant();
    fake!.lifecycle.licenses.set(bob.id, new Set([powerBi.id]));
    const result = await cli(["licenses", "assign", customerId, ada.id, "POWER_BI_PRO", "ENTERPRISEPACK"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/POWER_BI_PRO has 0 free of 1 \(1 consumed\): 1 more needed/);
    expect(sentBy("POST", /licenseupdates/)).toEqual([]);
    expect(fake!.lifecycle.licenses.get(ada.id)).toBeUndefined();
  });

  it("licenses assign and remove refuse an unknown SKU before sending, exit 2", async () => {
    await tenant();
    for (const action of ["assign", "remove"]) {
      const result = await cli(["licenses", action, customerId, ada.id, "ENTERPRISEPACK", "NO_SUCH_SKU"]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/"NO_SUCH_SKU" is no SKU the customer subscribes to/);
    }
    expect(sentBy("POST", /licenseupdates/)).toEqual([]);
  });

  it("licenses assign and remove send one request per licence group", async () => {
    await tenant();
    expect((await cli(["licenses", "assign", customerId, ada.id, "ENTERPRISEPACK", minecraft.id, "POWER_BI_PRO"])).code).toBe(0);
    expect(sentBy("POST", /licenseupdates/)).toHaveLength(2);
    expect(fake!.lifecycle.licenses.get(ada.id)).toEqual(new Set([e3.id, minecraft.id, powerBi.id]));
    expect((await cli(["licenses", "remove", customerId, ada.id, "ENTERPRISEPACK", "MINECRAFT_EDU"])).code).toBe(0);
    expect(sentBy("POST", /licenseupdates/)).toHaveLength(4);
    expect(fake!.lifecycle.licenses.get(ada.id)).toEqual(new Set([powerBi.id]));
  });
});

describe("roles", { timeout: 30_000 }, () => {
  it("roles add resolves a display name; roles lists it; roles remove takes it", async () => {
    await tenant();
    expect((await cli(["roles", "add", customerId, ada.userPrincipalName, "helpdesk administrator"])).code).toBe(0);
    expect(fake!.lifecycle.members.get(helpdesk.id)).toEqual(new Set([ada.id]));
    const listed = await cli(["roles", customerId, ada.id]);
    expect(listed.stdout.trim().split("\n").map((line) => line.trim().replace(/\s+/g, " "))).toEqual(["name id", `${helpdesk.name} ${helpdesk.id}`]);
    expect((await cli(["roles", "remove", customerId, ada.id, helpdesk.id])).code).toBe(0);
    expect(fake!.lifecycle.members.get(helpdesk.id)).toEqual(new Set());
  });

  it("roles add refuses a role the customer does not have before sending, exit 2", async () => {
    await tenant();
    const result = await cli(["roles", "add", customerId, ada.id, "Global Administrator"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/"Global Administrator" is no directory role of this customer/);
    expect(sentBy("POST", /usermembers/)).toEqual([]);
  });
});

describe("refusals", { timeout: 30_000 }, () => {
  it("a 403 on skus, roles add or delete names the GDAP roles that very call needs, not every operation's", async () => {
    plain = await startFakePartnerCenter(() => fault(403, 900150, "Forbidden."));
    const skus = await cli(["skus", customerId]);
    expect(skus.code).toBe(1);
    expect(skus.stderr).toContain("to list subscribed SKUs, Directory Readers, Global Reader, User Administrator or License Administrator");
    expect(skus.stderr).not.toContain("to update them");
    const roles = await cli(["roles", "add", customerId, ada.id, "Helpdesk Administrator"]);
    expect(roles.stderr).toContain("to list directory roles, Directory Readers, Global Reader, User Administrator, Privileged Role Administrator or Directory Writers");
    const deleted = await cli(["delete", customerId, ada.id, "--yes"]);
    expect(deleted.stderr).toContain("to delete a user, User Administrator");
  });
});
