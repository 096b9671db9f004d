// Tokens and passwords must never reach stdout, stderr or a report. Structured output is redacted
// by key before it is written (redactSecrets); as a second line of defence every line the CLI
// writes is scrubbed of the secret values it knows (a server may echo a password in a message).

export const redacted = "[REDACTED]";

/** Secrets shorter than this are not scrubbed by value: they would mangle ordinary text. */
const minimumScrubLength = 4;

const known = new Set<string>();

export function registerSecret(secret: string): void {
  if (secret.length >= minimumScrubLength) known.add(secret);
}

export function scrub(text: string, extra: readonly string[] = []): string {
  let clean = text;
  for (const secret of [...known, ...extra]) {
    if (secret.length >= minimumScrubLength) clean = clean.split(secret).join(redacted);
  }
  return clean;
}

/** A deep copy with every string under a key containing "password" (any case) replaced. */
export function redactSecrets<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (key, inner: unknown) =>
    typeof inner === "string" && /password/i.test(key) ? redacted : inner,
  ) as T;
}
