// The spec's operations as the client knows them (generated/spec-rules.ts), and the one check every
// request passes before anything is sent, whichever door it came through: each parameter and the
// body against the spec's rules, refused with a PartnerCenterArgumentError naming what is wrong.
import { operations } from "../generated/spec-rules.js";
import { PartnerCenterArgumentError } from "./errors/argument-error.js";
import { validate, type SchemaSubset, type ValidationIssue } from "./validate.js";

export type OperationId = keyof typeof operations;

export interface ParameterRule {
  readonly name: string;
  readonly in: string;
  readonly required: boolean;
  readonly schema: SchemaSubset;
}

export interface OperationRules {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly parameters: readonly ParameterRule[];
  readonly requestBody?: { readonly required: boolean; readonly schema: SchemaSubset };
  /** The one success the spec documents: its status and its body's schema (none for a 204: no body). */
  readonly response: { readonly status: number; readonly schema?: SchemaSubset };
}

export const operationRules: Readonly<Record<OperationId, OperationRules>> = operations;

/** What one request carries, as a door hands it over. Header names are lower case. */
export interface RequestParts {
  readonly path: Readonly<Record<string, unknown>>;
  readonly query?: URLSearchParams | undefined;
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The JSON text to send, if any. */
  readonly body?: string | undefined;
  /** The body's JSON value, when the door has it as it is sent (so it is checked without parsing `body` back). */
  readonly value?: unknown;
}

/**
 * How a door names what it was given, for its errors: the fluent API says `customerId`, `patch`,
 * `requestId`; `api` callers wrote the spec's names, which are the default (`customer-tenant-id`,
 * `body`, `MS-RequestId`). Keys: `body`, or `<in>:<spec name>`.
 */
export type ArgumentNames = Readonly<Record<string, string>>;

// Path, query and header values travel as text; a schema that wants another type gets it parsed.
function typed(text: string, schema: SchemaSubset): unknown {
  if (schema.type === "integer" || schema.type === "number") return text.trim() === "" ? text : Number(text);
  if (schema.type === "boolean") return text === "true" ? true : text === "false" ? false : text;
  return text;
}

/** A query parameter's value: an array one (`?licenseGroupIds=Group1&licenseGroupIds=Group2`) as every value given, each typed. */
function queryValue(query: URLSearchParams | undefined, rule: ParameterRule): unknown {
  if (rule.schema.type !== "array") return query?.get(rule.name) ?? undefined;
  const values = query?.getAll(rule.name) ?? [];
  const items = rule.schema.items;
  return values.length === 0 ? undefined : values.map((value) => (items ? typed(value, items) : value));
}

function refuse(argument: string, issues: readonly ValidationIssue[]): never {
  throw new PartnerCenterArgumentError(argument, issues);
}

/** What every call of an operation needs from its rules, worked out on its first call. */
interface Prepared {
  /** Each parameter with its key in ArgumentNames and, for a header, its lower-case name. */
  readonly parameters: readonly { readonly rule: ParameterRule; readonly key: string; readonly header: string }[];
  readonly queryNames: ReadonlySet<string>;
  /** The path split at its parameters: literal text, a parameter's name, literal text, … */
  readonly pathPieces: readonly string[];
}

const preparedRules = new WeakMap<OperationRules, Prepared>();

function prepared(operation: OperationRules): Prepared {
  let ready = preparedRules.get(operation);
  if (!ready) {
    ready = {
      parameters: operation.parameters.map((rule) => ({ rule, key: `${rule.in}:${rule.name}`, header: rule.name.toLowerCase() })),
      queryNames: new Set(operation.parameters.filter((rule) => rule.in === "query").map((rule) => rule.name)),
      pathPieces: operation.path.split(/\{([^}]+)\}/),
    };
    preparedRules.set(operation, ready);
  }
  return ready;
}

/** The call's parameters and body against the operation's rules: throws a PartnerCenterArgumentError when it may not be sent. */
export function checkRequest(operation: OperationRules, parts: RequestParts, names: ArgumentNames = {}): void {
  const { parameters, queryNames } = prepared(operation);
  for (const { rule, key, header } of parameters) {
    const argument = names[key] ?? rule.name;
    const value = rule.in === "path" ? parts.path[rule.name] : rule.in === "query" ? queryValue(parts.query, rule) : rule.in === "header" ? parts.headers[header] : undefined;
    if (value === undefined) {
      if (rule.required) refuse(argument, [{ path: argument, message: "is required" }]);
      continue;
    }
    const issues = validate(rule.schema, typeof value === "string" ? typed(value, rule.schema) : value, argument);
    if (issues.length > 0) refuse(argument, issues);
  }
  if (parts.query) {
    for (const name of parts.query.keys()) {
      if (!queryNames.has(name)) refuse(name, [{ path: name, message: `is not a query parameter of ${operation.method} ${operation.path}` }]);
    }
  }
  const argument = names["body"] ?? "body";
  if (parts.body === undefined) {
    if (operation.requestBody?.required) refuse(argument, [{ path: argument, message: "is required" }]);
    return;
  }
  if (!operation.requestBody) refuse(argument, [{ path: argument, message: `is not taken by ${operation.method} ${operation.path}` }]);
  let value = parts.value;
  if (!("value" in parts)) {
    try {
      value = JSON.parse(parts.body);
    } catch {
      refuse(argument, [{ path: argument, message: "is not JSON" }]); // the parser's message would quote it
    }
  }
  const issues = validate(operation.requestBody.schema, value, argument);
  if (issues.length > 0) refuse(argument, issues);
}

/**
 * What is off the spec in a success answer (empty when nothing is): its status, then its parsed
 * body (undefined when it was not JSON) against the operation's response schema. Paths start at
 * `body` (`body.items[0].id`); like a request's issues, none quotes a value but an id.
 */
export function checkResponse(operation: OperationRules, status: number, body: unknown): ValidationIssue[] {
  const { response } = operation;
  if (status !== response.status) return [{ path: "status", message: `must be ${response.status}, not ${status}` }];
  if (!response.schema) return body === undefined ? [] : [{ path: "body", message: "must be empty" }];
  if (body === undefined) return [{ path: "body", message: "must be JSON" }];
  return validate(response.schema, body, "body");
}

/** The operation a method and a path (below the base URL, no query) stand for, with its path parameters decoded. */
export function findOperation(method: string, path: string): { operation: OperationRules; path: Record<string, string> } | undefined {
  const segments = path.split("/");
  for (const operation of Object.values(operationRules)) {
    if (operation.method !== method.toUpperCase()) continue;
    const template = operation.path.split("/");
    if (template.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const fits = template.every((part, i) => {
      const segment = segments[i] as string;
      if (!(part.startsWith("{") && part.endsWith("}"))) return part === segment;
      try {
        params[part.slice(1, -1)] = decodeURIComponent(segment);
        return segment !== "";
      } catch {
        return false;
      }
    });
    if (fits) return { operation, path: params };
  }
  return undefined;
}

/** The operation's path with its parameters filled in, each percent-encoded so it stays one segment. */
export function fillPath(operation: OperationRules, path: Readonly<Record<string, unknown>>): string {
  const pieces = prepared(operation).pathPieces;
  let filled = pieces[0] as string;
  for (let i = 1; i < pieces.length; i += 2) filled += encodeURIComponent(String(path[pieces[i] as string])) + (pieces[i + 1] as string);
  return filled;
}

/**
 * Public (src/index.ts): the spec's objections to a CustomerUserPatch — the check `patch()` makes
 * before sending — empty when it may be sent. Paths start at `patch` (`patch.usageLocation`); no
 * message repeats the value, so a refused password is never quoted. For checking input (a file of
 * rows, a form) before calling the client.
 */
export function checkCustomerUserPatch(body: unknown): ValidationIssue[] {
  return validate(operations.updateCustomerUser.requestBody.schema, body, "patch");
}
