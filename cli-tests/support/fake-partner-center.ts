// A stand-in for Partner Center on loopback (node:http, in the test process), for what the
// Prism mock cannot do: throttle some requests, fail others, hold some open, count them all.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pageUser } from "./page.ts";

export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly customerId: string;
  readonly userId: string;
  readonly headers: IncomingMessage["headers"];
  readonly body: string;
  /** 1 for the first request with this MS-RequestId, 2 for its first retry, … */
  readonly attempt: number;
}

export type Answer =
  /** `body` is sent as JSON; `text`, when given, is sent as it is (an echo in an encoding of the server's choosing). */
  | { readonly status: number; readonly headers?: Readonly<Record<string, string>>; readonly body?: unknown; readonly text?: string }
  /** Never answer (until the client gives up or the server closes). */
  | "hang";

/** How to answer a request; a promise holds the answer back until it settles. */
export type Behaviour = (request: SeenRequest) => Answer | Promise<Answer>;

/** PAGE's 200 response, for the user in the path, with the fields the request set. */
export function updated(request: SeenRequest): Answer {
  const patch = JSON.parse(request.body) as Record<string, unknown>;
  const { passwordProfile: _password, ...visible } = patch;
  return {
    status: 200,
    headers: { "ms-requestid": String(request.headers["ms-requestid"]), "ms-correlationid": String(request.headers["ms-correlationid"]) },
    body: {
      ...pageUser,
      ...visible,
      id: request.userId,
      links: { self: { uri: `/customers/${request.customerId}/users/${request.userId}`, method: "GET", headers: [] } },
    },
  };
}

export function fault(status: number, code: number, description: string): Answer {
  return { status, body: { code, description, data: [], source: "PartnerFD" } };
}

export function throttled(retryAfterSeconds: number): Answer {
  return {
    status: 429,
    headers: { "retry-after": String(retryAfterSeconds) },
    body: { statusCode: 429, message: `Rate limit is exceeded. Try again in ${retryAfterSeconds} seconds.` },
  };
}

export interface FakePartnerCenter {
  readonly url: string;
  readonly requests: readonly SeenRequest[];
  /** Requests seen so far for a user id. */
  attemptsFor(userId: string): SeenRequest[];
  close(): Promise<void>;
}

const route = /^\/v1\/customers\/([^/]+)\/users\/([^/]+)$/;

export async function startFakePartnerCenter(behaviour: Behaviour = updated): Promise<FakePartnerCenter> {
  const requests: SeenRequest[] = [];
  const attempts = new Map<string, number>();
  const hanging = new Set<ServerResponse>();
  const server = createServer((incoming, response) => {
    let body = "";
    incoming.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
    incoming.on("end", async () => {
      const [, customerId = "", userId = ""] = route.exec(incoming.url ?? "") ?? [];
      const requestId = String(incoming.headers["ms-requestid"]);
      const attempt = (attempts.get(requestId) ?? 0) + 1;
      attempts.set(requestId, attempt);
      const request: SeenRequest = { method: incoming.method ?? "", path: incoming.url ?? "", customerId, userId, headers: incoming.headers, body, attempt };
      requests.push(request);
      const answer = await behaviour(request);
      if (answer === "hang") {
        hanging.add(response);
        response.on("close", () => hanging.delete(response));
        return;
      }
      response.writeHead(answer.status, { "content-type": "application/json; charset=utf-8", ...answer.headers });
      response.end(answer.text ?? (answer.body === undefined ? undefined : JSON.stringify(answer.body)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    attemptsFor: (userId) => requests.filter((request) => request.userId === userId),
    close: () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
