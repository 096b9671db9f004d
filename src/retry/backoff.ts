export interface BackoffOptions {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * The wait before retry number `retry` (1 for the first retry) when the server gave no Retry-After:
 * capped exponential with "equal jitter" — half the step fixed, half random — so retries from many
 * callers spread out, yet never come back sooner than half the step (a busy server needs the pause).
 * `random` returns a number in [0, 1), like Math.random, and is injected so tests know the delay.
 */
export function backoffDelay(retry: number, { baseDelayMs, maxDelayMs }: BackoffOptions, random: () => number): number {
  const step = Math.min(maxDelayMs, baseDelayMs * 2 ** (retry - 1));
  return Math.round(step / 2 + (random() * step) / 2);
}
