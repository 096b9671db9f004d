// What is retried, how often and how long to wait — the defaults, with why:
//
// | option          | default | why                                                                              |
// |-----------------|---------|----------------------------------------------------------------------------------|
// | maxRetries      | 4       | 5 attempts. .NET retries 3 times but never a 429; one more rides out throttling. |
// | baseDelayMs     | 500     | .NET's first pause. Steps 0.5, 1, 2, 4 s, each with equal jitter (half random).  |
// | maxDelayMs      | 30 000  | no computed pause is longer.                                                     |
// | maxRetryAfterMs | 120 000 | a server's Retry-After is obeyed exactly (no jitter) up to this cap; Partner     |
// |                 |         | Center's own example asks for 57 s, anything past 2 min is a misbehaving server. |
// | timeoutMs       | 30 000  | per attempt. A PATCH answers in about a second; .NET's fixed 3 min hides outages.|
//
// Retried: 429 and 503 (the server asks to come back), 504 and 502 (a gateway got no answer from the
// service), 408 (the server gave up waiting for the request, so did not act on it), and failures
// before any answer (network error, per-attempt timeout). Replaying is safe: every attempt carries
// the call's MS-RequestId, Partner Center's documented idempotency key, and a PATCH that sets fields
// to given values ends in the same state if applied twice.
// Never retried: 400, 401, 403, 404, 409 — the same request gets the same answer — nor 500, whose
// 800003 "unexpected service error" is as likely a fault of this input as a passing one, and four
// retries would only multiply the load and the wait.

export const retryableStatuses: ReadonlySet<number> = new Set([408, 429, 502, 503, 504]);

export interface RetryOptions {
  /** Retries after the first attempt; 0 disables them. Default 4. */
  readonly maxRetries?: number | undefined;
  /** First backoff step in ms, doubled per retry. Default 500. */
  readonly baseDelayMs?: number | undefined;
  /** Cap on a computed backoff in ms. Default 30 000. */
  readonly maxDelayMs?: number | undefined;
  /** Cap on a server-given Retry-After in ms. Default 120 000. */
  readonly maxRetryAfterMs?: number | undefined;
}

export interface RetryPolicy {
  readonly maxRetries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxRetries: 4, baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 120_000 };

export const defaultTimeoutMs = 30_000;
