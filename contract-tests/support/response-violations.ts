// Whether a response conforms to the spec: a documented status for the request's operation, a
// documented media type, a body that validates against that status's schema and documented headers
// that validate against theirs — judged by ajv on the spec's own schemas, not by a hand-copied
// shape. Free of vitest, so the stateful fake (and the benchmark that drives it) can use it too.
import type { OpenAPIV3 } from "openapi-types";
import { operationFor, type Spec } from "../../scripts/lib/spec.ts";
import type { RecordedRequest, RecordedResponse } from "./mock.ts";
import { schemaErrors } from "./spec-ajv.ts";

/** The ways `response` departs from what the spec documents for the request's operation (empty when it conforms). */
export function responseViolations(spec: Spec, request: Pick<RecordedRequest, "method" | "url">, response: RecordedResponse): string[] {
  const operation = operationFor(spec, request.method, new URL(request.url).pathname);
  if (!operation) return [`${request.method} ${new URL(request.url).pathname} is no operation of the spec`];
  const documented = operation.responses;
  const declared = (documented[String(response.status)] ?? documented["default"]) as OpenAPIV3.ResponseObject | undefined;
  if (!declared) return [`status ${response.status} is not documented`];
  const found: string[] = [];
  const at = (what: string) => `${response.status} ${what}`;

  const mediaType = response.headers["content-type"]?.split(";")[0]?.trim().toLowerCase();
  const content = declared.content ?? {};
  if (Object.keys(content).length === 0) {
    if (response.body !== "") found.push(at(`has a body, but the spec documents none`));
  } else if (!mediaType || !content[mediaType]) {
    found.push(at(`has content type ${mediaType ?? "(none)"}, not one of ${Object.keys(content).join(", ")}`));
  } else {
    const schema = content[mediaType]?.schema;
    let body: unknown;
    try {
      body = JSON.parse(response.body);
    } catch {
      found.push(at("body is not JSON"));
    }
    if (schema && body !== undefined) found.push(...schemaErrors(schema, body).map((error) => at(`body ${error}`)));
  }

  for (const [name, header] of Object.entries(declared.headers ?? {}) as [string, OpenAPIV3.HeaderObject][]) {
    const value = response.headers[name.toLowerCase()];
    if (value === undefined) {
      if (header.required) found.push(at(`lacks the required header ${name}`));
      continue;
    }
    if (header.schema) found.push(...schemaErrors(header.schema, value).map((error) => at(`header ${name}: ${error}`)));
  }
  return found;
}
