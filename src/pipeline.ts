import { createHttpError } from "./errors/from-response.js";
import { PartnerCenterInvalidResponseError } from "./errors/invalid-response-error.js";
import { located, withRequestId, type ErrorLocation } from "./errors/partner-center-error.js";
import { argumentError } from "./errors/argument-error.js";
import { tokenSource } from "./credential.js";
import { correlationIdHeader, fixedHeaders, requestIdHeader } from "./headers.js";
import { callIds, type CallIds } from "./ids.js";
import { checkedAnswer, throughMiddleware, type PartnerCenterRequest, type PartnerCenterResponse } from "./middleware.js";
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

/** The final answer of a call (after any retries), the ids every attempt of it carried, and which call it was. */
export type Exchange = Answer & CallIds & { readonly where: Required<ErrorLocation> };

export type Pipeline = (call: OperationCall) => Promise<Exchange>;

/**
 * The one pipeline every request passes, whichever door it came through. Outermost first:
 *
 * 1. checkRequest: every parameter and the body against the spec's rules for this operation; a
 *    refusal is a PartnerCenterArgumentError and nothing is sent.
 * 2. ids: the call's MS-RequestId and MS-CorrelationId, the caller's or fresh, made once — above
 *    the retries, so every attempt reuses them (the idempotency key) and the next call gets new ones.
 * 3. the caller's middleware (option `middleware`, src/middleware.ts), once per call, first outermost.
 * 4. withRetries: per attempt a signal (the caller's, plus the attempt's time); decides whether to
 *    try again and how long to wait; logs (redacted). Before each attempt, the client's one
 *    throttle (option `throttle`): the attempt waits its turn in its customer's lane (the
 *    `customer-tenant-id` path parameter), which a 429 pauses and whose rate adapts.
 * 5. authorizedAttempt: a token asked for now (a rotated one is picked up), sent only under
 *    baseUrl; after a 401 (but 900421) a token asked for with forceRefresh and, if it differs, the
 *    request sent once more; the whole answer read and parsed, once; secrets echoed in an error
 *    body scrubbed by value.
 * 6. fetch: the injected or the global one.
 *
 * On the way back, before any middleware sees it, a success answer is not trusted (checkedAnswer):
 * write-only fields dropped, the rest checked against the spec's response schema. An answer a
 * middleware makes itself is checked the same way. Every PartnerCenterError a call ends with
 * names the call: its operationId, method and URL (without the query).
 */
export function createPipeline(options: ResolvedOptions): Pipeline {
  const { baseUrl, timeoutMs, middleware } = options;
  const send = withRetries(authorizedAttempt(options.fetch, tokenSource(options.credential), baseUrl, options.maxResponseBytes), {
    ...options.retry,
    timeoutMs,
    log: options.log,
    throttle: options.throttle ? createThrottle() : undefined,
  });
  const fixed = fixedHeaders(options);

  return async function call({ operation, parts, names, signal }) {
    const { operationId, method } = operation;
    const where = { operationId, method, url: `${baseUrl}${fillPath(operation, parts.path)}` };
    try {
      checkRequest(operation, parts, names);
      const given = parts.headers;
      const ids = callIds(given[requestIdHeader], given[correlationIdHeader] ?? options.correlationId);
      const headers: Record<string, string> = { ...fixed };
      for (const name of Object.keys(given)) if (given[name] !== undefined) headers[name] = given[name] as string;
      headers[requestIdHeader] = ids.requestId;
      headers[correlationIdHeader] = ids.correlationId;
      if (parts.body !== undefined) headers["content-type"] = "application/json";
      const url = parts.query?.size ? `${where.url}?${parts.query.toString()}` : where.url;
      const customer = parts.path["customer-tenant-id"];
      const lane = typeof customer === "string" ? customer : undefined;
      if (middleware.length === 0) {
        const answer = await send(url, { method, headers, body: parts.body, signal }, lane);
        return { ...trusted(answer, operation, options, ids), ...ids, where };
      }
      // Through the middleware: what reaches the bottom must still be the checked call, and an
      // answer a middleware made itself is checked as the server's would be.
      const made = new WeakSet<object>();
      const innermost = async (final: PartnerCenterRequest): Promise<PartnerCenterResponse> => {
        if (final.method !== method || final.url !== url) throw argumentError("middleware", "may change a call's headers, not its method or URL");
        const answer = await send(url, { method, headers: lowerCaseHeaders(final.headers), body: parts.body, signal: final.signal }, lane);
        const checked = trusted(answer, operation, options, ids);
        made.add(checked);
        return checked;
      };
      const answered = checkedAnswer(await throughMiddleware(middleware, innermost)({ operationId, method, url, headers, signal }), middleware);
      const answer = made.has(answered) ? (answered as Answer) : trusted({ ...answered, ok: answered.status >= 200 && answered.status < 300 }, operation, options, ids);
      return { ...answer, ...ids, where };
    } catch (error) {
      throw located(error, where);
    }
  };
}

function lowerCaseHeaders(headers: Readonly<Record<string, unknown>>): Record<string, string> {
  const lower: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== "string") throw argumentError("middleware", `set the header ${name} to a ${typeof value}, not a string`);
    lower[name.toLowerCase()] = value;
  }
  return lower;
}

/**
 * A success answer as the caller may see it: write-only fields dropped from the parsed body — keys
 * as parsed, so `"pass\u0077ordProfile"` is caught too — so a password a server echoes never
 * reaches the caller, nor any middleware; then the rest checked against the spec's response schema
 * for the operation: off the spec, a PartnerCenterInvalidResponseError naming the field (or, with
 * `onInvalidResponse: "warn"`, a log entry and the answer as it is). An error answer is passed on.
 */
function trusted(answer: Answer, operation: OperationRules, { log, onInvalidResponse }: ResolvedOptions, ids: CallIds): Answer {
  if (!answer.ok) return answer;
  const dropped = dropWriteOnly(answer.body);
  const issues = checkResponse(operation, answer.status, answer.body);
  if (issues.length > 0) {
    if (onInvalidResponse === "throw") throw offSpec(operation, answer, issues, ids);
    log?.({ type: "invalid-response", status: answer.status, requestId: ids.requestId, issues });
  }
  return dropped ? { ...answer, text: JSON.stringify(answer.body) } : answer;
}

function offSpec(operation: OperationRules, { status, headers }: Answer, issues: readonly ValidationIssue[], ids: CallIds): PartnerCenterInvalidResponseError {
  const shown = issues.slice(0, 3).map((issue) => `${issue.path} ${issue.message}`);
  if (issues.length > shown.length) shown.push(`${issues.length - shown.length} more`);
  return new PartnerCenterInvalidResponseError(
    withRequestId(`Partner Center's ${status} answer (${headers.get("content-type") ?? "no content type"}) to ${operation.method} ${operation.path} is off the spec: ${shown.join("; ")}`, ids.requestId),
    { status, ...ids },
    issues,
  );
}

/** A success body that is a JSON object, or the PartnerCenterError the answer stands for. */
export function resultOf(exchange: Exchange): object {
  const details = { requestId: exchange.requestId, correlationId: exchange.correlationId, ...exchange.where };
  if (!exchange.ok) throw createHttpError(exchange.status, exchange.body, exchange.headers, details);
  const { body } = exchange;
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    const contentType = exchange.headers.get("content-type") ?? "no content type";
    throw new PartnerCenterInvalidResponseError(
      withRequestId(`Partner Center answered ${exchange.status} with a body that is not a JSON object (${contentType})`, details.requestId),
      { status: exchange.status, ...details },
    );
  }
  return body;
}
