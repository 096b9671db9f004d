import { PartnerCenterError } from "./partner-center-error.js";

/** A 2xx answer whose body is not the JSON object the spec promises. */
export class PartnerCenterInvalidResponseError extends PartnerCenterError {
  static {
    this.prototype.name = "PartnerCenterInvalidResponseError";
  }
}
