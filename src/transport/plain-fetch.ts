import type { PartnerCenterResponse } from "../middleware.js";

/**
 * The request as the layers beneath the doors pass it on: a URL string and a plain init whose
 * headers are a record (lower-case names) and whose body is JSON text, so every attempt can send it again.
 */
export interface PlainInit {
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** A whole answer, read within the attempt's time: status, headers and body (secrets scrubbed from an error body). */
export interface Answer extends PartnerCenterResponse {
  /** A 2xx status. */
  readonly ok: boolean;
}

/** One attempt, or (wrapped in the retries) one call. */
export type Attempt = (url: string, init: PlainInit) => Promise<Answer>;

/** The fetch this client calls at the bottom: the global one or an injected one (tests, proxies). */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;
