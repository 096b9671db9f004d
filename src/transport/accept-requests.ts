import type { PlainFetch } from "./plain-fetch.js";

/**
 * The fetch given to openapi-fetch, which hands over a Request. Its body is buffered once here so
 * each attempt below sends a fresh copy (a Request's body stream can be read only once).
 */
export function acceptRequests(send: PlainFetch): (request: Request) => Promise<Response> {
  return async (request) =>
    send(request.url, {
      method: request.method,
      headers: Object.fromEntries(request.headers),
      body: request.body === null ? undefined : await request.arrayBuffer(),
      signal: request.signal,
    });
}
