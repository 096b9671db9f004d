// The request headers, written once for both paths (patch() and the openapi-fetch `api`).
// Names are lower case: fetch compares them case-insensitively, and plain records need one spelling.
import type { CallIds } from "./ids.js";

export const requestIdHeader = "ms-requestid";
export const correlationIdHeader = "ms-correlationid";

export interface FixedHeaderOptions {
  readonly locale?: string | undefined;
  readonly applicationName?: string | undefined;
}

/** The headers that are the same on every call of one client. */
export function fixedHeaders({ locale, applicationName }: FixedHeaderOptions): Record<string, string> {
  const headers: Record<string, string> = { accept: "application/json", "content-type": "application/json" };
  if (locale !== undefined) headers["x-locale"] = locale;
  if (applicationName !== undefined) headers["ms-partnercenter-application"] = applicationName;
  return headers;
}

/** The headers of one call: the fixed ones and its ids. The token is added per attempt, beneath the retries. */
export function callHeaders(fixed: Readonly<Record<string, string>>, ids: CallIds): Record<string, string> {
  return { ...fixed, [requestIdHeader]: ids.requestId, [correlationIdHeader]: ids.correlationId };
}
