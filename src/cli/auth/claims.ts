// What a token says about itself, read from its claims — for `auth status`, for when a cached token
// needs refreshing, and to refuse an expired PARTNER_CENTER_TOKEN before anything is sent.
// The signature is NOT verified: this program holds no keys to verify it with, and need not —
// Partner Center verifies every token it is sent. The claims only tell the user, before a call,
// what Partner Center will think of the token; they are never a reason to trust it.
// Nothing here returns or prints the token itself.
import { partnerCenterScope } from "../../index.js";

/** Partner Center's audience: its resource URI (v1 tokens; the spec's scope without its `/user_impersonation`) or its application id (v2 tokens). */
export const partnerCenterResource = partnerCenterScope.slice(0, partnerCenterScope.lastIndexOf("/"));
const partnerCenterAppId = "fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd";
const partnerCenterAudiences: ReadonlySet<string> = new Set([partnerCenterResource, `${partnerCenterResource}/`, partnerCenterAppId]);

export type Claims = Readonly<Record<string, unknown>>;

/** The payload of a JWT (`header.payload.signature`), unverified; undefined when `token` is not one. */
export function readClaims(token: string): Claims | undefined {
  const parts = token.split(".");
  if (parts.length !== 3 || !parts[1]) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
    return typeof payload === "object" && payload !== null && !Array.isArray(payload) ? (payload as Claims) : undefined;
  } catch {
    return undefined;
  }
}

function text(claims: Claims, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = claims[name];
    if (typeof value === "string" && value !== "") return value;
  }
  return undefined;
}

/** The latest time a Date can hold, in seconds since the epoch (±8.64e15 ms). */
const maxSeconds = 8.64e12;

/** A time claim in seconds: undefined when absent (or not a number), "invalid" when no date can be that time (exp: 1e308). */
function seconds(claims: Claims, name: string): number | "invalid" | undefined {
  const value = claims[name];
  if (typeof value !== "number") return undefined;
  return Number.isFinite(value) && Math.abs(value) <= maxSeconds ? value : "invalid";
}

/** When the token expires, in ms since the epoch (its `exp` claim); undefined when it does not say, or says nonsense. */
export function expiryOf(token: string): number | undefined {
  const claims = readClaims(token);
  const exp = claims && seconds(claims, "exp");
  return typeof exp === "number" ? exp * 1000 : undefined;
}

// A bearer token is visible ASCII, no spaces (as the client requires of every token it sends).
const bearerToken = /^[\x21-\x7e]+$/;

/** What `auth status` shows of a token, and why it would not be accepted. */
export interface TokenReport {
  readonly user: string | undefined;
  readonly tenant: string | undefined;
  readonly audience: string | undefined;
  readonly scope: string | undefined;
  readonly client: string | undefined;
  readonly expiresAt: number | undefined;
  readonly amr: readonly string[];
  readonly mfa: boolean;
  /** Each reason Partner Center would refuse the token, with what to do; empty when it looks usable. */
  readonly problems: readonly string[];
}

const signInAgain = "sign in again: partner-center-users login (or see docs/signing-in.md)";

/** How the user signed in (the amr claim): "pwd", "mfa" … */
export function amrOf(claims: Claims): readonly string[] {
  const amr = claims["amr"];
  return Array.isArray(amr) ? amr.filter((value): value is string => typeof value === "string") : [];
}

/** Why a token without `amr: mfa` is refused, and what to do: for auth status and a run given such a token. */
export function noMfaProblem(amr: readonly string[]): string {
  return `it carries no MFA claim (amr: ${amr.length ? amr.join(", ") : "none"}): Partner Center refuses it (401, code 900421): sign in with multi-factor authentication: partner-center-users login`;
}

export function inspectToken(token: string, now: number): TokenReport {
  const claims = readClaims(token);
  if (claims === undefined) {
    return {
      user: undefined, tenant: undefined, audience: undefined, scope: undefined, client: undefined, expiresAt: undefined, amr: [], mfa: false,
      problems: ["it is not a JWT, so its claims cannot be read (Partner Center's access tokens are JWTs): use an access token, not a refresh token or an id"],
    };
  }
  const audienceClaim = claims["aud"];
  const audiences = (Array.isArray(audienceClaim) ? audienceClaim : [audienceClaim]).filter((value): value is string => typeof value === "string");
  const amr = amrOf(claims);
  const exp = seconds(claims, "exp");
  const nbf = seconds(claims, "nbf");
  const scope = text(claims, "scp");
  const report = {
    user: text(claims, "upn", "unique_name", "preferred_username", "email"),
    tenant: text(claims, "tid"),
    audience: audiences.length ? audiences.join(" ") : undefined,
    scope,
    client: text(claims, "appid", "azp"),
    expiresAt: typeof exp === "number" ? exp * 1000 : undefined,
    amr,
    mfa: amr.includes("mfa"),
  };
  const problems: string[] = [];
  // What the client refuses to send, auth status does not call usable.
  if (!bearerToken.test(token)) problems.push("it holds spaces or control characters, which a bearer token cannot have: give the access token alone");
  if (exp === undefined) problems.push("it has no expiry (exp claim), which Microsoft Entra ID access tokens always have");
  else if (exp === "invalid") problems.push(`its expiry (exp claim ${JSON.stringify(claims["exp"])}) is not a time any date can hold, so it is not a token Microsoft Entra ID issued`);
  else if (exp * 1000 <= now) problems.push(`it expired at ${isoTime(exp * 1000)} (${duration(now - exp * 1000)} ago): ${signInAgain}`);
  if (nbf === "invalid") problems.push(`its start (nbf claim ${JSON.stringify(claims["nbf"])}) is not a time any date can hold`);
  else if (nbf !== undefined && nbf * 1000 > now + 5 * 60_000) problems.push(`it is not valid before ${isoTime(nbf * 1000)}`);
  if (!audiences.some((audience) => partnerCenterAudiences.has(audience))) {
    problems.push(
      `its audience is ${report.audience ?? "missing"}, not Partner Center (${partnerCenterResource}): get a token for the scope ${partnerCenterScope}`,
    );
  }
  if (scope === undefined) {
    problems.push("it is an app-only token (no scp claim): Partner Center refuses those for user operations (403, code 900150): use an App+User token (a signed-in user)");
  }
  if (!report.mfa) problems.push(noMfaProblem(amr));
  return { ...report, problems };
}

/** e.g. 2026-12-01T10:00:00Z — to the second, in UTC. */
export function isoTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

/** e.g. 59 min, 2 h 5 min, 12 s — rounded down. */
export function duration(ms: number): string {
  const totalSeconds = Math.max(0, Math.floor(ms / 1000));
  if (totalSeconds < 60) return `${totalSeconds} s`;
  const minutes = Math.floor(totalSeconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} days`;
}
