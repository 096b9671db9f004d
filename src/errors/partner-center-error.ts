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
}

/** Every failure of this client rejects with a PartnerCenterError (or one of its subclasses). */
export class PartnerCenterError extends Error {
  static {
    // On the prototype, not an own field, so the stack's first line names the class too.
    this.prototype.name = "PartnerCenterError";
  }

  readonly status: number | undefined;
  readonly code: number | string | undefined;
  readonly description: string | undefined;
  readonly data: readonly unknown[] | undefined;
  readonly source: string | undefined;
  readonly requestId: string | undefined;
  readonly correlationId: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(message: string, details: PartnerCenterErrorDetails = {}, options?: ErrorOptions) {
    super(message, options);
    this.status = details.status;
    this.code = details.code;
    this.description = details.description;
    this.data = details.data;
    this.source = details.source;
    this.requestId = details.requestId;
    this.correlationId = details.correlationId;
    this.retryAfterMs = details.retryAfterMs;
  }

  /** The safe fields, listed one by one so that nothing added later leaks by accident. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      code: this.code,
      description: this.description,
      data: this.data,
      source: this.source,
      requestId: this.requestId,
      correlationId: this.correlationId,
      retryAfterMs: this.retryAfterMs,
    };
  }
}
