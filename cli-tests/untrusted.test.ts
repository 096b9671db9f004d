// Every answer is untrusted (issue 19, the command line's half): servers that trickle or never
// answer, text with escape sequences, newlines and bidi overrides in users, errors and token
// claims, lookalike sign-in names, tokens in odd shapes. Each server here is a misbehaving
// node:http server in this process, or the existing fakes. No timed assertions: a short --timeout
// and the exit code and the one error line are what is checked.
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Socket } from "node:net";
import { join } from "node:path";
import { startPrism } from "../src/cli/mock-server.ts";
import { afterEach, describe, expect, it } from "vitest";
import { accessTokenClaims, ada, unsignedJwt } from "./support/fake-entra.ts";
import { customerId, userIdFor } from "./support/files.ts";
import { pageUser } from "./support/page.ts";
import { projectRoot, runCli } from "./support/run-cli.ts";

const userId = userIdFor(19);
const env = { PARTNER_CENTER_TOKEN: "untrusted-test-token" };

interface Misbehaving {
  readonly url: string;
  readonly requests: { readonly method: string; readonly path: string; readonly authorization: string | undefined }[];
  close(): Promise<void>;
}

const servers: Misbehaving[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

/** A server on loopback answering every request with `answer`; closed after the test, open sockets and timers included. */
async function misbehaving(answer: (request: IncomingMessage, response: ServerResponse) => void): Promise<Misbehaving> {
  const requests: Misbehaving["requests"][number][] = [];
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    requests.push({ method: request.method ?? "", path: request.url ?? "", authorization: request.headers.authorization });
    request.resume().on("end", () => answer(request, response));
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const result: Misbehaving = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  servers.push(result);
  return result;
}

/** 200 and a JSON start, then a space every 100 ms, never the end. */
function trickle(_request: IncomingMessage, response: ServerResponse): void {
  response.writeHead(200, { "content-type": "application/json" });
  response.write("{");
  const timer = setInterval(() => response.write(" "), 100);
  response.on("close", () => clearInterval(timer));
}

function json(status: number, body: unknown) {
  return (_request: IncomingMessage, response: ServerResponse) => {
    response.writeHead(status, { "content-type": "application/json; charset=utf-8" });
    response.end(JSON.stringify(body));
  };
}

/** One page of users, as LIST answers. */
const page = (...users: Record<string, unknown>[]) => ({ totalCount: users.length, items: users, attributes: { objectType: "Collection" } });
const user = (fields: Record<string, unknown>) => ({ ...pageUser, id: userId, ...fields });

const lines = (text: string) => text.trimEnd().split("\n");

describe("--timeout and --max-retries bound every network command", { timeout: 30_000 }, () => {
  it.each([
    ["get", [customerId, userId]],
    ["list", [customerId]],
    ["update", [customerId, userId, "--usage-location", "US"]],
    ["restore", [customerId, userId]],
  ])("%s against a server that trickles its answer ends with exit 1 and one error line", async (command, args) => {
    const server = await misbehaving(trickle);
    const result = await runCli([command, ...args, "--base-url", server.url, "--timeout", "500", "--max-retries", "1"], { env });
    expect(result.code).toBe(1);
    const last = lines(result.stderr).at(-1) ?? "";
    expect(last).toMatch(/^partner-center-users: timed out: Partner Center did not answer within 500 ms/);
    expect(result.stderr).toMatch(/^no answer within 500 ms: waiting .* before retrying/m);
    expect(server.requests).toHaveLength(2); // the attempt and its one retry
  });

  it("refuses a --timeout or --max-retries out of range, as update-many does, before anything is sent (exit 2)", async () => {
    const server = await misbehaving(trickle);
    const zero = await runCli(["get", customerId, userId, "--base-url", server.url, "--timeout", "0"], { env });
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain("must be a whole number from 1 to 600000");
    const many = await runCli(["list", customerId, "--base-url", server.url, "--max-retries", "21"], { env });
    expect(many.code).toBe(2);
    expect(many.stderr).toContain("must be a whole number from 0 to 20");
    expect(server.requests).toHaveLength(0);
  });
});

describe("server text is printed escaped, never obeyed", { timeout: 20_000 }, () => {
  // Recolour, set the window title, clear the screen, a one-byte CSI, reverse the line, and a newline that fakes a row.
  const hostile = "Eve\u001b[31mRed\u001b]0;owned\u0007\u009b2J\u202egnp.exe\nfake  row";

  it("list --format table shows control characters, C1, bidi overrides and newlines as escapes, one line per user", async () => {
    const server = await misbehaving(json(200, page(user({ displayName: hostile, userPrincipalName: "eve@contoso.com" }))));
    const result = await runCli(["list", customerId, "--format", "table", "--base-url", server.url], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/[\u001b\u0007\u009b\u202e]/);
    expect(lines(result.stdout)).toHaveLength(2); // the header and the one user
    expect(result.stdout).toContain("Eve\\x1b[31mRed\\x1b]0;owned\\x07\\x9b2J\\u202egnp.exe\\nfake  row");
  });

  it("list as JSON Lines keeps every value exact (C1 and bidi as \\u escapes, the same string once parsed)", async () => {
    const server = await misbehaving(json(200, page(user({ displayName: hostile }))));
    const result = await runCli(["list", customerId, "--base-url", server.url], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/[\u001b\u0007\u009b\u202e]/);
    expect(lines(result.stdout)).toHaveLength(1);
    expect((JSON.parse(result.stdout) as { displayName: string }).displayName).toBe(hostile);
  });

  it("list --format csv to a file or pipe is data, written exactly, with a warning on stderr", async () => {
    const server = await misbehaving(json(200, page(user({ displayName: hostile }))));
    const result = await runCli(["list", customerId, "--format", "csv", "--base-url", server.url], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`"${hostile}"`);
    expect(result.stderr).toMatch(/warning: 1 cells hold control or bidi characters/);
    expect(result.stderr).not.toMatch(/[\u001b\u0007\u009b\u202e]/);
  });

  it("an error description with escape sequences and newlines reaches stderr escaped, on one line", async () => {
    const server = await misbehaving(json(404, { code: 60002, description: "User not found\u001b[2J\u001b[H\u202e\nusable     yes", data: [], source: "PartnerFD" }));
    const result = await runCli(["get", customerId, userId, "--base-url", server.url], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(/[\u001b\u202e]/);
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toContain("User not found\\x1b[2J\\x1b[H\\u202e");
  });

  it("auth status prints a token's claims escaped: a newline in upn cannot fake a `usable yes` line", async () => {
    const claims = { ...accessTokenClaims(ada, { mfa: false }), upn: "ada@contoso.com\nusable     yes\u001b[8m" };
    const result = await runCli(["auth", "status"], { env: { PARTNER_CENTER_TOKEN: unsignedJwt(claims) } });
    expect(result.code).toBe(1);
    expect(result.stdout).not.toMatch(/\u001b/);
    expect(lines(result.stdout).filter((line) => line.startsWith("usable"))).toEqual(["usable     no"]);
    expect(result.stdout).toContain("user       ada@contoso.com\\nusable     yes\\x1b[8m");
  });
});

describe("sign-in names are compared as Entra ID compares them", { timeout: 20_000 }, () => {
  const kelvin = { ...user({ userPrincipalName: "\u212Aate@contoso.com" }), id: userIdFor(1901) }; // U+212A KELVIN SIGN, not K
  const kate = { ...user({ userPrincipalName: "KATE@contoso.com" }), id: userIdFor(1902) };

  /** LIST answers `users`; a GET or PATCH of one answers that user. */
  const directory = (...users: Record<string, unknown>[]) => (request: IncomingMessage, response: ServerResponse) => {
    const one = users.find((candidate) => request.url?.endsWith(`/users/${String(candidate["id"])}`));
    json(200, one ?? page(...users))(request, response);
  };

  it("a lookalike (U+212A KELVIN SIGN for K) never matches: the answer is refused as off the spec, nothing is sent to it, exit 1", async () => {
    const server = await misbehaving(directory(kelvin));
    const result = await runCli(["update", customerId, "kate@contoso.com", "--usage-location", "US", "--base-url", server.url], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/is off the spec: body\.items\[0\]\.userPrincipalName must match/);
    expect(server.requests.filter((request) => request.method === "PATCH")).toEqual([]);
  });

  it("ASCII letters match in any case, and the user found is said on stderr (object id and sign-in name)", async () => {
    const server = await misbehaving(directory(kate));
    const result = await runCli(["get", customerId, "kate@contoso.com", "--base-url", server.url], { env });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`found KATE@contoso.com (object id ${kate.id}) for kate@contoso.com\n`);
    expect(server.requests.at(-1)?.path).toBe(`/v1/customers/${customerId}/users/${kate.id}`);
  });

  it("update-many says, for each row naming a user, the user found", async () => {
    const server = await misbehaving(directory(kate));
    // GB: kate (PAGE's example user) is in US already, and a row asking what the user has is not sent.
    const rows = `customerId,user,usageLocation\n${customerId},kate@contoso.com,GB\n`;
    const result = await runCli(["update-many", "-", "--format", "csv", "--base-url", server.url], { env, stdin: rows });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`line 2: found KATE@contoso.com (object id ${kate.id}) for kate@contoso.com\n`);
    expect(server.requests.filter((request) => request.method === "PATCH").map((request) => request.path)).toEqual([`/v1/customers/${customerId}/users/${kate.id}`]);
  });
});

describe("children get no secrets", { timeout: 60_000 }, () => {
  it.skipIf(process.platform !== "linux")("--mock's Prism is started without PARTNER_CENTER_TOKEN, _APP_SECRET and _REFRESH_TOKEN in its environment", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { PARTNER_CENTER_TOKEN: "AT-SECRET-prism", PARTNER_CENTER_APP_SECRET: "APP-SECRET-prism", PARTNER_CENTER_REFRESH_TOKEN: "RT-SECRET-prism" });
    let prism: Awaited<ReturnType<typeof startPrism>> | undefined;
    try {
      prism = await startPrism({ specPath: join(projectRoot, "openapi/partner-center-users.yaml"), mode: "mock" });
    } finally {
      for (const name of ["PARTNER_CENTER_TOKEN", "PARTNER_CENTER_APP_SECRET", "PARTNER_CENTER_REFRESH_TOKEN"]) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
    }
    try {
      const environ = readFileSync(`/proc/${prism.pid}/environ`, "utf8");
      expect(environ).not.toMatch(/SECRET/);
      expect(environ).toContain("NO_COLOR=1");
    } finally {
      await prism.stop();
    }
  });
});
