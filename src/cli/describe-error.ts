// A failed update as one readable line for stderr and as the report's `error` object: the HTTP
// status, Partner Center's fault code and description, and the ids Microsoft support asks for.
import { PartnerCenterError } from "../index.js";

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
    return {
      ...(error.status !== undefined && { status: error.status }),
      ...(error.code !== undefined && { code: error.code }),
      description: error.description ?? error.message,
      ...(error.requestId !== undefined && { requestId: error.requestId }),
      ...(error.correlationId !== undefined && { correlationId: error.correlationId }),
      // Without a status the class is what tells a timeout from a network failure.
      ...(error.status === undefined && { kind: error.name }),
    };
  }
  return { description: error instanceof Error ? error.message : String(error) };
}

/** e.g. `404, code 60002: User object ID not found. (request id 1b…, correlation id 8a…)` */
export function errorLine(summary: ErrorSummary): string {
  const head = [summary.status, summary.kind].filter((part) => part !== undefined).join(" ");
  const code = summary.code === undefined ? "" : `code ${summary.code}`;
  const prefix = [head, code].filter(Boolean).join(", ");
  const ids = [
    summary.requestId && `request id ${summary.requestId}`,
    summary.correlationId && `correlation id ${summary.correlationId}`,
  ].filter(Boolean);
  const oneLine = summary.description.replace(/\s+/g, " ").trim();
  return `${prefix ? `${prefix}: ` : ""}${oneLine}${ids.length ? ` (${ids.join(", ")})` : ""}`;
}
