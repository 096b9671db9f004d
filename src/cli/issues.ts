// Whether a customer id, a user id and a patch body may be sent: the rules are the spec's
// (generated/spec-rules.ts), checked by the same validator the client uses.
import { guidPattern } from "../../generated/spec-rules.js";
import { validate } from "../validate.js";
import { patchSchema } from "./fields.js";

/** One reason an update cannot be sent. `field` is a dotted patch path or `customerId`/`userId`. */
export interface Issue {
  readonly field?: string;
  readonly message: string;
}

const guid = new RegExp(guidPattern, "u");

export function isGuid(value: string): boolean {
  return guid.test(value);
}

export function idIssues(ids: { readonly customerId?: unknown; readonly userId?: unknown }): Issue[] {
  return (["customerId", "userId"] as const).flatMap((field): Issue[] => {
    const value = ids[field];
    if (value === undefined || value === "") return [{ field, message: "is required" }];
    if (typeof value !== "string" || !isGuid(value)) return [{ field, message: "must be a GUID" }];
    return [];
  });
}

export function patchIssues(patch: unknown): Issue[] {
  return validate(patchSchema, patch, "patch").map(({ path, message }) =>
    path === "patch" ? { message } : { field: path.slice("patch.".length), message },
  );
}

export function formatIssue(issue: Issue, nameField: (field: string) => string = (field) => field): string {
  return issue.field === undefined ? issue.message : `${nameField(issue.field)} ${issue.message}`;
}
