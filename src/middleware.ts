// The client's one extension point. Every request passes it, whichever door it came through — the
// fluent API, the pager's every page, `api` — once per call: after the spec's checks and the call's
// ids, around all that sends (the throttle, the retries, each attempt with its token) and the
// checks of the answer. Modelled on Azure's core-rest-pipeline policies (a name and
// `sendRequest(request, next)`), and unlike openapi-fetch's middleware it is not given a Request:
// the fluent door never builds one. Nor a body, which may hold a password (the `log` option shows
// it redacted), nor the token, which is added beneath it.
import { argumentError } from "./errors/argument-error.js";

/** A call as middleware sees it. */
export interface PartnerCenterRequest {
  /** The spec's operationId, e.g. `updateCustomerUser`. */
  readonly operationId: string;
  readonly method: string;
  /** The whole URL, query included. */
  readonly url: string;
  /** The headers to send, by lower-case name. A middleware may change these; the method and URL are the checked call's. */
  readonly headers: Record<string, string>;
  /** The caller's signal. */
  readonly signal: AbortSignal | undefined;
}

/** The answer of a call, read whole and checked (after any retries). */
export interface PartnerCenterResponse {
  readonly status: number;
  readonly headers: Headers;
  /** The body as text: an error's with the call's secrets scrubbed, a success's without write-only fields. */
  readonly text: string;
  /** `text` parsed — once, for every reader — or undefined when it is empty or not JSON. */
  readonly body: unknown;
}

export type SendRequest = (request: PartnerCenterRequest) => Promise<PartnerCenterResponse>;

/**
 * Given to the client's `middleware` option; the first in the list is the outermost. It may look at
 * a call and its answer (log, trace, time it), change its headers, answer it itself — an answer it
 * makes is checked against the spec as the server's would be — or throw.
 */
export interface PartnerCenterMiddleware {
  /** Names it in the errors about it. */
  readonly name: string;
  sendRequest(request: PartnerCenterRequest, next: SendRequest): Promise<PartnerCenterResponse>;
}

/** The option checked: an array of middleware, each with a name and a sendRequest function. */
export function checkMiddleware(value: unknown): readonly PartnerCenterMiddleware[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw argumentError("middleware", "must be an array");
  value.forEach((item: Partial<PartnerCenterMiddleware> | null, i) => {
    if (typeof item?.name !== "string" || typeof item.sendRequest !== "function") throw argumentError(`middleware[${i}]`, "must have a name and a sendRequest(request, next) function");
  });
  return [...value];
}

/** `send` wrapped in each middleware, the first outermost. */
export function throughMiddleware(middleware: readonly PartnerCenterMiddleware[], send: SendRequest): SendRequest {
  return middleware.reduceRight<SendRequest>((next, item) => (request) => item.sendRequest(request, next), send);
}

/** What a middleware answered, checked for the fields the client reads; a broken one is named. */
export function checkedAnswer(value: unknown, middleware: readonly PartnerCenterMiddleware[]): PartnerCenterResponse {
  const answer = value as Partial<PartnerCenterResponse> | null | undefined;
  if (typeof answer?.status === "number" && answer.headers instanceof Headers && typeof answer.text === "string") return answer as PartnerCenterResponse;
  throw argumentError("middleware", `gave an answer without a status, Headers and text (one of ${middleware.map((item) => item.name).join(", ")})`);
}
