// What the library reports, as lines for the person running the program: a failure (one line, with
// what to do about a refusal: auth/hints.ts) and, with --verbose, each log entry. The Terminal
// scrubs and escapes every line it prints; these only word them.
import { PartnerCenterCredentialError, PartnerCenterError, type PartnerCenterLogEntry } from "../index.js";
import { redacted } from "../redact.js";
import { withoutRequestId } from "../errors/partner-center-error.js";
import { partnerCenterHint } from "./auth/hints.js";
import { UsageError } from "./run-end.js";

/** A failed update, for stderr and as the bulk report's `error`: what Microsoft support asks for. */
export interface ErrorSummary {
  readonly status?: number;
  readonly code?: string | number;
  readonly description: string;
  readonly requestId?: string;
  readonly correlationId?: string;
  /** The error's class, when it says more than the status (a timeout, a network failure). */
  readonly kind?: string;
}

export function summarizeError(error: unknown): ErrorSummary {
  if (error instanceof PartnerCenterError) {
    // A sign-in that failed mid-run (auth/sign-in-error.ts, a UsageError) says what to do; the
    // client keeps it as the cause and does not quote it, so it is added here.
    const signIn = error instanceof PartnerCenterCredentialError && error.cause instanceof UsageError ? `: ${error.cause.message}` : "";
    return {
      ...(error.status !== undefined && { status: error.status }),
      ...(error.code !== undefined && { code: error.code }),
      // The line names the ids once, after the description (withoutRequestId: not the message's too).
      description: `${error.description ?? withoutRequestId(error)}${signIn}`,
      ...(error.requestId !== undefined && { requestId: error.requestId }),
      ...(error.correlationId !== undefined && { correlationId: error.correlationId }),
      // Without a status the class is what tells a timeout from a network failure.
      ...(error.status === undefined && { kind: error.name }),
    };
  }
  return { description: error instanceof Error ? error.message : String(error) };
}

/**
 * e.g. `404, code 60002: User object ID not found. (request id 1b…, correlation id 8a…)`; a 401 or
 * 403 ends with what to do (auth/hints.ts): `… — sign in with multi-factor authentication — …`.
 */
export function errorLine(summary: ErrorSummary, operationId?: string): string {
  const head = [summary.status, summary.kind].filter((part) => part !== undefined).join(" ");
  const code = summary.code === undefined ? "" : `code ${summary.code}`;
  const prefix = [head, code].filter(Boolean).join(", ");
  const ids = [
    summary.requestId && `request id ${summary.requestId}`,
    summary.correlationId && `correlation id ${summary.correlationId}`,
  ].filter(Boolean);
  const oneLine = summary.description.replace(/\s+/g, " ").trim();
  const hint = partnerCenterHint(summary.status, summary.code, operationId);
  return `${prefix ? `${prefix}: ` : ""}${oneLine}${ids.length ? ` (${ids.join(", ")})` : ""}${hint ? ` — ${hint}` : ""}`;
}

/** A failure as one line, its hint naming the roles of the very call that was refused. */
export function failureLine(error: unknown): string {
  return errorLine(summarizeError(error), error instanceof PartnerCenterError ? error.operationId : undefined);
}

/**
 * One stderr line per attempt, answer and retry, from the client's log hook, which hands over
 * headers and bodies already redacted (every password replaced, Authorization absent).
 */
export function formatLogEntry(entry: PartnerCenterLogEntry): string {
  switch (entry.type) {
    case "request": {
      // The client adds the token beneath its log; say that it is sent without showing it, with
      // the library's marker for a hidden value.
      const headers = { ...entry.headers, authorization: `Bearer ${redacted}` };
      const body = entry.body === undefined ? "" : ` ${JSON.stringify(entry.body)}`;
      return `→ #${entry.attempt} ${entry.method} ${entry.url} ${JSON.stringify(headers)}${body}`;
    }
    case "response":
      return `← #${entry.attempt} ${entry.status} ${JSON.stringify(entry.headers)}`;
    case "retry":
      return `↻ #${entry.attempt} ${entry.reason}: retrying in ${entry.delayMs} ms (request id ${entry.requestId ?? "none"})`;
    case "throttle":
      return `⏸ #${entry.attempt} throttled (${entry.reason === "paused" ? "a 429's Retry-After" : "rate"}${entry.customerId ? `, customer ${entry.customerId}` : ""}): waiting ${entry.delayMs} ms (request id ${entry.requestId ?? "none"})`;
    case "invalid-response":
      return `⚠ ${entry.status} answer off the spec, used anyway: ${entry.issues.map((issue) => `${issue.path} ${issue.message}`).join("; ")} (request id ${entry.requestId ?? "none"})`;
  }
}
