// A stand-in for Microsoft Entra ID (the token service) on loopback, so sign-in is tested offline:
// the authority's OpenID metadata, the device-code endpoint and the token endpoint (device code
// and refresh-token grants). It issues unsigned JWTs whose last part is distinctive —
// `AT-SECRET-<n>` for access tokens, `RT-SECRET-<n>-…` for refresh tokens — so a test can show
// they never reach any output. Used two ways: in-process as MSAL's network client (unit tests),
// and behind a local HTTPS server (MSAL only talks to https authorities) with a certificate
// made for the run, which the CLI under test trusts through NODE_EXTRA_CA_CERTS.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { INetworkModule, NetworkResponse } from "@azure/msal-node";
import forge from "node-forge";

export const partnerCenterResource = "https://api.partnercenter.microsoft.com";
export const azureCliClientId = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";

/** An unsigned JWT (as far as anyone checks): header.payload.signature, base64url. */
export function unsignedJwt(claims: Record<string, unknown>, signature = "c2lnbmF0dXJl"): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ typ: "JWT", alg: "RS256", kid: "fake-key" })}.${part(claims)}.${signature}`;
}

export interface FakeUser {
  readonly upn: string;
  readonly name: string;
  readonly objectId: string;
  readonly tenantId: string;
}

export const ada: FakeUser = {
  upn: "ada@contoso.onmicrosoft.com",
  name: "Ada Lovelace",
  objectId: "7f3c5a21-4b1d-4e0a-9c2f-1a2b3c4d5e6f",
  tenantId: "0b1f9a8e-5c4d-4f3e-8a2b-6c7d8e9f0a1b",
};

/** The claims of a Partner Center App+User access token for `user`. */
export function accessTokenClaims(user: FakeUser, options: { readonly mfa?: boolean; readonly lifetimeSeconds?: number; readonly clientId?: string; readonly now?: number } = {}) {
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  return {
    aud: partnerCenterResource,
    iss: `https://sts.windows.net/${user.tenantId}/`,
    iat: now,
    nbf: now,
    exp: now + (options.lifetimeSeconds ?? 3600),
    amr: options.mfa === false ? ["pwd"] : ["pwd", "mfa"],
    appid: options.clientId ?? azureCliClientId,
    name: user.name,
    oid: user.objectId,
    scp: "user_impersonation",
    tid: user.tenantId,
    unique_name: user.upn,
    upn: user.upn,
    ver: "1.0",
  };
}

interface Request {
  readonly method: "GET" | "POST";
  readonly url: string;
  readonly body: string;
}

interface Reply {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** An OAuth error as Entra ID sends it (error_codes carries the AADSTS number). */
export interface EntraError {
  readonly error: string;
  readonly error_description: string;
  readonly error_codes?: readonly number[];
}

export interface FakeEntraOptions {
  readonly user?: FakeUser;
  /** Whether the access tokens carry amr: mfa. Default true. */
  readonly mfa?: boolean;
  readonly accessTokenSeconds?: number;
  /** How many polls of the token endpoint answer authorization_pending before the device code is redeemed. Default 1. */
  readonly pendingPolls?: number;
  /** Never answers a token request for which this says true (a token service that hangs). */
  readonly hang?: (request: SeenTokenRequest) => boolean;
  /** Refuses a refresh-token grant (the refresh token sent is given) with this error. */
  readonly refuseRefresh?: (refreshToken: string, clientId: string) => EntraError | undefined;
}

export interface SeenTokenRequest {
  readonly grantType: string;
  readonly clientId: string;
  readonly clientSecret: string | undefined;
  readonly refreshToken: string | undefined;
  readonly scope: string;
  readonly tenant: string;
}

export interface FakeEntra {
  /** Filled in by startFakeEntraServer, or any https origin for the in-process network client. */
  origin: string;
  readonly tokenRequests: SeenTokenRequest[];
  readonly deviceCodeRequests: { readonly clientId: string; readonly scope: string; readonly tenant: string }[];
  readonly issuedAccessTokens: string[];
  readonly issuedRefreshTokens: string[];
  /** Every request, for checking that nothing went elsewhere. */
  readonly urls: string[];
  /** A refresh token this fake accepts, as the Secure Application Model's consent would have given. */
  grantRefreshToken(): string;
  /** The reply, or "hang": none, ever. */
  handle(request: Request): Reply | "hang";
  /** MSAL's system.networkClient, answering from this fake in-process. */
  readonly networkClient: INetworkModule;
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

export function createFakeEntra(options: FakeEntraOptions = {}): FakeEntra {
  const user = options.user ?? ada;
  const validRefreshTokens = new Set<string>();
  const pendingByDeviceCode = new Map<string, number>();
  let counter = 0;

  const fake: FakeEntra = {
    origin: "https://login.fake-entra.test",
    tokenRequests: [],
    deviceCodeRequests: [],
    issuedAccessTokens: [],
    issuedRefreshTokens: [],
    urls: [],
    grantRefreshToken() {
      const token = `RT-SECRET-${++counter}-${randomBytes(4).toString("hex")}`;
      validRefreshTokens.add(token);
      return token;
    },
    handle(request) {
      fake.urls.push(request.url);
      const url = new URL(request.url);
      const [tenant = "", ...rest] = url.pathname.split("/").filter(Boolean);
      const path = rest.join("/");
      if (request.method === "GET" && path === "v2.0/.well-known/openid-configuration") return { status: 200, body: metadata(fake.origin, tenant) };
      if (request.method !== "POST") return { status: 404, body: { error: "not_found", error_description: `no ${request.method} ${url.pathname}` } };
      const form = new URLSearchParams(request.body);
      const clientId = form.get("client_id") ?? "";
      const scope = form.get("scope") ?? "";
      if (path === "oauth2/v2.0/devicecode") {
        fake.deviceCodeRequests.push({ clientId, scope, tenant });
        const deviceCode = `device-${++counter}`;
        pendingByDeviceCode.set(deviceCode, options.pendingPolls ?? 1);
        return {
          status: 200,
          body: {
            device_code: deviceCode,
            user_code: "FAKE-CODE",
            verification_uri: "https://microsoft.com/devicelogin",
            expires_in: 900,
            interval: 0,
            message: "To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code FAKE-CODE to authenticate.",
          },
        };
      }
      if (path !== "oauth2/v2.0/token") return { status: 404, body: { error: "not_found", error_description: `no POST ${url.pathname}` } };
      const grantType = form.get("grant_type") ?? "";
      const refreshToken = form.get("refresh_token") ?? undefined;
      const seen: SeenTokenRequest = { grantType, clientId, clientSecret: form.get("client_secret") ?? undefined, refreshToken, scope, tenant };
      fake.tokenRequests.push(seen);
      if (options.hang?.(seen)) return "hang";
      if (grantType === "device_code" || grantType === "urn:ietf:params:oauth:grant-type:device_code") {
        const deviceCode = form.get("device_code") ?? "";
        const pending = pendingByDeviceCode.get(deviceCode);
        if (pending === undefined) return oauthError({ error: "invalid_grant", error_description: "AADSTS70000: unknown device code", error_codes: [70000] });
        if (pending > 0) {
          pendingByDeviceCode.set(deviceCode, pending - 1);
          return oauthError({ error: "authorization_pending", error_description: "AADSTS70016: OAuth 2.0 device flow error. Authorization is pending.", error_codes: [70016] });
        }
        pendingByDeviceCode.delete(deviceCode);
        return tokens(clientId);
      }
      if (grantType === "refresh_token" && refreshToken !== undefined) {
        const refusal = options.refuseRefresh?.(refreshToken, clientId);
        if (refusal) return oauthError(refusal);
        if (!validRefreshTokens.has(refreshToken)) {
          return oauthError({ error: "invalid_grant", error_description: "AADSTS9002313: Invalid request. Request is malformed or invalid.", error_codes: [9002313] });
        }
        return tokens(clientId);
      }
      return oauthError({ error: "unsupported_grant_type", error_description: `AADSTS70003: grant ${grantType}`, error_codes: [70003] });
    },
    networkClient: {
      async sendGetRequestAsync<T>(url: string): Promise<NetworkResponse<T>> {
        const reply = fake.handle({ method: "GET", url, body: "" });
        if (reply === "hang") return new Promise<never>(() => {});
        return { status: reply.status, headers: { "content-type": "application/json" }, body: reply.body as T };
      },
      async sendPostRequestAsync<T>(url: string, request?: { body?: string }): Promise<NetworkResponse<T>> {
        const reply = fake.handle({ method: "POST", url, body: request?.body ?? "" });
        if (reply === "hang") return new Promise<never>(() => {});
        return { status: reply.status, headers: { "content-type": "application/json" }, body: reply.body as T };
      },
    },
  };

  function tokens(clientId: string): Reply {
    const now = Math.floor(Date.now() / 1000);
    const lifetime = options.accessTokenSeconds ?? 3600;
    const accessToken = unsignedJwt(accessTokenClaims(user, { ...(options.mfa !== undefined && { mfa: options.mfa }), lifetimeSeconds: lifetime, clientId }), `AT-SECRET-${++counter}`);
    const refreshToken = fake.grantRefreshToken();
    fake.issuedAccessTokens.push(accessToken);
    fake.issuedRefreshTokens.push(refreshToken);
    const idToken = unsignedJwt({
      aud: clientId,
      iss: `${fake.origin}/${user.tenantId}/v2.0`,
      iat: now,
      nbf: now,
      exp: now + 3600,
      name: user.name,
      oid: user.objectId,
      preferred_username: user.upn,
      sub: `sub-${user.objectId}`,
      tid: user.tenantId,
      ver: "2.0",
    });
    return {
      status: 200,
      body: {
        token_type: "Bearer",
        scope: `${partnerCenterResource}/user_impersonation`,
        expires_in: lifetime,
        ext_expires_in: lifetime,
        access_token: accessToken,
        refresh_token: refreshToken,
        id_token: idToken,
        client_info: base64url({ uid: user.objectId, utid: user.tenantId }),
      },
    };
  }

  return fake;
}

function oauthError(error: EntraError): Reply {
  return { status: 400, body: { ...error, timestamp: "2026-12-01 10:00:00Z", trace_id: "trace-0", correlation_id: "correlation-0" } };
}

function metadata(origin: string, tenant: string): Record<string, unknown> {
  return {
    token_endpoint: `${origin}/${tenant}/oauth2/v2.0/token`,
    authorization_endpoint: `${origin}/${tenant}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${origin}/${tenant}/oauth2/v2.0/devicecode`,
    end_session_endpoint: `${origin}/${tenant}/oauth2/v2.0/logout`,
    jwks_uri: `${origin}/${tenant}/discovery/v2.0/keys`,
    issuer: `${origin}/{tenantid}/v2.0`,
    response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
    scopes_supported: ["openid", "profile", "email", "offline_access"],
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
  };
}

// ---- Served over HTTPS on loopback --------------------------------------------------------------

export interface FakeEntraServer {
  /** e.g. https://127.0.0.1:43123 — the authority host to give the CLI. */
  readonly origin: string;
  /** The certificate to trust: NODE_EXTRA_CA_CERTS for the CLI process. */
  readonly caFile: string;
  close(): Promise<void>;
}

/** A self-signed certificate for 127.0.0.1, made for this run (never committed). */
function loopbackCertificate(): { key: string; cert: string } {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: "spki", format: "pem" }).toString());
  cert.serialNumber = `01${randomBytes(8).toString("hex")}`;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 24 * 3600_000);
  const subject = [{ name: "commonName", value: "127.0.0.1" }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: "basicConstraints", cA: true },
    { name: "keyUsage", keyCertSign: true, digitalSignature: true, keyEncipherment: true },
    { name: "extKeyUsage", serverAuth: true },
    { name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }] },
  ]);
  const key = privateKey.export({ type: "pkcs1", format: "pem" }).toString();
  cert.sign(forge.pki.privateKeyFromPem(key), forge.md.sha256.create());
  return { key, cert: forge.pki.certificateToPem(cert) };
}

export async function startFakeEntraServer(fake: FakeEntra): Promise<FakeEntraServer> {
  const { key, cert } = loopbackCertificate();
  const folder = mkdtempSync(join(tmpdir(), "pcu-entra-"));
  const caFile = join(folder, "ca.pem");
  writeFileSync(caFile, cert);
  const server = createServer({ key, cert }, (incoming, response) => {
    let body = "";
    incoming.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
    incoming.on("end", () => {
      const reply = fake.handle({ method: incoming.method === "POST" ? "POST" : "GET", url: `${fake.origin}${incoming.url ?? "/"}`, body });
      if (reply === "hang") return; // closed with the server
      response.writeHead(reply.status, { "content-type": "application/json; charset=utf-8" });
      response.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin: fake.origin,
    caFile,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
