/**
 * What a PartnerCenterError can tell. Every field is safe to log: an error never holds the token
 * or the request body, so `JSON.stringify(err)` and `util.inspect(err)` cannot leak them.
 */
export interface PartnerCenterErrorDetails {
  /** The HTTP status, when the server answered. */
  readonly status?: number | undefined;
  /** The fault's `code` (a number in every real example, documented as a string). */
  readonly code?: number | string | undefined;
  /** The fault's `description`, or the 429 body's `message`. */
  readonly description?: string | undefined;
  readonly data?: readonly unknown[] | undefined;
  /** The fault's `source`, e.g. `PartnerFD`. */
  readonly source?: string | undefined;
  /** The MS-RequestId sent (the same on every attempt of one call). */
  readonly requestId?: string | undefined;
  readonly correlationId?: string | undefined;
  /** The server's Retry-After, in milliseconds, when it gave one. */
  readonly retryAfterMs?: number | undefined;
  /**
   * A listing that failed on a later page: the token of the page it could not get, to resume the
   * listing from there with `list({ from })`. An opaque cursor, not a credential.
   */
  readonly continuationToken?: string | undefined;
  /** The spec's operationId of the call that failed, e.g. `getCustomerUser`. */
  readonly operationId?: string | undefined;
  /** The call's HTTP method. */
  readonly method?: string | undefined;
  /** The call's URL without its query (a query could carry what a log should not). */
  readonly url?: string | undefined;
}

/** Which call an error came from. */
/**
 * A message of a call's error, ending with the MS-RequestId it sent — what Microsoft support asks
 * for — so the id survives wherever only the message is shown. The CLI, which prints the ids
 * itself, takes it off with withoutRequestId.
 */
export function withRequestId(message: string, requestId: string | undefined): string {
  return `${message} [MS-RequestId ${requestId}]`;
}

/** The message without the MS-RequestId withRequestId added. */
export function withoutRequestId(error: Pick<PartnerCenterError, "message" | "requestId">): string {
  const suffix = withRequestId("", error.requestId);
  return error.message.endsWith(suffix) ? error.message.slice(0, -suffix.length) : error.message;
}

export type ErrorLocation = Pick<PartnerCenterErrorDetails, "operationId" | "method" | "url">;

// The detail fields, in one list: the constructor copies exactly these from the details, and
// toJSON() shows exactly these, so nothing added to the class later leaks by accident.
const detailFields = ["status", "code", "description", "data", "source", "requestId", "correlationId", "retryAfterMs", "continuationToken", "operationId", "method", "url"] as const;

/** Every failure of this client rejects with a PartnerCenterError (or one of its subclasses). */
export class PartnerCenterError extends Error {
  static {
    // On the prototype, not an own field, so the stack's first line names the class too.
    this.prototype.name = "PartnerCenterError";
  }

  // Declared, not defined: the constructor sets each of them (to undefined when absent).
  declare readonly status: number | undefined;
  declare readonly code: number | string | undefined;
  declare readonly description: string | undefined;
  declare readonly data: readonly unknown[] | undefined;
  declare readonly source: string | undefined;
  declare readonly requestId: string | undefined;
  declare readonly correlationId: string | undefined;
  declare readonly retryAfterMs: number | undefined;
  declare readonly continuationToken: string | undefined;
  declare readonly operationId: string | undefined;
  declare readonly method: string | undefined;
  declare readonly url: string | undefined;

  constructor(message: string, details: PartnerCenterErrorDetails = {}, options?: ErrorOptions) {
    super(message, options);
    for (const field of detailFields) (this as Record<string, unknown>)[field] = details[field];
  }

  /** The safe fields: the name, the message and the detail fields, nothing else. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { name: this.name, message: this.message };
    for (const field of detailFields) json[field] = this[field];
    return json;
  }
}

/**
 * `error`, marked with the call it came from unless it already is: the pipeline marks every error
 * of a call on its way out (wherever in the layers beneath it was made), and the pager those of a listing.
 */
export function located(error: unknown, where: ErrorLocation): unknown {
  if (error instanceof PartnerCenterError && error.method === undefined) {
    for (const field of ["operationId", "method", "url"] as const) (error as { -readonly [K in typeof field]?: string | undefined })[field] = where[field];
  }
  return error;
}
