import { argumentError } from "./errors/argument-error.js";
import { located } from "./errors/partner-center-error.js";
import { findOperation } from "./operations.js";
import type { Pipeline } from "./pipeline.js";

// Statuses whose Response may not have a body.
const nullBodyStatuses = new Set([204, 205, 304]);

/** The UTF-8 length of `text` (well-formed: it was decoded or serialized), without encoding it. */
function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // One UTF-16 unit is 1 byte below 0x80, 2 below 0x800, 3 above; a surrogate pair is 4.
    if (code >= 0x80) bytes += code < 0x800 || (code >= 0xd800 && code <= 0xdfff) ? 1 : 2;
  }
  return bytes;
}

/**
 * The fetch given to openapi-fetch: the Request it built is taken apart into the operation the spec
 * names for its method and path, its parameters and its body, and sent through the same pipeline as
 * the fluent API — same checks, same ids, retries, middleware and scrubbing. The answer goes back
 * to openapi-fetch as a Response, so `api` keeps openapi-fetch's `{ data, error }` contract — one
 * whose json() gives the body the pipeline parsed already, with the Content-Length that makes
 * openapi-fetch call json() rather than parse the text again.
 */
export function openapiFetchDoor(call: Pipeline, baseUrl: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const where = { method: request.method, url: `${url.origin}${url.pathname}` };
    if (!request.url.startsWith(`${baseUrl}/`)) throw located(argumentError("url", "must be under the client's baseUrl"), where);
    const path = where.url.slice(baseUrl.length);
    const found = findOperation(request.method, path);
    if (!found) throw located(argumentError("url", `${request.method} ${path} is not an operation of the spec`), where);
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
    headers.delete("content-encoding");
    headers.set("content-length", String(utf8Length(exchange.text)));
    const response = new Response(nullBodyStatuses.has(exchange.status) ? null : exchange.text, { status: exchange.status, headers });
    if (exchange.body !== undefined) response.json = async () => exchange.body;
    return response;
  };
}
