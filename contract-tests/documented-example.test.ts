// Item 1: PAGE's documented example, end to end — the spec holds it (placeholder substituted, the
// substitution listed), and the typed client sends it to the mock exactly as documented and
// returns PAGE's user.
import { describe, expect, it } from "vitest";
import type { OpenAPIV3 } from "openapi-types";
import { PartnerCenterError, type CustomerUserPatch } from "../src/index.ts";
import { loadDereferencedSpec, operationPath, pageExample, updateOperation } from "../scripts/lib/spec.ts";
import { pageIds, pageRequest, pageRequestLine, pageResponse } from "./fixtures/page-examples.ts";
import { mockClient, mockUrl, rawPatch, recordingFetch } from "./support/mock.ts";
import { schemaErrors } from "./support/spec-ajv.ts";

const spec = await loadDereferencedSpec();
const operation = updateOperation(spec);
const requestMedia = (operation.requestBody as OpenAPIV3.RequestBodyObject).content["application/json"];
const okMedia = (operation.responses["200"] as OpenAPIV3.ResponseObject).content?.["application/json"];

type PlaceholderExample = OpenAPIV3.ExampleObject & { "x-placeholders"?: Record<string, string> };
const page = pageExample(spec);
const requestExample: PlaceholderExample = page.request;
const responseExample: PlaceholderExample = page.response;

/** The example's value with PAGE's text put back at each listed JSON pointer. */
function withPlaceholdersRestored(example: PlaceholderExample): unknown {
  const value = structuredClone(example.value) as Record<string, unknown>;
  for (const [pointer, text] of Object.entries(example["x-placeholders"] ?? {})) {
    const keys = pointer.split("/").slice(1).map((key) => key.replaceAll("~1", "/").replaceAll("~0", "~"));
    const last = keys.pop();
    const parent = keys.reduce<Record<string, unknown>>((node, key) => node[key] as Record<string, unknown>, value);
    if (last === undefined || !(last in parent)) throw new Error(`x-placeholders names ${pointer}, which the example lacks`);
    parent[last] = text;
  }
  return value;
}

describe("the spec holds PAGE's examples, placeholders substituted and listed", () => {
  it("lists at least one substituted placeholder for the request and the response", () => {
    expect(Object.keys(requestExample["x-placeholders"] ?? {})).not.toHaveLength(0);
    expect(Object.keys(responseExample["x-placeholders"] ?? {})).not.toHaveLength(0);
  });

  it("gives PAGE's request body exactly when the listed placeholders are put back", () => {
    expect(withPlaceholdersRestored(requestExample)).toStrictEqual(pageRequest.body);
  });

  it("gives PAGE's response body exactly when the listed placeholders are put back", () => {
    expect(withPlaceholdersRestored(responseExample)).toStrictEqual(pageResponse.body);
  });

  it("keeps PAGE's echo: a field PAGE's response repeats from its request is equal in the spec's two examples", () => {
    const request = pageRequest.body as Record<string, unknown>;
    const response = pageResponse.body as Record<string, unknown>;
    const echoed = Object.keys(request).filter((key) => JSON.stringify(request[key]) === JSON.stringify(response[key]));
    expect(echoed).toContain("usageLocation");
    const specRequest = requestExample.value as Record<string, unknown>;
    const specResponse = responseExample.value as Record<string, unknown>;
    for (const key of echoed) expect(specResponse[key], key).toStrictEqual(specRequest[key]);
  });

  it("refuses PAGE's verbatim placeholder in the request body, by the spec's schema", () => {
    const schema = requestMedia?.schema;
    if (!schema) throw new Error("the request body has no schema");
    expect(schemaErrors(schema, requestExample.value)).toEqual([]);
    expect(schemaErrors(schema, pageRequest.body)).toEqual([expect.stringMatching(/^\/usageLocation /)]);
  });

  it("refuses PAGE's verbatim placeholder in the response body, by the spec's schema", () => {
    const schema = okMedia?.schema;
    if (!schema) throw new Error("the 200 response has no schema");
    expect(schemaErrors(schema, responseExample.value)).toEqual([]);
    expect(schemaErrors(schema, pageResponse.body)).toEqual([expect.stringMatching(/^\/usageLocation /)]);
  });
});

describe("PAGE's request, sent by the typed client to the mock", () => {
  const send = async () => {
    // Prism picks the response example by name; the header is added after recording what the client sent.
    const fetch = recordingFetch({ prefer: "example=page" });
    const { pc } = mockClient({ fetch, credential: "<token>" });
    const user = await pc.customers
      .byId(pageIds.customerId)
      .users.byId(pageIds.userId)
      .patch(requestExample.value as CustomerUserPatch, {
        requestId: pageIds.requestId,
        correlationId: pageIds.correlationId,
      });
    const [exchange, ...more] = fetch.exchanges;
    if (!exchange) throw new Error("the client sent nothing");
    expect(more, "one request, no retries").toEqual([]);
    return { user, exchange };
  };

  it("reaches the mock with PAGE's method and path, the ids put in", async () => {
    const { exchange } = await send();
    const pagePath = new URL(pageRequestLine.url.replace("<customer-tenant-id>", pageIds.customerId).replace("<user-id>", pageIds.userId)).pathname;
    expect(exchange.request.method).toBe(pageRequestLine.method);
    expect(exchange.request.url).toBe(mockUrl + pagePath);
    expect(pagePath).toBe(operationPath.replace("{customer-tenant-id}", pageIds.customerId).replace("{user-id}", pageIds.userId));
  });

  it("carries each of PAGE's request headers with PAGE's value", async () => {
    const { exchange } = await send();
    for (const [name, value] of pageRequest.headers) expect(exchange.request.headers[name.toLowerCase()], name).toBe(value);
  });

  it("adds the Content-Type: application/json that PAGE's example lacks", async () => {
    const { exchange } = await send();
    expect(pageRequest.header("Content-Type")).toBeUndefined();
    expect(exchange.request.headers["content-type"]).toBe("application/json");
  });

  it("sends PAGE's body, its placeholder substituted as the spec lists", async () => {
    const { exchange } = await send();
    expect(JSON.parse(exchange.request.body ?? "null")).toStrictEqual(requestExample.value);
  });

  it("returns PAGE's response body, its placeholder substituted as the spec lists", async () => {
    const { user, exchange } = await send();
    expect(exchange.response.status).toBe(Number(pageResponse.startLine.split(" ")[1]));
    expect(user).toStrictEqual(responseExample.value);
  });

  it("answers with PAGE's MS-RequestId and MS-CorrelationId response headers", async () => {
    const { exchange } = await send();
    for (const name of ["MS-RequestId", "MS-CorrelationId"]) {
      expect(pageResponse.header(name), `PAGE's ${name}`).toBeDefined();
      expect(exchange.response.headers[name.toLowerCase()], name).toBe(pageResponse.header(name));
    }
  });
});

describe("PAGE's verbatim placeholder is refused", () => {
  it("by the mock", async () => {
    const answer = await rawPatch({ body: pageRequest.body });
    expect(answer.status).toBe(400);
    expect(answer.violations).toContainEqual(expect.objectContaining({ location: ["request", "body", "usageLocation"], code: "pattern" }));
  });

  it("by the typed client, before anything is sent", async () => {
    const fetch = recordingFetch();
    const { pc } = mockClient({ fetch });
    const patch = pc.customers.byId(pageIds.customerId).users.byId(pageIds.userId).patch(pageRequest.body as CustomerUserPatch);
    await expect(patch).rejects.toBeInstanceOf(PartnerCenterError);
    await expect(patch).rejects.toMatchObject({ argument: "patch", issues: [expect.objectContaining({ path: "patch.usageLocation" })] });
    expect(fetch.exchanges).toEqual([]);
  });
});
