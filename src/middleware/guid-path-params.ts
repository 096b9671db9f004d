import type { Middleware } from "openapi-fetch";
import { requireGuid } from "../ids.js";

/**
 * `api` calls: both path parameters of the operation are GUIDs (spec: `Guid`), checked before
 * anything is sent, as patch() does. openapi-fetch percent-encodes them, but a missing one would
 * leave `{user-id}` in the path.
 */
export const guidPathParams: Middleware = {
  onRequest({ params }) {
    requireGuid(params.path?.["customer-tenant-id"], "customer-tenant-id");
    requireGuid(params.path?.["user-id"], "user-id");
  },
};
