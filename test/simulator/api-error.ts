/** Error categories that the Thrad API puts in `error.type`. */
export type ErrorType =
  "authentication_error" | "rate_limit_error" | "invalid_request_error" | "api_error";

/** The bare OpenAI-style error body that every failing `/v1/` request returns. */
export interface ErrorBody {
  error: { message: string; type: ErrorType; param: string | null; code: string };
}

/**
 * A failure that a route handler raises and the server turns into an error response.
 * `headers` carries extras such as `Retry-After`.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly type: ErrorType;
  readonly code: string;
  readonly param: string | null;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: string,
    message: string,
    param: string | null = null,
    type: ErrorType = "invalid_request_error",
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.param = param;
    this.type = type;
    this.headers = headers;
  }

  toBody(): ErrorBody {
    return {
      error: { message: this.message, type: this.type, param: this.param, code: this.code },
    };
  }
}

/** Builds the 400 `invalid_value` error that the API uses for any field that fails a rule. */
export function invalidValue(param: string | null, message: string): ApiError {
  return new ApiError(400, "invalid_value", message, param);
}

export function notFound(kind: string, id: string, param = "id"): ApiError {
  return new ApiError(404, "not_found", `No ${kind} found with id '${id}'.`, param);
}

export function invalidState(message: string): ApiError {
  return new ApiError(400, "invalid_state", message);
}
