// A customer's users, the fluent way: list (every page), get, patch, and a user found by sign-in
// name. Every call goes through the one pipeline (src/pipeline.ts); the shapes are the generated
// types, and the paging protocol and named filters come from the spec (generated/spec-rules.ts).
import type { components } from "../generated/partner-center-users.js";
import { argumentError } from "./errors/argument-error.js";
import { PartnerCenterError } from "./errors/partner-center-error.js";
import { PartnerCenterNotFoundError } from "./errors/http-errors.js";
import { principalNameKey } from "./ids.js";
import { correlationIdHeader, requestIdHeader } from "./headers.js";
import { operations } from "../generated/spec-rules.js";
import { operationRules, type ArgumentNames, type RequestParts } from "./operations.js";
import type { CallOptions, ListOptions } from "./options.js";
import { allPages, defaultMaxPages, listingLocation, pageItems, type PagingRules } from "./pager.js";
import { resultOf, type Pipeline } from "./pipeline.js";

export type CustomerUser = components["schemas"]["CustomerUser"];
export type CustomerUserPatch = components["schemas"]["CustomerUserPatch"];
export type CustomerUserPage = components["schemas"]["CustomerUserCollection"];

export interface CustomerUserOperations {
  /** GET the user. */
  get(options?: CallOptions): Promise<CustomerUser>;
  /** PATCH the given fields of the user; resolves to the whole updated user. */
  patch(body: CustomerUserPatch, options?: CallOptions): Promise<CustomerUser>;
}

/** Every user of a listing, page after page (`for await`); `byPage()` gives the pages themselves. */
export interface CustomerUserListing extends AsyncIterable<CustomerUser> {
  byPage(): AsyncIterable<CustomerUserPage>;
}

export interface CustomerUsersOperations {
  /** The customer's active users — or, with `deleted: true`, its soft-deleted ones — across every page. */
  list(options?: ListOptions): CustomerUserListing;
  byId(userId: string): CustomerUserOperations;
  /**
   * The user whose userPrincipalName is `upn` — compared as Entra ID compares sign-in names: ASCII
   * letters in any case, every other character exactly (a lookalike such as U+212A KELVIN SIGN never
   * matches "k") — found by scanning the listing once, on first use. No match, or more than one,
   * rejects rather than guess.
   */
  byPrincipalName(upn: string, options?: Pick<ListOptions, "deleted">): CustomerUserOperations;
}

// The fluent API's arguments, named as its callers wrote them.
const names: ArgumentNames = {
  "path:customer-tenant-id": "customerId",
  "path:user-id": "userId",
  "header:MS-RequestId": "requestId",
  "header:MS-CorrelationId": "correlationId",
  "query:size": "pageSize",
  "header:MS-ContinuationToken": "from",
  body: "patch",
};

const listing = operationRules.listCustomerUsers;
const paging: PagingRules = operations.listCustomerUsers.paging;
const deletedFilter = operations.listCustomerUsers.filters.deleted;

export function customerUsers(call: Pipeline, customerId: string, baseUrl: string): CustomerUsersOperations {
  const ids = (options: CallOptions) => ({ [requestIdHeader]: options.requestId, [correlationIdHeader]: options.correlationId });

  function user(userId: () => Promise<string> | string): CustomerUserOperations {
    return {
      async get(options = {}) {
        const parts = { path: { "customer-tenant-id": customerId, "user-id": await userId() }, headers: ids(options) };
        return resultOf(await call({ operation: operationRules.getCustomerUser, parts, names, signal: options.signal })) as CustomerUser;
      },
      async patch(body, options = {}) {
        const parts = { path: { "customer-tenant-id": customerId, "user-id": await userId() }, headers: ids(options), ...serialize(body) };
        return resultOf(await call({ operation: operationRules.updateCustomerUser, parts, names, signal: options.signal })) as CustomerUser;
      },
    };
  }

  function list(options: ListOptions = {}): CustomerUserListing {
    const query = new URLSearchParams();
    if (options.pageSize !== undefined) query.set(paging.pageSize, String(options.pageSize));
    if (options.deleted === true) query.set("filter", deletedFilter);
    const headers: Record<string, string | undefined> = { [correlationIdHeader]: options.correlationId };
    if (options.from !== undefined) {
      // Resuming: the page a failed listing's error named, asked for as any next page is.
      query.set(paging.seekOperation.parameter, paging.seekOperation.next);
      headers[paging.continuationTokenHeader.toLowerCase()] = options.from;
    }
    const first = { path: { "customer-tenant-id": customerId }, query, headers };
    const { maxPages = defaultMaxPages } = options;
    const pages = () => allPages(call, listing, paging, { baseUrl, first, maxPages, signal: options.signal, names }) as AsyncGenerator<CustomerUserPage>;
    return {
      byPage: pages,
      async *[Symbol.asyncIterator]() {
        for await (const page of pages()) yield* pageItems(page, paging) as CustomerUser[];
      },
    };
  }

  function byPrincipalName(upn: string, options: Pick<ListOptions, "deleted"> = {}): CustomerUserOperations {
    if (typeof upn !== "string" || upn === "") throw argumentError("upn", "must be a non-empty userPrincipalName");
    let found: Promise<string> | undefined;
    const resolve = async (): Promise<string> => {
      const wanted = principalNameKey(upn);
      const matches: CustomerUser[] = [];
      for await (const candidate of list(options)) {
        // Guarded: with onInvalidResponse "warn", an item may be anything.
        if (typeof (candidate as Partial<CustomerUser> | null)?.userPrincipalName === "string" && principalNameKey(candidate.userPrincipalName) === wanted) matches.push(candidate);
      }
      const among = options.deleted === true ? "deleted" : "active";
      const where = listingLocation(listing, { baseUrl, first: { path: { "customer-tenant-id": customerId }, headers: {} } });
      if (matches.length === 0) throw new PartnerCenterNotFoundError(`No ${among} user of customer ${customerId} has the userPrincipalName ${JSON.stringify(upn)}`, where);
      if (matches.length > 1) throw new PartnerCenterError(`${matches.length} ${among} users of customer ${customerId} have the userPrincipalName ${JSON.stringify(upn)}; refusing to guess`, where);
      return (matches[0] as CustomerUser).id;
    };
    // Resolved once, on first use; a failed resolution is tried afresh next time.
    return user(() => (found ??= resolve().catch((error: unknown) => ((found = undefined), Promise.reject(error)))));
  }

  return { list, byId: (userId) => user(() => userId), byPrincipalName };
}

// The changes JSON.stringify makes to a value on its way to text: a toJSON method applied, an
// undefined, function or symbol left out, a number that is not finite written as null, a boxed
// primitive unwrapped.
function changedByJson(this: unknown, key: string, value: unknown): boolean {
  const given = (this as Record<string, unknown>)[key];
  if (value !== given || value === undefined) return true;
  if (typeof value === "number") return !Number.isFinite(value);
  return typeof value === "function" || typeof value === "symbol" || value instanceof Number || value instanceof String || value instanceof Boolean;
}

/**
 * The body as it will be sent, and its value as the server will read it — the body itself when
 * JSON.stringify changes nothing in it (plain data: no need to parse the text back to check it),
 * else left for the check to parse. No body: neither.
 */
function serialize(body: unknown): Pick<RequestParts, "body" | "value"> {
  if (body === undefined) return {};
  let plain = true;
  let json: string | undefined;
  try {
    json = JSON.stringify(body, function (this: unknown, key: string, value: unknown) {
      if (plain && changedByJson.call(this, key, value)) plain = false;
      return value;
    });
  } catch {
    // a cycle or a BigInt
  }
  if (json === undefined) throw argumentError("patch", "cannot be written as JSON");
  return plain ? { body: json, value: body } : { body: json };
}
