// Keeping secrets out of logs and errors. Allow-lists, not block-lists: a header or field this file
// does not know is hidden, so a new secret cannot slip through. No regular expressions, so nothing
// here can be made slow by a crafted input.

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

function isPasswordKey(key: string): boolean {
  return key.toLowerCase() === "password";
}

/** A deep copy of a JSON value fit for a log: every property named `password` (any case, any depth) redacted. */
export function redactBody(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactBody);
  if (value === null || typeof value !== "object") return value;
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) copy[key] = isPasswordKey(key) ? redacted : redactBody(child);
  return copy;
}

/** A buffered request body fit for a log: JSON with passwords redacted; a body that is not JSON is hidden whole. */
export function redactBodyText(body: string | ArrayBuffer | undefined): unknown {
  if (body === undefined) return undefined;
  try {
    return redactBody(JSON.parse(typeof body === "string" ? body : new TextDecoder().decode(body)));
  } catch {
    return redacted;
  }
}

/** The passwords a JSON request body carries (any property named `password`), to scrub them from what comes back. */
export function passwordsIn(body: string | ArrayBuffer | undefined): string[] {
  const found: string[] = [];
  if (body === undefined) return found;
  try {
    // The reviver sees every property at every depth, once the whole text has parsed.
    JSON.parse(typeof body === "string" ? body : new TextDecoder().decode(body), (key, value: unknown) => {
      if (isPasswordKey(key) && typeof value === "string" && value !== "") found.push(value);
      return value;
    });
  } catch {
    // Not JSON: no passwords to find.
  }
  return found;
}

/** `text` with every occurrence of each secret replaced, raw and as it appears inside a JSON string. */
export function scrub(text: string, secrets: readonly string[]): string {
  for (const secret of secrets) {
    if (secret === "") continue;
    text = text.replaceAll(secret, redacted).replaceAll(JSON.stringify(secret).slice(1, -1), redacted);
  }
  return text;
}
