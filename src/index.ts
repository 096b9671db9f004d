// The public surface, listed one by one: nothing internal leaks through a wildcard.
export { createPartnerCenterClient } from "./client.js";
export type {
  CustomerOperations,
  CustomerUser,
  CustomerUserCreate,
  CustomerUserListing,
  CustomerUserOperations,
  CustomerUserPage,
  CustomerUserPatch,
  CustomerUsersOperations,
  PartnerCenterClient,
  PasswordProfile,
  ResetPasswordOptions,
} from "./client.js";
export type { License, LicenseAssignment, LicenseGroup, LicenseListOptions, LicenseUpdate, LicenseUpdateResult, SubscribedSku, SubscribedSkuOperations, UserLicenseOperations } from "./licenses.js";
export type { DirectoryRole, DirectoryRoleOperations, RoleMemberOperations, UserMember, UserMemberAdd, UserMemberPage, UserRoleOperations } from "./directory-roles.js";
export type { PagedListing } from "./pager.js";
export type { CallOptions, ListOptions, PagedListOptions, PartnerCenterClientOptions, PatchOptions } from "./options.js";
export { defaultBaseUrl } from "./options.js";
export type { RetryOptions } from "./retry/policy.js";
export { partnerCenterScope } from "./credential.js";
export type { Credential, TokenCredential, TokenRequest } from "./credential.js";
export type { PartnerCenterLog, PartnerCenterLogEntry } from "./log.js";
export type { PartnerCenterMiddleware, PartnerCenterRequest, PartnerCenterResponse, SendRequest } from "./middleware.js";
export { redactBody } from "./redact.js";
export { checkCustomerUserPatch } from "./operations.js";
export type { ValidationIssue } from "./validate.js";
export type { components, paths } from "../generated/partner-center-users.js";

export { PartnerCenterError } from "./errors/partner-center-error.js";
export type { PartnerCenterErrorDetails } from "./errors/partner-center-error.js";
export {
  PartnerCenterBadRequestError,
  PartnerCenterConflictError,
  PartnerCenterForbiddenError,
  PartnerCenterNotFoundError,
  PartnerCenterServerError,
  PartnerCenterTooManyRequestsError,
  PartnerCenterUnauthorizedError,
  PartnerCenterUserNotFoundError,
} from "./errors/http-errors.js";
export { PartnerCenterAbortError, PartnerCenterNetworkError, PartnerCenterTimeoutError } from "./errors/transport-errors.js";
export { PartnerCenterArgumentError } from "./errors/argument-error.js";
export { PartnerCenterCredentialError } from "./errors/credential-error.js";
export { PartnerCenterInvalidResponseError } from "./errors/invalid-response-error.js";
