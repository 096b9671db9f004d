// The one table of constraint cases: for each constraint the spec declares, keyed by the JSON
// pointer to the keyword where the spec as written declares it, values just inside and just
// outside it, chosen once. The spec checks (contract-tests/spec/constraints.test.ts: every
// constraint, ajv) and the request checks (support/request-cases.ts: the request's constraints,
// judged by ajv, the mock and the typed client) both read it. A constraint without a line here
// fails both, naming the line to add. `type` has no lines: its cases are made from the type's name.
import { isDeepStrictEqual } from "node:util";
import type { OpenAPIV3 } from "openapi-types";
import type { Spec } from "../../scripts/lib/spec.ts";
import { atPointer, declaredConstraints, locate, pointerKeys, pointerTo, type DeclaredConstraint } from "./spec-constraints.ts";

type Schema = OpenAPIV3.SchemaObject;

export interface ConstraintCase {
  /** Values the constraint accepts, each valid against the whole schema that declares it. */
  readonly inside: readonly [unknown, ...unknown[]];
  /** Values it refuses, by what is wrong with them. */
  readonly outside: Readonly<Record<string, unknown>>;
}

/** A string of `n` characters. */
export const a = (n: number): string => "a".repeat(n);

const guid = "4b10bf41-ab11-40e3-8c53-cd67849b50de";
const password = "Aa1-aaaa";
const user = { id: guid, userPrincipalName: "ada@contoso.com", attributes: { objectType: "CustomerUser" } };
const fault = { code: 60002, description: "User object ID not found.", source: "PartnerFD" };
const link = { uri: "/customers/x/users/y", method: "GET" };
const upnPattern = "o'neil.a-b_c!d#e^f~g@contoso.com";
const collection = { totalCount: 0, items: [], attributes: { objectType: "Collection" } };

/** In the order the spec declares the constraints, so a missing line's place can be named. */
export const constraintCases: Readonly<Record<string, ConstraintCase>> = {
  "#/paths/~1v1~1customers~1{customer-tenant-id}~1users/get/parameters/0/schema/format": { inside: [0, 2147483647], outside: { "2^31, past a 32-bit int": 2147483648 } },
  "#/paths/~1v1~1customers~1{customer-tenant-id}~1users/get/parameters/0/schema/minimum": { inside: [0, 1, 500], outside: { "a negative size": -1 } },
  "#/paths/~1v1~1customers~1{customer-tenant-id}~1users/get/parameters/1/schema/enum": { inside: ["Next"], outside: { "lower case": "next", "Previous, which the pager never sends": "Previous" } },
  "#/paths/~1v1~1customers~1{customer-tenant-id}~1users/get/parameters/2/schema/pattern": {
    inside: ['{"Field":"UserState","Value":"Inactive","Operator":"equals"}', "{}"],
    outside: { "not a JSON object": "UserState eq 'Inactive'", "a JSON array": "[]" },
  },
   "#/paths/~1v1~1customers~1{customer-tenant-id}~1directoryroles~1{role-id}~1usermembers/get/parameters/0/schema/minimum": { inside: [1, 100], outside: { zero: 0 } },
   "#/paths/~1v1~1customers~1{customer-tenant-id}~1directoryroles~1{role-id}~1usermembers/get/parameters/1/schema/enum": { inside: ["Next"], outside: { "a value not listed": "Nextx" } },
  "#/paths/~1v1~1customers~1{customer-tenant-id}~1users/get/parameters/4/schema/enum": { inside: ["Ascending", "Descending"], outside: { "lower case": "ascending", "an abbreviation": "asc" } },
  "#/paths/~1v1~1customers~1{customer-tenant-id}~1directoryroles~1{role-id}~1usermembers/get/parameters/0/schema/format": { inside: [1, 2147483647], outside: { "2^31, past a 32-bit int": 2147483648 } },
  "#/components/parameters/MSContractVersion/schema/pattern": { inside: ["v1", "v12"], outside: { "no v": "1", "a capital V": "V1" } },
  "#/components/parameters/XLocale/schema/pattern": { inside: ["en-US", "zh-Hans-CN"], outside: { "an underscore": "en_US", "a digit": "1" } },
  "#/components/parameters/MSContinuationToken/schema/minLength": { inside: ["c2Vla1Rva2VuPTE="], outside: { "an empty token": "" } },
   "#/components/parameters/LicenseGroupIds/schema/items/enum": { inside: ["Group1"], outside: { "a value not listed": "Group1x" } },
  "#/components/schemas/Guid/pattern": {
    inside: [guid, guid.toUpperCase()],
    outside: { "a GUID without hyphens": guid.replaceAll("-", ""), "a URN, which the uuid format allows": `urn:uuid:${guid}` },
  },
  "#/components/schemas/Guid/format": { inside: [guid, guid.toUpperCase()], outside: { "a GUID with a non-hex digit": `${guid.slice(0, -1)}g` } },
  "#/components/schemas/UsageLocation/pattern": {
    inside: ["US", "GB"],
    outside: { "lower case": "us", "three letters": "USA", "PAGE's placeholder": "new country/region code" },
  },
  "#/components/schemas/UserPrincipalName/pattern": {
    inside: [upnPattern, `${a(64)}@${a(48)}`],
    outside: {
      "a space in the alias": "ada lovelace@contoso.com",
      "no @": "ada.contoso.com",
      "a 65-character alias": `${a(65)}@contoso.com`,
      "a 49-character domain": `ada@${a(49)}`,
    },
  },
  "#/components/schemas/UserPrincipalName/maxLength": {
    inside: [`${a(64)}@${a(44)}.com`],
    outside: { "114 characters, which the pattern alone allows": `${a(64)}@${a(45)}.com` },
  },
  "#/components/schemas/PersonName/maxLength": { inside: [a(64)], outside: { "65 characters": a(65) } },
  "#/components/schemas/DisplayName/minLength": { inside: ["A"], outside: { "an empty string": "" } },
  "#/components/schemas/DisplayName/maxLength": { inside: [a(256)], outside: { "257 characters": a(257) } },
  "#/components/schemas/PasswordProfile/required": { inside: [{ password }], outside: { "only forceChangePassword": { forceChangePassword: true } } },
  "#/components/schemas/PasswordProfile/additionalProperties": {
    inside: [{ password, forceChangePassword: false }],
    outside: { "Graph's forceChangePasswordNextSignIn": { password, forceChangePasswordNextSignIn: true } },
  },
  "#/components/schemas/PasswordProfile/properties/password/pattern": {
    inside: ["aaaaaaA1", "aaaaaaA!", "aaaaaa1!", "AAAAAA1!"],
    outside: { "lower and upper case only": "aaaaaaaA", "lower case and digits only": "aaaaaaa1", "digits and symbols only": "1234567!" },
  },
  "#/components/schemas/PasswordProfile/properties/password/minLength": { inside: ["Aa1aaaaa"], outside: { "7 characters": "Aa1aaaa" } },
  "#/components/schemas/PasswordProfile/properties/password/maxLength": { inside: [`Aa1${a(253)}`], outside: { "257 characters": `Aa1${a(254)}` } },
  "#/components/schemas/PasswordProfileEcho/additionalProperties": {
    inside: [{ password: "Renew456*", forceChangePassword: false }],
    outside: { "Graph's forceChangePasswordNextSignIn": { forceChangePasswordNextSignIn: false } },
  },
  "#/components/schemas/PatchAttributes/additionalProperties": {
    inside: [{ objectType: "CustomerUser", etag: "e" }],
    outside: { "an unknown kind": { objectType: "CustomerUser", kind: "x" } },
  },
  "#/components/schemas/PatchAttributes/properties/objectType/enum": { inside: ["CustomerUser"], outside: { "a prefix of the one value": "Customer" } },
  "#/components/schemas/CustomerUserPatch/additionalProperties": { inside: [{ usageLocation: "US" }], outside: { "the typo usageLocaton": { usageLocaton: "US" } } },
  "#/components/schemas/CustomerUserPatch/not": {
    inside: [{ displayName: "A", attributes: { objectType: "CustomerUser" } }],
    outside: { "an empty object": {}, "attributes alone": { attributes: { objectType: "CustomerUser" } } },
  },
  "#/components/schemas/CustomerUserPatch/properties/state/enum": { inside: ["active"], outside: { "inactive, which only the server sets": "inactive" } },
  "#/components/schemas/CustomerUser/required": { inside: [user], outside: { "without id": { userPrincipalName: user.userPrincipalName, attributes: user.attributes } } },
  "#/components/schemas/CustomerUser/additionalProperties": { inside: [{ ...user, phoneNumber: "1" }], outside: { "a password": { ...user, password: "x" } } },
  "#/components/schemas/CustomerUser/properties/id/allOf": { inside: [guid], outside: { "a GUID without hyphens": guid.replaceAll("-", "") } },
  "#/components/schemas/CustomerUser/properties/userDomainType/enum": { inside: ["federated"], outside: { "a domain type NET does not list": "hybrid" } },
  "#/components/schemas/CustomerUser/properties/state/enum": { inside: ["inactive"], outside: { "deleted, which the API calls inactive": "deleted" } },
  "#/components/schemas/CustomerUser/properties/lastDirectorySyncTime/format": {
    inside: ["2026-11-27T08:15:00Z"],
    outside: { "PAGE's Date header, not an RFC 3339 date-time": "June 24 2016 22:00:25 PST" },
  },
  "#/components/schemas/CustomerUser/properties/softDeletionTime/format": { inside: ["2017-01-20T00:33:34Z"], outside: { "a date without a time": "2017-01-20" } },
  "#/components/schemas/CustomerUserCollection/required": { inside: [collection], outside: { "without items": { totalCount: 0, attributes: collection.attributes } } },
  "#/components/schemas/CustomerUserCollection/additionalProperties": { inside: [{ ...collection, continuationToken: "" }], outside: { "a nextLink, as Graph names it": { ...collection, nextLink: "x" } } },
  "#/components/schemas/CustomerUserCollection/properties/totalCount/minimum": { inside: [0], outside: { "a negative count": -1 } },
  "#/components/schemas/CustomerUserCollection/properties/attributes/required": { inside: [collection.attributes], outside: { "an empty object": {} } },
  "#/components/schemas/CustomerUserCollection/properties/attributes/additionalProperties": { inside: [collection.attributes], outside: { "an etag": { ...collection.attributes, etag: "e" } } },
  "#/components/schemas/CustomerUserCollection/properties/attributes/properties/objectType/enum": { inside: ["Collection"], outside: { "a user's object type": "CustomerUser" } },
  "#/components/schemas/CollectionLinks/additionalProperties": { inside: [{ self: link, next: link, previous: link }], outside: { "a first link": { self: link, first: link } } },
  "#/components/schemas/UserLinks/additionalProperties": { inside: [{ self: link }], outside: { "a next link": { self: link, next: link } } },
  "#/components/schemas/Link/required": { inside: [link], outside: { "without method": { uri: link.uri } } },
  "#/components/schemas/Link/additionalProperties": { inside: [{ ...link, headers: [], body: "" }], outside: { "a rel": { ...link, rel: "self" } } },
  "#/components/schemas/Link/properties/headers/items/additionalProperties": { inside: [{ key: "k", value: "v" }], outside: { "values for value": { key: "k", values: ["v"] } } },
  "#/components/schemas/ResourceAttributes/required": { inside: [{ objectType: "CustomerUser" }], outside: { "etag alone": { etag: "e" } } },
  "#/components/schemas/ResourceAttributes/additionalProperties": {
    inside: [{ objectType: "CustomerUser", etag: "e" }],
    outside: { "a version": { objectType: "CustomerUser", version: 1 } },
  },
  "#/components/schemas/ResourceAttributes/properties/objectType/enum": { inside: ["CustomerUser"], outside: { "another object type": "User" } },
  "#/components/schemas/Fault/required": { inside: [fault], outside: { "without source": { code: fault.code, description: fault.description } } },
  "#/components/schemas/Fault/additionalProperties": { inside: [{ ...fault, data: ["x"] }], outside: { "a message": { ...fault, message: "x" } } },
  "#/components/schemas/Fault/properties/code/oneOf": { inside: [60002, "ServiceUnavailable"], outside: { "a fraction": 1.5 } },
  "#/components/schemas/Fault/properties/description/maxLength": { inside: [a(1024)], outside: { "1025 characters": a(1025) } },
  "#/components/schemas/Throttled/required": { inside: [{ statusCode: 429, message: "m" }], outside: { "without message": { statusCode: 429 } } },
  "#/components/schemas/Throttled/additionalProperties": {
    inside: [{ statusCode: 429, message: "m" }],
    outside: { "a retryAfter": { statusCode: 429, message: "m", retryAfter: 5 } },
  },
  "#/components/schemas/Throttled/properties/statusCode/enum": { inside: [429], outside: { "another status": 503 } },
   "#/components/schemas/CustomerUserCreate/required": { inside: [{ "userPrincipalName": "ada.lovelace@contoso.onmicrosoft.com", "displayName": "a", "passwordProfile": { "password": password } }], outside: { "without userPrincipalName": { "displayName": "a", "passwordProfile": { "password": password } } } },
   "#/components/schemas/CustomerUserCreate/additionalProperties": { inside: [{ "userPrincipalName": "ada.lovelace@contoso.onmicrosoft.com", "displayName": "a", "passwordProfile": { "password": password } }], outside: { "an unknown property": { "userPrincipalName": "ada.lovelace@contoso.onmicrosoft.com", "displayName": "a", "passwordProfile": { "password": password }, "unknownProperty": "x" } } },
   "#/components/schemas/CustomerUserCreate/properties/immutableId/maxLength": { inside: [a(256)], outside: { "257 characters": a(257) } },
   "#/components/schemas/PasswordReset/required": { inside: [{ "passwordProfile": { "password": password } }], outside: { "without passwordProfile": {} } },
   "#/components/schemas/PasswordReset/additionalProperties": { inside: [{ "passwordProfile": { "password": password } }], outside: { "an unknown property": { "passwordProfile": { "password": password }, "unknownProperty": "x" } } },
   "#/components/schemas/CollectionAttributes/required": { inside: [{ "objectType": "Collection" }], outside: { "without objectType": {} } },
   "#/components/schemas/CollectionAttributes/additionalProperties": { inside: [{ "objectType": "Collection" }], outside: { "an unknown property": { "objectType": "Collection", "unknownProperty": "x" } } },
   "#/components/schemas/CollectionAttributes/properties/objectType/enum": { inside: ["Collection"], outside: { "a value not listed": "Collectionx" } },
   "#/components/schemas/LicenseGroupId/enum": { inside: ["group1"], outside: { "a value not listed": "group1x" } },
   "#/components/schemas/ProductSku/required": { inside: [{ "id": guid }], outside: { "without id": {} } },
   "#/components/schemas/ProductSku/additionalProperties": { inside: [{ "id": guid }], outside: { "an unknown property": { "id": guid, "unknownProperty": "x" } } },
   "#/components/schemas/ServicePlan/required": { inside: [{ "id": guid }], outside: { "without id": {} } },
   "#/components/schemas/ServicePlan/additionalProperties": { inside: [{ "id": guid }], outside: { "an unknown property": { "id": guid, "unknownProperty": "x" } } },
   "#/components/schemas/License/required": { inside: [{ "productSku": { "id": guid }, "attributes": { "objectType": "License" } }], outside: { "without productSku": { "attributes": { "objectType": "License" } } } },
   "#/components/schemas/License/additionalProperties": { inside: [{ "productSku": { "id": guid }, "attributes": { "objectType": "License" } }], outside: { "an unknown property": { "productSku": { "id": guid }, "attributes": { "objectType": "License" }, "unknownProperty": "x" } } },
   "#/components/schemas/License/properties/attributes/required": { inside: [{ "objectType": "License" }], outside: { "without objectType": {} } },
   "#/components/schemas/License/properties/attributes/additionalProperties": { inside: [{ "objectType": "License" }], outside: { "an unknown property": { "objectType": "License", "unknownProperty": "x" } } },
   "#/components/schemas/License/properties/attributes/properties/objectType/enum": { inside: ["License"], outside: { "a value not listed": "Licensex" } },
   "#/components/schemas/LicenseCollection/required": { inside: [{ "totalCount": 0, "items": [], "attributes": { "objectType": "Collection" } }], outside: { "without totalCount": { "items": [], "attributes": { "objectType": "Collection" } } } },
   "#/components/schemas/LicenseCollection/additionalProperties": { inside: [{ "totalCount": 0, "items": [], "attributes": { "objectType": "Collection" } }], outside: { "an unknown property": { "totalCount": 0, "items": [], "attributes": { "objectType": "Collection" }, "unknownProperty": "x" } } },
   "#/components/schemas/LicenseCollection/properties/totalCount/minimum": { inside: [0, 5], outside: { negative: -1 } },
   "#/components/schemas/LicenseAssignment/required": { inside: [{ "skuId": guid }], outside: { "without skuId": {} } },
   "#/components/schemas/LicenseAssignment/additionalProperties": { inside: [{ "skuId": guid }], outside: { "an unknown property": { "skuId": guid, "unknownProperty": "x" } } },
   "#/components/schemas/LicenseUpdateAttributes/required": { inside: [{ "objectType": "LicenseUpdate" }], outside: { "without objectType": {} } },
   "#/components/schemas/LicenseUpdateAttributes/additionalProperties": { inside: [{ "objectType": "LicenseUpdate" }], outside: { "an unknown property": { "objectType": "LicenseUpdate", "unknownProperty": "x" } } },
   "#/components/schemas/LicenseUpdateAttributes/properties/objectType/enum": { inside: ["LicenseUpdate"], outside: { "a value not listed": "LicenseUpdatex" } },
   "#/components/schemas/LicenseUpdate/additionalProperties": { inside: [{}], outside: { "an unknown property": { "unknownProperty": "x" } } },
   "#/components/schemas/LicenseWarning/additionalProperties": { inside: [{}], outside: { "an unknown property": { "unknownProperty": "x" } } },
   "#/components/schemas/LicenseUpdateResult/additionalProperties": { inside: [{}], outside: { "an unknown property": { "unknownProperty": "x" } } },
   "#/components/schemas/SubscribedSku/required": { inside: [{ "availableUnits": 0, "consumedUnits": 0, "totalUnits": 0, "productSku": { "id": guid }, "attributes": { "objectType": "SubscribedSku" } }], outside: { "without availableUnits": { "consumedUnits": 0, "totalUnits": 0, "productSku": { "id": guid }, "attributes": { "objectType": "SubscribedSku" } } } },
   "#/components/schemas/SubscribedSku/additionalProperties": { inside: [{ "availableUnits": 0, "consumedUnits": 0, "totalUnits": 0, "productSku": { "id": guid }, "attributes": { "objectType": "SubscribedSku" } }], outside: { "an unknown property": { "availableUnits": 0, "consumedUnits": 0, "totalUnits": 0, "productSku": { "id": guid }, "attributes": { "objectType": "SubscribedSku" }, "unknownProperty": "x" } } },
   "#/components/schemas/SubscribedSku/properties/activeUnits/minimum": { inside: [0, 5], outside: { negative: -1 } },
   "#/components/schemas/SubscribedSku/properties/consumedUnits/minimum": { inside: [0, 5], outside: { negative: -1 } },
   "#/components/schemas/SubscribedSku/properties/suspendedUnits/minimum": { inside: [0, 5], outside: { negative: -1 } },
   "#/components/schemas/SubscribedSku/properties/totalUnits/minimum": { inside: [0, 5], outside: { negative: -1 } },
   "#/components/schemas/SubscribedSku/properties/warningUnits/minimum": { inside: [0, 5], outside: { negative: -1 } },
   "#/components/schemas/SubscribedSku/properties/attributes/required": { inside: [{ "objectType": "SubscribedSku" }], outside: { "without objectType": {} } },
   "#/components/schemas/SubscribedSku/properties/attributes/additionalProperties": { inside: [{ "objectType": "SubscribedSku" }], outside: { "an unknown property": { "objectType": "SubscribedSku", "unknownProperty": "x" } } },
   "#/components/schemas/SubscribedSku/properties/attributes/properties/objectType/enum": { inside: ["SubscribedSku"], outside: { "a value not listed": "SubscribedSkux" } },
   "#/components/schemas/SubscribedSkuCollection/required": { inside: [{ "totalCount": 0, "items": [], "attributes": { "objectType": "Collection" } }], outside: { "without totalCount": { "items": [], "attributes": { "objectType": "Collection" } } } },
   "#/components/schemas/SubscribedSkuCollection/additionalProperties": { inside: [{ "totalCount": 0, "items": [], "attributes": { "objectType": "Collection" } }], outside: { "an unknown property": { "totalCount": 0, "items": [], "attributes": { "objectType": "Collection" }, "unknownProperty": "x" } } },
   "#/components/schemas/SubscribedSkuCollection/properties/totalCount/minimum": { inside: [0, 5], outside: { negative: -1 } },
   "#/components/schemas/DirectoryRole/required": { inside: [{ "id": guid, "name": "a", "attributes": { "objectType": "DirectoryRole" } }], outside: { "without id": { "name": "a", "attributes": { "objectType": "DirectoryRole" } } } },
   "#/components/schemas/DirectoryRole/additionalProperties": { inside: [{ "id": guid, "name": "a", "attributes": { "objectType": "DirectoryRole" } }], outside: { "an unknown property": { "id": guid, "name": "a", "attributes": { "objectType": "DirectoryRole" }, "unknownProperty": "x" } } },
   "#/components/schemas/DirectoryRole/properties/attributes/required": { inside: [{ "objectType": "DirectoryRole" }], outside: { "without objectType": {} } },
   "#/components/schemas/DirectoryRole/properties/attributes/additionalProperties": { inside: [{ "objectType": "DirectoryRole" }], outside: { "an unknown property": { "objectType": "DirectoryRole", "unknownProperty": "x" } } },
   "#/components/schemas/DirectoryRole/properties/attributes/properties/objectType/enum": { inside: ["DirectoryRole"], outside: { "a value not listed": "DirectoryRolex" } },
   "#/components/schemas/DirectoryRoleCollection/required": { inside: [{ "totalCount": 0, "items": [], "attributes": { "objectType": "Collection" } }], outside: { "without totalCount": { "items": [], "attributes": { "objectType": "Collection" } } } },
   "#/components/schemas/DirectoryRoleCollection/additionalProperties": { inside: [{ "totalCount": 0, "items": [], "attributes": { "objectType": "Collection" } }], outside: { "an unknown property": { "totalCount": 0, "items": [], "attributes": { "objectType": "Collection" }, "unknownProperty": "x" } } },
   "#/components/schemas/DirectoryRoleCollection/properties/totalCount/minimum": { inside: [0, 5], outside: { negative: -1 } },
   "#/components/schemas/UserMemberAttributes/required": { inside: [{ "objectType": "UserMember" }], outside: { "without objectType": {} } },
   "#/components/schemas/UserMemberAttributes/additionalProperties": { inside: [{ "objectType": "UserMember" }], outside: { "an unknown property": { "objectType": "UserMember", "unknownProperty": "x" } } },
   "#/components/schemas/UserMemberAttributes/properties/objectType/enum": { inside: ["UserMember"], outside: { "a value not listed": "UserMemberx" } },
   "#/components/schemas/UserMemberAdd/required": { inside: [{ "id": guid, "displayName": "a", "userPrincipalName": "ada.lovelace@contoso.onmicrosoft.com", "attributes": { "objectType": "UserMember" } }], outside: { "without id": { "displayName": "a", "userPrincipalName": "ada.lovelace@contoso.onmicrosoft.com", "attributes": { "objectType": "UserMember" } } } },
   "#/components/schemas/UserMemberAdd/additionalProperties": { inside: [{ "id": guid, "displayName": "a", "userPrincipalName": "ada.lovelace@contoso.onmicrosoft.com", "attributes": { "objectType": "UserMember" } }], outside: { "an unknown property": { "id": guid, "displayName": "a", "userPrincipalName": "ada.lovelace@contoso.onmicrosoft.com", "attributes": { "objectType": "UserMember" }, "unknownProperty": "x" } } },
   "#/components/schemas/UserMember/required": { inside: [{ "id": guid, "attributes": { "objectType": "UserMember" } }], outside: { "without id": { "attributes": { "objectType": "UserMember" } } } },
   "#/components/schemas/UserMember/additionalProperties": { inside: [{ "id": guid, "attributes": { "objectType": "UserMember" } }], outside: { "an unknown property": { "id": guid, "attributes": { "objectType": "UserMember" }, "unknownProperty": "x" } } },
   "#/components/schemas/UserMemberCollection/required": { inside: [{ "totalCount": 0, "items": [], "attributes": { "objectType": "Collection" } }], outside: { "without totalCount": { "items": [], "attributes": { "objectType": "Collection" } } } },
   "#/components/schemas/UserMemberCollection/additionalProperties": { inside: [{ "totalCount": 0, "items": [], "attributes": { "objectType": "Collection" } }], outside: { "an unknown property": { "totalCount": 0, "items": [], "attributes": { "objectType": "Collection" }, "unknownProperty": "x" } } },
   "#/components/schemas/UserMemberCollection/properties/totalCount/minimum": { inside: [0, 5], outside: { negative: -1 } },
};

const tablePath = "contract-tests/support/constraint-cases.ts";

/** One value to try against one constraint, and whether the constraint accepts it. */
export interface Probe {
  readonly accepted: boolean;
  /** What the value is, for a test name. */
  readonly why: string;
  readonly value: unknown;
}

export const shown = (value: unknown): string => {
  if (typeof value === "string" && value.length > 40) return `a ${[...value].length}-character string`;
  return JSON.stringify(value);
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const keywordOf = (key: string): string => pointerKeys(key).at(-1) ?? "";

/**
 * The values to try against the constraint `key` on `schema` (as the spec declares it, `$ref`s
 * resolved): the table's, then those every constraint of its kind gets from the spec itself.
 * Undefined when the table has no line for it.
 */
export function probesFor(key: string, schema: Schema, table: Readonly<Record<string, ConstraintCase>> = constraintCases): Probe[] | undefined {
  const c = table[key];
  if (!c) return undefined;
  const probes: Probe[] = [
    ...c.inside.map((value) => ({ accepted: true, why: shown(value), value })),
    ...Object.entries(c.outside).map(([why, value]) => ({ accepted: false, why, value })),
  ];
  // A value derived below that the table already tries is not tried twice.
  const add = (probe: Probe) => {
    if (!probes.some((p) => p.accepted === probe.accepted && isDeepStrictEqual(p.value, probe.value))) probes.push(probe);
  };
  const [first] = c.inside;
  switch (keywordOf(key)) {
    case "enum":
      // Every listed value, not only the table's: a value the spec adds is tried without a new line.
      for (const value of schema.enum ?? []) add({ accepted: true, why: `${shown(value)}, listed`, value });
      // And a near miss of the first: a comparison by prefix or by inclusion lets it through.
      if (typeof schema.enum?.[0] === "string") add({ accepted: false, why: "a listed value with a letter added", value: `${schema.enum[0]}x` });
      break;
    case "maxLength":
      // A pattern would refuse the emoji; without one, the limit counts characters, not UTF-16 units.
      if (schema.pattern === undefined && schema.maxLength !== undefined) {
        const limit = schema.maxLength;
        add({ accepted: true, why: `${limit} characters outside the BMP, counted as characters not UTF-16 units`, value: "😀".repeat(limit) });
      }
      break;
    case "required":
      // Each required property dropped from the first value inside, not only the table's choice.
      for (const name of schema.required ?? []) {
        if (!isObject(first)) break;
        const { [name]: _dropped, ...rest } = first;
        add({ accepted: false, why: `without ${name}`, value: rest });
      }
      break;
    case "additionalProperties":
      // A name every plain object inherits: a lookup that is not an own-property check finds it.
      if (isObject(first)) add({ accepted: false, why: `an unknown property named "constructor"`, value: { ...first, constructor: "x" } });
      break;
  }
  return probes;
}

/** Whether the table must have a line for `c`: every constraint but `type`, whose cases are made from the type's name. */
export const needsCase = (c: DeclaredConstraint): boolean => c.keyword !== "type";

export interface TableProblem {
  /** The constraint, e.g. `#/components/schemas/PersonName/maxLength`. */
  readonly key: string;
  /** What to change in the table, with the line to paste where one is missing. */
  readonly message: string;
}

/** The constraints `written` (the spec as written) declares with no line in the table, and the lines for constraints it lacks. */
export function tableProblems(written: Spec): TableProblem[] {
  const needed = declaredConstraints(written).filter(needsCase);
  const missing = needed.flatMap((c, i) => {
    if (c.key in constraintCases) return [];
    const before = needed.slice(0, i).findLast((p) => p.key in constraintCases);
    const where = before ? `after the line for ${before.key}` : "at the top of the table";
    const suggested = suggestedCase(written, c);
    const line = `${JSON.stringify(c.key)}: { inside: ${source(suggested.inside)}, outside: ${source(suggested.outside)} },`;
    return [{ key: c.key, message: `no case for ${c.key}: add to ${tablePath}, ${where}:\n  ${line}` }];
  });
  const keys = new Set(needed.map((c) => c.key));
  const stale = Object.keys(constraintCases)
    .filter((key) => !keys.has(key))
    .map((key) => ({ key, message: `a case for ${key}, which the spec does not declare: remove its line from ${tablePath}` }));
  // A line that refuses nothing would let a constraint that refuses nothing pass.
  const nothingOutside = Object.entries(constraintCases)
    .filter(([, c]) => Object.keys(c.outside).length === 0)
    .map(([key]) => ({ key, message: `the line for ${key} in ${tablePath} has no value outside: add one` }));
  return [...missing, ...stale, ...nothingOutside];
}

/** A line for a constraint the table lacks: values computed from the constraint where they can be, else to choose. */
export function suggestedCase(written: Spec, c: DeclaredConstraint): ConstraintCase {
  const schema = atPointer(written, c.schema) as Schema;
  const limit = schema[c.keyword as "maxLength"] ?? 0;
  switch (c.keyword) {
    case "maxLength":
      return { inside: [a(limit)], outside: { [`${limit + 1} characters`]: a(limit + 1) } };
    case "minLength":
      return { inside: [a(limit)], outside: { [`${limit - 1} characters`]: a(limit - 1) } };
    case "enum": {
      const [first] = schema.enum ?? [];
      return { inside: [first], outside: { "a value not listed": typeof first === "string" ? `${first}x` : typeof first === "number" ? first + 1 : null } };
    }
    case "required":
    case "additionalProperties": {
      const inside = sampleOf(written, c.schema) as Record<string, unknown>;
      const [name = ""] = schema.required ?? [];
      const { [name]: _dropped, ...without } = inside;
      return c.keyword === "required"
        ? { inside: [inside], outside: { [`without ${name}`]: without } }
        : { inside: [inside], outside: { "an unknown property": { ...inside, unknownProperty: "x" } } };
    }
    default:
      // A pattern's or a format's edges cannot be computed: the pasted line fails until values are chosen.
      return { inside: [schema.example], outside: { [`a value the ${c.keyword} refuses (choose one)`]: undefined } };
  }
}

/**
 * A valid value for the schema at `pointer` in `spec`, from its example, its enum or its type; for
 * an object, its required properties. Undefined where none can be made (a pattern without an example).
 */
export function sampleOf(spec: Spec, pointer: string): unknown {
  const { node, pointer: at } = locate(spec, pointer);
  const schema = node as Schema;
  if (schema.example !== undefined) return structuredClone(schema.example);
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case "string":
      return schema.pattern === undefined ? a(Math.max(1, schema.minLength ?? 1)) : undefined;
    case "integer":
    case "number":
      return schema.minimum ?? 0;
    case "boolean":
      return true;
    case "array":
      return [];
    case "object":
      return Object.fromEntries((schema.required ?? []).map((name) => [name, sampleOf(spec, pointerTo(at, "properties", name))]));
    default:
      return undefined;
  }
}

/** `value` as TypeScript for the table: long runs of "a" as `a(n)`. */
function source(value: unknown): string {
  if (typeof value === "string" && value.length > 8 && value === a(value.length)) return `a(${value.length})`;
  if (Array.isArray(value)) return `[${value.map(source).join(", ")}]`;
  if (isObject(value)) {
    const entries = Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${source(item)}`);
    return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
  }
  return value === undefined ? "undefined" : JSON.stringify(value);
}
