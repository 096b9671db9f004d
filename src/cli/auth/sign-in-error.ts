// SignInError: a sign-in method that cannot give a token, with what to do about it. Before
// anything is sent it is bad usage (exit 2, like a missing token); in the middle of a run it is
// the cause of the row's PartnerCenterCredentialError, which the error line shows (messages.ts).
// And Microsoft Entra ID's refusals (AADSTS numbers) while getting a token, turned into which
// thing to renew — with every secret the request carried scrubbed first.
import { scrub } from "../../redact.js";
import { UsageError } from "../run-end.js";

export type SignInMethod = "env" | "azure-cli" | "login" | "refresh-token";

/** A method could not give a token; the message says what to do and never holds a secret. */
export class SignInError extends UsageError {}

const renewRefreshToken =
  "get a new refresh token (the Secure Application Model's consent, signed in with MFA) and put it in PARTNER_CENTER_REFRESH_TOKEN or its file";

/** AADSTS numbers worth naming, and what to do about them, per method. */
function entraAdvice(number: string, method: SignInMethod): string | undefined {
  const again = method === "refresh-token" ? renewRefreshToken : "sign in again: partner-center-users login";
  switch (number) {
    case "700082":
      return `the refresh token expired (unused for 90 days): ${again}`;
    case "70008":
    case "50173":
    case "50132":
      return `the refresh token is no longer valid (expired, revoked or the password changed): ${again}`;
    case "50076":
    case "50079":
    case "50074":
      return `multi-factor authentication is required: ${again}`;
    case "7000215":
      return "the app secret is wrong: check PARTNER_CENTER_APP_SECRET";
    case "7000222":
      return "the app secret has expired: create a new client secret in the app registration and update PARTNER_CENTER_APP_SECRET";
    case "700016":
      return "the application (client id) is not known in this tenant: check the client id and PARTNER_CENTER_TENANT";
    case "65001":
      return "the application has not been granted Partner Center's user_impersonation permission (consent): grant it in Microsoft Entra ID";
    case "53003":
      return "a Conditional Access policy blocked the sign-in";
    case "90002":
      return "the tenant was not found: check PARTNER_CENTER_TENANT / --tenant";
    case "9002313":
    case "70000":
      return `the refresh token was refused as invalid: ${again}`;
  }
  return undefined;
}

/** Device-code outcomes that are the user's, not a fault. */
const deviceCodeOutcomes: Readonly<Record<string, string>> = {
  authorization_declined: "the sign-in was declined",
  expired_token: "the code expired before the sign-in was finished (15 minutes): run partner-center-users login again",
  code_expired: "the code expired before the sign-in was finished (15 minutes): run partner-center-users login again",
  bad_verification_code: "the code was not recognised: run partner-center-users login again",
};

interface MsalLikeError {
  readonly errorCode?: unknown;
  readonly errorMessage?: unknown;
  readonly errorNo?: unknown;
  readonly message?: unknown;
}

/**
 * A SignInError for what MSAL (or the token service through it) threw: the AADSTS number and the
 * first sentence of the service's description, with advice — every given secret scrubbed first,
 * since a token service may echo what it was sent.
 */
export function signInErrorFrom(method: SignInMethod, error: unknown, secrets: readonly string[]): SignInError {
  if (error instanceof SignInError) return error;
  const failure = (typeof error === "object" && error !== null ? error : {}) as MsalLikeError;
  const code = typeof failure.errorCode === "string" ? failure.errorCode : "";
  const raw = typeof failure.errorMessage === "string" && failure.errorMessage ? failure.errorMessage : error instanceof Error ? error.message : String(error);
  const text = scrub(raw, secrets);
  // MSAL's server errors read "Error(s): 700082 - Timestamp: … - Description: AADSTS700082: … - Correlation ID: …".
  const description = /Description: ([\s\S]*?)(?: - Correlation ID:|$)/.exec(text)?.[1] ?? text;
  const firstSentence = (description.split(/\r?\n|Trace ID:/)[0] ?? "").replace(/\s+/g, " ").trim().slice(0, 300);
  const number = typeof failure.errorNo === "string" || typeof failure.errorNo === "number" ? String(failure.errorNo) : /AADSTS(\d+)/.exec(text)?.[1];
  const outcome = Object.entries(deviceCodeOutcomes).find(([name]) => code === name || text.includes(name))?.[1];
  if (outcome) return new SignInError(`${method}: ${outcome}`);
  const advice = number === undefined ? undefined : entraAdvice(number, method);
  if (/network|fetch failed|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|certificate/i.test(code + text)) {
    return new SignInError(`${method}: could not reach Microsoft Entra ID (${firstSentence || code})`);
  }
  return new SignInError(`${method}: Microsoft Entra ID refused: ${advice ? `${advice} (${firstSentence})` : firstSentence || code || "no reason given"}`);
}
