// --verbose: one stderr line per attempt, answer and retry, from the client's log hook, which
// hands over headers and bodies already redacted (every password replaced, Authorization absent).
import type { PartnerCenterLogEntry } from "../index.js";
import { redacted } from "./secrets.js";

export function formatLogEntry(entry: PartnerCenterLogEntry): string {
  switch (entry.type) {
    case "request": {
      // The client adds the token beneath its log; say that it is sent without showing it.
      const headers = { ...entry.headers, authorization: `Bearer ${redacted}` };
      const body = entry.body === undefined ? "" : ` ${JSON.stringify(entry.body)}`;
      return `→ #${entry.attempt} ${entry.method} ${entry.url} ${JSON.stringify(headers)}${body}`;
    }
    case "response":
      return `← #${entry.attempt} ${entry.status} ${JSON.stringify(entry.headers)}`;
    case "retry":
      return `↻ #${entry.attempt} ${entry.reason}: retrying in ${entry.delayMs} ms (request id ${entry.requestId ?? "none"})`;
  }
}
