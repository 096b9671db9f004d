import { PartnerCenterNetworkError, PartnerCenterTimeoutError } from "../errors/transport-errors.js";
import { correlationIdHeader, requestIdHeader } from "../headers.js";
import type { PartnerCenterLog } from "../log.js";
import { redactBodyText, redactHeaders } from "../redact.js";
import { attemptSignal } from "../transport/attempt-signal.js";
import { abortError, classifyFailure } from "../transport/classify-failure.js";
import type { Answer, Attempt } from "../transport/plain-fetch.js";
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
 * MS-RequestId; its body) is sent again unchanged on every attempt, each under its own signal (the
 * caller's, plus the attempt's time). The loop knows nothing of doors or of tokens (the attempt
 * asks for one each time).
 */
export function withRetries(attempt: Attempt, options: RetryingFetchOptions): Attempt {
  const { maxRetries, maxRetryAfterMs, timeoutMs, log, sleep = timerSleep, random = Math.random, now = Date.now } = options;

  return async function retrying(url, init) {
    const caller = init.signal;
    const ids: Ids = { requestId: init.headers[requestIdHeader], correlationId: init.headers[correlationIdHeader] };
    for (let n = 1; ; n++) {
      if (caller?.aborted) throw abortError(caller, ids);
      log?.({ type: "request", attempt: n, method: init.method, url, ...ids, headers: redactHeaders(init.headers), body: redactBodyText(init.body) });

      const bound = attemptSignal(caller, timeoutMs);
      let answer: Answer;
      try {
        answer = await attempt(url, { ...init, signal: bound.signal });
      } catch (error) {
        const failure = classifyFailure(error, { caller, timedOut: bound.timedOut, timeoutMs, attempt: n, ...ids });
        const retryable = failure instanceof PartnerCenterTimeoutError || failure instanceof PartnerCenterNetworkError;
        if (!retryable || n > maxRetries) throw failure;
        const delayMs = backoffDelay(n, options, random);
        log?.({ type: "retry", attempt: n, reason: failure instanceof PartnerCenterTimeoutError ? "timeout" : "network error", delayMs, requestId: ids.requestId });
        await pause(sleep, delayMs, caller, ids);
        continue;
      } finally {
        bound.done();
      }

      log?.({ type: "response", attempt: n, status: answer.status, requestId: ids.requestId, headers: redactHeaders(answer.headers) });
      if (n > maxRetries || !retryableStatuses.has(answer.status)) return answer;
      const retryAfterMs = parseRetryAfter(answer.headers.get("retry-after"), now());
      // A server asking for longer than we would wait is not a reason to come back early: its answer
      // goes to the caller now, with the wait it asked for (the error's retryAfterMs).
      if (retryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs) return answer;
      // The server's own delay is obeyed as given, without jitter: it already knows its load.
      const delayMs = retryAfterMs ?? backoffDelay(n, options, random);
      log?.({ type: "retry", attempt: n, reason: `status ${answer.status}`, delayMs, requestId: ids.requestId });
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
