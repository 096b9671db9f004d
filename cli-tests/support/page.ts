// PAGE's documented update, read from the spec rather than copied: the ids from the path
// parameters' examples, the request and response bodies from the `page` examples.
import type { OpenAPIV3 } from "openapi-types";
import { loadDereferencedSpec, operationPath, updateOperation } from "../../scripts/lib/spec.ts";

const spec = await loadDereferencedSpec();
const operation = updateOperation(spec);
const parameters = (spec.paths[operationPath]?.parameters ?? []) as OpenAPIV3.ParameterObject[];
const example = (name: string) => String(parameters.find((parameter) => parameter.name === name)?.example);
const requestExamples = (operation.requestBody as OpenAPIV3.RequestBodyObject).content["application/json"]?.examples ?? {};
const responseExamples = (operation.responses["200"] as OpenAPIV3.ResponseObject).content?.["application/json"]?.examples ?? {};

export const pageCustomerId = example("customer-tenant-id");
export const pageUserId = example("user-id");
export const pageRequest = (requestExamples["page"] as OpenAPIV3.ExampleObject).value as Record<string, unknown>;
export const pageUser = (responseExamples["page"] as OpenAPIV3.ExampleObject).value as Record<string, unknown>;
