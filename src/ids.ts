import { guidPattern } from "../generated/patch-rules.js";
import { argumentError } from "./errors/argument-error.js";

const guid = new RegExp(guidPattern);

/** The ids of one logical call, sent on every attempt of it. */
export interface CallIds {
  readonly requestId: string;
  readonly correlationId: string;
}

/** Returns `value` when it is a GUID; otherwise throws an error that names `argument`. */
export function requireGuid(value: unknown, argument: string): string {
  if (typeof value === "string" && guid.test(value)) return value;
  throw argumentError(argument, `must be a GUID, not ${quote(value)}`);
}

// Ids are not secrets, and the bad value is what a caller needs to find the faulty row; cut it short.
function quote(value: unknown): string {
  if (typeof value !== "string") return value === null ? "null" : typeof value;
  return JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value);
}

/**
 * The ids of one call, made once before the first attempt: the caller's (checked) or fresh ones.
 * A fresh MS-RequestId per call is the idempotency key Partner Center documents; reusing it on
 * every retry of the call lets the server recognise a replay.
 */
export function callIds(requestId: string | undefined, correlationId: string | undefined): CallIds {
  return {
    requestId: requestId === undefined ? crypto.randomUUID() : requireGuid(requestId, "requestId"),
    correlationId: correlationId === undefined ? crypto.randomUUID() : requireGuid(correlationId, "correlationId"),
  };
}
