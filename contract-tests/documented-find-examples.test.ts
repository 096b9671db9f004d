// LIST's, GET's and DELETED's documented examples, end to end, as documented-example.test.ts does
// for PAGE: the spec holds each response body (DELETED's defects corrected and listed), and the
// typed client sends each documented request to the mock — method, path, query, headers — and
// returns the documented users.
import { describe, expect, it } from "vitest";
import type { OpenAPIV3 } from "openapi-types";
import { loadDereferencedSpec } from "../scripts/lib/spec.ts";
import type { CustomerUser } from "../src/index.ts";
import { deletedRequest, deletedResponse, getRequest, getResponse, listRequest, listResponse, type PageMessage } from "./fixtures/page-examples.ts";
import { mockClient, mockUrl, recordingFetch } from "./support/mock.ts";

const spec = await loadDereferencedSpec();
const usersItem = spec.paths["/v1/customers/{customer-tenant-id}/users"];
const userItem = spec.paths["/v1/customers/{customer-tenant-id}/users/{user-id}"];
type CorrectedExample = OpenAPIV3.ExampleObject & { "x-corrections"?: Record<string, string> };
const examplesOf = (operation: OpenAPIV3.OperationObject | undefined) =>
  ((operation?.responses["200"] as OpenAPIV3.ResponseObject | undefined)?.content?.["application/json"]?.examples ?? {}) as Record<string, CorrectedExample>;
const listExamples = examplesOf(usersItem?.get);
const getExamples = examplesOf(userItem?.get);

/** The example's value with the page's own text put back at each pointer `x-corrections` lists. */
function withDefectsRestored(example: CorrectedExample): unknown {
  const value = structuredClone(example.value) as Record<string, unknown>;
  for (const [pointer, text] of Object.entries(example["x-corrections"] ?? {})) {
    const keys = pointer.split("/").slice(1);
    const last = keys.pop();
    const parent = keys.reduce<Record<string, unknown>>((node, key) => node[key] as Record<string, unknown>, value);
    if (last === undefined || !(last in parent)) throw new Error(`x-corrections names ${pointer}, which the example lacks`);
    parent[last] = text;
  }
  return value;
}

/** The documented request line: method, and the URL with DELETED's HTML-escaped `&amp;` read as `&`. */
function requestLine(message: PageMessage) {
  const [method = "", url = ""] = message.startLine.split(" ");
  return { method, url: new URL(url.replaceAll("&amp;", "&")) };
}

const ids = (message: PageMessage) => {
  const { url } = requestLine(message);
  const [, customerId = "", userId] = /^\/v1\/customers\/([^/]+)\/users(?:\/([^/]+))?$/.exec(url.pathname) ?? [];
  return { customerId, userId: userId ?? "" };
};

describe("the spec holds LIST's, GET's and DELETED's response bodies", () => {
  it("holds LIST's body exactly", () => {
    expect(listExamples["list"]?.value).toStrictEqual(listResponse.body);
  });

  it("holds GET's body exactly", () => {
    expect(getExamples["get"]?.value).toStrictEqual(getResponse.body);
  });

  it("holds DELETED's body with its two defects corrected, and gives it back exactly when the listed corrections are undone", () => {
    const deleted = listExamples["deleted"];
    if (!deleted) throw new Error("the list has no deleted example");
    expect(withDefectsRestored(deleted)).toStrictEqual(deletedResponse.body);
    const documented = (deletedResponse.body as { links: { self: { uri: string } } }).links.self.uri;
    const corrected = (deleted.value as { links: { self: { uri: string } } }).links.self.uri;
    expect(corrected).toBe(documented.replace("&amp;", "&").replace("UserStatus", "UserState"));
  });
});

describe("the documented requests, sent by the typed client to the mock", () => {
  it("LIST: GET …/users with LIST's headers, returning LIST's users", async () => {
    const { method, url } = requestLine(listRequest);
    const fetch = recordingFetch({ prefer: "example=list" });
    const { pc } = mockClient({ fetch, credential: "<token>", locale: "en-US" });
    const { data } = await pc.api.GET("/v1/customers/{customer-tenant-id}/users", {
      params: { path: { "customer-tenant-id": ids(listRequest).customerId }, header: { "MS-RequestId": listRequest.header("MS-RequestId") ?? "", "MS-CorrelationId": listRequest.header("MS-CorrelationId") ?? "" } },
    });
    const [exchange] = fetch.exchanges;
    expect(exchange?.request.method).toBe(method);
    expect(exchange?.request.url).toBe(mockUrl + url.pathname);
    for (const [name, value] of listRequest.headers) if (name !== "Host") expect(exchange?.request.headers[name.toLowerCase()], name).toBe(value);
    expect(data).toStrictEqual(listResponse.body);
  });

  it("LIST: list() reads LIST's two users off the one page", async () => {
    const { pc } = mockClient({ fetch: recordingFetch({ prefer: "example=list" }) });
    const users: CustomerUser[] = [];
    for await (const user of pc.customers.byId(ids(listRequest).customerId).users.list()) users.push(user);
    expect(users).toStrictEqual((listResponse.body as { items: CustomerUser[] }).items);
  });

  it("DELETED: list({ deleted: true, pageSize: 500 }) sends DELETED's query (its &amp; read as &) and returns DELETED's user", async () => {
    const { url } = requestLine(deletedRequest);
    const fetch = recordingFetch({ prefer: "example=deleted" });
    const { pc } = mockClient({ fetch });
    const users: CustomerUser[] = [];
    for await (const user of pc.customers.byId(ids(deletedRequest).customerId).users.list({ deleted: true, pageSize: 500 })) users.push(user);
    expect(fetch.exchanges[0]?.request.url).toBe(mockUrl + url.pathname + url.search);
    expect(users.map((user) => user.state)).toEqual(["inactive"]);
    expect(users).toStrictEqual((deletedResponse.body as { items: CustomerUser[] }).items);
  });

  it("GET: byId(…).get() sends GET's request line and headers and returns GET's user", async () => {
    const { method, url } = requestLine(getRequest);
    const fetch = recordingFetch({ prefer: "example=get" });
    const { pc } = mockClient({ fetch, credential: "<token>", locale: "en-US" });
    const { customerId, userId } = ids(getRequest);
    const user = await pc.customers.byId(customerId).users.byId(userId).get({ requestId: getRequest.header("MS-RequestId"), correlationId: getRequest.header("MS-CorrelationId") });
    const [exchange] = fetch.exchanges;
    expect(exchange?.request.method).toBe(method);
    expect(exchange?.request.url).toBe(mockUrl + url.pathname);
    for (const [name, value] of getRequest.headers) if (name !== "Host") expect(exchange?.request.headers[name.toLowerCase()], name).toBe(value);
    expect(user).toStrictEqual(getResponse.body);
  });
});
