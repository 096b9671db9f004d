// One call of one operation through the pipeline, as the fluent API makes it: the path parameters,
// the caller's ids, the body as JSON, and the answer — a checked JSON object, or nothing for a 204.
// Every fluent module (users, licences, directory roles) calls through here, so they name their
// arguments alike and treat answers alike.
import { argumentError } from "./errors/argument-error.js";
import { correlationIdHeader, requestIdHeader } from "./headers.js";
import type { ArgumentNames, OperationRules, RequestParts } from "./operations.js";
import type { CallOptions } from "./options.js";
import { resultOf, type Pipeline } from "./pipeline.js";

/** The fluent API's arguments, named as its callers write them (the spec's names are the default). */
export const fluentNames: ArgumentNames = {
  "path:customer-tenant-id": "customerId",
  "path:user-id": "userId",
  "path:role-id": "roleId",
  "header:MS-RequestId": "requestId",
  "header:MS-CorrelationId": "correlationId",
  "query:size": "pageSize",
  "query:licenseGroupIds": "groups",
  "header:MS-ContinuationToken": "from",
};

/** The MS-RequestId and MS-CorrelationId a caller gave, if any (the pipeline makes the rest). */
export function idHeaders(options: CallOptions): Record<string, string | undefined> {
  return { [requestIdHeader]: options.requestId, [correlationIdHeader]: options.correlationId };
}

// The changes JSON.stringify makes to a value on its way to text: a toJSON method applied, an
// undefined, function or symbol left out, a number that is not finite written as null, a boxed
// primitive unwrapped.
function changedByJson(this: unknown, key: string, value: unknown): boolean {
  const given = (this as Record<string, unknown>)[key];
  if (value !== given || value === undefined) return true;
  if (typeof value === "number") return !Number.isFinite(value);
  return typeof value === "function" || typeof value === "symbol" || value instanceof Number || value instanceof String || value instanceof Boolean;
}

/**
 * The body as it will be sent, and its value as the server will read it — the body itself when
 * JSON.stringify changes nothing in it (plain data: no need to parse the text back to check it),
 * else left for the check to parse.
 */
export function serialize(body: unknown, argument: string): Pick<RequestParts, "body" | "value"> {
  let plain = true;
  let json: string | undefined;
  try {
    json = JSON.stringify(body, function (this: unknown, key: string, value: unknown) {
      if (plain && changedByJson.call(this, key, value)) plain = false;
      return value;
    });
  } catch {
    // a cycle or a BigInt
  }
  if (json === undefined) throw argumentError(argument, "cannot be written as JSON");
  return plain ? { body: json, value: body } : { body: json };
}

export interface OperationRequest {
  readonly path: Readonly<Record<string, unknown>>;
  readonly query?: URLSearchParams;
  /** The body, and what the caller calls it (`patch`, `user`, `update` …). */
  readonly body?: { readonly value: unknown; readonly argument: string };
}

/** Sends one request and resolves to its answer's JSON object (throws the PartnerCenterError an error answer stands for). */
export async function callFor(call: Pipeline, operation: OperationRules, request: OperationRequest, options: CallOptions): Promise<object> {
  const exchange = await send(call, operation, request, options);
  return resultOf(exchange);
}

/** Sends one request whose success has no body (a 204); resolves when it is done. */
export async function callForNothing(call: Pipeline, operation: OperationRules, request: OperationRequest, options: CallOptions): Promise<void> {
  const exchange = await send(call, operation, request, options);
  if (!exchange.ok) resultOf(exchange);
}

function send(call: Pipeline, operation: OperationRules, request: OperationRequest, options: CallOptions) {
  const names = request.body ? { ...fluentNames, body: request.body.argument } : fluentNames;
  const body = request.body ? serialize(request.body.value, request.body.argument) : {};
  return call({ operation, parts: { path: request.path, query: request.query, headers: idHeaders(options), ...body }, names, signal: options.signal });
}
