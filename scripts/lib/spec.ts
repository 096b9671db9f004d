// Where the spec lives and how scripts and tests read it: one place, so a mutated copy of the
// spec (scripts/mutate-spec.ts) can be swapped in with PARTNER_CENTER_SPEC.
import SwaggerParser from "@apidevtools/swagger-parser";
import { fileURLToPath } from "node:url";
import type { OpenAPIV3 } from "openapi-types";

export const projectRoot = fileURLToPath(new URL("../../", import.meta.url));
export const defaultSpecPath = fileURLToPath(new URL("../../openapi/partner-center-users.yaml", import.meta.url));
export const specPath = process.env.PARTNER_CENTER_SPEC ?? defaultSpecPath;

export const operationPath = "/v1/customers/{customer-tenant-id}/users/{user-id}";

export type Spec = OpenAPIV3.Document;

/** The spec with every $ref resolved (a fresh copy each call: callers may mutate it). */
export async function loadDereferencedSpec(path = specPath): Promise<Spec> {
  return (await SwaggerParser.dereference(path)) as Spec;
}

/** The spec as written, $refs kept (a fresh copy each call). */
export async function loadSpec(path = specPath): Promise<Spec> {
  return (await SwaggerParser.parse(path)) as Spec;
}

export function updateOperation(spec: Spec): OpenAPIV3.OperationObject {
  const operation = spec.paths[operationPath]?.patch;
  if (!operation) throw new Error(`the spec has no PATCH ${operationPath}`);
  return operation;
}

/** The operation a method and a URL path stand for (the path's template matched segment by segment). */
export function operationFor(spec: Spec, method: string, path: string): OpenAPIV3.OperationObject | undefined {
  const segments = path.split("/");
  for (const [template, item] of Object.entries(spec.paths)) {
    const parts = template.split("/");
    const fits = parts.length === segments.length && parts.every((part, i) => /^\{[^}]+\}$/.test(part) ? segments[i] !== "" : part === segments[i]);
    const operation = fits ? item?.[method.toLowerCase() as OpenAPIV3.HttpMethods] : undefined;
    if (operation) return operation;
  }
  return undefined;
}

export interface PageExample {
  readonly customerId: string;
  readonly userId: string;
  /** The request body example; `x-placeholders` lists what was substituted for PAGE's placeholders. */
  readonly request: OpenAPIV3.ExampleObject;
  /** The 200 response example, likewise. */
  readonly response: OpenAPIV3.ExampleObject;
}

/** PAGE's documented update as the spec holds it: the path parameters' examples and the `page` examples. */
export function pageExample(spec: Spec): PageExample {
  const operation = updateOperation(spec);
  const parameters = (spec.paths[operationPath]?.parameters ?? []) as OpenAPIV3.ParameterObject[];
  const id = (name: string): string => {
    const value: unknown = parameters.find((parameter) => parameter.name === name)?.example;
    if (typeof value !== "string") throw new Error(`the spec's ${name} parameter has no example`);
    return value;
  };
  const example = (media: OpenAPIV3.MediaTypeObject | undefined, where: string): OpenAPIV3.ExampleObject => {
    const found = media?.examples?.["page"];
    if (!found) throw new Error(`the spec's ${where} has no "page" example`);
    return found as OpenAPIV3.ExampleObject;
  };
  return {
    customerId: id("customer-tenant-id"),
    userId: id("user-id"),
    request: example((operation.requestBody as OpenAPIV3.RequestBodyObject | undefined)?.content["application/json"], "request body"),
    response: example((operation.responses["200"] as OpenAPIV3.ResponseObject | undefined)?.content?.["application/json"], "200 response"),
  };
}
