/**
 * The request as the layers beneath patch() and `api` pass it on: a URL string and a plain init
 * whose headers are a record (lower-case names) and whose body is already buffered, so every
 * attempt can send it again.
 */
export interface PlainInit {
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | ArrayBuffer | undefined;
  readonly signal?: AbortSignal | undefined;
}

export type PlainFetch = (url: string, init: PlainInit) => Promise<Response>;

/** The fetch this client calls at the bottom: the global one or an injected one (tests, proxies). */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;
