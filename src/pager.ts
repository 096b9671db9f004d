// Following the pages of a listing, as the spec's `x-paging` describes the protocol (read from
// generated/spec-rules.ts, so a change to the protocol is a change to the spec): each page is a
// call through the one pipeline (same checks, retries, timeouts and errors — a transient 503 on
// page 2 is retried, never a silent end), and the next page comes from `links.next` or, without
// one, from the continuation token.
import { PartnerCenterInvalidResponseError } from "./errors/invalid-response-error.js";
import { correlationIdHeader } from "./headers.js";
import { findOperation, type ArgumentNames, type OperationRules, type RequestParts } from "./operations.js";
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
}

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
  return new PartnerCenterInvalidResponseError(`The listing's next page link ${why}`);
}

/**
 * The request for the page after `page`, or undefined when `page` is the last. Every page of one
 * listing carries the first page's `correlationId`: they are one logical operation.
 */
export function nextPageParts(operation: OperationRules, paging: PagingRules, page: object, previous: RequestParts, correlationId: string): RequestParts | undefined {
  const link = at(page, paging.nextLink) as Link | undefined;
  const token = at(page, paging.continuationToken);
  const kept = { [correlationIdHeader]: correlationId };
  if (link !== undefined && link !== null) {
    if (typeof link.uri !== "string" || link.uri === "") throw invalidLink("has no uri");
    const url = new URL(link.uri, "https://link.invalid");
    const path = url.pathname.startsWith(`${paging.addPathPrefix}/`) ? url.pathname : `${paging.addPathPrefix}${url.pathname}`;
    const found = findOperation("GET", path);
    if (found?.operation !== operation) throw invalidLink(`leads to another operation (${path})`);
    const headers: Record<string, string | undefined> = { ...kept };
    for (const header of Array.isArray(link.headers) ? (link.headers as unknown[]) : []) {
      const { key, value } = (header ?? {}) as { key?: unknown; value?: unknown };
      if (typeof key === "string" && typeof value === "string") headers[key.toLowerCase()] = value;
    }
    return { path: found.path, query: url.searchParams, headers };
  }
  if (typeof token !== "string" || token === "") return undefined;
  const query = new URLSearchParams(previous.query);
  query.set(paging.seekOperation.parameter, paging.seekOperation.next);
  return { path: previous.path, query, headers: { ...kept, [paging.continuationTokenHeader.toLowerCase()]: token } };
}

/** Every page of a listing, first to last; each is fetched only when the one before has been consumed. */
export async function* allPages(
  call: Pipeline,
  operation: OperationRules,
  paging: PagingRules,
  first: RequestParts,
  signal: AbortSignal | undefined,
  names?: ArgumentNames,
): AsyncGenerator<object> {
  const seenTokens = new Set<string>();
  for (let parts: RequestParts | undefined = first; parts !== undefined; ) {
    const exchange = await call({ operation, parts, signal, names });
    const page = resultOf(exchange);
    pageItems(page, paging); // a page without its items is a broken answer, not an empty listing
    yield page;
    parts = nextPageParts(operation, paging, page, parts, exchange.correlationId);
    // A server handing back a token it already gave would have us loop for ever.
    const token = parts?.headers[paging.continuationTokenHeader.toLowerCase()];
    if (token !== undefined) {
      if (seenTokens.has(token)) throw new PartnerCenterInvalidResponseError("The listing gave the same continuation token twice; stopped rather than loop");
      seenTokens.add(token);
    }
  }
}
