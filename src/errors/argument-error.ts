import type { ValidationIssue } from "../validate.js";
import { PartnerCenterError } from "./partner-center-error.js";

/**
 * A bad argument, refused before anything is sent. `argument` names it (`customerId`, `patch`,
 * `baseUrl` …); `issues` lists what is wrong, by path. Messages never quote a body value, so a
 * refused password is not repeated.
 */
export class PartnerCenterArgumentError extends PartnerCenterError {
  static {
    this.prototype.name = "PartnerCenterArgumentError";
  }

  declare readonly argument: string;
  declare readonly issues: readonly ValidationIssue[];

  constructor(argument: string, issues: readonly ValidationIssue[]) {
    super(`Invalid ${argument}: ${issues.map((issue) => `${issue.path} ${issue.message}`).join("; ")}`);
    this.argument = argument;
    this.issues = issues;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), argument: this.argument, issues: this.issues };
  }
}

/** The error for one bad argument, with its one issue at the argument itself. */
export function argumentError(argument: string, message: string): PartnerCenterArgumentError {
  return new PartnerCenterArgumentError(argument, [{ path: argument, message }]);
}
