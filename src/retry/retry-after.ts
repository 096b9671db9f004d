// Retry-After (RFC 9110 §10.2.3) is either delta-seconds or an HTTP date. Partner Center sends
// seconds; proxies in front of it may send a date. Anything else is treated as absent, so the caller
// falls back to its own backoff rather than trusting garbage. No cap here: the error reports what the
// server asked for, and the retry loop applies its own cap.

const deltaSeconds = /^\d+$/;
// IMF-fixdate, the only date form a current server may send: "Sun, 06 Nov 1994 08:49:37 GMT".
const imfFixdate = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** Milliseconds to wait from `nowMs`, or undefined when the header is absent or unreadable. A past date is 0. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value == null) return undefined;
  const trimmed = value.trim();
  if (deltaSeconds.test(trimmed)) return Number(trimmed) * 1000;
  if (!imfFixdate.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
