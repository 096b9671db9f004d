// Failures without an HTTP answer. Each carries the MS-RequestId that was sent, so a caller can
// retry later with the same id (the documented idempotency rule after a timeout).
import { PartnerCenterError } from "./partner-center-error.js";

/** No answer within the per-attempt timeout, on the last attempt. */
export class PartnerCenterTimeoutError extends PartnerCenterError {
  static {
    this.prototype.name = "PartnerCenterTimeoutError";
  }
}

/** The caller's AbortSignal fired; the cause is the signal's reason. Never retried. */
export class PartnerCenterAbortError extends PartnerCenterError {
  static {
    this.prototype.name = "PartnerCenterAbortError";
  }
}

/** fetch failed before a response (refused, reset, DNS …), on the last attempt; the cause says why. */
export class PartnerCenterNetworkError extends PartnerCenterError {
  static {
    this.prototype.name = "PartnerCenterNetworkError";
  }
}
