import { describe, expect, it, vi } from "vitest";
import { PartnerCenterArgumentError } from "../errors/argument-error.js";
import { authorizedAttempt } from "./attempt.js";
import { attemptSignal } from "./attempt-signal.js";
import type { FetchFunction, PlainInit } from "./plain-fetch.js";

const baseUrl = "https://api.partnercenter.microsoft.com";
const url = `${baseUrl}/v1/customers/eebd1b55-5360-4438-a11d-5c06918c3014/users/4b10bf41-ab11-40e3-8c53-cd67849b50de`;
const init: PlainInit = { method: "PATCH", headers: { "ms-requestid": "b1317092-f087-471e-a637-f66523b2b94c" }, body: "{}" };

function answering(response: () => Response) {
  return vi.fn<FetchFunction>(async () => response());
}

describe("authorizedAttempt", () => {
  it("adds Authorization: Bearer with the token and keeps the other headers", async () => {
    const fetch = answering(() => new Response("{}"));
    await authorizedAttempt(fetch, () => "the-token", baseUrl)(url, init);
    const sent = fetch.mock.calls[0]?.[1];
    expect(sent?.headers).toEqual({ "ms-requestid": "b1317092-f087-471e-a637-f66523b2b94c", authorization: "Bearer the-token" });
    expect(sent).toMatchObject({ method: "PATCH", body: "{}" });
  });

  it("asks for a token on every attempt, so a rotated token is used", async () => {
    const fetch = answering(() => new Response("{}"));
    let n = 0;
    const attempt = authorizedAttempt(fetch, () => `token-${++n}`, baseUrl);
    await attempt(url, init);
    await attempt(url, init);
    expect(fetch.mock.calls.map(([, sent]) => (sent.headers as Record<string, string>).authorization)).toEqual(["Bearer token-1", "Bearer token-2"]);
  });

  it("does not follow redirects (a PATCH carrying a password is not replayed elsewhere)", async () => {
    const fetch = answering(() => new Response("{}"));
    await authorizedAttempt(fetch, () => "t", baseUrl)(url, init);
    expect(fetch.mock.calls[0]?.[1].redirect).toBe("manual");
  });

  it.each(["https://evil.example/v1/customers", "https://api.partnercenter.microsoft.com.evil.example/v1", "http://api.partnercenter.microsoft.com/v1"])(
    "never sends the token to a URL outside baseUrl (%s)",
    async (outside) => {
      const fetch = answering(() => new Response("{}"));
      const getToken = vi.fn(() => "t");
      await expect(authorizedAttempt(fetch, getToken, baseUrl)(outside, init)).rejects.toBeInstanceOf(PartnerCenterArgumentError);
      expect(getToken).not.toHaveBeenCalled();
      expect(fetch).not.toHaveBeenCalled();
    },
  );

  it("ends a credential that never settles when the attempt's signal aborts, without calling fetch", async () => {
    const fetch = answering(() => new Response("{}"));
    const bound = attemptSignal(undefined, 20);
    const outcome = authorizedAttempt(fetch, () => new Promise<string>(() => {}), baseUrl)(url, { ...init, signal: bound.signal });
    await expect(outcome).rejects.toMatchObject({ name: "TimeoutError" });
    expect(bound.timedOut).toBe(true);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("reads the whole answer: status, headers, text and parsed JSON", async () => {
    const fetch = answering(() => new Response('\uFEFF{"id":1}', { status: 200, headers: { "retry-after": "3" } }));
    const answer = await authorizedAttempt(fetch, () => "t", baseUrl)(url, init);
    expect(answer).toMatchObject({ status: 200, ok: true, text: '{"id":1}', body: { id: 1 } });
    expect(answer.headers.get("retry-after")).toBe("3");
  });

  it("scrubs the token and the request's password from an error body that echoes them", async () => {
    const password = 'Pa"ss\\word-123';
    const echo = JSON.stringify({ code: 3000, description: `bad password ${password} for token echo-token`, source: "PartnerFD" });
    const fetch = answering(() => new Response(echo, { status: 400, headers: { "content-type": "application/json" } }));
    const body = JSON.stringify({ passwordProfile: { password } });
    const answer = await authorizedAttempt(fetch, () => "echo-token", baseUrl)(url, { ...init, body });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ code: 3000, description: "bad password [REDACTED] for token [REDACTED]", source: "PartnerFD" });
    expect(JSON.parse(answer.text)).toEqual(answer.body);
  });

  it("scrubs a password echoed with .NET's \\u escapes, which a text search for the raw password misses", async () => {
    const password = "Zoë+<Secret>9";
    const dotNet = '{"code":3000,"description":"bad Zo\\u00EB\\u002B\\u003CSecret\\u003E9","source":"PartnerFD"}';
    const fetch = answering(() => new Response(dotNet, { status: 400 }));
    const answer = await authorizedAttempt(fetch, () => "t0ken", baseUrl)(url, { ...init, body: JSON.stringify({ passwordProfile: { password } }) });
    expect(answer.body).toMatchObject({ description: "bad [REDACTED]" });
    expect(answer.text).not.toContain("Secret");
  });

  it("scrubs an error body that is not JSON as text", async () => {
    const fetch = answering(() => new Response("<p>token echo-token</p>", { status: 502 }));
    const answer = await authorizedAttempt(fetch, () => "echo-token", baseUrl)(url, init);
    expect(answer).toMatchObject({ text: "<p>token [REDACTED]</p>", body: undefined });
  });

  it("leaves a 2xx body untouched", async () => {
    const fetch = answering(() => new Response('{"token":"echo-token"}'));
    const answer = await authorizedAttempt(fetch, () => "echo-token", baseUrl)(url, init);
    expect(answer.text).toBe('{"token":"echo-token"}');
  });

  describe("a 401 the credential may cure (a token expired mid-run)", () => {
    const refused = (code: number) => () => new Response(JSON.stringify({ code, description: "no", data: [], source: "PartnerFD" }), { status: 401 });
    const sentTokens = (fetch: ReturnType<typeof answering>) => fetch.mock.calls.map(([, sent]) => (sent.headers as Record<string, string>).authorization);

    it("asks the credential once more with forceRefresh and sends the request once more with the fresh token, same headers", async () => {
      let n = 0;
      const fetch = vi.fn<FetchFunction>(async () => (++n === 1 ? refused(800001)() : new Response('{"id":1}')));
      const getToken = vi.fn((_signal: AbortSignal | undefined, forceRefresh?: boolean) => (forceRefresh ? "fresh-token" : "expired-token"));
      const answer = await authorizedAttempt(fetch, getToken, baseUrl)(url, init);
      expect(answer).toMatchObject({ status: 200, body: { id: 1 } });
      expect(getToken.mock.calls.map(([, force]) => force)).toEqual([undefined, true]);
      expect(sentTokens(fetch)).toEqual(["Bearer expired-token", "Bearer fresh-token"]);
      expect(fetch.mock.calls[1]?.[1]).toMatchObject({ method: "PATCH", body: "{}", headers: { "ms-requestid": init.headers["ms-requestid"] } });
    });

    it("sends once more at most: a second 401 is the answer", async () => {
      const fetch = answering(refused(800001));
      let n = 0;
      const answer = await authorizedAttempt(fetch, () => `token-${++n}`, baseUrl)(url, init);
      expect(answer.status).toBe(401);
      expect(sentTokens(fetch)).toEqual(["Bearer token-1", "Bearer token-2"]);
    });

    it("leaves the 401 as the answer when the credential gives the same token again (a fixed token string)", async () => {
      const fetch = answering(refused(800001));
      const answer = await authorizedAttempt(fetch, () => "fixed-token", baseUrl)(url, init);
      expect(answer).toMatchObject({ status: 401, body: { code: 800001 } });
      expect(fetch).toHaveBeenCalledTimes(1);
    });

    it.each([900421, "900421"])("does not ask again after 401 code %j (MFA claim missing: a fresh token would lack it too)", async (code) => {
      const fetch = answering(() => new Response(JSON.stringify({ code, description: "MFA" }), { status: 401 }));
      const getToken = vi.fn(() => "token-without-mfa");
      const answer = await authorizedAttempt(fetch, getToken, baseUrl)(url, init);
      expect(answer.status).toBe(401);
      expect(getToken).toHaveBeenCalledTimes(1);
      expect(fetch).toHaveBeenCalledTimes(1);
    });

    it.each([403, 400])("does not ask again after a %i", async (status) => {
      const fetch = answering(() => new Response("{}", { status }));
      const getToken = vi.fn((_signal: AbortSignal | undefined, forceRefresh?: boolean) => (forceRefresh ? "fresh" : "first"));
      await authorizedAttempt(fetch, getToken, baseUrl)(url, init);
      expect(getToken).toHaveBeenCalledTimes(1);
    });

    it("scrubs both tokens from a final 401 body that echoes them", async () => {
      let n = 0;
      const fetch = vi.fn<FetchFunction>(async (_url, sent) => {
        n += 1;
        const auth = (sent.headers as Record<string, string>).authorization ?? "";
        return new Response(JSON.stringify({ code: 800001, description: `refused ${auth} (try ${n})` }), { status: 401 });
      });
      let t = 0;
      const answer = await authorizedAttempt(fetch, () => `tok-SECRET-${++t}`, baseUrl)(url, init);
      expect(answer.body).toEqual({ code: 800001, description: "refused Bearer [REDACTED] (try 2)" });
      expect(answer.text).not.toContain("SECRET");
    });
  });
});
