// Item 4: every error response the spec documents, and every named example of it, selected from
// the mock with Prism's `Prefer: code=…, example=…`, reaches the typed client's caller as a
// PartnerCenterError whose fields are the example's.
import { describe, expect, it } from "vitest";
import type { OpenAPIV3 } from "openapi-types";
import { PartnerCenterError } from "../src/index.ts";
import { loadDereferencedSpec, updateOperation } from "../scripts/lib/spec.ts";
import { ids, mockClient, recordingFetch } from "./support/mock.ts";

const spec = await loadDereferencedSpec();
const responses = updateOperation(spec).responses as Record<string, OpenAPIV3.ResponseObject>;

/** The statuses issue 2 requires the spec to document, each with its own examples. */
const requiredErrorStatuses = ["400", "401", "403", "404", "429", "500", "503"];

const errorExamples = Object.entries(responses)
  .filter(([status]) => Number(status) >= 400)
  .flatMap(([status, response]) =>
    Object.entries(response.content?.["application/json"]?.examples ?? {}).map(
      ([name, example]) => [`${status} ${name}`, { status, name, response, body: (example as OpenAPIV3.ExampleObject).value as Record<string, unknown> }] as const,
    ),
  );

/** The header's documented example value (on the header or on its schema). */
function headerExample(response: OpenAPIV3.ResponseObject, name: string): string | undefined {
  const header = response.headers?.[name] as OpenAPIV3.HeaderObject | undefined;
  const example = header?.example ?? (header?.schema as OpenAPIV3.SchemaObject | undefined)?.example;
  return example === undefined ? undefined : String(example);
}

/** What the error must carry for this documented answer: the fault's fields, or the 429 body's message. */
function expectedFields(status: string, response: OpenAPIV3.ResponseObject, body: Record<string, unknown>) {
  const retryAfter = headerExample(response, "Retry-After");
  return {
    status: Number(status),
    code: body["code"],
    description: body["description"] ?? body["message"],
    data: body["data"],
    source: body["source"],
    retryAfterMs: retryAfter === undefined ? undefined : Number(retryAfter) * 1000,
  };
}

describe("the spec documents each error status, with examples", () => {
  it.each(requiredErrorStatuses)("documents %s with at least one named example", (status) => {
    expect(errorExamples.map(([, e]) => e.status)).toContain(status);
  });

  it("documents Retry-After on 429, with a number of seconds as its example", () => {
    const response = responses["429"];
    if (!response) throw new Error("the spec documents no 429");
    expect(headerExample(response, "Retry-After")).toMatch(/^\d+$/);
  });
});

describe("each documented error reaches the caller as a PartnerCenterError with the example's fields", () => {
  it.each(errorExamples)("%s", async (_name, { status, name, response, body }) => {
    const fetch = recordingFetch({ prefer: `code=${status}, example=${name}` });
    const { pc } = mockClient({ fetch });
    const requestId = crypto.randomUUID();
    const correlationId = crypto.randomUUID();
    const error = await pc.customers
      .byId(ids.customerId)
      .users.byId(ids.userId)
      .patch({ displayName: "A" }, { requestId, correlationId })
      .then(
        () => undefined,
        (reason: unknown) => reason,
      );

    expect(fetch.exchanges.map((e) => e.response.status), "one attempt, answered with the documented status").toEqual([Number(status)]);
    expect(JSON.parse(fetch.exchanges[0]?.response.body ?? "null"), "the mock answered with the example").toStrictEqual(body);
    expect(error).toBeInstanceOf(PartnerCenterError);
    const { status: s, code, description, data, source, retryAfterMs } = error as PartnerCenterError;
    expect({ status: s, code, description, data, source, retryAfterMs }).toStrictEqual(expectedFields(status, response, body));
    expect(error).toMatchObject({ requestId, correlationId });
  });
});
