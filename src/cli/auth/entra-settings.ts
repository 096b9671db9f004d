// Where to sign in with Microsoft Entra ID — the authority host, the tenant, the client — and the
// login cache file that remembers it: the part of sign-in that needs no MSAL. Kept apart from
// entra.ts so that a command given its token another way (PARTNER_CENTER_TOKEN, az, --mock) never
// loads MSAL, which alone would make up most of the CLI's start-up.
import { isGuid } from "../../ids.js";
import { readPrivateFile, writePrivateFile } from "./private-file.js";
import { SignInError } from "./sign-in-error.js";

export const defaultClientId = "04b07795-8ddb-461a-bbee-02f9e1bf7b46"; // the Azure CLI's public client
export const defaultTenant = "organizations";
export const defaultAuthorityHost = "https://login.microsoftonline.com";

/** Where to sign in: the authority host, the tenant, and the client (application) id. */
export interface EntraSettings {
  readonly authorityHost: string;
  readonly tenant: string;
  readonly clientId: string;
}

/** Checks settings from options and environment; the messages name the setting, not a secret. */
export function checkSettings(settings: EntraSettings): EntraSettings {
  if (!isGuid(settings.clientId)) throw new SignInError("the client id must be a GUID (--client-id / PARTNER_CENTER_CLIENT_ID)");
  if (!/^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(settings.tenant)) {
    throw new SignInError("the tenant must be a tenant id (GUID), a domain, or organizations (--tenant / PARTNER_CENTER_TENANT)");
  }
  let url: URL;
  try {
    url = new URL(settings.authorityHost);
  } catch {
    throw new SignInError("PARTNER_CENTER_AUTHORITY_HOST is not a URL");
  }
  if (url.protocol !== "https:" || url.pathname !== "/" || url.search || url.hash || url.username || url.password) {
    throw new SignInError("PARTNER_CENTER_AUTHORITY_HOST must be an https origin such as https://login.microsoftonline.us");
  }
  return { ...settings, authorityHost: url.origin };
}

// ---- The login cache file ------------------------------------------------------------------------

/** The login cache: the settings signed in with, the account, and MSAL's own cache (the tokens). */
export interface LoginFile extends EntraSettings {
  readonly version: 1;
  readonly homeAccountId: string;
  readonly username: string;
  readonly savedAt: string;
  /** MSAL's token cache as MSAL serializes it: Account, IdToken, AccessToken, RefreshToken, AppMetadata. */
  readonly msal: unknown;
}

export function readLoginFile(path: string): LoginFile | undefined {
  const text = readPrivateFile(path);
  if (text === undefined) return undefined;
  let file: Partial<LoginFile>;
  try {
    file = JSON.parse(text) as Partial<LoginFile>;
  } catch {
    throw new SignInError(`login: the login cache ${path} is not readable JSON: run partner-center-users logout, then login`);
  }
  if (file.version !== 1 || typeof file.homeAccountId !== "string" || typeof file.clientId !== "string" || typeof file.tenant !== "string" || typeof file.authorityHost !== "string") {
    throw new SignInError(`login: the login cache ${path} is not one this version reads: run partner-center-users logout, then login`);
  }
  return file as LoginFile;
}

export function writeLoginFile(path: string, file: LoginFile): void {
  writePrivateFile(path, `${JSON.stringify(file, null, 2)}\n`);
}
