import { PartnerCenterError, withRequestId } from "../errors/partner-center-error.js";
import { PartnerCenterAbortError, PartnerCenterNetworkError, PartnerCenterTimeoutError } from "../errors/transport-errors.js";

export interface FailureContext {
  readonly caller: AbortSignal | undefined;
  /** Whether the attempt's time ran out. */
  readonly timedOut: boolean;
  readonly timeoutMs: number;
  readonly requestId: string | undefined;
  readonly correlationId: string | undefined;
  readonly attempt: number;
}

/**
 * What an attempt that threw means, in this order: the caller aborted (never retried), the
 * attempt's time ran out, an error of ours passing through (credential, argument), the network
 * failed (retried) — or else a bug, in an injected fetch or a credential, which no retry mends: it
 * surfaces after one attempt as the cause of an error that says so.
 */
export function classifyFailure(error: unknown, context: FailureContext): PartnerCenterError {
  const ids = { requestId: context.requestId, correlationId: context.correlationId };
  const where = (message: string) => withRequestId(`${message} (attempt ${context.attempt})`, context.requestId);
  if (context.caller?.aborted) return abortError(context.caller, ids);
  if (context.timedOut) {
    return new PartnerCenterTimeoutError(where(`Partner Center did not answer within ${context.timeoutMs} ms`), ids, { cause: error });
  }
  if (error instanceof PartnerCenterError) return error;
  const code = networkCode(error);
  if (code !== undefined) return new PartnerCenterNetworkError(where(`Could not reach Partner Center: ${code}`), ids, { cause: error });
  // Not quoted: a bug's message may hold anything, the token included.
  return new PartnerCenterError(where(`The fetch function threw ${nameOf(error)}, which is not a network failure, so it was not retried (see cause)`), ids, { cause: error });
}

export function abortError(caller: AbortSignal, ids: { requestId: string | undefined; correlationId: string | undefined }): PartnerCenterAbortError {
  return new PartnerCenterAbortError(withRequestId("The call was aborted", ids.requestId), ids, { cause: caller.reason });
}

// undici's failures to connect are TypeError("fetch failed") with the reason (ECONNREFUSED,
// ENOTFOUND …) as the cause, and a body cut off is TypeError("terminated"); other fetches throw
// errors carrying a system error code themselves.
const systemCode = /^(?:E[A-Z0-9]+|UND_ERR_[A-Z_]+)$/;

function codeOf(value: unknown): string | undefined {
  const code = (value as { code?: unknown } | null | undefined)?.code;
  return typeof code === "string" && systemCode.test(code) ? code : undefined;
}

/** A short reason when `error` is a failure to reach the server (or to read its answer); otherwise undefined. */
function networkCode(error: unknown): string | undefined {
  const code = codeOf(error) ?? codeOf((error as { cause?: unknown } | null | undefined)?.cause);
  if (code !== undefined) return code;
  if (error instanceof TypeError && (error.message === "fetch failed" || error.message === "terminated")) return error.message;
  return undefined;
}

function nameOf(error: unknown): string {
  return error instanceof Error ? `a ${error.name}` : `a ${typeof error}`;
}
