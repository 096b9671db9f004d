import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../generated/partner-center-users.js";
import { openapiFetchDoor } from "./api-door.js";
import { resolveOptions, type PartnerCenterClientOptions } from "./options.js";
import { createPipeline } from "./pipeline.js";
import { directoryRoles, type DirectoryRoleOperations } from "./directory-roles.js";
import { subscribedSkus, type SubscribedSkuOperations } from "./licenses.js";
import { customerUsers, type CustomerUsersOperations } from "./users.js";

export type { CustomerUser, CustomerUserCreate, CustomerUserListing, CustomerUserOperations, CustomerUserPage, CustomerUserPatch, CustomerUsersOperations, PasswordProfile, ResetPasswordOptions } from "./users.js";

export interface CustomerOperations {
  readonly users: CustomerUsersOperations;
  /** The customer's licences by product, with their counts. */
  readonly subscribedSkus: SubscribedSkuOperations;
  readonly directoryRoles: DirectoryRoleOperations;
}

export interface PartnerCenterClient {
  /** Mirrors the official SDK: `customers.byId(c).users.byId(u).patch(user)`. */
  readonly customers: { byId(customerId: string): CustomerOperations };
  /**
   * The openapi-fetch client for this spec, through the same checks, auth, ids, retries, timeout
   * and middleware, for full control. Without openapi-fetch's own use()/eject(), whose middleware
   * would see `api` calls only: the client's `middleware` option sees every call.
   */
  readonly api: Omit<Client<paths, "application/json">, "use" | "eject">;
}

/**
 * Two doors, one pipeline (src/pipeline.ts): every request passes the same checks from the spec,
 * the same ids, retries, timeouts and token handling, and the same treatment of what comes back.
 * - the fluent API (src/users.ts) hands the pipeline its parts directly: no Request is built,
 *   which would cost about a quarter more per call (fetch re-processes it);
 * - `api` is openapi-fetch, whose fetch (api-door.ts) takes its Request apart into the same parts.
 * Either way a call passes the caller's middleware (src/middleware.ts), the one extension point.
 */
export function createPartnerCenterClient(options: PartnerCenterClientOptions): PartnerCenterClient {
  const resolved = resolveOptions(options);
  const call = createPipeline(resolved);
  const { use: _use, eject: _eject, ...api } = createClient<paths, "application/json">({ baseUrl: resolved.baseUrl, fetch: openapiFetchDoor(call, resolved.baseUrl) });
  return {
    customers: {
      byId: (customerId) => ({
        users: customerUsers(call, customerId, resolved.baseUrl),
        subscribedSkus: subscribedSkus(call, customerId),
        directoryRoles: directoryRoles(call, customerId, resolved.baseUrl),
      }),
    },
    api,
  };
}
