import createClient, { type Client } from "openapi-fetch";
import type { components, paths } from "../generated/partner-center-users.js";
import { openapiFetchDoor } from "./api-door.js";
import { argumentError } from "./errors/argument-error.js";
import { operationRules, type ArgumentNames } from "./operations.js";
import { resolveOptions, type PartnerCenterClientOptions, type PatchOptions } from "./options.js";
import { createPipeline, resultOf } from "./pipeline.js";

export type CustomerUser = components["schemas"]["CustomerUser"];
export type CustomerUserPatch = components["schemas"]["CustomerUserPatch"];

export interface CustomerUserOperations {
  /** PATCH the given fields of the user; resolves to the whole updated user. */
  patch(body: CustomerUserPatch, options?: PatchOptions): Promise<CustomerUser>;
}

export interface CustomerOperations {
  readonly users: { byId(userId: string): CustomerUserOperations };
}

export interface PartnerCenterClient {
  /** Mirrors the official SDK: `customers.byId(c).users.byId(u).patch(user)`. */
  readonly customers: { byId(customerId: string): CustomerOperations };
  /** The openapi-fetch client for this spec, through the same checks, auth, ids, retries and timeout, for full control. */
  readonly api: Client<paths, "application/json">;
}

// The fluent API's arguments, named as its callers wrote them.
const userNames: ArgumentNames = {
  "path:customer-tenant-id": "customerId",
  "path:user-id": "userId",
  "header:MS-RequestId": "requestId",
  "header:MS-CorrelationId": "correlationId",
  body: "patch",
};

/**
 * Two doors, one pipeline (src/pipeline.ts): every request passes the same checks from the spec,
 * the same ids, retries, timeouts and token handling, and the same treatment of what comes back.
 * - the fluent API hands the pipeline its parts directly: no Request is built, which would cost
 *   about a quarter more per call (fetch re-processes it);
 * - `api` is openapi-fetch, whose fetch (api-door.ts) takes its Request apart into the same parts.
 */
export function createPartnerCenterClient(options: PartnerCenterClientOptions): PartnerCenterClient {
  const resolved = resolveOptions(options);
  const call = createPipeline(resolved);
  const api = createClient<paths, "application/json">({ baseUrl: resolved.baseUrl, fetch: openapiFetchDoor(call, resolved.baseUrl) });

  async function patchUser(customerId: string, userId: string, body: CustomerUserPatch, patchOptions: PatchOptions = {}): Promise<CustomerUser> {
    const json = serialize(body);
    const exchange = await call({
      operation: operationRules.updateCustomerUser,
      parts: {
        path: { "customer-tenant-id": customerId, "user-id": userId },
        headers: { "ms-requestid": patchOptions.requestId, "ms-correlationid": patchOptions.correlationId },
        body: json,
      },
      names: userNames,
      signal: patchOptions.signal,
    });
    return resultOf(exchange) as CustomerUser;
  }

  return {
    customers: {
      byId: (customerId) => ({
        users: { byId: (userId) => ({ patch: (body, patchOptions) => patchUser(customerId, userId, body, patchOptions) }) },
      }),
    },
    api,
  };
}

/** The body as it will be sent (a toJSON method or an undefined field changes it), or undefined for none. */
function serialize(body: unknown): string | undefined {
  if (body === undefined) return undefined;
  let json: string | undefined;
  try {
    json = JSON.stringify(body);
  } catch {
    // a cycle or a BigInt
  }
  if (json === undefined) throw argumentError("patch", "cannot be written as JSON");
  return json;
}
