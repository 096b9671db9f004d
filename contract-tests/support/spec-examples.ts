// Every example the spec holds, with the schema it must satisfy: parameters, request bodies,
// response bodies, response headers and schema-level examples.
import type { OpenAPIV3 } from "openapi-types";
import type { Spec } from "../../scripts/lib/spec.ts";

export interface SpecExample {
  readonly where: string;
  readonly schema: object;
  readonly value: unknown;
}

type WithExamples = {
  schema?: object;
  example?: unknown;
  examples?: Record<string, OpenAPIV3.ExampleObject | OpenAPIV3.ReferenceObject>;
};

function fromHolder(where: string, holder: WithExamples): SpecExample[] {
  const schema = holder.schema;
  if (!schema) return [];
  const found: SpecExample[] = [];
  if (holder.example !== undefined) found.push({ where: `${where} example`, schema, value: holder.example });
  for (const [name, example] of Object.entries(holder.examples ?? {})) {
    found.push({ where: `${where} examples.${name}`, schema, value: (example as OpenAPIV3.ExampleObject).value });
  }
  const schemaExample = (schema as { example?: unknown }).example;
  if (schemaExample !== undefined) found.push({ where: `${where} schema.example`, schema, value: schemaExample });
  return found;
}

/** Collects the examples of a dereferenced spec. */
export function collectExamples(spec: Spec): SpecExample[] {
  const found: SpecExample[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(item ?? {})) {
      if (typeof operation !== "object" || operation === null || !("responses" in operation)) continue;
      const op = operation as OpenAPIV3.OperationObject;
      const at = `${method.toUpperCase()} ${path}`;
      const parameters = [...(item?.parameters ?? []), ...(op.parameters ?? [])] as OpenAPIV3.ParameterObject[];
      for (const parameter of parameters) found.push(...fromHolder(`${at} parameter ${parameter.name}`, parameter as WithExamples));
      const body = op.requestBody as OpenAPIV3.RequestBodyObject | undefined;
      for (const [type, media] of Object.entries(body?.content ?? {})) found.push(...fromHolder(`${at} request ${type}`, media as WithExamples));
      for (const [status, response] of Object.entries(op.responses) as [string, OpenAPIV3.ResponseObject][]) {
        for (const [type, media] of Object.entries(response.content ?? {})) found.push(...fromHolder(`${at} ${status} ${type}`, media as WithExamples));
        for (const [name, header] of Object.entries(response.headers ?? {})) found.push(...fromHolder(`${at} ${status} header ${name}`, header as WithExamples));
      }
    }
  }
  for (const [name, schema] of Object.entries(spec.components?.schemas ?? {})) {
    const example = (schema as { example?: unknown }).example;
    if (example !== undefined) found.push({ where: `components.schemas.${name} example`, schema, value: example });
  }
  return found;
}
