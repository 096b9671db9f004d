import { PartnerCenterNetworkError, PartnerCenterTimeoutError } from "../errors/transport-errors.js";
import { correlationIdHeader, requestIdHeader } from "../headers.js";
import type { PartnerCenterLog } from "../log.js";
import { redactBodyText, redactHeaders } from "../redact.js";
import { attemptSignal } from "../transport/attempt-signal.js";
import { abortError, classifyFailure } from "../transport/classify-failure.js";
import type { Answer, Attempt, PlainInit } from "../transport/plain-fetch.js";
import { backoffDelay } from "./backoff.js";
import { retryableStatuses, type RetryPolicy } from "./policy.js";
import { parseRetryAfter } from "./retry-after.js";
import { sleep as timerSleep } from "./sleep.js";
import type { Throttle } from "./throttle.js";

export interface RetryingFetchOptions extends RetryPolicy {
  /** Per attempt; Infinity for none. */
  readonly timeoutMs: number;
  readonly log?: PartnerCenterLog | undefined;
  /** Shared by every call of one client: waits before each attempt, and learns from each answer. */
  readonly throttle?: Throttle | undefined;
  // Injected by tests, so delays are exact and no real time passes.
  readonly sleep?: ((ms: number, signal: AbortSignal | undefined) => Promise<void>) | undefined;
  readonly random?: (() => number) | undefined;
  readonly now?: (() => number) | undefined;
}

interface Ids {
  readonly requestId: string | undefined;
  readonly correlationId: string | undefined;
}

/** One call, retries included; `key` names its throttling lane (the customer), if any. */
export type RetryingAttempt = (url: string, init: PlainInit, key?: string) => Promise<Answer>;

/**
 * Retries beneath everything that fixes the request: the caller's init (its headers, so its
 * MS-RequestId; its body) is sent again unchanged on every attempt, each under its own signal (the
 * caller's, plus the attempt's time). The loop knows nothing of doors or of tokens (the attempt
 * asks for one each time). With a throttle, each attempt first waits its turn in its key's lane —
 * before the attempt's time starts, so a long pause is not a timeout.
 */
export function withRetries(attempt: Attempt, options: RetryingFetchOptions): RetryingAttempt {
  const { maxRetries, maxRetryAfterMs, timeoutMs, log, throttle, sleep = timerSleep, random = Math.random, now = Date.now } = options;

  return async function retrying(url, init, key) {
    const caller = init.signal;
    const ids: Ids = { requestId: init.headers[requestIdHeader], correlationId: init.headers[correlationIdHeader] };
    for (let n = 1; ; n++) {
      if (caller?.aborted) throw abortError(caller, ids);
      const turn = throttle?.admit(key, caller);
      if (turn !== undefined) {
        log?.({ type: "throttle", attempt: n, customerId: key, reason: turn.reason, delayMs: turn.delayMs, requestId: ids.requestId });
        await abortable(turn.ready, caller, ids);
      }
      const sentAt = throttle?.now() ?? 0;
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
      const retryable = retryableStatuses.has(answer.status);
      const retryAfterMs = retryable ? parseRetryAfter(answer.headers.get("retry-after"), now()) : undefined;
      // The server's own delay is obeyed as given, without jitter: it already knows its load.
      const delayMs = retryable ? (retryAfterMs ?? backoffDelay(n, options, random)) : 0;
      // Told even of a last attempt's 429: the other calls of its lane must still hold off. A 429
      // whose Retry-After is 0 asks nobody to wait: retried at once, it tells the throttle nothing.
      if (answer.status !== 429) throttle?.answered(key, sentAt);
      else if (delayMs > 0) throttle?.answered(key, sentAt, Math.min(delayMs, maxRetryAfterMs));
      if (n > maxRetries || !retryable) return answer;
      // A server asking for longer than we would wait is not a reason to come back early: its answer
      // goes to the caller now, with the wait it asked for (the error's retryAfterMs).
      if (retryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs) return answer;
      log?.({ type: "retry", attempt: n, reason: `status ${answer.status}`, delayMs, requestId: ids.requestId });
      await pause(sleep, delayMs, caller, ids);
    }
  };
}

function pause(sleep: NonNullable<RetryingFetchOptions["sleep"]>, ms: number, caller: AbortSignal | undefined, ids: Ids): Promise<void> {
  return abortable(sleep(ms, caller), caller, ids);
}

/** A wait the caller's signal ends, as the call's PartnerCenterAbortError. */
async function abortable(wait: Promise<void>, caller: AbortSignal | undefined, ids: Ids): Promise<void> {
  try {
    await wait;
  } catch (error) {
    throw caller?.aborted ? abortError(caller, ids) : error;
  }
}
