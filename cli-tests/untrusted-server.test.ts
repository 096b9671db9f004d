// The CLI against a Partner Center that misbehaves (issue 19): a listing that loops, a next link to
// another customer, a 50 MB answer, page items that are not users. `list` (every format) and `get`
// by sign-in name each end with one error line and exit 1 — no stack trace, no hang, nothing of
// the bad answer printed as data.
import { afterEach, describe, expect, it } from "vitest";
import { startFakePartnerCenter, type Behaviour, type FakePartnerCenter } from "./support/fake-partner-center.ts";
import { runCli } from "./support/run-cli.ts";

const customerId = "2f6c9d3b-1e4a-4b7c-8d2e-5a9f0b3c6d71";
const otherCustomerId = "eebd1b55-5360-4438-a11d-5c06918c3014";
const env = { PARTNER_CENTER_TOKEN: "cli-untrusted-token" };
const ada = { id: "0c5b7e0e-8f3a-4a4e-9d1e-000000000001", userPrincipalName: "ada@contoso.com", attributes: { objectType: "CustomerUser" } };
const intruder = { ...ada, id: "0c5b7e0e-8f3a-4a4e-9d1e-000000000666", userPrincipalName: "intruder@fabrikam.com" };

/** A page; its next link carries the token in its headers unless `linkToken` is false. */
function page(items: readonly unknown[], next?: { uri: string; token: string; linkToken?: boolean }): Record<string, unknown> {
  const headers = next?.linkToken === false ? [] : [{ key: "MS-ContinuationToken", value: next?.token }];
  return {
    totalCount: items.length,
    items,
    attributes: { objectType: "Collection" },
    ...(next && { continuationToken: next.token, links: { next: { uri: next.uri, method: "GET", headers } } }),
  };
}

// Guards today's code, which followed some of these for ever: past this many requests, a 400.
const requestLimit = 50;
const fifty = `{"totalCount":0,"items":[],"attributes":{"objectType":"Collection"},"continuationToken":"${"a".repeat(50 * 1024 * 1024)}"}`;

const servers: Record<string, { behaviour: Behaviour; error: RegExp }> = {
  "loops back to page 1": {
    behaviour: () => ({ status: 200, body: page([ada], { uri: `/customers/${customerId}/users`, token: "same", linkToken: false }) }),
    error: /listing loops/,
  },
  "links to another customer's listing": {
    behaviour: (request) => ({ status: 200, body: request.path.includes(otherCustomerId) ? page([intruder]) : page([ada], { uri: `/customers/${otherCustomerId}/users?seekOperation=Next`, token: "t1" }) }),
    error: /leads to another customer-tenant-id/,
  },
  "answers 50 MB": {
    behaviour: () => ({ status: 200, text: fifty }),
    error: /larger than 4194304 bytes/,
  },
  "nests its answer 100,000 levels deep": {
    behaviour: () => ({ status: 200, text: `{"totalCount":0,"items":[],"attributes":{"objectType":"Collection"},"x":${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}}` }),
    error: /nested deeper than 32 levels/,
  },
  "answers items that are not users": {
    behaviour: () => ({ status: 200, body: page([null, "ada@contoso.com", { id: 5 }]) }),
    error: /body\.items\[0\] must be an object, not null/,
  },
};

let fake: FakePartnerCenter | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const commands: Record<string, readonly string[]> = {
  list: ["list", customerId],
  "list --format table": ["list", customerId, "--format", "table"],
  "list --format csv": ["list", customerId, "--format", "csv"],
  "list --format json": ["list", customerId, "--format", "json"],
  "get by sign-in name": ["get", customerId, "ada@contoso.com"],
};

describe("a Partner Center whose answers are off the spec", { timeout: 30_000 }, () => {
  const cases = Object.entries(servers).flatMap(([server, { behaviour, error }]) => Object.entries(commands).map(([command, args]) => ({ server, behaviour, error, command, args })));

  for (const { server: what, behaviour, error, command, args } of cases) it(`a server that ${what}: \`${command}\` ends with one error line and exit 1`, async () => {
    const server = await startFakePartnerCenter(async (request) => (fake !== undefined && fake.requests.length > requestLimit ? { status: 400, body: { code: 3000, description: "too many requests", data: [], source: "test" } } : behaviour(request)));
    fake = server;
    const result = await runCli([...args, "--base-url", server.url], { env });
    expect(result.code).toBe(1);
    const errorLines = result.stderr.split("\n").filter((line) => line.startsWith("partner-center-users:"));
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatch(error);
    const ids = errorLines[0]?.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? [];
    expect(new Set(ids).size, "each id named once").toBe(ids.length);
    expect(result.stderr).not.toMatch(/^\s+at /m); // no stack trace
    expect(result.stdout).not.toMatch(/intruder|"id":5|^5,/m);
    expect(server.requests.length).toBeLessThanOrEqual(3);
  });
});

describe("--max-pages bounds every listing", { timeout: 30_000 }, () => {
  // A server handing out a fresh token per page: no loop to find, only the page limit ends it.
  const endless: Behaviour = (request) => {
    const n = Number(request.headers["ms-continuationtoken"]?.slice(1) ?? 0) + 1;
    return { status: 200, body: page([{ ...ada, id: ada.id.replace(/1$/, String(n % 10)), userPrincipalName: `user${n}@contoso.com` }], { uri: `/customers/${customerId}/users?seekOperation=Next`, token: `t${n}` }) };
  };
  for (const [command, args] of [
    ["list", ["list", customerId]],
    ["get by sign-in name", ["get", customerId, "ada@contoso.com"]],
  ] as const) it(`\`${command} --max-pages 3\` reads 3 pages of a listing that never ends, then one error line and exit 1`, async () => {
    fake = await startFakePartnerCenter(endless);
    const result = await runCli([...args, "--max-pages", "3", "--base-url", fake.url], { env });
    expect(result.code).toBe(1);
    expect(result.stderr.split("\n").filter((line) => line.startsWith("partner-center-users:"))).toEqual([expect.stringMatching(/did not end within 3 pages/)]);
    expect(fake.requests).toHaveLength(3);
  });

  it("refuses a --max-pages that is not a whole number of at least 1 before anything is sent (exit 2)", async () => {
    fake = await startFakePartnerCenter(endless);
    for (const bad of ["0", "-1", "2.5", "many"]) {
      const result = await runCli(["list", customerId, "--max-pages", bad, "--base-url", fake.url], { env });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/--max-pages/);
    }
    expect(fake.requests).toHaveLength(0);
  });
});
