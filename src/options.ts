import { defaultBaseUrl, localePattern } from "../generated/spec-rules.js";
import { argumentError } from "./errors/argument-error.js";
import type { Credential } from "./credential.js";
import { requireGuid } from "./ids.js";
import type { PartnerCenterLog } from "./log.js";
import { checkMiddleware, type PartnerCenterMiddleware } from "./middleware.js";
import { defaultRetryPolicy, defaultTimeoutMs, type RetryOptions, type RetryPolicy } from "./retry/policy.js";
import type { FetchFunction } from "./transport/plain-fetch.js";

export interface PartnerCenterClientOptions {
  /** A token string, a function returning one (sync or async), or a TokenCredential. Asked for a token on every attempt. */
  readonly credential: Credential;
  /** Default `https://api.partnercenter.microsoft.com`. Must be https; http only for loopback (mocks, tests). */
  readonly baseUrl?: string | undefined;
  /** The fetch to call, always as `fetch(url, init)`. Default: the global fetch. */
  readonly fetch?: FetchFunction | undefined;
  /** `false` for a single attempt, or the retry settings (see RetryOptions for the defaults). */
  readonly retry?: false | RetryOptions | undefined;
  /** Per attempt, in ms; `Infinity` for none. Default 30 000. */
  readonly timeoutMs?: number | undefined;
  /**
   * Default `true`: the client's calls share what the server said about its load — a 429 pauses
   * every call for the same customer until its Retry-After, and an adaptive rate per customer
   * (none until the first 429) keeps further ones rare. `false`: each call backs off on its own.
   */
  readonly throttle?: boolean | undefined;
  /** A GUID sent as MS-CorrelationId on every call. Default: a fresh one per call. */
  readonly correlationId?: string | undefined;
  /** Sent as X-Locale, e.g. `en-US`. */
  readonly locale?: string | undefined;
  /** Sent as MS-PartnerCenter-Application. */
  readonly applicationName?: string | undefined;
  /** Called for every attempt, answer and retry, with headers and bodies already redacted. */
  readonly log?: PartnerCenterLog | undefined;
  /**
   * What a success answer off the spec (a page item that is not a user, a field of the wrong type)
   * does. Default `"throw"`: the call rejects with a PartnerCenterInvalidResponseError naming the
   * field, and the answer is never returned as data. `"warn"`: it is logged (`log`, type
   * `invalid-response`) and returned, for callers who must tolerate a server that drifts.
   */
  readonly onInvalidResponse?: "throw" | "warn" | undefined;
  /**
   * The largest answer read, in bytes (default 4 MiB): a larger one is cut off as it streams in —
   * the connection aborted — and the call rejects with a PartnerCenterInvalidResponseError.
   */
  readonly maxResponseBytes?: number | undefined;
  /**
   * The client's one extension point: each middleware sees every call, whichever way it was made
   * (get, patch, each page of a listing, `api`), once per call, and its answer (src/middleware.ts).
   * The first is the outermost.
   */
  readonly middleware?: readonly PartnerCenterMiddleware[] | undefined;
}

/** Options of one call (get, patch). */
export interface CallOptions {
  /** Cancels the call, retries and backoff included. */
  readonly signal?: AbortSignal | undefined;
  /** A GUID sent as MS-RequestId on every attempt. Default: a fresh one per call. */
  readonly requestId?: string | undefined;
  /** A GUID sent as MS-CorrelationId. Default: the client's, or a fresh one per call. */
  readonly correlationId?: string | undefined;
}

/** The options of `patch()`; the same as any call's. */
export type PatchOptions = CallOptions;

/** Options of a listing. Each page is a call of its own, with its own MS-RequestId. */
export interface ListOptions extends PagedListOptions {
  /** The soft-deleted users (within 30 days of deletion) instead of the active ones. */
  readonly deleted?: boolean | undefined;
}

/** Options of any paged listing (users, a role's members). */
export interface PagedListOptions {
  /** Items per page (the spec's `size`); default: the server's. */
  readonly pageSize?: number | undefined;
  /** Cancels the listing, whatever page it is on. */
  readonly signal?: AbortSignal | undefined;
  /** A GUID sent as MS-CorrelationId on every page. Default: the client's, or one fresh one for the listing. */
  readonly correlationId?: string | undefined;
  /**
   * Resume a listing from a continuation token instead of its first page: the `continuationToken`
   * of the PartnerCenterError a listing failed with (or of a page already read). Same
   * `deleted` and `pageSize` as the listing it continues.
   */
  readonly from?: string | undefined;
  /** The most pages one listing may take before it stops with a PartnerCenterInvalidResponseError (a runaway server). Default 10 000. */
  readonly maxPages?: number | undefined;
}

export { defaultBaseUrl };

const maxTimerMs = 2 ** 31 - 1; // setTimeout's limit; longer timers fire at once

function fail(argument: string, message: string): never {
  throw argumentError(argument, message);
}

function wholeNumber(value: unknown, argument: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > max) fail(argument, `must be a whole number from 0 to ${max}`);
  return value;
}

// The largest value of each retry setting: 20 retries; delays up to setTimeout's limit.
const retryLimits: RetryPolicy = { maxRetries: 20, baseDelayMs: maxTimerMs, maxDelayMs: maxTimerMs, maxRetryAfterMs: maxTimerMs };

function retryPolicy(retry: PartnerCenterClientOptions["retry"]): RetryPolicy {
  if (retry === false) return { ...defaultRetryPolicy, maxRetries: 0 };
  if (retry === undefined) return defaultRetryPolicy;
  if (typeof retry !== "object" || retry === null) fail("retry", "must be false or an object");
  const policy = { ...defaultRetryPolicy };
  for (const key of Object.keys(policy) as (keyof RetryPolicy)[]) {
    policy[key] = wholeNumber(retry[key], `retry.${key}`, defaultRetryPolicy[key], retryLimits[key]);
  }
  return policy;
}

function timeout(value: unknown): number {
  if (value === undefined) return defaultTimeoutMs;
  if (value === Infinity) return value;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > maxTimerMs) {
    fail("timeoutMs", `must be a whole number of ms from 1 to ${maxTimerMs}, or Infinity`);
  }
  return value;
}

function responseLimit(value: unknown): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) fail("maxResponseBytes", "must be a whole number of bytes, at least 1");
  return value;
}

// localhost, [::1] or any 127.x.y.z address.
const loopbackHost = /^(?:localhost|\[::1\]|127(?:\.\d{1,3}){3})$/;

/**
 * The base URL without a trailing slash. https only — the token and passwords travel in it — except
 * plain http to a loopback host, for mocks and tests. The URL is never quoted in an error: it might
 * carry credentials.
 */
export function checkBaseUrl(value: unknown): string {
  if (typeof value !== "string") fail("baseUrl", "must be a string");
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail("baseUrl", "must be an absolute URL");
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopbackHost.test(url.hostname))) fail("baseUrl", "must use https (plain http only to localhost, 127.0.0.1 or [::1])");
  if (url.username !== "" || url.password !== "") fail("baseUrl", "must not contain a user name or password");
  if (url.search !== "" || url.hash !== "") fail("baseUrl", "must not have a query or a fragment");
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

// Header values go on the wire as they are: no line breaks or other control characters; and where
// the spec gives the header a pattern, what the server would refuse is refused here first.
function headerValue(value: unknown, argument: string, pattern?: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !/^[\x20-\x7e]+$/.test(value)) fail(argument, "must be a non-empty string of printable ASCII");
  if (pattern !== undefined && !new RegExp(pattern, "u").test(value)) fail(argument, `must match ${pattern}`);
  return value;
}

export interface ResolvedOptions {
  readonly credential: Credential;
  readonly baseUrl: string;
  readonly fetch: FetchFunction;
  readonly retry: RetryPolicy;
  readonly timeoutMs: number;
  readonly throttle: boolean;
  readonly correlationId: string | undefined;
  readonly locale: string | undefined;
  readonly applicationName: string | undefined;
  readonly log: PartnerCenterLog | undefined;
  readonly onInvalidResponse: "throw" | "warn";
  readonly maxResponseBytes: number;
  readonly middleware: readonly PartnerCenterMiddleware[];
}

/** 4 MiB: about 7,000 users on one page (a user is about 600 bytes); the spec's examples ask for at most 500. */
export const defaultMaxResponseBytes = 4 * 1024 * 1024;

/** The options checked and completed with defaults; a bad one throws a PartnerCenterArgumentError naming it. */
export function resolveOptions(options: PartnerCenterClientOptions): ResolvedOptions {
  if (typeof options !== "object" || options === null) fail("options", "must be an object with at least a credential");
  if (options.fetch !== undefined && typeof options.fetch !== "function") fail("fetch", "must be a function");
  if (options.log !== undefined && typeof options.log !== "function") fail("log", "must be a function");
  if (options.throttle !== undefined && typeof options.throttle !== "boolean") fail("throttle", "must be true or false");
  if (options.onInvalidResponse !== undefined && options.onInvalidResponse !== "throw" && options.onInvalidResponse !== "warn") fail("onInvalidResponse", 'must be "throw" or "warn"');
  return {
    credential: options.credential,
    baseUrl: checkBaseUrl(options.baseUrl ?? defaultBaseUrl),
    fetch: options.fetch ?? globalThis.fetch,
    retry: retryPolicy(options.retry),
    timeoutMs: timeout(options.timeoutMs),
    throttle: options.throttle ?? true,
    correlationId: options.correlationId === undefined ? undefined : requireGuid(options.correlationId, "correlationId"),
    locale: headerValue(options.locale, "locale", localePattern),
    applicationName: headerValue(options.applicationName, "applicationName"),
    log: options.log,
    onInvalidResponse: options.onInvalidResponse ?? "throw",
    maxResponseBytes: options.maxResponseBytes === undefined ? defaultMaxResponseBytes : responseLimit(options.maxResponseBytes),
    middleware: checkMiddleware(options.middleware),
  };
}
