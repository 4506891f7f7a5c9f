/**
 * Errors raised by the Thrad client. Every message is built from the API's own error body or
 * from the transport failure; none of them ever contains the API key.
 */

/** Fields of the API's error body: `{ error: { message, type, param, code } }`. */
export interface ApiErrorBody {
  message: string;
  type: string | null;
  code: string | null;
  param: string | null;
}

/** Base class of every failure of a Thrad API call. */
export class ThradError extends Error {
  override readonly name: string = "ThradError";
}

/** A response from the API with a non-success HTTP status. */
export class ThradApiError extends ThradError {
  override readonly name: string = "ThradApiError";
  readonly status: number;
  readonly type: string | null;
  readonly code: string | null;
  readonly param: string | null;
  readonly requestId: string | null;

  constructor(status: number, body: ApiErrorBody, requestId: string | null) {
    super(
      `Thrad API error ${status}${body.code ? ` ${body.code}` : ""}: ${body.message}` +
        (body.param ? ` (param: ${body.param})` : ""),
    );
    this.status = status;
    this.type = body.type;
    this.code = body.code;
    this.param = body.param;
    this.requestId = requestId;
  }
}

/** 401: the key is missing, unknown, expired or revoked. */
export class ThradAuthenticationError extends ThradApiError {
  override readonly name: string = "ThradAuthenticationError";
}

/** 429 after the client's retries ran out. */
export class ThradRateLimitError extends ThradApiError {
  override readonly name: string = "ThradRateLimitError";
}

/** 404: the object does not exist or belongs to another organization. */
export class ThradNotFoundError extends ThradApiError {
  override readonly name: string = "ThradNotFoundError";
}

/** The request never got an HTTP response: refused, reset or timed out. */
export class ThradConnectionError extends ThradError {
  override readonly name: string = "ThradConnectionError";

  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
  }
}

/** A response without the shape the client expects (an HTML page, truncated JSON). */
export class ThradResponseFormatError extends ThradError {
  override readonly name: string = "ThradResponseFormatError";
  readonly status: number;

  constructor(message: string, status: number) {
    super(message);
    this.status = status;
  }
}

/** Picks the error class that fits an HTTP status. */
export function apiErrorFor(
  status: number,
  body: ApiErrorBody,
  requestId: string | null,
): ThradApiError {
  if (status === 401) {
    return new ThradAuthenticationError(status, body, requestId);
  }
  if (status === 404) {
    return new ThradNotFoundError(status, body, requestId);
  }
  if (status === 429) {
    return new ThradRateLimitError(status, body, requestId);
  }
  return new ThradApiError(status, body, requestId);
}
