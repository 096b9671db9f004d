// Following the pages of a listing, as the spec's `x-paging` describes the protocol (read from
// generated/spec-rules.ts, so a change to the protocol is a change to the spec): each page is a
// call through the one pipeline (same checks, retries, timeouts and errors — a transient 503 on
// page 2 is retried, never a silent end), and the next page comes from `links.next` or, without
// one, from the continuation token.
//
// A page is an answer like any other: untrusted. Its next link is followed only as far as the spec
// allows — the same API, operation and customer, only the query parameters and headers x-paging
// lists — a page asked for twice is a loop, and a listing ends after `maxPages` pages at most.
import { PartnerCenterArgumentError, argumentError } from "./errors/argument-error.js";
import { PartnerCenterInvalidResponseError } from "./errors/invalid-response-error.js";
import { located, PartnerCenterError, type ErrorLocation } from "./errors/partner-center-error.js";
import { correlationIdHeader } from "./headers.js";
import { fillPath, findOperation, type ArgumentNames, type OperationRules, type RequestParts } from "./operations.js";
import type { PagedListOptions } from "./options.js";
import { resultOf, type Pipeline } from "./pipeline.js";

/** The paging protocol of an operation (the spec's `x-paging`); pointers are JSON pointers into a page. */
export interface PagingRules {
  readonly items: string;
  readonly nextLink: string;
  readonly continuationToken: string;
  readonly continuationTokenHeader: string;
  readonly seekOperation: { readonly parameter: string; readonly next: string };
  readonly pageSize: string;
  /** Put in front of a next link's path that lacks it (links may come with or without `/v1`). */
  readonly addPathPrefix: string;
  /** The query parameters a next link may set; the rest of the query stays the first request's. */
  readonly nextLinkQuery: readonly string[];
  /** The headers a next link may set; any other is not sent. */
  readonly nextLinkHeaders: readonly string[];
}

/** Where a listing starts and how far it may go. */
export interface Listing {
  /** The API's base URL: an absolute next link must be under it. */
  readonly baseUrl: string;
  /** The first request: the caller's filter and page size, and `from`'s token when resuming. */
  readonly first: RequestParts;
  readonly maxPages: number;
  readonly signal: AbortSignal | undefined;
  readonly names?: ArgumentNames | undefined;
}

/** 10 000 pages: a million users at the server's default 100 a page. */
export const defaultMaxPages = 10_000;

interface Link {
  readonly uri?: unknown;
  readonly headers?: unknown;
}

function at(page: object, pointer: string): unknown {
  return pointer
    .split("/")
    .slice(1)
    .reduce<unknown>((node, key) => (node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), page);
}

/** The items of a page, as the spec's paging rules locate them. */
export function pageItems(page: object, paging: PagingRules): unknown[] {
  const items = at(page, paging.items);
  if (!Array.isArray(items)) throw new PartnerCenterInvalidResponseError(`A page of the listing has no ${paging.items} array`);
  return items;
}

function invalidLink(why: string): PartnerCenterInvalidResponseError {
  return new PartnerCenterInvalidResponseError(`The listing's next page link ${why}; not followed`);
}

// A header value goes on the wire as it is: printable ASCII only (no line break can add a header).
const headerText = /^[\x20-\x7e]{1,8192}$/;

/** The path (below the base URL) and query of a next link, which must stay on the API. */
function linkTarget(uri: string, baseUrl: string): { path: string; query: URLSearchParams } {
  const relative = "https://relative.invalid";
  let url: URL;
  try {
    url = new URL(uri, `${relative}/`);
  } catch {
    throw invalidLink("is not a URL");
  }
  // A path (`/customers/…`) resolves on the placeholder origin; `//host/…` or `/\host` would not.
  if (uri.startsWith("/") && url.origin === relative) return { path: url.pathname, query: url.searchParams };
  const base = new URL(baseUrl);
  if (url.origin === base.origin && url.pathname.startsWith(`${base.pathname.replace(/\/$/, "")}/`)) {
    return { path: url.pathname.slice(base.pathname.replace(/\/$/, "").length), query: url.searchParams };
  }
  throw invalidLink(`leads away from the API (${url.origin === relative ? "not a path" : `origin ${url.origin}`})`);
}

/**
 * The request for the page after `page`, or undefined when `page` is the last. Every page of one
 * listing carries the first page's `correlationId` (one logical operation), its `filter` and page
 * size unless the link sets what x-paging lets it, and a continuation token — the link's header, or
 * else the page's own `continuationToken`.
 */
export function nextPageParts(operation: OperationRules, paging: PagingRules, page: object, listing: Pick<Listing, "baseUrl" | "first">, correlationId: string): RequestParts | undefined {
  const { first } = listing;
  const link = at(page, paging.nextLink) as Link | undefined | null;
  const pageToken = at(page, paging.continuationToken);
  const tokenHeader = paging.continuationTokenHeader.toLowerCase();
  const headers: Record<string, string | undefined> = { [correlationIdHeader]: correlationId };
  const query = new URLSearchParams(first.query);
  query.set(paging.seekOperation.parameter, paging.seekOperation.next);
  if (link === undefined || link === null) {
    if (typeof pageToken !== "string" || pageToken === "") return undefined;
    if (!headerText.test(pageToken)) throw invalidLink("has a continuation token that cannot be sent as a header");
    return { path: first.path, query, headers: { ...headers, [tokenHeader]: pageToken } };
  }
  if (typeof link.uri !== "string" || link.uri === "") throw invalidLink("has no uri");
  const target = linkTarget(link.uri, listing.baseUrl);
  const path = target.path.startsWith(`${paging.addPathPrefix}/`) ? target.path : `${paging.addPathPrefix}${target.path}`;
  const found = findOperation("GET", path);
  if (found?.operation !== operation) throw invalidLink(`leads to another operation (${path})`);
  for (const [name, value] of Object.entries(found.path)) {
    if (value.toLowerCase() !== String(first.path[name]).toLowerCase()) throw invalidLink(`leads to another ${name} (${value})`);
  }
  for (const name of paging.nextLinkQuery) {
    const value = target.query.get(name);
    if (value !== null) query.set(name, value);
  }
  for (const header of Array.isArray(link.headers) ? (link.headers as unknown[]) : []) {
    const { key, value } = (header ?? {}) as { key?: unknown; value?: unknown };
    if (typeof key !== "string" || !paging.nextLinkHeaders.some((name) => name.toLowerCase() === key.toLowerCase())) continue;
    if (typeof value !== "string" || !headerText.test(value)) throw invalidLink(`has a ${key} header that cannot be sent`);
    headers[key.toLowerCase()] = value;
  }
  // A link without a token would ask for the first page again: the page's own token says where it is.
  if (headers[tokenHeader] === undefined && typeof pageToken === "string" && headerText.test(pageToken)) headers[tokenHeader] = pageToken;
  if (headers[tokenHeader] === undefined) throw invalidLink(`carries no continuation token (${paging.continuationTokenHeader})`);
  return { path: first.path, query, headers };
}

/**
 * A 53-bit fingerprint of `text` (two FNV-1a-style hashes): a listing remembers every page it asked
 * for by this, not by its token, so a server handing out a new long token per page cannot grow
 * memory with each page. A collision would stop a listing as a loop: it fails closed.
 */
function fingerprint(text: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0) * 2 ** 21 + ((b >>> 0) & 0x1fffff);
}

/** What makes two requests of one listing the same page: the query (in any order) and the token. */
function pageKey(parts: RequestParts, tokenHeader: string): number {
  const query = [...(parts.query ?? [])].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return fingerprint(JSON.stringify([query, parts.headers[tokenHeader] ?? null]));
}

/** `error`, marked with the token a listing can be resumed from (`list({ from })`). */
function resumable(error: unknown, token: string | undefined): unknown {
  if (error instanceof PartnerCenterError && token !== undefined && error.continuationToken === undefined) {
    (error as { continuationToken?: string }).continuationToken = token;
  }
  return error;
}

/** The call a listing's errors name: its operation, at its first page's URL (without the query). */
export function listingLocation(operation: OperationRules, listing: Pick<Listing, "baseUrl" | "first">): ErrorLocation {
  return { operationId: operation.operationId, method: operation.method, url: `${listing.baseUrl}${fillPath(operation, listing.first.path)}` };
}

/**
 * Every page of a listing, first to last; each is fetched only when the one before has been
 * consumed. Every error names the listing (listingLocation) unless the page's call named its own.
 */
export async function* allPages(call: Pipeline, operation: OperationRules, paging: PagingRules, listing: Listing): AsyncGenerator<object> {
  try {
    yield* pagesOf(call, operation, paging, listing);
  } catch (error) {
    throw located(error, listingLocation(operation, listing));
  }
}

async function* pagesOf(call: Pipeline, operation: OperationRules, paging: PagingRules, listing: Listing): AsyncGenerator<object> {
  const { first, signal, names, maxPages } = listing;
  if (!Number.isSafeInteger(maxPages) || maxPages < 1) throw argumentError("maxPages", "must be a whole number, at least 1");
  const tokenHeader = paging.continuationTokenHeader.toLowerCase();
  // Every page asked for so far, by token and by request, with its number: a loop is named by them.
  const tokens = new Map<number, number>();
  const requests = new Map<number, number>();
  let parts: RequestParts | undefined = first;
  for (let number = 1; parts !== undefined; number++) {
    const token = parts.headers[tokenHeader];
    const tokenKey = token === undefined ? undefined : fingerprint(token);
    const earlier = (tokenKey === undefined ? undefined : tokens.get(tokenKey)) ?? requests.get(pageKey(parts, tokenHeader));
    if (earlier !== undefined) {
      throw new PartnerCenterInvalidResponseError(`The listing loops: page ${number - 1}'s next page is page ${earlier} again (the same ${tokenKey !== undefined && tokens.has(tokenKey) ? "continuation token" : "request"}); stopped rather than loop`);
    }
    if (number > maxPages) throw resumable(new PartnerCenterInvalidResponseError(`The listing did not end within ${maxPages} pages (maxPages); stopped rather than risk a loop`), token);
    if (tokenKey !== undefined) tokens.set(tokenKey, number);
    requests.set(pageKey(parts, tokenHeader), number);

    let page: object;
    let correlationId: string;
    try {
      const exchange = await call({ operation, parts, signal, names });
      correlationId = exchange.correlationId;
      page = resultOf(exchange);
      pageItems(page, paging); // a page without its items is a broken answer, not an empty listing
    } catch (error) {
      // After the first page the request is the server's (its link), not the caller's argument.
      if (error instanceof PartnerCenterArgumentError && number > 1) throw resumable(invalidLink(`is off the spec: ${error.message}`), token);
      throw resumable(error, token);
    }
    yield page;
    try {
      parts = nextPageParts(operation, paging, page, listing, correlationId);
    } catch (error) {
      // Resumable past a bad link from the page's own token, which needs no link.
      const pageToken = at(page, paging.continuationToken);
      throw resumable(error, typeof pageToken === "string" && pageToken !== "" ? pageToken : undefined);
    }
  }
}

/** Every item of a listing (`for await`); `byPage()` gives the pages themselves. */
export interface PagedListing<Item, Page> extends AsyncIterable<Item> {
  byPage(): AsyncIterable<Page>;
}

/**
 * A listing of an operation the spec pages (`x-paging`): the first request with the caller's page
 * size — or, resuming `from` a token, asked for as any next page is — then page after page.
 */
export function pagedListing<Item, Page>(
  call: Pipeline,
  operation: OperationRules,
  paging: PagingRules,
  start: { readonly baseUrl: string; readonly path: Readonly<Record<string, unknown>>; readonly query?: URLSearchParams; readonly names: ArgumentNames },
  options: PagedListOptions,
): PagedListing<Item, Page> {
  const query = new URLSearchParams();
  if (options.pageSize !== undefined) query.set(paging.pageSize, String(options.pageSize));
  for (const [name, value] of start.query ?? []) query.append(name, value);
  const headers: Record<string, string | undefined> = { [correlationIdHeader]: options.correlationId };
  if (options.from !== undefined) {
    query.set(paging.seekOperation.parameter, paging.seekOperation.next);
    headers[paging.continuationTokenHeader.toLowerCase()] = options.from;
  }
  const first = { path: start.path, query, headers };
  const { maxPages = defaultMaxPages } = options;
  async function* pages(): AsyncGenerator<Page> {
    yield* allPages(call, operation, paging, { baseUrl: start.baseUrl, first, maxPages, signal: options.signal, names: start.names }) as AsyncGenerator<Page>;
  }
  return {
    byPage: pages,
    async *[Symbol.asyncIterator]() {
      for await (const page of pages()) yield* pageItems(page as object, paging) as Item[];
    },
  };
}
