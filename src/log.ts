import type { ValidationIssue } from "./validate.js";

/**
 * What the client reports to the `log` option, one entry per event of a call. Headers and bodies
 * are already redacted (Authorization is added beneath the log and never appears; every
 * `password` is replaced), so an entry can be printed as it is.
 */
export type PartnerCenterLogEntry =
  | {
      readonly type: "request";
      readonly attempt: number;
      readonly method: string;
      readonly url: string;
      readonly requestId: string | undefined;
      readonly correlationId: string | undefined;
      readonly headers: Readonly<Record<string, string>>;
      readonly body: unknown;
    }
  | {
      readonly type: "response";
      readonly attempt: number;
      readonly status: number;
      readonly requestId: string | undefined;
      readonly headers: Readonly<Record<string, string>>;
    }
  | {
      readonly type: "retry";
      readonly attempt: number;
      /** Why: `status 429`, `timeout`, `network error`. */
      readonly reason: string;
      readonly delayMs: number;
      readonly requestId: string | undefined;
    }
  | {
      /** An attempt held back by the client's throttle before it is sent (see the `throttle` option). */
      readonly type: "throttle";
      readonly attempt: number;
      /** The lane: the call's customer, or undefined for a call without one. */
      readonly customerId: string | undefined;
      /** `paused`: another call of the lane got a 429, whose Retry-After runs; `rate`: spaced at the lane's rate. */
      readonly reason: "paused" | "rate";
      /** How long the wait is expected to be. */
      readonly delayMs: number;
      readonly requestId: string | undefined;
    }
  | {
      /**
       * A success answer off the spec, used anyway because the client's `onInvalidResponse` is
       * `"warn"` (with `"throw"`, the default, the call rejects instead).
       */
      readonly type: "invalid-response";
      readonly status: number;
      readonly requestId: string | undefined;
      /** What is off the spec, by path (`body.items[0]`); no value is quoted but an id. */
      readonly issues: readonly ValidationIssue[];
    };

export type PartnerCenterLog = (entry: PartnerCenterLogEntry) => void;
