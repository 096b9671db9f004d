import type { ValidationIssue } from "../validate.js";
import { PartnerCenterError, type PartnerCenterErrorDetails } from "./partner-center-error.js";

/**
 * An answer the client will not use: a 2xx body off the spec (`issues` names each field, by path:
 * `body.items[0]`; never quoting a value but an id), one larger than `maxResponseBytes`, or a
 * listing whose next page is off the spec (another origin or customer, a loop). A listing's error
 * carries `continuationToken` when the listing can be resumed from there (`list({ from })`).
 */
export class PartnerCenterInvalidResponseError extends PartnerCenterError {
  static {
    this.prototype.name = "PartnerCenterInvalidResponseError";
  }

  declare readonly issues: readonly ValidationIssue[];

  constructor(message: string, details: PartnerCenterErrorDetails = {}, issues: readonly ValidationIssue[] = []) {
    super(message, details);
    this.issues = issues;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), issues: this.issues };
  }
}
