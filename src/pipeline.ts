import { createHttpError } from "./errors/from-response.js";
import { PartnerCenterInvalidResponseError } from "./errors/invalid-response-error.js";
import { tokenSource } from "./credential.js";
import { correlationIdHeader, fixedHeaders, requestIdHeader } from "./headers.js";
import { callIds, type CallIds } from "./ids.js";
import { checkRequest, checkResponse, fillPath, type ArgumentNames, type OperationRules, type RequestParts } from "./operations.js";
import type { ResolvedOptions } from "./options.js";
import { dropWriteOnly } from "./redact.js";
import { withRetries } from "./retry/retrying-fetch.js";
import { createThrottle } from "./retry/throttle.js";
import { authorizedAttempt } from "./transport/attempt.js";
import type { Answer } from "./transport/plain-fetch.js";
import type { ValidationIssue } from "./validate.js";

/** One request to one operation of the spec, as a door hands it over. */
export interface OperationCall {
  readonly operation: OperationRules;
  readonly parts: RequestParts;
  /** How the door names its arguments in errors (default: the spec's names). */
  readonly names?: ArgumentNames | undefined;
  /** The caller's signal: cancels the call, retries and waits included. */
  readonly signal?: AbortSignal | undefined;
}

/** The final answer of a call (after any retries) and the ids every attempt of it carried. */
export type Exchange = Answer & CallIds;

export type Pipeline = (call: OperationCall) => Promise<Exchange>;

/**
 * The one pipeline every request passes, whichever door it came through. Outermost first:
 *
 * 1. checkRequest: every parameter and the body against the spec's rules for this operation; a
 *    refusal is a PartnerCenterArgumentError and nothing is sent.
 * 2. ids: the call's MS-RequestId and MS-CorrelationId, the caller's or fresh, made once — above
 *    the retries, so every attempt reuses them (the idempotency key) and the next call gets new ones.
 * 3. withRetries: per attempt a signal (the caller's, plus the attempt's time); decides whether to
 *    try again and how long to wait; logs (redacted). Before each attempt, the client's one
 *    throttle (option `throttle`): the attempt waits its turn in its customer's lane (the
 *    `customer-tenant-id` path parameter), which a 429 pauses and whose rate adapts.
 * 4. authorizedAttempt: a token asked for now (a rotated one is picked up), sent only under
 *    baseUrl; after a 401 (but 900421) a token asked for with forceRefresh and, if it differs, the
 *    request sent once more; the whole answer read; secrets echoed in an error body scrubbed by value.
 * 5. fetch: the injected or the global one.
 *
 * Then, once per call, a success answer is not trusted: write-only fields (the spec's `writeOnly`)
 * dropped from the parsed body — keys as parsed, so `"pass\u0077ordProfile"` is caught too — so a
 * password a server echoes never reaches the caller; then the rest checked against the spec's
 * response schema for the operation: off the spec, a PartnerCenterInvalidResponseError naming the
 * field (or, with `onInvalidResponse: "warn"`, a log entry and the answer as it is).
 */
export function createPipeline(options: ResolvedOptions): Pipeline {
  const { baseUrl, timeoutMs } = options;
  const { log, onInvalidResponse } = options;
  const send = withRetries(authorizedAttempt(options.fetch, tokenSource(options.credential), baseUrl, options.maxResponseBytes), {
    ...options.retry,
    timeoutMs,
    log: options.log,
    throttle: options.throttle ? createThrottle() : undefined,
  });
  const fixed = fixedHeaders(options);

  return async function call({ operation, parts, names, signal }) {
    checkRequest(operation, parts, names);
    const given = parts.headers;
    const ids = callIds(given[requestIdHeader], given[correlationIdHeader] ?? options.correlationId);
    const headers: Record<string, string> = { ...fixed };
    for (const name of Object.keys(given)) if (given[name] !== undefined) headers[name] = given[name] as string;
    headers[requestIdHeader] = ids.requestId;
    headers[correlationIdHeader] = ids.correlationId;
    if (parts.body !== undefined) headers["content-type"] = "application/json";
    const query = parts.query?.size ? `?${parts.query.toString()}` : "";
    const url = `${baseUrl}${fillPath(operation, parts.path)}${query}`;
    const customer = parts.path["customer-tenant-id"];
    const answer = await send(url, { method: operation.method, headers, body: parts.body, signal }, typeof customer === "string" ? customer : undefined);
    if (!answer.ok) return { ...answer, ...ids };
    const dropped = dropWriteOnly(answer.body);
    const issues = checkResponse(operation, answer.status, answer.body);
    if (issues.length > 0) {
      if (onInvalidResponse === "throw") throw offSpec(operation, answer, issues, ids);
      log?.({ type: "invalid-response", status: answer.status, requestId: ids.requestId, issues });
    }
    return dropped ? { ...answer, text: JSON.stringify(answer.body), ...ids } : { ...answer, ...ids };
  };
}

function offSpec(operation: OperationRules, { status, headers }: Answer, issues: readonly ValidationIssue[], ids: CallIds): PartnerCenterInvalidResponseError {
  const shown = issues.slice(0, 3).map((issue) => `${issue.path} ${issue.message}`);
  if (issues.length > shown.length) shown.push(`${issues.length - shown.length} more`);
  return new PartnerCenterInvalidResponseError(
    `Partner Center's ${status} answer (${headers.get("content-type") ?? "no content type"}) to ${operation.method} ${operation.path} is off the spec: ${shown.join("; ")} [MS-RequestId ${ids.requestId}]`,
    { status, ...ids },
    issues,
  );
}

/** A success body that is a JSON object, or the PartnerCenterError the answer stands for. */
export function resultOf(exchange: Exchange): object {
  const ids = { requestId: exchange.requestId, correlationId: exchange.correlationId };
  if (!exchange.ok) throw createHttpError(exchange.status, exchange.body, exchange.headers, ids);
  const { body } = exchange;
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    const contentType = exchange.headers.get("content-type") ?? "no content type";
    throw new PartnerCenterInvalidResponseError(
      `Partner Center answered ${exchange.status} with a body that is not a JSON object (${contentType}) [MS-RequestId ${ids.requestId}]`,
      { status: exchange.status, ...ids },
    );
  }
  return body;
}
