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
