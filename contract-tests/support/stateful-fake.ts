// A small stateful Partner Center for the workflows Prism cannot serve (it is stateless and never
// pages): users that page, next links with and without /v1, a final empty token, a transient
// failure on a later page, soft-deleted users and their restore. It cannot drift from the
// contract: every response it sends is first checked against the spec under test (the same
// conformance check as the mock's answers), and a departure is recorded for the test to fail on.
// The paging protocol it serves is the spec's own `x-paging`. Creating and deleting users, licences
// and directory roles are served by stateful-lifecycle.ts, with their invariants.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { OpenAPIV3 } from "openapi-types";
import type { Spec } from "../../scripts/lib/spec.ts";
import { responseViolations } from "./response-violations.ts";
import { lifecycleAnswer, type FakeRole, type FakeSku, type LifecycleState } from "./stateful-lifecycle.ts";

export interface FakeUser {
  id: string;
  userPrincipalName: string;
  displayName?: string;
  usageLocation?: string;
  state: "active" | "inactive";
  softDeletionTime?: string;
}

export interface FakeOptions {
  readonly pageSize: number;
  /** How the next page is announced: a link (its uri alternately with and without /v1), or the token alone. */
  readonly nextBy: "link" | "token";
  /** Answer 503 once to the first request for this page number (1-based). */
  readonly failOncePage?: number;
  /** The customer's subscribed SKUs and directory roles (none by default). */
  readonly skus?: readonly FakeSku[];
  readonly roles?: readonly FakeRole[];
  /** Licence assignments of a just-created user refused with "invalid usage location" before it is seen (default 0). */
  readonly usageLocationLag?: number;
}

interface Paging {
  readonly continuationTokenHeader: string;
  readonly seekOperation: { readonly parameter: string; readonly next: string };
  readonly pageSize: string;
}

export interface StatefulFake {
  readonly url: string;
  readonly users: Map<string, FakeUser>;
  /** Every request seen, as `METHOD path?query`. */
  readonly seen: string[];
  /** Every way a response it sent departed from the spec (must stay empty). */
  readonly violations: string[];
  /** Licences and role memberships, by user and by role. */
  readonly lifecycle: LifecycleState;
  softDelete(userId: string): void;
  close(): Promise<void>;
}

const idOf = (request: IncomingMessage, header: string) => {
  const sent = request.headers[header];
  return typeof sent === "string" && sent !== "" ? sent : randomUUID();
};
const fault = (status: number, code: number | string, description: string) => ({ status, body: { code, description, data: [], source: "PartnerFD" } });

export async function startStatefulFake(spec: Spec, customerId: string, initial: readonly FakeUser[], options: FakeOptions): Promise<StatefulFake> {
  const listing = spec.paths["/v1/customers/{customer-tenant-id}/users"]?.get as (OpenAPIV3.OperationObject & { "x-paging"?: Paging; "x-filters"?: Record<string, string> }) | undefined;
  const paging = listing?.["x-paging"];
  const deletedFilter = listing?.["x-filters"]?.["deleted"];
  if (!paging || deletedFilter === undefined) throw new Error("the spec's list operation has no x-paging or no deleted filter");
  const users = new Map(initial.map((user) => [user.id, { ...user }]));
  const seen: string[] = [];
  const violations: string[] = [];
  const failed = new Set<number>();
  const tokens = new Map<string, { deleted: boolean; page: number }>();
  const lifecycle: LifecycleState = { users, skus: options.skus ?? [], roles: options.roles ?? [], licenses: new Map(), members: new Map(), usageLocationLag: options.usageLocationLag ?? 0, usageLocationUnseen: new Map() };

  const shown = (user: FakeUser) => ({ ...user, attributes: { objectType: "CustomerUser" } });

  function page(deleted: boolean, number: number, filter: string | null): { status: number; body: unknown } {
    if (options.failOncePage === number && !failed.has(number)) {
      failed.add(number);
      return fault(503, "ServiceUnavailable", "The service is temporarily unavailable. Please try again later.");
    }
    const all = [...users.values()].filter((user) => (user.state === "inactive") === deleted);
    const items = all.slice((number - 1) * options.pageSize, number * options.pageSize);
    const more = number * options.pageSize < all.length;
    const token = more ? `page-${number + 1}-${deleted ? "d" : "a"}` : "";
    if (more) tokens.set(token, { deleted, page: number + 1 });
    const query = `${paging!.seekOperation.parameter}=${paging!.seekOperation.next}${filter === null ? "" : `&filter=${encodeURIComponent(filter)}`}`;
    // Odd pages link without /v1, even pages with it: a client must take both.
    const uri = `${number % 2 ? "" : "/v1"}/customers/${customerId}/users?${query}`;
    const next = more && options.nextBy === "link" ? { next: { uri, method: "GET", headers: [{ key: paging!.continuationTokenHeader, value: token }] } } : {};
    return {
      status: 200,
      body: {
        totalCount: items.length,
        items: items.map(shown),
        continuationToken: token,
        links: { self: { uri: `/customers/${customerId}/users`, method: "GET", headers: [] }, ...next },
        attributes: { objectType: "Collection" },
      },
    };
  }

  function answer(request: IncomingMessage, body: string): { status: number; body?: unknown } {
    const url = new URL(request.url ?? "/", "http://fake");
    const prefix = `/v1/customers/${customerId}`;
    if (url.pathname.startsWith(`${prefix}/`)) {
      const served = lifecycleAnswer(lifecycle, request.method ?? "", url.pathname.slice(prefix.length), body, shown);
      if (served) return served;
    }
    const match = /^\/v1\/customers\/([^/]+)\/users(?:\/([^/]+))?$/.exec(url.pathname);
    // A route the spec does not have is not a tenant the fake does not know: say which it is.
    if (!match) return fault(404, "RouteNotFound", `The fake serves no ${request.method} ${url.pathname}.`);
    if (match[1] !== customerId) return fault(404, 60003, "Tenant not found.");
    const userId = match[2];
    if (userId === undefined && request.method === "GET") {
      const token = request.headers[paging!.continuationTokenHeader.toLowerCase()];
      if (url.searchParams.get(paging!.seekOperation.parameter) === paging!.seekOperation.next) {
        const state = typeof token === "string" ? tokens.get(token) : undefined;
        if (!state) return fault(400, 800002, "The request input is invalid.");
        return page(state.deleted, state.page, url.searchParams.get("filter"));
      }
      const filter = url.searchParams.get("filter");
      return page(filter === deletedFilter, 1, filter);
    }
    const user = userId === undefined ? undefined : users.get(userId);
    if (!user) return fault(404, 60002, "User object ID not found.");
    if (request.method === "GET") return { status: 200, body: shown(user) };
    if (request.method === "PATCH") {
      const { attributes: _attributes, passwordProfile: _password, ...fields } = JSON.parse(body) as Record<string, unknown>;
      Object.assign(user, fields);
      if (user.state === "active") delete user.softDeletionTime;
      return { status: 200, body: shown(user) };
    }
    return fault(400, 800002, "The request input is invalid.");
  }

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let body = "";
    request.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      seen.push(`${request.method} ${request.url}`);
      const { status, body: json } = answer(request, body);
      const text = json === undefined ? "" : JSON.stringify(json);
      // The ids sent back, as Partner Center does; a client that sent none gets new ones (never "undefined").
      const headers = { "content-type": "application/json; charset=utf-8", "ms-requestid": idOf(request, "ms-requestid"), "ms-correlationid": idOf(request, "ms-correlationid") };
      const sent = { status, headers, body: text };
      for (const violation of responseViolations(spec, { method: request.method ?? "", url: `http://fake${request.url ?? ""}` }, sent)) violations.push(`${request.method} ${request.url}: ${violation}`);
      response.writeHead(status, headers).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    users,
    seen,
    violations,
    lifecycle,
    softDelete(userId) {
      const user = users.get(userId);
      if (!user) throw new Error(`no user ${userId}`);
      user.state = "inactive";
      user.softDeletionTime = "2026-11-28T09:30:00Z";
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
