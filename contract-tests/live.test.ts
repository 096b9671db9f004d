// Item 8, opt-in: one real PATCH, sent by the typed client through `prism proxy` to a real
// Partner Center, with every contract violation Prism sees in the request or the response
// reported. A PATCH changes real data, so everything must be spelled out in the environment;
// without it these tests are reported as skipped, their name saying which variables are missing.
// The token is never printed: it is scrubbed from anything this file reports.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartnerCenterClient, PartnerCenterError } from "../src/index.ts";
import { startPrism, type PrismServer } from "../src/cli/mock-server.ts";
import { specPath } from "../scripts/lib/spec.ts";

const variables = {
  baseUrl: "PARTNER_CENTER_LIVE_BASE_URL",
  token: "PARTNER_CENTER_LIVE_TOKEN",
  customerId: "PARTNER_CENTER_LIVE_CUSTOMER_ID",
  userId: "PARTNER_CENTER_LIVE_USER_ID",
  usageLocation: "PARTNER_CENTER_LIVE_USAGE_LOCATION",
} as const;
const live = Object.fromEntries(Object.entries(variables).map(([key, name]) => [key, process.env[name] ?? ""])) as Record<keyof typeof variables, string>;
const missing = Object.entries(variables)
  .filter(([key]) => live[key as keyof typeof variables] === "")
  .map(([, name]) => name);

const scrub = (text: string) => (live.token ? text.replaceAll(live.token, "[token]") : text);

interface Violation {
  location: string[];
  severity: string;
  code: string | number;
  message: string;
}

function parseViolations(header: string | null): Violation[] {
  if (!header) return [];
  try {
    return JSON.parse(header) as Violation[];
  } catch {
    // Prism truncates a header over 8 kB and prefixes "Too many violations!"; keep what it said.
    return [{ location: [], severity: "Error", code: "unparsed", message: header }];
  }
}

const title =
  missing.length === 0
    ? `live mode: one PATCH through prism proxy to ${live.baseUrl}`
    : `live mode (skipped: set ${missing.join(", ")} to send one real PATCH through prism proxy)`;

// The default reporter lists no names of skipped tests; say once, visibly, why these are skipped.
if (missing.length > 0) console.info(`${title}.`);

describe.skipIf(missing.length > 0)(title, () => {
  let proxy: PrismServer;
  let violations: Violation[] = [];
  let status = 0;
  let outcome: unknown;

  beforeAll(async () => {
    proxy = await startPrism({ specPath, mode: "proxy", upstream: live.baseUrl });
    const pc = createPartnerCenterClient({
      credential: live.token,
      baseUrl: proxy.url,
      retry: false, // exactly one PATCH reaches the real server
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        status = response.status;
        violations = parseViolations(response.headers.get("sl-violations"));
        return response;
      },
    });
    outcome = await pc.customers
      .byId(live.customerId)
      .users.byId(live.userId)
      .patch({ usageLocation: live.usageLocation })
      .catch((error: unknown) => error);
  }, 120_000);

  afterAll(async () => {
    await proxy?.stop();
  });

  it("reports no contract violation in the request the client sent", () => {
    const found = violations.filter((v) => v.location[0] === "request");
    expect(scrub(JSON.stringify(found, null, 2))).toBe("[]");
  });

  it("reports no contract violation in the real server's response", () => {
    const found = violations.filter((v) => v.location[0] !== "request");
    expect(scrub(JSON.stringify(found, null, 2))).toBe("[]");
  });

  it("updates the user: 200, and the returned user has the usageLocation sent", () => {
    if (outcome instanceof PartnerCenterError) throw new Error(scrub(`the PATCH failed: ${JSON.stringify(outcome.toJSON())}`));
    if (outcome instanceof Error) throw new Error(scrub(`the PATCH failed: ${outcome.message}`));
    expect(status).toBe(200);
    expect(outcome).toMatchObject({ id: live.userId, usageLocation: live.usageLocation });
  });
});
