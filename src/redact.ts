// Keeping secrets out of logs and errors, three ways:
// - by key, in a copy: every string under a field the spec marks writeOnly replaced (redactBody,
//   for the log and the CLI's output), and every header but known harmless ones (redactHeaders);
// - by key, in place: every writeOnly field dropped from a success answer (dropWriteOnly);
// - by value: every occurrence of a known secret (the token, the passwords sent) of at least
//   minSecretLength characters replaced, in text (scrub) and in every string and key of a parsed
//   error body (scrubValues), in each form a server may echo it in — raw, JSON-escaped in any
//   style, percent-encoded, hex, base64 and base64url.
// Allow-lists, not block-lists: a header this file does not know is hidden. A server's text is
// searched with plain string matching only (no regular expression), so no answer can make it slow.
import { writeOnlyFields } from "../generated/spec-rules.js";

export const redacted = "[REDACTED]";

const loggableHeaders = new Set([
  "accept",
  "content-type",
  "content-length",
  "date",
  "ms-requestid",
  "ms-correlationid",
  "ms-contract-version",
  "ms-cv",
  "ms-serverid",
  "ms-partnercenter-application",
  "retry-after",
  "x-locale",
]);

/** A copy of `headers` fit for a log: known harmless headers kept, every other value (Authorization first) redacted. */
export function redactHeaders(headers: Readonly<Record<string, string>> | Headers): Record<string, string> {
  const entries = headers instanceof Headers ? [...headers] : Object.entries(headers);
  const copy: Record<string, string> = {};
  for (const [name, value] of entries) copy[name] = loggableHeaders.has(name.toLowerCase()) ? value : redacted;
  return copy;
}

// Compared in lower case: a server or a hand-written body may spell `Password`.
const secretKeys: ReadonlySet<string> = new Set(writeOnlyFields.map((name) => name.toLowerCase()));

// Their lengths, looked at first: most keys of a body are not as long as any, and need no lower-casing.
const secretKeyLengths: ReadonlySet<number> = new Set(writeOnlyFields.map((name) => name.length));

/** Whether `key` names a writeOnly field, in any case. */
export function isSecretKey(key: string): boolean {
  return secretKeyLengths.has(key.length) && secretKeys.has(key.toLowerCase());
}

/**
 * Public (src/index.ts): a deep copy of a JSON value fit for a log — every string under a field the
 * spec marks writeOnly (`password`, anything in `passwordProfile`), at any depth and in any case,
 * redacted; flags such as `forceChangePassword` kept.
 */
export function redactBody(value: unknown): unknown {
  return redactedCopy(value, false);
}

/** `value` copied; `secret`: it is under a writeOnly field, so every string in it is hidden. */
function redactedCopy(value: unknown, secret: boolean): unknown {
  if (typeof value === "string") return secret ? redacted : value;
  if (Array.isArray(value)) return value.map((item) => redactedCopy(item, secret));
  if (value === null || typeof value !== "object") return value;
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) copy[key] = redactedCopy(child, secret || isSecretKey(key));
  return copy;
}

/** A JSON request body fit for a log, passwords redacted; a body that is not JSON is hidden whole. */
export function redactBodyText(body: string | undefined): unknown {
  if (body === undefined) return undefined;
  try {
    return redactBody(JSON.parse(body));
  } catch {
    return redacted;
  }
}

/** The secrets a parsed request body carries: every non-empty string under a writeOnly field. */
export function secretsIn(value: unknown, secret = false): string[] {
  if (typeof value === "string") return secret && value !== "" ? [value] : [];
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, child]) => secretsIn(child, secret || isSecretKey(key)));
}

const hex = (code: number, upper: boolean) => {
  const digits = code.toString(16).padStart(4, "0");
  return `\\u${upper ? digits.toUpperCase() : digits}`;
};
const isAlphanumeric = (code: number) => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
// What .NET's default JavaScriptEncoder escapes besides non-ASCII: HTML-sensitive characters and `+`.
const dotNetEscaped = new Set([..."\"&'+<>`\\"].map((c) => c.charCodeAt(0)));

/** `text` with the characters `escape` picks written as \uXXXX (per UTF-16 unit, as JSON does). */
function unicodeEscaped(text: string, escape: (code: number) => boolean, upper: boolean): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out += escape(code) ? hex(code, upper) : text[i];
  }
  return out;
}

function percentForms(secret: string): string[] {
  let encoded: string;
  try {
    encoded = encodeURIComponent(secret);
  } catch {
    return []; // a lone surrogate has no UTF-8 form
  }
  const lower = encoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
  return [encoded, lower, encoded.replaceAll("%20", "+")];
}

/**
 * `secret` as bytes (UTF-8) written in hex, and in base64 and base64url — where a secret inside a
 * longer encoded text is spelt one of three ways by its offset in base64's 3-byte groups; each form
 * is the run of characters that those bytes alone decide (at most two bytes' worth at either end
 * are left, mixed with the bytes around it).
 */
function encodedForms(secret: string): string[] {
  const bytes = new TextEncoder().encode(secret);
  let hex = "";
  for (const byte of bytes) hex += byte.toString(16).padStart(2, "0");
  const forms = [hex, hex.toUpperCase()];
  for (const offset of [0, 1, 2]) {
    let binary = "\0".repeat(offset);
    for (const byte of bytes) binary += String.fromCharCode(byte);
    const base64 = btoa(binary).slice(Math.ceil((offset * 8) / 6), Math.floor((binary.length * 8) / 6));
    forms.push(base64, encodeURIComponent(base64), base64.replaceAll("+", "-").replaceAll("/", "_"));
  }
  return forms;
}

/** Each way a server may write `secret` in a response, longest first (so no form is cut by a shorter one). */
export function secretForms(secret: string): string[] {
  const forms = new Set([secret, ...percentForms(secret), ...encodedForms(secret)]);
  const minimal = JSON.stringify(secret).slice(1, -1);
  for (const json of [
    minimal,
    unicodeEscaped(secret, (code) => !isAlphanumeric(code), false),
    unicodeEscaped(secret, (code) => !isAlphanumeric(code), true),
    unicodeEscaped(minimal, (code) => code > 0x7e || dotNetEscaped.has(code), false),
    unicodeEscaped(minimal, (code) => code > 0x7e || dotNetEscaped.has(code), true),
  ]) {
    forms.add(json).add(json.replaceAll("/", "\\/"));
  }
  forms.delete("");
  return [...forms].sort((a, b) => b.length - a.length);
}

/**
 * The shortest secret searched for by value. A real token is a JWT of a thousand characters and a
 * password has at least 8 (the spec's minLength); a shorter "secret" — a one-character test token —
 * would match inside ordinary words and garble every error body it scrubs.
 */
export const minSecretLength = 8;

/** A function replacing every form of each secret (of at least minSecretLength characters) in a text; the forms are worked out once. */
export function scrubber(secrets: readonly string[]): (text: string) => string {
  const forms = secrets.flatMap((secret) => (secret.length < minSecretLength ? [] : secretForms(secret))).sort((a, b) => b.length - a.length);
  return (text) => {
    for (const form of forms) text = text.replaceAll(form, redacted);
    return text;
  };
}

/** `text` with every form of each secret replaced. */
export function scrub(text: string, secrets: readonly string[]): string {
  return scrubber(secrets)(text);
}

/** A deep copy of a parsed body with every form of each secret replaced in every string and key. */
export function scrubValues(value: unknown, secrets: readonly string[]): unknown {
  const replace = scrubber(secrets);
  const copy = (inner: unknown): unknown => {
    if (typeof inner === "string") return replace(inner);
    if (Array.isArray(inner)) return inner.map(copy);
    if (inner === null || typeof inner !== "object") return inner;
    return Object.fromEntries(Object.entries(inner).map(([key, child]) => [replace(key), copy(child)]));
  };
  return copy(value);
}

/**
 * Removes every writeOnly field (any depth) from a parsed response body, in place; true when it
 * removed one. Partner Center's own reset-password example echoes the new password, which the spec
 * says is never returned: a caller printing the result must not print it.
 */
export function dropWriteOnly(value: unknown): boolean {
  if (value === null || typeof value !== "object") return false;
  // The parsed keys, not the text: a server may write a key escaped (`"pass\u0077ordProfile"`).
  // for…in over own keys allocates nothing: this walks every success body.
  let dropped = false;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (isSecretKey(key)) {
      delete (value as Record<string, unknown>)[key];
      dropped = true;
    } else if (dropWriteOnly((value as Record<string, unknown>)[key])) dropped = true;
  }
  return dropped;
}
