import { PartnerCenterError } from "./partner-center-error.js";

/**
 * The credential gave no usable token (it threw, returned null or an empty or malformed token).
 * The message never contains the token; the cause is what the credential threw, if anything.
 */
export class PartnerCenterCredentialError extends PartnerCenterError {
  static {
    this.prototype.name = "PartnerCenterCredentialError";
  }
}
