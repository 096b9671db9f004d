import { guidPattern } from "../generated/spec-rules.js";
import { argumentError } from "./errors/argument-error.js";
import { quoteId } from "./validate.js";

const guid = new RegExp(guidPattern);

/** The ids of one logical call, sent on every attempt of it. */
export interface CallIds {
  readonly requestId: string;
  readonly correlationId: string;
}

/** Whether `value` is a GUID, by the spec's pattern (components.schemas.Guid). */
export function isGuid(value: unknown): boolean {
  return typeof value === "string" && guid.test(value);
}

/**
 * A GUID as Windows and PowerShell often write it, in braces (`{eebd1b55-…}`), without them: the
 * bare GUID is what is sent and what a journal keys a row by, so `{G}` and `G` are one user. Any
 * other value is returned as it is, for the GUID check to refuse.
 */
export function withoutBraces(value: string): string {
  const inner = value.length > 2 && value.startsWith("{") && value.endsWith("}") ? value.slice(1, -1) : value;
  return inner !== value && isGuid(inner) ? inner : value;
}

/** Returns `value` when it is a GUID; otherwise throws an error that names `argument`. */
export function requireGuid(value: unknown, argument: string): string {
  if (isGuid(value)) return value as string;
  throw argumentError(argument, `must be a GUID, not ${quoteId(value)}`);
}

/**
 * The ids of one logical call (already checked against the spec), made once before the first
 * attempt: the caller's or fresh ones. One MS-RequestId per logical call, reused by every attempt of
 * it — after a timeout, a network failure, a 429 or a 503 alike — and by any later resend of a call
 * whose outcome is unknown: it is Partner Center's idempotency key, so the server can recognise a
 * replay. A new call gets a new one.
 */
export function callIds(requestId: string | undefined, correlationId: string | undefined): CallIds {
  return { requestId: requestId ?? crypto.randomUUID(), correlationId: correlationId ?? crypto.randomUUID() };
}

/**
 * A sign-in name (UPN) as Microsoft Entra ID compares them: ASCII letters without regard to case,
 * every other character exactly — so two names are the same when their keys are equal. Not
 * toLowerCase(): Unicode case mapping turns U+212A KELVIN SIGN into "k" (and U+0130 into "i̇"),
 * so a lookalike name in a directory would match the real one asked for.
 */
export function principalNameKey(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => String.fromCharCode(letter.charCodeAt(0) + 32));
}
