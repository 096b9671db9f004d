import { argumentError } from "../errors/argument-error.js";
import { PartnerCenterInvalidResponseError } from "../errors/invalid-response-error.js";
import { withRequestId } from "../errors/partner-center-error.js";
import { correlationIdHeader, requestIdHeader } from "../headers.js";
import { defaultMaxResponseBytes } from "../options.js";
import type { TokenSource } from "../credential.js";
import { scrub, scrubValues, secretsIn } from "../redact.js";
import { cutTooDeep, maxAnswerDepth, parseJson } from "./answer-body.js";
import { untilAborted } from "./attempt-signal.js";
import type { Answer, Attempt, FetchFunction, PlainInit } from "./plain-fetch.js";

/**
 * The bottom layer: one attempt, from asking for a token to the last byte of the answer, all under
 * the attempt's signal (a credential that never settles ends with the attempt). The only layer that
 * sees the token, so it is also where the token stays in:
 * - it goes only to URLs under `baseUrl` (a per-call `baseUrl` given to `api` cannot take it elsewhere);
 * - redirects are not followed (a PATCH with a password must not be replayed to wherever a Location points);
 * - an error body that echoes the token or a password from the request is scrubbed — parsed, in
 *   every string and key, whatever the encoding; as text when it is not JSON — before any other
 *   layer reads it;
 * - a 401 that a fresh token may cure gets one, and one resend (below).
 * And it reads no more of an answer than `maxBytes` (readText), and parses what it read once.
 */
export function authorizedAttempt(fetch: FetchFunction, getToken: TokenSource, baseUrl: string, maxBytes = defaultMaxResponseBytes): Attempt {
  const allowedPrefix = `${baseUrl}/`;
  return async function attempt(url, init) {
    if (!url.startsWith(allowedPrefix)) throw argumentError("url", "must be under the client's baseUrl");
    const send = async (token: string) => {
      const response = await fetch(url, {
        method: init.method,
        headers: { ...init.headers, authorization: `Bearer ${token}` },
        body: init.body ?? null,
        signal: init.signal ?? null,
        redirect: "manual",
      });
      const text = await readText(response, maxBytes, init);
      // Parsed here, once: every layer above reads `body` (and a 401's code is read from it).
      return { response, text, body: parseJson(text) };
    };
    const token = await untilAborted(getToken(init.signal), init.signal);
    let { response, text, body } = await send(token);
    // A token can expire (or be revoked) between the credential giving it and the server reading
    // it — in a long bulk run, mid-run. Partner Center has no code of its own for that (its 401s
    // are 800001 "missing or invalid" and 900421 "MFA claim missing"), so every 401 but 900421 (a
    // fresh token would lack the claim too) asks the credential once more, with forceRefresh; a
    // different token is sent once more, within this attempt (same MS-RequestId, same signal, not
    // counted as a retry). The same token (a fixed string) leaves the 401 as the answer.
    const tokens = [token];
    if (response.status === 401 && String((body as { code?: unknown } | undefined)?.code) !== "900421") {
      const fresh = await untilAborted(getToken(init.signal, true), init.signal);
      if (fresh !== token) {
        tokens.push(fresh);
        ({ response, text, body } = await send(fresh));
      }
    }
    const answer = { status: response.status, headers: response.headers, ok: response.ok };
    if (response.ok) {
      if (cutTooDeep(body)) throw invalidAnswer(response, init, `Partner Center's ${response.status} answer is nested deeper than ${maxAnswerDepth} levels, deeper than any answer of the spec`);
      return { ...answer, text, body };
    }
    // Only error answers: a 2xx body is the caller's own data, and searching it would cost every call.
    // A JSON body is scrubbed as parsed — every string and key, its escapes already decoded — and
    // written anew; any other body as text.
    const secrets = [...tokens, ...secretsIn(init.body === undefined ? undefined : parseJson(init.body))];
    if (body === undefined) return { ...answer, text: scrub(text, secrets), body };
    // An error is still its status's error: what is too deep to walk is cut, the fault's fields kept.
    cutTooDeep(body);
    return scrubbedJson(answer, scrubValues(body, secrets));
  };
}

function scrubbedJson(answer: Omit<Answer, "text" | "body">, body: unknown): Answer {
  return { ...answer, text: JSON.stringify(body), body };
}

/**
 * The body as text, decoded as UTF-8 without a byte-order mark (Partner Center sends one), read as
 * it streams in — never more than `maxBytes`: past that (or at once, when Content-Length says so)
 * the stream is cancelled, which aborts the connection, and the attempt fails. The attempt's signal
 * also cancels it, so the attempt's time covers the body even from a fetch whose body does not
 * listen to the signal: a server trickling bytes ends at the timeout.
 */
async function readText(response: Response, maxBytes: number, init: PlainInit): Promise<string> {
  const { signal } = init;
  const tooLarge = () => invalidAnswer(response, init, `Partner Center's answer is larger than ${maxBytes} bytes (maxResponseBytes); stopped reading it`);
  const body = response.body;
  if (body === null) return "";
  if (Number(response.headers.get("content-length")) > maxBytes) {
    await body.cancel().catch(() => {});
    throw tooLarge();
  }
  const reader = body.getReader();
  const onAbort = () => void reader.cancel(signal?.reason).catch(() => {});
  signal?.addEventListener("abort", onAbort, { once: true });
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (signal?.aborted) throw signal.reason;
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
  // Decoded once, whole, by one shared decoder (a decoder per call would cost every call).
  if (chunks.length === 1) return utf8.decode(chunks[0]);
  const whole = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return utf8.decode(whole);
}

// Stateless between calls (no `stream` option), so one serves every attempt; drops a byte-order mark.
const utf8 = new TextDecoder();

/** An answer the client will not use, named with the attempt's ids. */
function invalidAnswer(response: Response, init: PlainInit, message: string): PartnerCenterInvalidResponseError {
  const ids = { requestId: init.headers[requestIdHeader], correlationId: init.headers[correlationIdHeader] };
  return new PartnerCenterInvalidResponseError(withRequestId(message, ids.requestId), { status: response.status, ...ids });
}
