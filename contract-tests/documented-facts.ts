// The API's documented facts (as listed in the facts sheet), each with its source, written
// down here independently of the spec: the other spec checks derive their cases from the spec
// itself, so an edit that loosens or tightens it consistently everywhere passes them. The
// spec must state every fact below exactly; `brokenFacts` is the one check, used by the per-fact
// tests and by the tests that show it failing on broken copies.
//
// Pointers go into the dereferenced spec and, where they can, through the operation itself (its
// request body, its 200 and 429 bodies) rather than through components/schemas, so a field that
// is re-pointed at a looser schema breaks the fact as surely as a loosened schema does.
import { isDeepStrictEqual } from "node:util";
import type { Spec } from "../scripts/lib/spec.ts";
import { atPointer } from "./support/spec-constraints.ts";

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/**
 * One documented fact. What it pins at each place: the `value` there; or the property `names`
 * there, in any order; or, `each` item of the list there, that property's `values`, in order.
 */
export type DocumentedFact = {
  /** The rule, as its test is named. Stable: the broken-copy tests refer to it. */
  readonly name: string;
  /** Where the documentation says it, in the form the spec's descriptions use (PAGE, DOCS, NET, REF, AAD). */
  readonly source: string;
  /** Every place in the dereferenced spec that must state it (JSON pointers). */
  readonly at: readonly [string, ...string[]];
} & ({ readonly value: Json } | { readonly names: readonly string[] } | { readonly each: string; readonly values: readonly Json[] });

const path = "#/paths/~1v1~1customers~1{customer-tenant-id}~1users~1{user-id}";
const users = "#/paths/~1v1~1customers~1{customer-tenant-id}~1users";
const list = `${users}/get`;
const operation = `${path}/patch`;
const request = `${operation}/requestBody/content/application~1json/schema`;
const user = `${operation}/responses/200/content/application~1json/schema`;
const throttled = `${operation}/responses/429/content/application~1json/schema`;
const fault = "#/components/schemas/Fault";
const scope = "https://api.partnercenter.microsoft.com/user_impersonation";
const appPlusUser = "#/components/securitySchemes/appPlusUser";

/** `keyword` of every GUID: the two path ids, the user's id, the request ids sent and echoed. */
const guids = (keyword: string) =>
  [
    `${path}/parameters/0/schema/${keyword}`,
    `${path}/parameters/1/schema/${keyword}`,
    `${user}/properties/id/allOf/0/${keyword}`,
    `${operation}/parameters/0/schema/${keyword}`,
    `${operation}/parameters/1/schema/${keyword}`,
    `${operation}/responses/200/headers/MS-RequestId/schema/${keyword}`,
    `${operation}/responses/200/headers/MS-CorrelationId/schema/${keyword}`,
  ] as const;
const guidSource = "PAGE, REF (customer-tenant-id, user-id); DOCS user-resources.md (id); DOCS headers.md (MS-RequestId, MS-CorrelationId)";

const customer = "/v1/customers/{customer-tenant-id}";
const userRoute = `${customer}/users/{user-id}`;
const members = `${customer}/directoryroles/{role-id}/usermembers`;

/** Route, method, the success status its page shows, and the page. */
const lifecycleStatuses: readonly (readonly [string, string, number, string])[] = [
  [`${customer}/users`, "post", 200, "CREATE (200 OK, not 201)"],
  [userRoute, "delete", 204, "DELETE"],
  [`${userRoute}/resetpassword`, "patch", 200, "RESET"],
  [`${userRoute}/licenses`, "get", 200, "LICENCES"],
  [`${userRoute}/licenseupdates`, "post", 201, "ASSIGN"],
  [`${userRoute}/directoryroles`, "get", 200, "ROLES"],
  [`${customer}/subscribedskus`, "get", 200, "SKUS"],
  [`${customer}/directoryroles`, "get", 200, "ROLES"],
  [members, "get", 200, "ROLES; NET"],
  [members, "post", 201, "ADD ROLE"],
  [`${members}/{user-id}`, "delete", 204, "REMOVE ROLE"],
];

// The roles by the names Microsoft Entra ID gives them: Learn writes "Directory Reader" and, on the
// roles pages, "Global reader".
const roleReaders = ["Directory Readers", "Global Reader", "User Administrator", "Privileged Role Administrator", "Directory Writers"];
/** operationId, what it does (the key in x-gdap-roles), route, method and the GDAP roles (any one will do). */
const gdapRoles: readonly (readonly [string, string, string, string, readonly string[]])[] = [
  ["createCustomerUser", "create", `${customer}/users`, "post", ["User Administrator", "Directory Writers"]],
  ["deleteCustomerUser", "delete", userRoute, "delete", ["User Administrator"]],
  ["resetCustomerUserPassword", "resetPassword", `${userRoute}/resetpassword`, "patch", ["User Administrator", "Privileged Authentication Administrator"]],
  ["listCustomerUserLicenses", "read", `${userRoute}/licenses`, "get", ["Directory Readers", "License Administrator", "User Administrator", "Directory Writers"]],
  ["updateCustomerUserLicenses", "updateLicenses", `${userRoute}/licenseupdates`, "post", ["License Administrator", "User Administrator", "Directory Writers"]],
  ["listCustomerSubscribedSkus", "read", `${customer}/subscribedskus`, "get", ["Directory Readers", "Global Reader", "User Administrator", "License Administrator"]],
  ["listCustomerUserRoles", "read", `${userRoute}/directoryroles`, "get", roleReaders],
  ["listCustomerDirectoryRoles", "read", `${customer}/directoryroles`, "get", roleReaders],
  ["listDirectoryRoleMembers", "read", members, "get", roleReaders],
  ["addDirectoryRoleMember", "addRoleMember", members, "post", ["Privileged Role Administrator"]],
  ["removeDirectoryRoleMember", "removeRoleMember", `${members}/{user-id}`, "delete", ["Privileged Role Administrator"]],
];

export const documentedFacts: readonly DocumentedFact[] = [
  // The operation
  {
    name: "the paths are the users, a user, and a user's or the customer's licences and roles",
    source: "PAGE example; NET customers/{0}/users/{1}; REF; LIST; GET; DELETED; CREATE; RESET (Learn); LICENCES; ASSIGN; SKUS; ROLES; ADD ROLE; REMOVE ROLE",
    at: ["#/paths"],
    names: [
      "/v1/customers/{customer-tenant-id}/users",
      "/v1/customers/{customer-tenant-id}/users/{user-id}",
      "/v1/customers/{customer-tenant-id}/users/{user-id}/resetpassword",
      "/v1/customers/{customer-tenant-id}/users/{user-id}/licenses",
      "/v1/customers/{customer-tenant-id}/users/{user-id}/licenseupdates",
      "/v1/customers/{customer-tenant-id}/users/{user-id}/directoryroles",
      "/v1/customers/{customer-tenant-id}/subscribedskus",
      "/v1/customers/{customer-tenant-id}/directoryroles",
      "/v1/customers/{customer-tenant-id}/directoryroles/{role-id}/usermembers",
      "/v1/customers/{customer-tenant-id}/directoryroles/{role-id}/usermembers/{user-id}",
    ],
  },
  { name: "a user is read with GET, deleted with DELETE and updated with PATCH on the same path", source: "GET; DELETE; PAGE", at: [path], names: ["parameters", "get", "delete", "patch"] },
  { name: "the users are listed with GET and created with POST", source: "LIST; DELETED; CREATE", at: [users], names: ["parameters", "get", "post"] },
  // The rest of a user's lifecycle: each success status as its page documents it, and the GDAP roles Learn lists.
  ...lifecycleStatuses.map(([route, method, status, source]) => ({
    name: `${method.toUpperCase()} ${route} answers ${status}`,
    source,
    at: [`#/paths/${route.replaceAll("/", "~1")}/${method}/responses`] as const,
    names: [String(status), "400", "401", "403", "404", "429", "500", "503"],
  })),
  {
    name: "a new user needs a sign-in name, a display name and a password",
    source: "PowerShell New-PartnerCustomerUser (mandatory parameters; CREATE states none)",
    at: [`#/paths/${`${customer}/users`.replaceAll("/", "~1")}/post/requestBody/content/application~1json/schema/required`],
    value: ["userPrincipalName", "displayName", "passwordProfile"],
  },
  {
    name: "licence groups are asked for as Group1 and Group2",
    source: "LICENCES BY GROUP; SKUS BY GROUP",
    at: [`#/paths/${`${userRoute}/licenses`.replaceAll("/", "~1")}/get/parameters/0/schema/items/enum`, `#/paths/${`${customer}/subscribedskus`.replaceAll("/", "~1")}/get/parameters/0/schema/items/enum`],
    value: ["Group1", "Group2"],
  },
  ...gdapRoles.map(([operationId, does, route, method, roles]) => ({
    name: `${operationId} needs one of the GDAP roles ${roles.join(", ")}`,
    source: "Learn, the operation's GDAP section (facts sheet §1.0)",
    at: [`#/paths/${route.replaceAll("/", "~1")}/${method}/x-gdap-roles/${does}`] as const,
    value: roles,
  })),
  {
    name: "the list takes size, seekOperation, filter, sortField, sortDirection and MS-ContinuationToken",
    source: "PAGING (REST reference, NET GetCustomerUsers route and enumerator); DELETED (size, filter)",
    at: [`${list}/parameters`],
    each: "name",
    values: ["size", "seekOperation", "filter", "sortField", "sortDirection", "MS-ContinuationToken", "MS-RequestId", "MS-CorrelationId", "MS-Contract-Version", "X-Locale", "MS-PartnerCenter-Application"],
  },
  { name: "the next page is asked for with seekOperation Next", source: "PAGING (NET enumerator)", at: [`${list}/parameters/1/schema/enum`], value: ["Next"] },
  { name: "the page size is a whole number", source: "PAGING (size: int32); DELETED (size=500)", at: [`${list}/parameters/0/schema/type`], value: "integer" },
  {
    name: "deleted users are selected with the UserState Inactive filter",
    source: "DELETED",
    at: [`${list}/x-filters/deleted`],
    value: '{"Field":"UserState","Value":"Inactive","Operator":"equals"}',
  },
  {
    name: "a page has totalCount, items, continuationToken, links and attributes",
    source: "LIST; DELETED; PAGING (continuationToken, links.next)",
    at: [`${list}/responses/200/content/application~1json/schema/properties`],
    names: ["totalCount", "items", "continuationToken", "links", "attributes"],
  },
  {
    name: "a page's links are self, next and previous",
    source: "LIST; PAGING (links.next); NET SeekBasedResourceCollection (links.previous)",
    at: [`${list}/responses/200/content/application~1json/schema/properties/links/properties`],
    names: ["self", "next", "previous"],
  },
  { name: "size 0 asks for the server's default page size", source: "NET GetCustomerUsers route (sends size=0 by default)", at: [`${list}/parameters/0/schema/minimum`], value: 0 },
  {
    name: "sortDirection is Ascending or Descending",
    source: "PAGING (inferred from NET's enum names; unverified)",
    at: [`${list}/parameters/4/schema/enum`],
    value: ["Ascending", "Descending"],
  },
  {
    name: "seekOperation's other NET values are noted as unverified, and not accepted",
    source: "NET SeekOperation.cs; PAGING (only Next seen on the wire)",
    at: [`${list}/parameters/1/x-unverified-values`],
    value: ["Previous", "First", "Last", "PageIndex"],
  },
  {
    name: "a PATCH body notes that the server tolerates PascalCase names and explicit nulls",
    source: "NET (sends PascalCase names and explicit nulls, which the server accepts)",
    at: [`${operation}/requestBody/x-server-tolerates/pascalCaseNames`, `${operation}/requestBody/x-server-tolerates/explicitNulls`],
    value: true,
  },
  { name: "a page's objectType is Collection", source: "LIST; DELETED", at: [`${list}/responses/200/content/application~1json/schema/properties/attributes/properties/objectType/enum`], value: ["Collection"] },
  {
    name: "GET and the list answer exactly 200, 400, 401, 403, 404, 429, 500 and 503",
    source: "GET, LIST (200); DOCS error-codes.md (400, 401, 403, 404, 500, 503); DOCS api-throttling-guidance.md (429)",
    at: [`${path}/get/responses`, `${list}/responses`],
    names: ["200", "400", "401", "403", "404", "429", "500", "503"],
  },
  { name: "the path's parameters are customer-tenant-id then user-id", source: "PAGE parameter table; REF", at: [`${path}/parameters`], each: "name", values: ["customer-tenant-id", "user-id"] },
  {
    name: "PATCH answers exactly 200, 400, 401, 403, 404, 429, 500 and 503",
    source: "PAGE (200); DOCS error-codes.md (400, 401, 403, 404, 500, 503); DOCS api-throttling-guidance.md (429)",
    at: [`${operation}/responses`],
    names: ["200", "400", "401", "403", "404", "429", "500", "503"],
  },
  { name: "a 401 carries exactly the WWW-Authenticate header", source: "DOCS headers.md", at: [`${operation}/responses/401/headers`], names: ["WWW-Authenticate"] },
  { name: "a 429 carries exactly the Retry-After header", source: "DOCS api-throttling-guidance.md", at: [`${operation}/responses/429/headers`], names: ["Retry-After"] },
  {
    name: "the servers are the global and the 21Vianet URLs, global first",
    source: "DOCS partner-center-rest-urls.md",
    at: ["#/servers"],
    each: "url",
    values: ["https://api.partnercenter.microsoft.com", "https://partner.partnercenterapi.microsoftonline.cn"],
  },
  {
    name: "every call needs an App+User token with the user_impersonation scope",
    source: "PAGE prerequisites; DOCS enable-secure-app-model.md",
    at: ["#/security", `${operation}/security`],
    value: [{ appPlusUser: [scope] }],
  },
  { name: "the App+User scheme declares exactly the user_impersonation scope", source: "DOCS enable-secure-app-model.md", at: [`${appPlusUser}/flows/authorizationCode/scopes`], names: [scope] },
  { name: "the App+User scheme's only flow is delegated (authorization code): app-only tokens are refused", source: "PAGE prerequisites", at: [`${appPlusUser}/flows`], names: ["authorizationCode"] },
  {
    name: "the request headers are MS-RequestId, MS-CorrelationId, MS-Contract-Version, X-Locale and MS-PartnerCenter-Application",
    source: "DOCS headers.md",
    at: [`${operation}/parameters`],
    each: "name",
    values: ["MS-RequestId", "MS-CorrelationId", "MS-Contract-Version", "X-Locale", "MS-PartnerCenter-Application"],
  },
  {
    name: "every request header is optional",
    source: "DOCS headers.md; MS-Contract-Version: NET, which never sends it (DOCS headers.md calls it required)",
    at: [`${operation}/parameters`],
    each: "required",
    values: [false, false, false, false, false],
  },
  {
    name: "the ids and request ids are GUIDs in the hyphenated 36-character form the sources print",
    source: guidSource,
    at: guids("pattern"),
    value: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
  },
  { name: "the ids and request ids have format uuid", source: guidSource, at: guids("format"), value: "uuid" },

  // The request body
  {
    name: "a PATCH can change exactly usageLocation, displayName, firstName, lastName, userPrincipalName, passwordProfile, state and attributes",
    source: "PAGE example and C# sample; DOCS restore-a-user-for-a-customer.md (state); DOCS utility-resources.md (passwordProfile)",
    at: [`${request}/properties`],
    names: ["usageLocation", "displayName", "firstName", "lastName", "userPrincipalName", "passwordProfile", "state", "attributes"],
  },
  {
    name: "a PATCH refuses every other property",
    source: "DOCS user-resources.md: the other fields are not writable (refusing unknown names too is our choice)",
    at: [`${request}/additionalProperties`],
    value: false,
  },
  { name: "a PATCH sets state only to active, to restore a deleted user", source: "DOCS restore-a-user-for-a-customer.md", at: [`${request}/properties/state/enum`], value: ["active"] },
  {
    name: "displayName is at least 1 character: it cannot be cleared",
    source: "AAD displayName",
    at: [`${request}/properties/displayName/minLength`, `${user}/properties/displayName/minLength`],
    value: 1,
  },
  {
    name: "displayName is at most 256 characters",
    source: "AAD displayName",
    at: [`${request}/properties/displayName/maxLength`, `${user}/properties/displayName/maxLength`],
    value: 256,
  },
  {
    name: "firstName and lastName are at most 64 characters",
    source: "AAD givenName/surname",
    at: [
      `${request}/properties/firstName/maxLength`,
      `${request}/properties/lastName/maxLength`,
      `${user}/properties/firstName/maxLength`,
      `${user}/properties/lastName/maxLength`,
    ],
    value: 64,
  },
  {
    name: "userPrincipalName is at most 113 characters",
    source: "AAD userPrincipalName",
    at: [`${request}/properties/userPrincipalName/maxLength`, `${user}/properties/userPrincipalName/maxLength`],
    value: 113,
  },
  {
    name: "userPrincipalName is alias@domain: 64 alias characters of letters, digits and ' . - _ ! # ^ ~, then 48 domain characters",
    source: "AAD userPrincipalName (the domain's characters, letters, digits, . and -, are our choice)",
    at: [`${request}/properties/userPrincipalName/pattern`, `${user}/properties/userPrincipalName/pattern`],
    value: "^[A-Za-z0-9'._!#^~-]{1,64}@[A-Za-z0-9.-]{1,48}$",
  },
  {
    name: "usageLocation is an ISO 3166-1 alpha-2 code in capitals",
    source: "AAD/Graph usageLocation (Partner Center documents no format)",
    at: [`${request}/properties/usageLocation/pattern`, `${user}/properties/usageLocation/pattern`],
    value: "^[A-Z]{2}$",
  },
  {
    name: "passwordProfile and its password are write-only",
    source: "DOCS utility-resources.md",
    at: [`${request}/properties/passwordProfile/writeOnly`, `${request}/properties/passwordProfile/properties/password/writeOnly`],
    value: true,
  },
  {
    name: "passwordProfile has exactly password and forceChangePassword",
    source: "DOCS utility-resources.md (Graph's forceChangePasswordNextSignIn is not Partner Center's)",
    at: [`${request}/properties/passwordProfile/properties`],
    names: ["password", "forceChangePassword"],
  },
  { name: "passwordProfile requires the password", source: "DOCS utility-resources.md", at: [`${request}/properties/passwordProfile/required`], value: ["password"] },
  { name: "a password is at least 8 characters", source: "AAD password policy", at: [`${request}/properties/passwordProfile/properties/password/minLength`], value: 8 },
  { name: "a password is at most 256 characters", source: "AAD password policy", at: [`${request}/properties/passwordProfile/properties/password/maxLength`], value: 256 },
  {
    name: "a password has at least three of lower case, upper case, digits and other characters",
    source: "AAD password policy",
    at: [`${request}/properties/passwordProfile/properties/password/pattern`],
    value:
      "^(?:(?=.*[a-z])(?=.*[A-Z])(?=.*[0-9])|(?=.*[a-z])(?=.*[A-Z])(?=.*[^a-zA-Z0-9])|(?=.*[a-z])(?=.*[0-9])(?=.*[^a-zA-Z0-9])|(?=.*[A-Z])(?=.*[0-9])(?=.*[^a-zA-Z0-9]))",
  },
  {
    name: "attributes.objectType is CustomerUser",
    source: "DOCS utility-resources.md; PAGE example",
    at: [`${request}/properties/attributes/properties/objectType/enum`, `${user}/properties/attributes/properties/objectType/enum`],
    value: ["CustomerUser"],
  },
  {
    name: "attributes has exactly objectType and etag",
    source: "DOCS utility-resources.md",
    at: [`${request}/properties/attributes/properties`, `${user}/properties/attributes/properties`],
    names: ["objectType", "etag"],
  },

  // The returned user
  {
    name: "a returned user has exactly the documented fields, passwordProfile as a reset's echo",
    source: "DOCS user-resources.md; NET Users/*.cs; DOCS reset-user-password-for-a-customer.md (its 200 echoes passwordProfile)",
    at: [`${user}/properties`],
    names: [
      "id", "userPrincipalName", "firstName", "lastName", "displayName", "usageLocation", "immutableId", "phoneNumber",
      "userDomainType", "state", "lastDirectorySyncTime", "softDeletionTime", "passwordProfile", "links", "attributes",
    ],
  },
  {
    name: "a returned user always has id, userPrincipalName and attributes",
    source: "PAGE and DOCS user-resources.md examples (usageLocation may be absent)",
    at: [`${user}/required`],
    value: ["id", "userPrincipalName", "attributes"],
  },
  { name: "a returned user's attributes always have objectType", source: "DOCS utility-resources.md (etag is optional)", at: [`${user}/properties/attributes/required`], value: ["objectType"] },
  { name: "a user's state is active or inactive (soft-deleted)", source: "DOCS restore-a-user-for-a-customer.md", at: [`${user}/properties/state/enum`], value: ["active", "inactive"] },
  { name: "userDomainType is none, managed or federated", source: "NET UserDomainType.cs", at: [`${user}/properties/userDomainType/enum`], value: ["none", "managed", "federated"] },
  {
    name: "id, userDomainType, lastDirectorySyncTime, softDeletionTime and links are read-only",
    source: "DOCS user-resources.md; NET Users/*.cs",
    at: [
      `${user}/properties/id/readOnly`,
      `${user}/properties/userDomainType/readOnly`,
      `${user}/properties/lastDirectorySyncTime/readOnly`,
      `${user}/properties/softDeletionTime/readOnly`,
      `${user}/properties/links/readOnly`,
    ],
    value: true,
  },
  {
    name: "lastDirectorySyncTime and softDeletionTime are date-times",
    source: "DOCS user-resources.md",
    at: [`${user}/properties/lastDirectorySyncTime/format`, `${user}/properties/softDeletionTime/format`],
    value: "date-time",
  },
  {
    name: "lastDirectorySyncTime and softDeletionTime can be null",
    source: "DOCS user-resources.md",
    at: [`${user}/properties/lastDirectorySyncTime/nullable`, `${user}/properties/softDeletionTime/nullable`],
    value: true,
  },

  // Errors
  { name: "a fault has exactly code, description, data and source", source: "DOCS error-codes.md", at: [`${fault}/properties`], names: ["code", "description", "data", "source"] },
  { name: "a fault always has code, description and source", source: "DOCS error-codes.md", at: [`${fault}/required`], value: ["code", "description", "source"] },
  {
    name: "a fault's code is an integer or a string",
    source: "DOCS error-codes.md (documented as a string, a number in every example)",
    at: [`${fault}/properties/code/oneOf`],
    value: [{ type: "integer" }, { type: "string" }],
  },
  { name: "a fault's description is at most 1024 characters", source: "DOCS error-codes.md", at: [`${fault}/properties/description/maxLength`], value: 1024 },
  { name: "a 429 body always has statusCode and message", source: "DOCS api-throttling-guidance.md", at: [`${throttled}/required`], value: ["statusCode", "message"] },
  { name: "a 429 body's statusCode is 429", source: "DOCS api-throttling-guidance.md", at: [`${throttled}/properties/statusCode/enum`], value: [429] },
];

export interface BrokenFact {
  readonly fact: DocumentedFact;
  /** Names the fact and its source, then each place where the spec says something else. */
  readonly message: string;
}

const show = (value: unknown) => (value === undefined ? "nothing" : JSON.stringify(value));

/** What the spec states at `node` for `fact`, and what the fact documents, in comparable form. */
function compared(fact: DocumentedFact, node: unknown): { what: string; actual: unknown; expected: unknown } {
  if ("names" in fact) {
    const actual = typeof node === "object" && node !== null && !Array.isArray(node) ? Object.keys(node).sort() : node;
    return { what: "property names", actual, expected: [...fact.names].sort() };
  }
  if ("each" in fact) {
    const actual = Array.isArray(node) ? node.map((item: unknown) => (item as Record<string, unknown> | null)?.[fact.each]) : node;
    return { what: `each item's ${fact.each}`, actual, expected: fact.values };
  }
  return { what: "value", actual: node, expected: fact.value };
}

/** The facts `spec` does not state exactly (none when it states them all). */
export function brokenFacts(spec: Spec, facts: readonly DocumentedFact[] = documentedFacts): BrokenFact[] {
  return facts.flatMap((fact) => {
    const problems = fact.at.flatMap((pointer) => {
      const node = atPointer(spec, pointer);
      // A renamed or removed place must fail, never compare nothing with nothing.
      if (node === undefined) return [`${pointer} does not resolve`];
      const { what, actual, expected } = compared(fact, node);
      return isDeepStrictEqual(actual, expected) ? [] : [`${pointer} ${what} is ${show(actual)}, documented ${show(expected)}`];
    });
    return problems.length === 0 ? [] : [{ fact, message: `${fact.name} (${fact.source}): ${problems.join("; ")}` }];
  });
}
