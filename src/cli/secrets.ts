// Tokens and passwords must never reach stdout, stderr or a report. Structured output is redacted
// by key before it is written (redactSecrets, the client's own redactBody); as a second line of
// defence every line the CLI writes is scrubbed of the secret values it knows — the token and each
// row's password — since a server may echo a password in a message.
import { redactBody, redacted, scrub as scrubSecrets } from "../redact.js";

export { redacted };

/** Secrets shorter than this are not scrubbed by value: they would mangle ordinary text. */
const minimumScrubLength = 4;

const known = new Set<string>();

export function registerSecret(secret: string): void {
  if (secret.length >= minimumScrubLength) known.add(secret);
}

export function scrub(text: string, extra: readonly string[] = []): string {
  return scrubSecrets(text, [...known, ...extra.filter((secret) => secret.length >= minimumScrubLength)]);
}

/** A deep copy with every property named `password` (any case, any depth) redacted. */
export function redactSecrets<T>(value: T): T {
  return redactBody(value) as T;
}
