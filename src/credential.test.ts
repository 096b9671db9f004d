import { describe, expect, it, vi } from "vitest";
import { partnerCenterScope, tokenSource, type Credential, type TokenCredential } from "./credential.js";
import { PartnerCenterArgumentError } from "./errors/argument-error.js";
import { PartnerCenterCredentialError } from "./errors/credential-error.js";

describe("tokenSource", () => {
  it("uses a token string as it is", async () => {
    expect(await tokenSource("abc.def.ghi")(undefined)).toBe("abc.def.ghi");
  });

  it("asks a function again for every token, so a rotated token is picked up", async () => {
    let n = 0;
    const source = tokenSource(() => `token-${++n}`);
    expect([await source(undefined), await source(undefined)]).toEqual(["token-1", "token-2"]);
  });

  it("passes { forceRefresh: true } to a function only when the client asks again after a 401, and nothing otherwise", async () => {
    const credential = vi.fn((request?: { forceRefresh?: boolean }) => (request?.forceRefresh ? "fresh" : "cached"));
    const source = tokenSource(credential);
    expect([await source(undefined), await source(undefined, true)]).toEqual(["cached", "fresh"]);
    expect(credential.mock.calls).toEqual([[], [{ forceRefresh: true }]]);
  });

  it("awaits an async function", async () => {
    expect(await tokenSource(async () => "async-token")(undefined)).toBe("async-token");
  });

  it("asks a TokenCredential for the Partner Center user_impersonation scope, passing the abort signal", async () => {
    const getToken = vi.fn<TokenCredential["getToken"]>(async () => ({ token: "from-credential", expiresOnTimestamp: 0 }));
    const signal = new AbortController().signal;
    expect(await tokenSource({ getToken })(signal)).toBe("from-credential");
    expect(getToken).toHaveBeenCalledWith([partnerCenterScope], { abortSignal: signal });
  });

  it.each<[string, Credential]>([
    ["a TokenCredential answering null", { getToken: async () => null }],
    ["a function returning an empty string", () => ""],
    ["a function returning undefined", (() => undefined) as unknown as Credential],
  ])("rejects with PartnerCenterCredentialError for %s", async (_, credential) => {
    const error = await Promise.resolve(tokenSource(credential)(undefined)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartnerCenterCredentialError);
    expect((error as Error).message).toBe("The credential gave no token");
  });

  it("refuses a token with a line break without quoting it", async () => {
    const secret = "eyJ0eXAi.secret-part\r\nX-Injected: 1";
    const error = await Promise.resolve(tokenSource(() => secret)(undefined)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartnerCenterCredentialError);
    expect((error as Error).message).not.toContain("secret-part");
  });

  it("wraps what the credential throws, keeping it as the cause", async () => {
    const cause = new Error("AADSTS700082: refresh token expired");
    const error = await Promise.resolve(tokenSource(() => Promise.reject(cause))(undefined)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartnerCenterCredentialError);
    expect((error as Error).cause).toBe(cause);
  });

  it.each([undefined, null, 42, {}])("refuses %s as a credential, naming the argument", (credential) => {
    expect(() => tokenSource(credential as unknown as Credential)).toThrow(PartnerCenterArgumentError);
    expect(() => tokenSource(credential as unknown as Credential)).toThrow(/credential/);
  });

  it("refuses an empty token string when the client is made", () => {
    expect(() => tokenSource("")).toThrow(expect.objectContaining({ name: "PartnerCenterArgumentError", argument: "credential" }));
  });

  it.each(["two words-SECRET", "line\nbreak-SECRET"])("refuses the token string %j when the client is made, without quoting it", (token) => {
    expect(() => tokenSource(token)).toThrow(PartnerCenterArgumentError);
    expect(() => tokenSource(token)).toThrow(expect.objectContaining({ argument: "credential", message: expect.not.stringContaining("SECRET") }));
  });
});
