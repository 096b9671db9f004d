// Item 6: the responses the mock gives conform to the spec — judged by ajv on the spec's own
// schemas (support/response-violations.ts). This file asks the mock for every documented status
// and example, and for the answer to an invalid request: the mock serves nothing else (it answers
// with the spec's examples), so no other file checks its answers again. The last tests show the
// check refuses a response that departs. The stateful fake checks every answer it sends the same way.
import { describe, expect, it } from "vitest";
import type { OpenAPIV3 } from "openapi-types";
import { loadDereferencedSpec } from "../scripts/lib/spec.ts";
import { responseViolations } from "./support/response-violations.ts";
import { ids, mockUrl, rawPatch, recordingFetch, testToken, userUrl, type RecordedResponse } from "./support/mock.ts";

const spec = await loadDereferencedSpec();
const patchRequest = { method: "PATCH", url: userUrl() };

// One valid request per operation of the spec, by operationId.
const validRequests: Record<string, { method: string; url: string; body?: string }> = {
  updateCustomerUser: { ...patchRequest, body: JSON.stringify({ displayName: "A" }) },
  getCustomerUser: { method: "GET", url: userUrl() },
  listCustomerUsers: { method: "GET", url: `${mockUrl}/v1/customers/${ids.customerId}/users` },
  createCustomerUser: {
    method: "POST",
    url: `${mockUrl}/v1/customers/${ids.customerId}/users`,
    body: JSON.stringify({ userPrincipalName: "ada@contoso.com", displayName: "Ada", passwordProfile: { password: "Aa1-aaaa" } }),
  },
  deleteCustomerUser: { method: "DELETE", url: userUrl() },
  resetCustomerUserPassword: { method: "PATCH", url: `${userUrl()}/resetpassword`, body: JSON.stringify({ passwordProfile: { password: "Aa1-aaaa" } }) },
  listCustomerUserLicenses: { method: "GET", url: `${userUrl()}/licenses` },
  updateCustomerUserLicenses: { method: "POST", url: `${userUrl()}/licenseupdates`, body: JSON.stringify({ licensesToRemove: [ids.userId] }) },
  listCustomerUserRoles: { method: "GET", url: `${userUrl()}/directoryroles` },
  listCustomerSubscribedSkus: { method: "GET", url: `${mockUrl}/v1/customers/${ids.customerId}/subscribedskus` },
  listCustomerDirectoryRoles: { method: "GET", url: `${mockUrl}/v1/customers/${ids.customerId}/directoryroles` },
  listDirectoryRoleMembers: { method: "GET", url: `${mockUrl}/v1/customers/${ids.customerId}/directoryroles/${ids.userId}/usermembers` },
  addDirectoryRoleMember: {
    method: "POST",
    url: `${mockUrl}/v1/customers/${ids.customerId}/directoryroles/${ids.userId}/usermembers`,
    body: JSON.stringify({ id: ids.userId, displayName: "Ada", userPrincipalName: "ada@contoso.com", attributes: { objectType: "UserMember" } }),
  },
  removeDirectoryRoleMember: { method: "DELETE", url: `${mockUrl}/v1/customers/${ids.customerId}/directoryroles/${ids.userId}/usermembers/${ids.userId}` },
};

const documented = Object.values(spec.paths).flatMap((item) =>
  Object.values(item ?? {}).flatMap((operation) => {
    if (typeof operation !== "object" || operation === null || !("responses" in operation)) return []; // path-level parameters
    const { operationId, responses } = operation as OpenAPIV3.OperationObject;
    return Object.entries(responses as Record<string, OpenAPIV3.ResponseObject>).flatMap(([status, response]) =>
      Object.keys(response.content?.["application/json"]?.examples ?? {}).map((name) => [`${operationId} ${status} ${name}`, operationId ?? "", status, name] as const),
    );
  }),
);

describe("every documented answer the mock gives conforms to the spec", () => {
  it("has a valid request for every operation of the spec", () => {
    expect(new Set(documented.map(([, operationId]) => operationId))).toEqual(new Set(Object.keys(validRequests)));
  });

  it.each(documented)("%s", async (_name, operationId, status, name) => {
    const request = validRequests[operationId];
    if (!request) throw new Error(`no valid request for ${operationId}`);
    const fetch = recordingFetch();
    const headers = { authorization: `Bearer ${testToken}`, accept: "application/json", "content-type": "application/json", prefer: `code=${status}, example=${name}` };
    await fetch(request.url, { method: request.method, headers, ...(request.body === undefined ? {} : { body: request.body }) });
    const answer = fetch.exchanges[0]?.response;
    expect(answer?.status).toBe(Number(status));
    expect(responseViolations(spec, request, answer as RecordedResponse)).toEqual([]);
  });

  it("answers an invalid request with a documented 400, which conforms", async () => {
    const answer = await rawPatch({ body: { usageLocaton: "US" } });
    expect(answer.status).toBe(400);
    expect(responseViolations(spec, patchRequest, answer)).toEqual([]);
  });
});

describe("the conformance check refuses a response that departs from the spec", () => {
  const ok = (): RecordedResponse => ({
    status: 200,
    headers: { "content-type": "application/json", "ms-requestid": "b1317092-f087-471e-a637-f66523b2b94c" },
    body: JSON.stringify({ id: "4b10bf41-ab11-40e3-8c53-cd67849b50de", userPrincipalName: "ada@contoso.com", attributes: { objectType: "CustomerUser" } }),
  });

  it("accepts a response that conforms (the baseline for the cases below)", () => {
    expect(responseViolations(spec, patchRequest, ok())).toEqual([]);
  });

  it("refuses an undocumented status", () => {
    expect(responseViolations(spec, patchRequest, { ...ok(), status: 418 })).toEqual(["status 418 is not documented"]);
  });

  it("refuses a body property the schema does not know", () => {
    const body = { ...(JSON.parse(ok().body) as object), password: "x" };
    expect(responseViolations(spec, patchRequest, { ...ok(), body: JSON.stringify(body) })).toEqual([expect.stringContaining("must NOT have additional properties")]);
  });

  it("refuses a body that lacks a required property", () => {
    const { id: _id, ...body } = JSON.parse(ok().body) as { id: string };
    expect(responseViolations(spec, patchRequest, { ...ok(), body: JSON.stringify(body) })).toEqual([expect.stringContaining("must have required property 'id'")]);
  });

  it("refuses an undocumented media type", () => {
    expect(responseViolations(spec, patchRequest, { ...ok(), headers: { "content-type": "text/html" } })).toEqual([expect.stringContaining("content type text/html")]);
  });

  it("refuses a documented header whose value breaks its schema", () => {
    expect(responseViolations(spec, patchRequest, { ...ok(), headers: { ...ok().headers, "ms-requestid": "not-a-guid" } })).toEqual([
      expect.stringContaining("header MS-RequestId"),
      expect.stringContaining("header MS-RequestId"),
    ]);
  });
});
