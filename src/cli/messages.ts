// What the library reports, as lines for the person running the program: a failure (one line, with
// what to do about a refusal: auth/hints.ts) and, with --verbose, each log entry. The Terminal
// scrubs and escapes every line it prints; these only word them.
import { PartnerCenterCredentialError, PartnerCenterError, type PartnerCenterLogEntry } from "../index.js";
import { redacted } from "../redact.js";
import { withoutRequestId } from "../errors/partner-center-error.js";
import { partnerCenterHint } from "./auth/hints.js";
import { UsageError } from "./run-end.js";

/** What the operating system's error codes mean, in words a person acts on (never the bare code). */
const fileProblems: Readonly<Record<string, string>> = {
  ENOENT: "no such file or folder (check the name and the folder it is in)",
  EACCES: "permission denied (check who owns it and its permissions)",
  EPERM: "not permitted (check who owns it and its permissions)",
  EISDIR: "it is a folder, not a file",
  ENOTDIR: "a part of the path is a file, not a folder",
  ENOSPC: "the disk is full (free some space)",
  EDQUOT: "the disk quota is used up (free some space)",
  EFBIG: "the file has reached the size limit set for it (ulimit -f, or the file system's)",
  EROFS: "the file system is read-only",
  EEXIST: "something is in the way there already",
  EMFILE: "too many files are open",
  EBUSY: "it is in use",
  EPIPE: "whatever was reading it has closed (as `| head` does)",
};

/** A file that could not be read or written, in words: `no such file or folder (…)`. */
export function fileProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === "string" && Object.hasOwn(fileProblems, code)) return fileProblems[code]!;
  return typeof code === "string" ? `the system refused (${code})` : error instanceof Error ? error.message : String(error);
}

/** A failed update, for stderr and as the bulk report's `error`: what Microsoft support asks for. */
export interface ErrorSummary {
  readonly status?: number;
  readonly code?: string | number;
  readonly description: string;
  readonly requestId?: string;
  readonly correlationId?: string;
  /** The error's class, when it says more than the status (a timeout, a network failure). */
  readonly kind?: string;
  /** What the answer's `data` says beside its description (`userPrincipalName is taken`). */
  readonly details?: string;
}

/** An error's summary with its answer's `data` strings, the detail a bare "The request input is invalid." lacks (kept short): create-many's failed rows. */
export function summarizeWithDetails(error: unknown): ErrorSummary {
  const data = error instanceof PartnerCenterError ? error.data : undefined;
  const said = (data ?? []).filter((item): item is string => typeof item === "string" && item.trim() !== "");
  return { ...summarizeError(error), ...(said.length > 0 && { details: said.join("; ").replace(/\s+/g, " ").slice(0, 300) }) };
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
  // A system error (a file that cannot be written): in words, never `ENOENT: …`.
  const { code, path } = (error ?? {}) as Partial<NodeJS.ErrnoException>;
  if (typeof code === "string" && /^E[A-Z]+$/.test(code)) return { description: `${typeof path === "string" ? `${path}: ` : ""}${fileProblem(error)}` };
  return { description: error instanceof Error ? error.message : String(error) };
}

/** An error's class (the report's `kind`), in the words the error line uses; a class name is no help to a person. */
const kindWords: Readonly<Record<string, string>> = {
  PartnerCenterTimeoutError: "timed out",
  PartnerCenterNetworkError: "network failure",
  PartnerCenterAbortError: "cancelled",
  PartnerCenterCredentialError: "sign-in failed",
  PartnerCenterInvalidResponseError: "answer off the spec",
  PartnerCenterArgumentError: "invalid input",
};

/**
 * e.g. `404, code 60002: User object ID not found. (request id 1b…, correlation id 8a…)`; a 401 or
 * 403 ends with what to do (auth/hints.ts): `… — sign in with multi-factor authentication — …`.
 */
export function errorLine(summary: ErrorSummary, operationId?: string): string {
  const kind = summary.kind === undefined ? undefined : kindWords[summary.kind];
  const head = [summary.status, kind].filter((part) => part !== undefined).join(" ");
  const code = summary.code === undefined ? "" : `code ${summary.code}`;
  const prefix = [head, code].filter(Boolean).join(", ");
  const ids = [
    summary.requestId && `request id ${summary.requestId}`,
    summary.correlationId && `correlation id ${summary.correlationId}`,
  ].filter(Boolean);
  const described = summary.description.replace(/\s+/g, " ").trim();
  const oneLine = summary.details === undefined ? described : `${described.replace(/\.$/, "")}: ${summary.details}`;
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
