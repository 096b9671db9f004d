import { argumentError } from "./errors/argument-error.js";
import { findOperation } from "./operations.js";
import type { Pipeline } from "./pipeline.js";

// Statuses whose Response may not have a body.
const nullBodyStatuses = new Set([204, 205, 304]);

/**
 * The fetch given to openapi-fetch: the Request it built is taken apart into the operation the spec
 * names for its method and path, its parameters and its body, and sent through the same pipeline as
 * the fluent API — same checks, same ids, retries and scrubbing. The answer goes back to
 * openapi-fetch as a Response, so `api` keeps openapi-fetch's `{ data, error }` contract.
 */
export function openapiFetchDoor(call: Pipeline, baseUrl: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (!request.url.startsWith(`${baseUrl}/`)) throw argumentError("url", "must be under the client's baseUrl");
    const url = new URL(request.url);
    const path = `${url.origin}${url.pathname}`.slice(baseUrl.length);
    const found = findOperation(request.method, path);
    if (!found) throw argumentError("url", `${request.method} ${path} is not an operation of the spec`);
    const exchange = await call({
      operation: found.operation,
      parts: {
        path: found.path,
        query: url.searchParams,
        headers: Object.fromEntries(request.headers),
        body: request.body === null ? undefined : await request.text(),
      },
      signal: request.signal,
    });
    const headers = new Headers(exchange.headers);
    // The body below is the text as read (and scrubbed), already decoded and maybe shorter.
    headers.delete("content-length");
    headers.delete("content-encoding");
    return new Response(nullBodyStatuses.has(exchange.status) ? null : exchange.text, { status: exchange.status, headers });
  };
}
