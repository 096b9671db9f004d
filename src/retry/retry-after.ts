// Retry-After (RFC 9110 §10.2.3) is either delta-seconds or an HTTP date. Partner Center sends
// seconds; proxies in front of it may send a date. Anything else is treated as absent, so the caller
// falls back to its own backoff rather than trusting garbage. No cap here: the error reports what the
// server asked for, and the retry loop applies its own cap.

const deltaSeconds = /^\d+$/;
const day = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
const month = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
const time = "\\d{2}:\\d{2}:\\d{2}";
// The three date forms a recipient must accept: IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), and
// the obsolete RFC 850 ("Sunday, 06-Nov-94 08:49:37 GMT") and asctime ("Sun Nov  6 08:49:37 1994",
// which is GMT without saying so).
const httpDate = new RegExp(`^(?:${day}, \\d{2} ${month} \\d{4} ${time} GMT|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, \\d{2}-${month}-\\d{2} ${time} GMT)$`);
const asctime = new RegExp(`^${day} ${month} [ \\d]\\d ${time} \\d{4}$`);

/** Milliseconds to wait from `nowMs`, or undefined when the header is absent or unreadable. A past date is 0. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value == null) return undefined;
  const trimmed = value.trim();
  if (deltaSeconds.test(trimmed)) return Number(trimmed) * 1000;
  const date = httpDate.test(trimmed) ? trimmed : asctime.test(trimmed) ? `${trimmed} GMT` : undefined;
  const at = date === undefined ? NaN : Date.parse(date);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
