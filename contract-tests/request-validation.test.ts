// Item 2: every constraint the spec puts on the request — the CustomerUserPatch body, the path
// ids, the optional headers — has a case just inside and just outside it, from the one table of
// constraint cases (support/constraint-cases.ts). The mock (sent plain fetch) refuses what the
// spec refuses, and the typed client refuses the same before sending.
import { describe, expect, it } from "vitest";
import { createPartnerCenterClient, PartnerCenterError, type CustomerUserPatch, type PartnerCenterClientOptions, type PatchOptions } from "../src/index.ts";
import { loadDereferencedSpec, loadSpec } from "../scripts/lib/spec.ts";
import { ids, mockUrl, rawPatch, recordingFetch, testToken } from "./support/mock.ts";
import { bodyFor, requestConstraints, requestCases, requestParts, targetKey, type Case, type Target } from "./support/request-cases.ts";
import { validatorFor } from "./support/spec-ajv.ts";
import { pointerKeys } from "./support/spec-constraints.ts";

/** As written, to name each constraint where it is declared; dereferenced, to judge values against. */
const written = await loadSpec();
const spec = await loadDereferencedSpec();
const { parameters, bodySchema } = requestParts(spec);

let cases: Case[] = [];
let casesError: unknown;
try {
  cases = requestCases(written);
} catch (error) {
  casesError = error;
}
const named = cases.map((c) => [c.name, c] as const);

/** How the typed client is told each header's value, and the argument its error names. */
const headerSettings: Record<string, (value: string) => { client?: Partial<PartnerCenterClientOptions>; call?: PatchOptions; argument: string }> = {
  "MS-RequestId": (value) => ({ call: { requestId: value }, argument: "requestId" }),
  "MS-CorrelationId": (value) => ({ call: { correlationId: value }, argument: "correlationId" }),
  "X-Locale": (value) => ({ client: { locale: value }, argument: "locale" }),
  "MS-PartnerCenter-Application": (value) => ({ client: { applicationName: value }, argument: "applicationName" }),
};
/** Headers the spec allows that the typed client never sends, so their rules cannot be broken through it. */
const headersNeverSent = new Set(["MS-Contract-Version"]);
const pathArguments: Record<string, string> = { "customer-tenant-id": "customerId", "user-id": "userId" };

const bodyOf = (c: Case) => (c.target.in === "body" ? bodyFor(spec, c.target.pointer, c.value) : { displayName: "A" });

function prismLocation(target: Target): string[] {
  if (target.in === "body") return ["request", "body", ...pointerKeys(target.pointer)];
  return ["request", target.in, target.in === "header" ? target.name.toLowerCase() : target.name];
}

describe("the cases cover the spec's request constraints", () => {
  it("has a case for every constraint the spec puts on the body, the path ids and the headers", () => {
    if (casesError) throw casesError;
    const refused = new Set(cases.filter((c) => !c.accepted).map((c) => `${targetKey(c.target)} ${c.keyword}`));
    const constraints = requestConstraints(written)
      .filter((c) => !(c.keyword === "type" && c.target.in !== "body")) // every value on the wire is a string
      .map((c) => `${targetKey(c.target)} ${c.keyword}`);
    expect(constraints.length).toBeGreaterThan(0);
    expect(constraints.filter((c) => !refused.has(c))).toEqual([]);
  });

  it("knows how the typed client sets each header the spec declares, or that it never sends it", () => {
    const declared = parameters.filter((p) => p.in === "header").map((p) => p.name).sort();
    expect(declared).toEqual([...Object.keys(headerSettings), ...headersNeverSent].sort());
    expect(parameters.filter((p) => p.in === "path").map((p) => p.name).sort()).toEqual(Object.keys(pathArguments).sort());
  });

  it.each(named)("%s — so says ajv on the spec's schema", (_name, c) => {
    const schema = c.target.in === "body" ? bodySchema : parameters.find((p) => p.name === (c.target as { name: string }).name)?.schema;
    if (!schema) throw new Error(`no schema for ${targetKey(c.target)}`);
    const validate = validatorFor(schema);
    const valid = validate(c.target.in === "body" ? bodyOf(c) : c.value);
    expect(valid, JSON.stringify(validate.errors)).toBe(c.accepted);
    if (!c.accepted) {
      const where = c.target.in === "body" ? c.target.pointer : "";
      expect(validate.errors).toContainEqual(expect.objectContaining({ keyword: c.keyword, instancePath: where }));
    }
  });
});

describe("the mock validates requests against the spec", () => {
  it.each(named)("%s", async (_name, c) => {
    const answer = await rawPatch({
      body: bodyOf(c),
      ...(c.target.in === "header" ? { headers: { [c.target.name]: c.value as string } } : {}),
      ...(c.target.in === "path" && c.target.name === "customer-tenant-id" ? { customerId: c.value as string } : {}),
      ...(c.target.in === "path" && c.target.name === "user-id" ? { userId: c.value as string } : {}),
    });
    if (c.accepted) {
      expect(answer.violations).toEqual([]);
      expect(answer.status).toBe(200);
    } else {
      expect(answer.status).toBe(400);
      expect(answer.violations).toContainEqual(expect.objectContaining({ location: prismLocation(c.target), code: c.keyword }));
    }
  });
});

/** How a case reaches the typed client: the client options, the call and its ids, and the argument a refusal names. */
function clientCallFor(c: Case) {
  const call = { argument: "patch", client: {} as Partial<PartnerCenterClientOptions>, call: {} as PatchOptions, ...ids };
  if (c.target.in === "header") {
    const setting = headerSettings[c.target.name]?.(c.value as string);
    if (!setting) throw new Error(`no client setting for ${c.target.name}`);
    return { ...call, argument: setting.argument, client: setting.client ?? {}, call: setting.call ?? {} };
  }
  if (c.target.in === "path") {
    const argument = pathArguments[c.target.name] ?? c.target.name;
    return { ...call, argument, [argument]: c.value as string };
  }
  return call;
}

describe("the typed client refuses the same inputs before sending, and sends the rest", () => {
  const testable = named.filter(([, c]) => !(c.target.in === "header" && headersNeverSent.has(c.target.name)));

  it.each(testable)("%s", async (_name, c) => {
    const fetch = recordingFetch();
    const { argument, client, call, customerId, userId } = clientCallFor(c);
    const outcome = (async () => {
      const pc = createPartnerCenterClient({ credential: testToken, baseUrl: mockUrl, retry: false, fetch, ...client });
      return pc.customers.byId(customerId).users.byId(userId).patch(bodyOf(c) as CustomerUserPatch, call);
    })();

    if (c.accepted) {
      await expect(outcome).resolves.toMatchObject({ id: expect.any(String) });
      expect(fetch.exchanges.map((e) => e.response.status)).toEqual([200]);
    } else {
      await expect(outcome).rejects.toBeInstanceOf(PartnerCenterError);
      await expect(outcome).rejects.toMatchObject({ name: "PartnerCenterArgumentError", argument });
      if (c.target.in === "body") {
        const at = `patch${c.target.pointer.replaceAll("/", ".")}`;
        const issues = ((await outcome.catch((error: unknown) => error)) as { issues: { path: string }[] }).issues;
        expect(issues.map((issue) => issue.path)).toContainEqual(expect.stringMatching(new RegExp(`^${at.replaceAll(".", "\\.")}(\\.|$)`)));
      }
      expect(fetch.exchanges, "nothing sent").toEqual([]);
    }
  });
});

/**
 * Rules issues 2 and 4 state outright. The cases above are derived from the spec, so a spec that
 * quietly dropped one of these rules would also drop its case; these stay whatever the spec says.
 */
const statedRules: [rule: string, request: { body: unknown; customerId?: string; userId?: string }, argument: string][] = [
  ["refuses the typo usageLocaton", { body: { usageLocaton: "US" } }, "patch"],
  ["refuses the read-only field id", { body: { displayName: "A", id: ids.userId } }, "patch"],
  ["refuses the read-only field userDomainType", { body: { displayName: "A", userDomainType: "none" } }, "patch"],
  ["refuses an explicit null", { body: { usageLocation: null } }, "patch"],
  ["refuses a wrong type", { body: { displayName: 42 } }, "patch"],
  ["refuses attributes alone", { body: { attributes: { objectType: "CustomerUser" } } }, "patch"],
  ["refuses an empty patch", { body: {} }, "patch"],
  ["refuses a customer id that is not a GUID", { body: { displayName: "A" }, customerId: "contoso" }, "customerId"],
  ["refuses a user id that is not a GUID", { body: { displayName: "A" }, userId: "ada@contoso.com" }, "userId"],
];

describe("the rules the issues state outright hold for the mock and the typed client", () => {
  it.each(statedRules)("the mock %s", async (_rule, request) => {
    const answer = await rawPatch(request);
    expect(answer.status).toBe(400);
    expect(answer.violations).not.toEqual([]);
  });

  it.each(statedRules)("the typed client %s before sending", async (_rule, request, argument) => {
    const fetch = recordingFetch();
    const pc = createPartnerCenterClient({ credential: testToken, baseUrl: mockUrl, retry: false, fetch });
    const patch = pc.customers.byId(request.customerId ?? ids.customerId).users.byId(request.userId ?? ids.userId).patch(request.body as CustomerUserPatch);
    await expect(patch).rejects.toMatchObject({ name: "PartnerCenterArgumentError", argument });
    expect(fetch.exchanges).toEqual([]);
  });
});
