import { argumentError } from "../errors/argument-error.js";
import type { TokenSource } from "../credential.js";
import { passwordsIn, scrub } from "../redact.js";
import type { FetchFunction, PlainFetch } from "./plain-fetch.js";

/**
 * The bottom layer: one attempt with a token asked for now (so a rotated token is used on the next
 * attempt). The only layer that sees the token, so it is also where the token stays in:
 * - it goes only to URLs under `baseUrl` (a per-call `baseUrl` given to `api` cannot take it elsewhere);
 * - redirects are not followed (a PATCH with a password must not be replayed to wherever a Location points);
 * - an error body that echoes the token or a password from the request is scrubbed before anyone reads it.
 */
export function withAuth(fetch: FetchFunction, getToken: TokenSource, baseUrl: string): PlainFetch {
  const allowedPrefix = `${baseUrl}/`;
  return async function authorizedFetch(url, init) {
    if (!url.startsWith(allowedPrefix)) throw argumentError("url", "must be under the client's baseUrl");
    const token = await getToken(init.signal);
    const response = await fetch(url, {
      method: init.method,
      headers: { ...init.headers, authorization: `Bearer ${token}` },
      body: init.body ?? null,
      signal: init.signal ?? null,
      redirect: "manual",
    });
    return response.ok ? response : scrubbed(response, [token, ...passwordsIn(init.body)], init.signal);
  };
}

// Only error bodies: a 2xx body is the caller's own data, and scrubbing it would cost every call.
async function scrubbed(response: Response, secrets: readonly string[], signal: AbortSignal | undefined): Promise<Response> {
  if (response.body === null) return response;
  const headers = new Headers(response.headers);
  headers.delete("content-length"); // the scrubbed text may be shorter
  const init = { status: response.status, statusText: response.statusText, headers };
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    // Aborted or timed out: let the retry layer decide, as for any attempt that got no full answer.
    if (signal?.aborted) throw error;
    // Otherwise the status is known and must not be retried as if there had been no answer.
    return new Response(null, init);
  }
  return new Response(scrub(text, secrets), init);
}
