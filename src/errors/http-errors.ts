// One class per category of HTTP answer, as the .NET SDK's PartnerErrorCategory has, so callers can
// branch with `instanceof` instead of comparing numbers. Other statuses get the base class.
import { PartnerCenterError } from "./partner-center-error.js";

/** 400: the server refused the input (fault codes 3000, 800002 …). */
export class PartnerCenterBadRequestError extends PartnerCenterError {
  static {
    this.prototype.name = "PartnerCenterBadRequestError";
  }
}

/** 401: no token, an invalid one, or one without the MFA claim (900421). */
export class PartnerCenterUnauthorizedError extends PartnerCenterError {
  static {
    this.prototype.name = "PartnerCenterUnauthorizedError";
  }
}

/** 403: no relationship with the customer (20002), or a role without the rights (900150). */
export class PartnerCenterForbiddenError extends PartnerCenterError {
  static {
    this.prototype.name = "PartnerCenterForbiddenError";
  }
}

/** 404: the user (60002) or the customer tenant (60003) does not exist. */
export class PartnerCenterNotFoundError extends PartnerCenterError {
  static {
    this.prototype.name = "PartnerCenterNotFoundError";
  }
}

/**
 * No user has the sign-in name `byPrincipalName()` was given (the listing was read to its end): the
 * 404 of a user that is not there, found by the client rather than answered by the server, so
 * `status` is 404 and `code` is undefined. A subclass of PartnerCenterNotFoundError: a catch of that catches it too.
 */
export class PartnerCenterUserNotFoundError extends PartnerCenterNotFoundError {
  static {
    this.prototype.name = "PartnerCenterUserNotFoundError";
  }
}

/** 409: a conflict (undocumented for this route; kept because the .NET SDK has the category). */
export class PartnerCenterConflictError extends PartnerCenterError {
  static {
    this.prototype.name = "PartnerCenterConflictError";
  }
}

/** 429 after the retries ran out; `retryAfterMs` says how long the server asked to wait. */
export class PartnerCenterTooManyRequestsError extends PartnerCenterError {
  static {
    this.prototype.name = "PartnerCenterTooManyRequestsError";
  }
}

/** 5xx: the service failed or was busy (after the retries, for 502/503/504). */
export class PartnerCenterServerError extends PartnerCenterError {
  static {
    this.prototype.name = "PartnerCenterServerError";
  }
}
