import { PartnerCenterNetworkError, PartnerCenterTimeoutError } from "../errors/transport-errors.js";
import { correlationIdHeader, requestIdHeader } from "../headers.js";
import type { PartnerCenterLog } from "../log.js";
import { redactBodyText, redactHeaders } from "../redact.js";
import { abortError, classifyFailure } from "../transport/classify-failure.js";
import type { PlainFetch } from "../transport/plain-fetch.js";
import { backoffDelay } from "./backoff.js";
import { retryableStatuses, type RetryPolicy } from "./policy.js";
import { parseRetryAfter } from "./retry-after.js";
import { sleep as timerSleep } from "./sleep.js";

export interface RetryingFetchOptions extends RetryPolicy {
  /** Per attempt; Infinity for none. */
  readonly timeoutMs: number;
  readonly log?: PartnerCenterLog | undefined;
  // Injected by tests, so delays are exact and no real time passes.
  readonly sleep?: ((ms: number, signal: AbortSignal | undefined) => Promise<void>) | undefined;
  readonly random?: (() => number) | undefined;
  readonly now?: (() => number) | undefined;
}

interface Ids {
  readonly requestId: string | undefined;
  readonly correlationId: string | undefined;
}

/**
 * Retries beneath everything that fixes the request: the caller's init (its headers, so its
 * MS-RequestId; its buffered body) is sent again unchanged on every attempt, each with a fresh
 * per-attempt timeout combined with the caller's signal. The loop knows nothing of openapi-fetch
 * or of tokens (`next` asks for one per attempt).
 */
export function withRetries(next: PlainFetch, options: RetryingFetchOptions): PlainFetch {
  const { maxRetries, timeoutMs, log, sleep = timerSleep, random = Math.random, now = Date.now } = options;

  return async function retryingFetch(url, init) {
    const caller = init.signal;
    const ids: Ids = { requestId: init.headers[requestIdHeader], correlationId: init.headers[correlationIdHeader] };
    for (let attempt = 1; ; attempt++) {
      if (caller?.aborted) throw abortError(caller, ids);
      // A signal per attempt: one made per client would fire once and doom every later call.
      const timeout = timeoutMs === Infinity ? undefined : AbortSignal.timeout(timeoutMs);
      // AbortSignal.any only when there are two signals to combine (it is not free).
      const signal = caller && timeout ? AbortSignal.any([caller, timeout]) : (caller ?? timeout);
      log?.({ type: "request", attempt, method: init.method, url, ...ids, headers: redactHeaders(init.headers), body: redactBodyText(init.body) });

      let response: Response;
      try {
        response = await next(url, { ...init, signal });
      } catch (error) {
        const failure = classifyFailure(error, { caller, timedOut: timeout?.aborted === true, timeoutMs, attempt, ...ids });
        const retryable = failure instanceof PartnerCenterTimeoutError || failure instanceof PartnerCenterNetworkError;
        if (!retryable || attempt > maxRetries) throw failure;
        const delayMs = backoffDelay(attempt, options, random);
        log?.({ type: "retry", attempt, reason: failure instanceof PartnerCenterTimeoutError ? "timeout" : "network error", delayMs, requestId: ids.requestId });
        await pause(sleep, delayMs, caller, ids);
        continue;
      }

      log?.({ type: "response", attempt, status: response.status, requestId: ids.requestId, headers: redactHeaders(response.headers) });
      if (attempt > maxRetries || !retryableStatuses.has(response.status)) return response;
      const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), now());
      // The server's own delay is obeyed as given (capped), without jitter: it already knows its load.
      const delayMs = retryAfterMs === undefined ? backoffDelay(attempt, options, random) : Math.min(retryAfterMs, options.maxRetryAfterMs);
      await response.arrayBuffer().catch(() => undefined); // read to the end, so the connection can be reused
      log?.({ type: "retry", attempt, reason: `status ${response.status}`, delayMs, requestId: ids.requestId });
      await pause(sleep, delayMs, caller, ids);
    }
  };
}

async function pause(sleep: NonNullable<RetryingFetchOptions["sleep"]>, ms: number, caller: AbortSignal | undefined, ids: Ids): Promise<void> {
  try {
    await sleep(ms, caller);
  } catch (error) {
    throw caller?.aborted ? abortError(caller, ids) : error;
  }
}
