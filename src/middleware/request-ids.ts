import type { Middleware } from "openapi-fetch";
import { correlationIdHeader, requestIdHeader } from "../headers.js";
import { callIds } from "../ids.js";

/**
 * `api` calls: MS-RequestId and MS-CorrelationId once per call, as patch() sets them — the caller's
 * (from `params.header`, checked to be GUIDs) or fresh. Middleware runs once per call, above the
 * retrying fetch, so every attempt of the call reuses them.
 */
export function requestIds(clientCorrelationId: string | undefined): Middleware {
  return {
    onRequest({ request }) {
      const ids = callIds(request.headers.get(requestIdHeader) ?? undefined, request.headers.get(correlationIdHeader) ?? clientCorrelationId);
      request.headers.set(requestIdHeader, ids.requestId);
      request.headers.set(correlationIdHeader, ids.correlationId);
    },
  };
}
