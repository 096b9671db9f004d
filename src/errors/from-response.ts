import type { CallIds } from "../ids.js";
import { parseRetryAfter } from "../retry/retry-after.js";
import {
  PartnerCenterBadRequestError,
  PartnerCenterConflictError,
  PartnerCenterForbiddenError,
  PartnerCenterNotFoundError,
  PartnerCenterServerError,
  PartnerCenterTooManyRequestsError,
  PartnerCenterUnauthorizedError,
} from "./http-errors.js";
import { PartnerCenterError, withRequestId, type ErrorLocation } from "./partner-center-error.js";

const classByStatus: Readonly<Record<number, typeof PartnerCenterError>> = {
  400: PartnerCenterBadRequestError,
  401: PartnerCenterUnauthorizedError,
  403: PartnerCenterForbiddenError,
  404: PartnerCenterNotFoundError,
  409: PartnerCenterConflictError,
  429: PartnerCenterTooManyRequestsError,
};

/**
 * The one place an HTTP error is made: from the status, the parsed body (undefined when it was
 * empty or not JSON), the response headers and the call (its ids, operation and URL). Reads a Fault
 * `{code, description, data, source}` or the 429 body `{statusCode, message}`; anything else
 * still gives an error with the status.
 */
export function createHttpError(status: number, body: unknown, headers: Headers, call: CallIds & ErrorLocation, nowMs = Date.now()): PartnerCenterError {
  const fault: Record<string, unknown> = typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const code = typeof fault.code === "number" || typeof fault.code === "string" ? fault.code : undefined;
  const description = typeof fault.description === "string" ? fault.description : typeof fault.message === "string" ? fault.message : undefined;
  const details = {
    status,
    code,
    description,
    data: Array.isArray(fault.data) ? (fault.data as unknown[]) : undefined,
    source: typeof fault.source === "string" ? fault.source : undefined,
    retryAfterMs: parseRetryAfter(headers.get("retry-after"), nowMs),
    ...call,
  };
  const what =
    description ??
    (body === undefined ? `a body that is not JSON (${headers.get("content-type") ?? "no content type"})` : "a JSON body that is not a Partner Center fault");
  const ErrorClass = classByStatus[status] ?? (status >= 500 ? PartnerCenterServerError : PartnerCenterError);
  return new ErrorClass(withRequestId(`Partner Center answered ${status}${code === undefined ? "" : ` (code ${code})`}: ${what}`, call.requestId), details);
}
