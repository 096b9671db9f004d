import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createHttpError } from "./from-response.js";
import {
  PartnerCenterBadRequestError,
  PartnerCenterConflictError,
  PartnerCenterForbiddenError,
  PartnerCenterNotFoundError,
  PartnerCenterServerError,
  PartnerCenterTooManyRequestsError,
  PartnerCenterUnauthorizedError,
} from "./http-errors.js";
import { PartnerCenterError } from "./partner-center-error.js";

const ids = { requestId: "b1317092-f087-471e-a637-f66523b2b94c", correlationId: "8a53b025-d5be-4d98-ab20-229d1813de76" };
const fault = { code: 60002, description: "User not found", data: ["a"], source: "PartnerFD" };

describe("createHttpError", () => {
  it.each([
    [400, PartnerCenterBadRequestError],
    [401, PartnerCenterUnauthorizedError],
    [403, PartnerCenterForbiddenError],
    [404, PartnerCenterNotFoundError],
    [409, PartnerCenterConflictError],
    [429, PartnerCenterTooManyRequestsError],
    [500, PartnerCenterServerError],
    [502, PartnerCenterServerError],
    [503, PartnerCenterServerError],
    [504, PartnerCenterServerError],
  ])("maps %i to its class", (status, ErrorClass) => {
    const error = createHttpError(status, fault, new Headers(), ids);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(PartnerCenterError);
    expect(error.name).toBe(ErrorClass.name);
    expect(error.stack?.split("\n")[0]).toContain(ErrorClass.name);
  });

  it("gives another status the base class", () => {
    const error = createHttpError(412, fault, new Headers(), ids);
    expect(error.constructor).toBe(PartnerCenterError);
    expect(error.status).toBe(412);
  });

  it("carries the fault's fields, the status and the call's ids", () => {
    const error = createHttpError(404, fault, new Headers(), ids);
    expect(error).toMatchObject({ status: 404, code: 60002, description: "User not found", data: ["a"], source: "PartnerFD", ...ids });
    expect(error.message).toBe(`Partner Center answered 404 (code 60002): User not found [MS-RequestId ${ids.requestId}]`);
  });

  it("accepts a fault code given as a string", () => {
    expect(createHttpError(503, { code: "3000", description: "busy", source: "x" }, new Headers(), ids).code).toBe("3000");
  });

  it("reads the 429 body's message as the description, and Retry-After as retryAfterMs", () => {
    const body = { statusCode: 429, message: "Rate limit is exceeded. Try again in 57 seconds." };
    const error = createHttpError(429, body, new Headers({ "retry-after": "57" }), ids);
    expect(error).toMatchObject({ status: 429, description: body.message, retryAfterMs: 57_000, code: undefined });
  });

  it("still gives an error with the status when the body is not JSON", () => {
    const error = createHttpError(502, undefined, new Headers({ "content-type": "text/html" }), ids);
    expect(error).toBeInstanceOf(PartnerCenterServerError);
    expect(error).toMatchObject({ status: 502, description: undefined, code: undefined });
    expect(error.message).toContain("not JSON (text/html)");
  });

  it("ignores fields of the wrong type rather than passing them on", () => {
    const error = createHttpError(400, { code: { nested: true }, description: 5, data: "x", source: [] }, new Headers(), ids);
    expect(error).toMatchObject({ code: undefined, description: undefined, data: undefined, source: undefined });
    expect(error.message).toContain("not a Partner Center fault");
  });

  it("lists exactly the safe fields in toJSON()", () => {
    const error = createHttpError(404, fault, new Headers(), ids);
    expect(Object.keys(error.toJSON()).sort()).toEqual(
      ["name", "message", "status", "code", "description", "data", "source", "requestId", "correlationId", "retryAfterMs", "continuationToken", "operationId", "method", "url"].sort(),
    );
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name: "PartnerCenterNotFoundError", status: 404, requestId: ids.requestId });
  });

  it("shows the class name and fields in util.inspect", () => {
    const shown = inspect(createHttpError(404, fault, new Headers(), ids));
    expect(shown).toContain("PartnerCenterNotFoundError");
    expect(shown).toContain("60002");
  });
});
