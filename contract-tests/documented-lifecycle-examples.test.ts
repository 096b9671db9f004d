// The lifecycle pages' documented examples (issue 20), end to end, as documented-example.test.ts
// does for PAGE: the spec holds each page's body — its defects corrected and listed in
// `x-corrections` (JSON pointer → the page's value) and its PascalCase names listed in `x-renamed`
// (JSON pointer → the page's name) — and the typed client sends each documented request to the
// mock, with the page's method, path and ids, and returns the documented answer.
import { describe, expect, it } from "vitest";
import type { OpenAPIV3 } from "openapi-types";
import { loadDereferencedSpec } from "../scripts/lib/spec.ts";
import type { CustomerUserCreate, LicenseUpdate, PartnerCenterClient } from "../src/index.ts";
import { readPageMessage, type PageMessage } from "./fixtures/page-examples.ts";
import { mockClient, mockUrl, recordingFetch } from "./support/mock.ts";

const spec = await loadDereferencedSpec();
const fixture = (name: string) => readPageMessage(`./lifecycle/${name}.http`);

type DocumentedExample = OpenAPIV3.ExampleObject & { "x-corrections"?: Record<string, unknown>; "x-renamed"?: Record<string, string> };

function operation(route: string, method: string): OpenAPIV3.OperationObject {
  const found = spec.paths[route]?.[method as OpenAPIV3.HttpMethods];
  if (!found) throw new Error(`the spec has no ${method.toUpperCase()} ${route}`);
  return found;
}

function requestExample(route: string, method: string, name: string): DocumentedExample {
  const found = (operation(route, method).requestBody as OpenAPIV3.RequestBodyObject).content["application/json"]?.examples?.[name];
  if (!found) throw new Error(`${method} ${route} has no request example ${name}`);
  return found as DocumentedExample;
}

function responseExample(route: string, method: string, status: string, name: string): DocumentedExample {
  const found = (operation(route, method).responses[status] as OpenAPIV3.ResponseObject).content?.["application/json"]?.examples?.[name];
  if (!found) throw new Error(`${method} ${route} has no ${status} example ${name}`);
  return found as DocumentedExample;
}

const keysOf = (pointer: string) => pointer.split("/").slice(1).map((key) => key.replaceAll("~1", "/").replaceAll("~0", "~"));

/** The example's value with the page's own values put back (`x-corrections`, added where left out), then its names (`x-renamed`, deepest first). */
function asDocumented(example: DocumentedExample): unknown {
  const value = structuredClone(example.value) as Record<string, unknown>;
  const parentOf = (keys: string[]) => keys.reduce<Record<string, unknown>>((node, key) => node[key] as Record<string, unknown>, value);
  for (const [pointer, original] of Object.entries(example["x-corrections"] ?? {})) {
    const keys = keysOf(pointer);
    const last = keys.pop() as string;
    parentOf(keys)[last] = original;
  }
  const renames = Object.entries(example["x-renamed"] ?? {}).sort(([a], [b]) => keysOf(b).length - keysOf(a).length);
  for (const [pointer, name] of renames) {
    const keys = keysOf(pointer);
    const last = keys.pop() as string;
    const parent = parentOf(keys);
    if (!(last in parent)) throw new Error(`x-renamed names ${pointer}, which the example lacks`);
    // Rebuilt in order, so the page's property order is kept too.
    const entries = Object.entries(parent).map(([key, child]) => [key === last ? name : key, child] as const);
    for (const key of Object.keys(parent)) delete parent[key];
    Object.assign(parent, Object.fromEntries(entries));
  }
  return value;
}

const users = "/v1/customers/{customer-tenant-id}/users";
const user = `${users}/{user-id}`;
const customerIdExample = "eebd1b55-5360-4438-a11d-5c06918c3014";
const userIdExample = "4b10bf41-ab11-40e3-8c53-cd67849b50de";

interface DocumentedCall {
  readonly name: string;
  readonly request: PageMessage;
  readonly response: PageMessage;
  /** The spec's examples that hold the page's bodies: request (if any) and answer (if any). */
  readonly requestExample?: DocumentedExample;
  readonly responseExample?: DocumentedExample;
  /** The Prism example to serve. */
  readonly serve?: string;
  /** The page's path, its placeholders filled in, and the ids the client is called with. */
  readonly send: (pc: PartnerCenterClient, ids: { requestId: string; correlationId: string }, path: Ids) => Promise<unknown>;
  /** What the call resolves to, from the spec's answer example. */
  readonly result: (answer: unknown) => unknown;
}

interface Ids {
  readonly customerId: string;
  readonly userId: string;
  readonly roleId: string;
}

/** The documented request line: the path with `<…>` placeholders filled and REMOVE ROLE's stray `%20` dropped. */
function documentedPath(message: PageMessage): { method: string; path: string; query: string } {
  const [method = "", url = ""] = message.startLine.split(" ");
  const parsed = new URL(url.replace("<customer-tenant-id>", customerIdExample).replace("<user-id>", userIdExample).replaceAll("%20", ""));
  return { method, path: parsed.pathname, query: parsed.search };
}

function idsIn(path: string): Ids {
  const match = (pattern: RegExp) => pattern.exec(path)?.[1] ?? "";
  return { customerId: match(/\/customers\/([^/]+)/), userId: match(/\/(?:users|usermembers)\/([^/]+)/), roleId: match(/\/directoryroles\/([^/]+)/) };
}

const items = (answer: unknown) => (answer as { items: unknown[] }).items;

const cases: DocumentedCall[] = [
  {
    name: "CREATE: create a user",
    request: fixture("create-request"),
    response: fixture("create-response"),
    requestExample: requestExample(users, "post", "create"),
    responseExample: responseExample(users, "post", "200", "create"),
    serve: "create",
    send: (pc, options, ids) => pc.customers.byId(ids.customerId).users.create(requestExample(users, "post", "create").value as CustomerUserCreate, options),
    result: (answer) => answer,
  },
  {
    name: "DELETE: delete a user",
    request: fixture("delete-request"),
    response: fixture("delete-response"),
    send: (pc, options, ids) => pc.customers.byId(ids.customerId).users.byId(ids.userId).delete(options),
    result: () => undefined,
  },
  {
    name: "RESET: reset a password with the PATCH of the user",
    request: fixture("reset-request"),
    response: fixture("reset-response"),
    requestExample: requestExample(user, "patch", "reset"),
    responseExample: responseExample(user, "patch", "200", "reset"),
    serve: "reset",
    send: (pc, options, ids) => pc.customers.byId(ids.customerId).users.byId(ids.userId).resetPassword({ password: "Renew456*", forceChangePassword: true }, options),
    // The page's answer echoes the new password; the client drops the write-only passwordProfile.
    result: (answer) => {
      const { passwordProfile: _echo, ...user } = answer as { passwordProfile?: unknown };
      return user;
    },
  },
  {
    name: "LICENCES: a user's licences",
    request: fixture("licenses-request"),
    response: fixture("licenses-response"),
    responseExample: responseExample(`${user}/licenses`, "get", "200", "licenses"),
    serve: "licenses",
    send: (pc, options, ids) => pc.customers.byId(ids.customerId).users.byId(ids.userId).licenses.list(options),
    result: items,
  },
  {
    name: "LICENCES BY GROUP: a user's licences of both groups",
    request: fixture("licenses-by-group-request"),
    response: fixture("licenses-by-group-response"),
    responseExample: responseExample(`${user}/licenses`, "get", "200", "by-group"),
    serve: "by-group",
    send: (pc, options, ids) => pc.customers.byId(ids.customerId).users.byId(ids.userId).licenses.list({ ...options, groups: ["Group1", "Group2"] }),
    result: items,
  },
  {
    name: "ASSIGN: assign a licence",
    request: fixture("license-update-request"),
    response: fixture("license-update-response"),
    requestExample: requestExample(`${user}/licenseupdates`, "post", "assign"),
    responseExample: responseExample(`${user}/licenseupdates`, "post", "201", "assign"),
    serve: "assign",
    send: (pc, options, ids) =>
      pc.customers.byId(ids.customerId).users.byId(ids.userId).licenses.update(requestExample(`${user}/licenseupdates`, "post", "assign").value as LicenseUpdate, options),
    result: (answer) => answer,
  },
  {
    name: "SKUS: the customer's subscribed SKUs",
    request: fixture("skus-request"),
    response: fixture("skus-response"),
    responseExample: responseExample("/v1/customers/{customer-tenant-id}/subscribedskus", "get", "200", "skus"),
    serve: "skus",
    send: (pc, options, ids) => pc.customers.byId(ids.customerId).subscribedSkus.list(options),
    result: items,
  },
  {
    name: "SKUS BY GROUP: the customer's subscribed SKUs of both groups",
    request: fixture("skus-by-group-request"),
    response: fixture("skus-by-group-response"),
    responseExample: responseExample("/v1/customers/{customer-tenant-id}/subscribedskus", "get", "200", "by-group"),
    serve: "by-group",
    send: (pc, options, ids) => pc.customers.byId(ids.customerId).subscribedSkus.list({ ...options, groups: ["Group1", "Group2"] }),
    result: items,
  },
  {
    name: "ROLES: a user's roles",
    request: fixture("user-roles-request"),
    response: fixture("user-roles-response"),
    responseExample: responseExample(`${user}/directoryroles`, "get", "200", "roles"),
    serve: "roles",
    send: (pc, options, ids) => pc.customers.byId(ids.customerId).users.byId(ids.userId).roles.list(options),
    result: items,
  },
  {
    name: "ADD ROLE: give a user a role",
    request: fixture("role-add-request"),
    response: fixture("role-add-response"),
    requestExample: requestExample("/v1/customers/{customer-tenant-id}/directoryroles/{role-id}/usermembers", "post", "add"),
    responseExample: responseExample("/v1/customers/{customer-tenant-id}/directoryroles/{role-id}/usermembers", "post", "201", "add"),
    serve: "add",
    send: (pc, options, ids) =>
      pc.customers.byId(ids.customerId).directoryRoles.byId(ids.roleId).members.add({ id: "a9ef48bb-8758-4590-a312-d4a47bfaded4", displayName: "Daniel Tsai", userPrincipalName: "Daniel@dtdemocspcustomer005.onmicrosoft.com" }, options),
    result: (answer) => answer,
  },
  {
    name: "REMOVE ROLE: take a role from a user",
    request: fixture("role-remove-request"),
    response: fixture("role-remove-response"),
    send: (pc, options, ids) => pc.customers.byId(ids.customerId).directoryRoles.byId(ids.roleId).members.remove(ids.userId, options),
    result: () => undefined,
  },
];

describe.each(cases)("$name", (documented) => {
  it("the spec holds the page's request body, its listed corrections and renames undone", () => {
    if (documented.request.body === undefined) return expect(documented.requestExample).toBeUndefined();
    expect(asDocumented(documented.requestExample as DocumentedExample)).toStrictEqual(documented.request.body);
  });

  it("the spec holds the page's answer body, its listed corrections undone", () => {
    if (documented.response.body === undefined) return expect(documented.responseExample).toBeUndefined();
    expect(asDocumented(documented.responseExample as DocumentedExample)).toStrictEqual(documented.response.body);
  });

  it("the typed client sends the page's request to the mock and returns the documented answer", async () => {
    const fetch = recordingFetch(documented.serve ? { prefer: `example=${documented.serve}` } : {});
    const { pc } = mockClient({ fetch, credential: "<token>" });
    const line = documentedPath(documented.request);
    const ids = { requestId: documented.request.header("MS-RequestId") ?? "", correlationId: documented.request.header("MS-CorrelationId") ?? "" };
    const result = await documented.send(pc, ids, idsIn(line.path));
    const [exchange, ...more] = fetch.exchanges;
    expect(more, "one request, no retries").toEqual([]);
    expect(exchange?.request.method).toBe(line.method);
    expect(exchange?.request.url).toBe(`${mockUrl}${line.path}${line.query}`);
    for (const name of ["MS-RequestId", "MS-CorrelationId"]) expect(exchange?.request.headers[name.toLowerCase()], name).toBe(documented.request.header(name));
    const sent = exchange?.request.body === undefined ? undefined : JSON.parse(exchange.request.body);
    expect(sent).toStrictEqual(documented.requestExample?.value);
    expect(exchange?.response.status).toBe(Number(documented.response.startLine.split(" ")[1]));
    expect(result).toStrictEqual(documented.result(documented.responseExample?.value));
  });
});

describe("the spec holds the pages' other answers exactly", () => {
  it.each([
    ["LICENCES BY GROUP's empty answer", "licenses-by-group-empty-response", responseExample(`${user}/licenses`, "get", "200", "none")],
    ["SKUS BY GROUP's empty answer", "skus-by-group-empty-response", responseExample("/v1/customers/{customer-tenant-id}/subscribedskus", "get", "200", "none")],
    ["ASSIGN's out-of-licences 400", "license-update-out-of-licenses", responseExample(`${user}/licenseupdates`, "post", "400", "out-of-licenses")],
  ])("%s", (_name, file, example) => {
    expect(asDocumented(example)).toStrictEqual(fixture(file).body);
  });
});

describe("the answers a page echoes a password in never reach the caller", () => {
  it("drops CREATE's echoed passwordProfile before the answer is checked or returned", async () => {
    const documentedAnswer = fixture("create-response").body as Record<string, unknown>;
    expect(documentedAnswer["passwordProfile"], "CREATE's answer echoes it").toBeDefined();
    const echo = JSON.stringify({ ...responseExample(users, "post", "200", "create").value, passwordProfile: documentedAnswer["passwordProfile"] });
    const { pc } = mockClient({ fetch: async () => new Response(echo, { status: 200, headers: { "content-type": "application/json" } }) });
    const created = await pc.customers.byId(customerIdExample).users.create(requestExample(users, "post", "create").value as CustomerUserCreate);
    expect(created).not.toHaveProperty("passwordProfile");
    expect(JSON.stringify(created)).not.toContain("abCD123*");
  });
});

