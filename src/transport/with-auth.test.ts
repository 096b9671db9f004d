import { describe, expect, it, vi } from "vitest";
import { PartnerCenterArgumentError } from "../errors/argument-error.js";
import type { FetchFunction, PlainInit } from "./plain-fetch.js";
import { withAuth } from "./with-auth.js";

const baseUrl = "https://api.partnercenter.microsoft.com";
const url = `${baseUrl}/v1/customers/eebd1b55-5360-4438-a11d-5c06918c3014/users/4b10bf41-ab11-40e3-8c53-cd67849b50de`;
const init: PlainInit = { method: "PATCH", headers: { "ms-requestid": "b1317092-f087-471e-a637-f66523b2b94c" }, body: "{}" };

function answering(response: () => Response) {
  return vi.fn<FetchFunction>(async () => response());
}

describe("withAuth", () => {
  it("adds Authorization: Bearer with the token and keeps the other headers", async () => {
    const fetch = answering(() => new Response("{}"));
    await withAuth(fetch, () => "the-token", baseUrl)(url, init);
    const sent = fetch.mock.calls[0]?.[1];
    expect(sent?.headers).toEqual({ "ms-requestid": "b1317092-f087-471e-a637-f66523b2b94c", authorization: "Bearer the-token" });
    expect(sent).toMatchObject({ method: "PATCH", body: "{}" });
  });

  it("asks for a token on every attempt, so a rotated token is used", async () => {
    const fetch = answering(() => new Response("{}"));
    let n = 0;
    const send = withAuth(fetch, () => `token-${++n}`, baseUrl);
    await send(url, init);
    await send(url, init);
    expect(fetch.mock.calls.map(([, sent]) => (sent.headers as Record<string, string>).authorization)).toEqual(["Bearer token-1", "Bearer token-2"]);
  });

  it("does not follow redirects (a PATCH carrying a password is not replayed elsewhere)", async () => {
    const fetch = answering(() => new Response("{}"));
    await withAuth(fetch, () => "t", baseUrl)(url, init);
    expect(fetch.mock.calls[0]?.[1].redirect).toBe("manual");
  });

  it.each(["https://evil.example/v1/customers", "https://api.partnercenter.microsoft.com.evil.example/v1", "http://api.partnercenter.microsoft.com/v1"])(
    "never sends the token to a URL outside baseUrl (%s)",
    async (outside) => {
      const fetch = answering(() => new Response("{}"));
      const getToken = vi.fn(() => "t");
      await expect(withAuth(fetch, getToken, baseUrl)(outside, init)).rejects.toBeInstanceOf(PartnerCenterArgumentError);
      expect(getToken).not.toHaveBeenCalled();
      expect(fetch).not.toHaveBeenCalled();
    },
  );

  it("scrubs the token and the request's password from an error body that echoes them", async () => {
    const password = 'Pa"ss\\word-123';
    const echo = JSON.stringify({ code: 3000, description: `bad password ${password} for token echo-token`, source: "PartnerFD" });
    const fetch = answering(() => new Response(echo, { status: 400, headers: { "content-type": "application/json", "retry-after": "3" } }));
    const body = JSON.stringify({ passwordProfile: { password } });
    const response = await withAuth(fetch, () => "echo-token", baseUrl)(url, { ...init, body });
    expect(response.status).toBe(400);
    expect(response.headers.get("retry-after")).toBe("3");
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ code: 3000, description: "bad password [REDACTED] for token [REDACTED]", source: "PartnerFD" });
  });

  it("leaves a 2xx body untouched", async () => {
    const fetch = answering(() => new Response('{"token":"echo-token"}'));
    const response = await withAuth(fetch, () => "echo-token", baseUrl)(url, init);
    expect(await response.text()).toBe('{"token":"echo-token"}');
  });
});
