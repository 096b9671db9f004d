// The request headers, written once for both doors (the fluent API and the openapi-fetch `api`).
// Names are lower case: fetch compares them case-insensitively, and plain records need one spelling.

export const requestIdHeader = "ms-requestid";
export const correlationIdHeader = "ms-correlationid";

export interface FixedHeaderOptions {
  readonly locale?: string | undefined;
  readonly applicationName?: string | undefined;
}

/** The headers that are the same on every call of one client (Content-Type goes with a body). */
export function fixedHeaders({ locale, applicationName }: FixedHeaderOptions): Record<string, string> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (locale !== undefined) headers["x-locale"] = locale;
  if (applicationName !== undefined) headers["ms-partnercenter-application"] = applicationName;
  return headers;
}
