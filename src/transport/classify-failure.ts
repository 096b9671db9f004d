import { PartnerCenterError } from "../errors/partner-center-error.js";
import { PartnerCenterAbortError, PartnerCenterNetworkError, PartnerCenterTimeoutError } from "../errors/transport-errors.js";

export interface FailureContext {
  readonly caller: AbortSignal | undefined;
  /** Whether the per-attempt timeout fired. */
  readonly timedOut: boolean;
  readonly timeoutMs: number;
  readonly requestId: string | undefined;
  readonly correlationId: string | undefined;
  /** While reading which attempt, or undefined while reading a response body. */
  readonly attempt?: number | undefined;
}

/**
 * What a rejection from fetch (or from reading a body) means, in this order: the caller aborted
 * (never retried), the per-attempt timeout fired, an error of ours passing through (credential,
 * argument), or else the network failed.
 */
export function classifyFailure(error: unknown, context: FailureContext): PartnerCenterError {
  const ids = { requestId: context.requestId, correlationId: context.correlationId };
  const where = `${context.attempt === undefined ? "" : ` (attempt ${context.attempt})`} [MS-RequestId ${context.requestId}]`;
  if (context.caller?.aborted) return abortError(context.caller, ids);
  if (context.timedOut) {
    return new PartnerCenterTimeoutError(`Partner Center did not answer within ${context.timeoutMs} ms${where}`, ids, { cause: error });
  }
  if (error instanceof PartnerCenterError) return error;
  return new PartnerCenterNetworkError(`Could not reach Partner Center: ${reasonOf(error)}${where}`, ids, { cause: error });
}

export function abortError(caller: AbortSignal, ids: { requestId: string | undefined; correlationId: string | undefined }): PartnerCenterAbortError {
  return new PartnerCenterAbortError(`The call was aborted [MS-RequestId ${ids.requestId}]`, ids, { cause: caller.reason });
}

// undici says only "fetch failed"; the useful part (ECONNREFUSED, ENOTFOUND …) is the cause's code.
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return "unknown error";
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? `${error.message} (${code})` : error.message;
}
