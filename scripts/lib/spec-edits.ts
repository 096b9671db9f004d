// Real edits of the spec, as a maintainer would make them, each with the verdict the breaking-change
// gate must reach: the gate's tests and the evaluation of diff libraries (docs/regenerating.md, "Regenerating
// from the spec") run the same list. Each edits a parsed copy with its $refs kept.
import type { OpenAPIV3 } from "openapi-types";
import { operationPath, type Spec, updateOperation } from "./spec.ts";

type Schema = OpenAPIV3.SchemaObject;

export interface SpecEdit {
  /** What a maintainer did, in the words of a changelog. */
  readonly name: string;
  readonly breaking: boolean;
  /** The changes the gate's report must name for this edit, as it words them. */
  readonly reports: readonly string[];
  readonly apply: (spec: Spec) => void;
}

export function schema(spec: Spec, name: string): Schema {
  const found = spec.components?.schemas?.[name] as Schema | undefined;
  if (!found) throw new Error(`the spec has no components.schemas.${name}`);
  return found;
}

export function properties(spec: Spec, name: string): Record<string, OpenAPIV3.ReferenceObject | Schema> {
  const found = schema(spec, name).properties;
  if (!found) throw new Error(`components.schemas.${name} has no properties`);
  return found;
}

const queryParameter = (required: boolean): OpenAPIV3.ParameterObject => ({
  name: "notify",
  in: "query",
  required,
  description: "Whether to e-mail the user about the change.",
  schema: { type: "string", enum: ["none", "user"] },
});

/** An operation the spec does not have: HEAD a domain, to see whether it is taken (verify-domain-availability.md). */
const domainPath = "/v1/domains/{domain}";
const checkDomain: OpenAPIV3.OperationObject = {
  operationId: "checkDomainAvailability",
  summary: "Whether a domain is taken",
  parameters: [{ name: "domain", in: "path", required: true, schema: { type: "string" } }],
  responses: { "200": { description: "Taken." }, "404": { description: "Free." } },
};

export const specEdits: readonly SpecEdit[] = [
  {
    name: "remove immutableId from CustomerUser",
    breaking: true,
    reports: ["response 200 field immutableId removed"],
    apply: (spec) => void delete properties(spec, "CustomerUser")["immutableId"],
  },
  {
    name: "remove lastName (request and response)",
    breaking: true,
    reports: ["response 200 field lastName removed", "request field lastName removed"],
    apply: (spec) => {
      delete properties(spec, "CustomerUser")["lastName"];
      delete properties(spec, "CustomerUserPatch")["lastName"];
    },
  },
  {
    name: "rename the response field phoneNumber to mobilePhone",
    breaking: true,
    reports: ["response 200 field phoneNumber removed", "new optional response 200 field mobilePhone (string)"],
    apply: (spec) => {
      const fields = properties(spec, "CustomerUser");
      fields["mobilePhone"] = fields["phoneNumber"] as Schema;
      delete fields["phoneNumber"];
    },
  },
  {
    name: "add an optional phoneNumber to CustomerUserPatch",
    breaking: false,
    reports: ["new optional request field phoneNumber (string, maxLength 64)"],
    apply: (spec) => {
      properties(spec, "CustomerUserPatch")["phoneNumber"] = { type: "string", maxLength: 64 };
    },
  },
  {
    name: "make displayName required in CustomerUserPatch",
    breaking: true,
    reports: ["request field displayName now required"],
    apply: (spec) => {
      schema(spec, "CustomerUserPatch").required = ["displayName"];
    },
  },
  {
    name: "lower DisplayName maxLength 256 → 128",
    breaking: true,
    reports: ["request field displayName: maxLength 256 → 128"],
    apply: (spec) => {
      schema(spec, "DisplayName").maxLength = 128;
    },
  },
  {
    name: "raise DisplayName maxLength 256 → 512",
    breaking: false,
    reports: ["request field displayName: maxLength 256 → 512"],
    apply: (spec) => {
      schema(spec, "DisplayName").maxLength = 512;
    },
  },
  {
    name: "raise DisplayName minLength 1 → 2",
    breaking: true,
    reports: ["request field displayName: minLength 1 → 2"],
    apply: (spec) => {
      schema(spec, "DisplayName").minLength = 2;
    },
  },
  {
    name: "change the UsageLocation pattern (^[A-Z]{2}$ → ^[A-Z]{2,3}$, in fact wider)",
    breaking: true,
    reports: ["request field usageLocation: pattern ^[A-Z]{2}$ → ^[A-Z]{2,3}$"],
    apply: (spec) => {
      schema(spec, "UsageLocation").pattern = "^[A-Z]{2,3}$";
    },
  },
  {
    name: "narrow a request enum (PatchAttributes objectType loses CustomerUser, gains User)",
    breaking: true,
    reports: ["request field attributes.objectType: enum gains User, enum loses CustomerUser"],
    apply: (spec) => {
      const objectType = properties(spec, "PatchAttributes")["objectType"] as Schema;
      objectType.enum = ["User"];
    },
  },
  {
    name: "make the response field userPrincipalName optional",
    breaking: true,
    reports: ["response 200 field userPrincipalName now optional"],
    apply: (spec) => {
      schema(spec, "CustomerUser").required = ["id", "attributes"];
    },
  },
  {
    name: "make the response field state nullable",
    breaking: true,
    reports: ["response 200 field state: now nullable"],
    apply: (spec) => {
      (properties(spec, "CustomerUser")["state"] as Schema).nullable = true;
    },
  },
  {
    name: "add a value to the response enum userDomainType",
    breaking: true,
    reports: ["response 200 field userDomainType: enum gains unknown"],
    apply: (spec) => {
      (properties(spec, "CustomerUser")["userDomainType"] as Schema).enum = ["none", "managed", "federated", "unknown"];
    },
  },
  {
    name: "add an optional response field (mailNickname)",
    breaking: false,
    reports: ["new optional response 200 field mailNickname (string)"],
    apply: (spec) => {
      properties(spec, "CustomerUser")["mailNickname"] = { type: "string", readOnly: true };
    },
  },
  {
    name: "remove the 404 status",
    breaking: true,
    reports: ["status 404 removed"],
    apply: (spec) => void delete updateOperation(spec).responses["404"],
  },
  {
    name: "add an optional query parameter",
    breaking: false,
    reports: ["new optional query parameter notify (string, enum none | user)"],
    apply: (spec) => void updateOperation(spec).parameters?.push(queryParameter(false)),
  },
  {
    name: "add a required query parameter",
    breaking: true,
    reports: ["new required query parameter notify"],
    apply: (spec) => void updateOperation(spec).parameters?.push(queryParameter(true)),
  },
  {
    name: "remove the header parameter MS-PartnerCenter-Application",
    breaking: true,
    reports: ["header parameter MS-PartnerCenter-Application removed"],
    apply: (spec) => {
      const operation = updateOperation(spec);
      operation.parameters = (operation.parameters ?? []).filter(
        (parameter) => !("$ref" in parameter && parameter.$ref.endsWith("/MSPartnerCenterApplication")),
      );
    },
  },
  {
    name: "remove the operation (PATCH, the path's only one)",
    breaking: true,
    reports: ["operation removed"],
    apply: (spec) => void delete spec.paths[operationPath],
  },
  {
    name: "add an operation (HEAD a domain)",
    breaking: false,
    reports: ["new operation"],
    apply: (spec) => {
      if (spec.paths[domainPath]) throw new Error(`the spec already has ${domainPath}: pick another operation to add`);
      spec.paths[domainPath] = { head: checkDomain };
    },
  },
];
