// Item 3: the operation's security requirement. Without Authorization the mock answers 401, and
// the typed client surfaces that as a PartnerCenterError with status 401.
import { describe, expect, it } from "vitest";
import type { OpenAPIV3 } from "openapi-types";
import { PartnerCenterError } from "../src/index.ts";
import { loadDereferencedSpec, updateOperation } from "../scripts/lib/spec.ts";
import { ids, mockClient, rawPatch, recordingFetch, type Fetch } from "./support/mock.ts";

const spec = await loadDereferencedSpec();
const unauthorized = updateOperation(spec).responses["401"] as OpenAPIV3.ResponseObject | undefined;
const firstExample = Object.values(unauthorized?.content?.["application/json"]?.examples ?? {})[0] as OpenAPIV3.ExampleObject | undefined;

/** Passes requests on without their Authorization header, as a misconfigured proxy would. */
function withoutAuthorization(next: Fetch): Fetch {
  return (input, init) => {
    const request = new Request(input, init);
    request.headers.delete("authorization");
    return next(request);
  };
}

describe("a request without Authorization", () => {
  it("is answered 401 by the mock, with the spec's WWW-Authenticate challenge", async () => {
    const answer = await rawPatch({ body: { displayName: "A" }, authorization: null });
    expect(answer.status).toBe(401);
    expect(answer.headers["www-authenticate"]).toBeTruthy();
    expect(JSON.parse(answer.body)).toStrictEqual(firstExample?.value);
  });

  it("is answered 200 by the mock once a bearer token is added (the 401 is about the token alone)", async () => {
    const answer = await rawPatch({ body: { displayName: "A" } });
    expect(answer.status).toBe(200);
  });

  it("reaches the typed client's caller as a PartnerCenterError with status 401 and the fault", async () => {
    const recording = recordingFetch();
    const { pc } = mockClient({ fetch: withoutAuthorization(recording) });
    const patch = pc.customers.byId(ids.customerId).users.byId(ids.userId).patch({ displayName: "A" }, { requestId: crypto.randomUUID() });
    await expect(patch).rejects.toBeInstanceOf(PartnerCenterError);
    const fault = firstExample?.value as { code: unknown; description: unknown; source: unknown };
    await expect(patch).rejects.toMatchObject({ status: 401, code: fault.code, description: fault.description, source: fault.source });
    expect(recording.exchanges.map((e) => [e.request.headers["authorization"], e.response.status])).toEqual([[undefined, 401]]);
  });

  it("reaches a caller of pc.api as a 401 with the fault, no exception", async () => {
    const recording = recordingFetch();
    const { pc } = mockClient({ fetch: withoutAuthorization(recording) });
    const { response, error } = await pc.api.PATCH("/v1/customers/{customer-tenant-id}/users/{user-id}", {
      params: { path: { "customer-tenant-id": ids.customerId, "user-id": ids.userId } },
      body: { displayName: "A" },
    });
    expect(response.status).toBe(401);
    expect(error).toStrictEqual(firstExample?.value);
  });
});

describe("the client's own token", () => {
  it("goes to the mock as Authorization: Bearer <token>, which the mock accepts", async () => {
    const recording = recordingFetch();
    const { pc } = mockClient({ fetch: recording, credential: async () => "rotating-token-1" });
    await pc.customers.byId(ids.customerId).users.byId(ids.userId).patch({ displayName: "A" });
    expect(recording.exchanges.map((e) => [e.request.headers["authorization"], e.response.status])).toEqual([["Bearer rotating-token-1", 200]]);
  });
});
