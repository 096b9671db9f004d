// Talking to the Prism mock the global setup started: its URL, the operation's URL, a recording
// fetch (what was sent, what came back), and the typed client pointed at the mock.
import { inject } from "vitest";
import { createPartnerCenterClient, type PartnerCenterClientOptions } from "../../src/index.ts";
import { operationPath } from "../../scripts/lib/spec.ts";

export const mockUrl = inject("mockUrl");

/** A fake token: the mock checks only that a bearer token is there. */
export const testToken = "contract-test-token";

/** A customer and a user id that satisfy the spec (PAGE's). */
export const ids = { customerId: "eebd1b55-5360-4438-a11d-5c06918c3014", userId: "4b10bf41-ab11-40e3-8c53-cd67849b50de" };

/** The operation's URL on the mock, ids put in as given (unencoded, so a test can send bad ones). */
export function userUrl(customerId = ids.customerId, userId = ids.userId): string {
  return mockUrl + operationPath.replace("{customer-tenant-id}", customerId).replace("{user-id}", userId);
}

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
}

export interface RecordedResponse {
  readonly status: number;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface Exchange {
  readonly request: RecordedRequest;
  readonly response: RecordedResponse;
}

export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface RecordingFetch extends Fetch {
  /** The exchanges made through this fetch, oldest first. */
  readonly exchanges: readonly Exchange[];
}

/**
 * A fetch that records what is sent and what comes back, then hands the response on untouched.
 * `extraHeaders` are added after recording: test plumbing such as Prism's `Prefer`, kept out of
 * "what the client sent".
 */
export function recordingFetch(extraHeaders: Readonly<Record<string, string>> = {}): RecordingFetch {
  const own: Exchange[] = [];
  const fetchAndRecord = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const sent: RecordedRequest = {
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body: request.body === null ? undefined : await request.clone().text(),
    };
    const withExtras = new Request(request, { headers: { ...sent.headers, ...extraHeaders } });
    const response = await fetch(withExtras);
    const received: RecordedResponse = {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: await response.clone().text(),
    };
    const exchange = { request: sent, response: received };
    own.push(exchange);
    return response;
  };
  return Object.assign(fetchAndRecord, { exchanges: own });
}

/** The typed client, pointed at the mock, without retries (each test sees exactly one attempt). */
export function mockClient(options: Partial<PartnerCenterClientOptions> & { fetch?: Fetch } = {}) {
  const fetch = options.fetch ?? recordingFetch();
  return { fetch, pc: createPartnerCenterClient({ credential: testToken, baseUrl: mockUrl, retry: false, ...options, fetch }) };
}

export interface RawAnswer extends RecordedResponse {
  /** Prism's `sl-violations` header, parsed: what it found wrong with the request. */
  readonly violations: readonly { location: readonly string[]; code: string | number; message: string }[];
}

/** Sends a PATCH with plain fetch — no typed client in the way — and returns the mock's answer. */
export async function rawPatch(options: {
  body?: unknown;
  bodyText?: string;
  headers?: Record<string, string>;
  customerId?: string;
  userId?: string;
  authorization?: string | null;
}): Promise<RawAnswer> {
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json", ...options.headers };
  if (options.authorization !== null) headers["authorization"] = options.authorization ?? `Bearer ${testToken}`;
  const body = options.bodyText ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const fetch = recordingFetch();
  await fetch(userUrl(options.customerId, options.userId), { method: "PATCH", headers, ...(body === undefined ? {} : { body }) });
  const response = fetch.exchanges[0]?.response;
  if (!response) throw new Error("no exchange recorded");
  const violations = response.headers["sl-violations"];
  return { ...response, violations: violations ? (JSON.parse(violations) as RawAnswer["violations"]) : [] };
}
