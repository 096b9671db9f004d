import type { components } from "../generated/partner-center-users.js";
import { createHttpError } from "./errors/from-response.js";
import { PartnerCenterInvalidResponseError } from "./errors/invalid-response-error.js";
import type { CallIds } from "./ids.js";
import { classifyFailure } from "./transport/classify-failure.js";

type CustomerUser = components["schemas"]["CustomerUser"];

export interface ReadContext extends CallIds {
  readonly caller: AbortSignal | undefined;
  readonly timeoutMs: number;
}

// The per-attempt timeout signal also covers the body; when it fires, reading rejects with a TimeoutError.
async function bodyText(response: Response, context: ReadContext): Promise<string> {
  try {
    return await response.text(); // decodes UTF-8 and drops a leading byte-order mark, which Partner Center sends
  } catch (error) {
    throw classifyFailure(error, { ...context, timedOut: (error as { name?: unknown } | null)?.name === "TimeoutError" });
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The updated user from a 200, or the PartnerCenterError an error answer stands for. */
export async function readCustomerUser(response: Response, context: ReadContext): Promise<CustomerUser> {
  const text = await bodyText(response, context);
  const ids = { requestId: context.requestId, correlationId: context.correlationId };
  const body = parseJson(text); // undefined when empty or not JSON
  if (!response.ok) throw createHttpError(response.status, body, response.headers, ids);
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    const contentType = response.headers.get("content-type") ?? "no content type";
    throw new PartnerCenterInvalidResponseError(
      `Partner Center answered ${response.status} with a body that is not a JSON object (${contentType}) [MS-RequestId ${ids.requestId}]`,
      { status: response.status, ...ids },
    );
  }
  // Partner Center's own reset-password example echoes the new password; the spec says it is never
  // returned, and a caller printing the result must not print it.
  if ("passwordProfile" in body) delete (body as { passwordProfile?: unknown }).passwordProfile;
  return body as CustomerUser;
}
