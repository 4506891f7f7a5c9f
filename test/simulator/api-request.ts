import { ApiError } from "./api-error";
import { ObjectReader } from "./validation/object-reader";

/** A request body as the server parsed it before routing. */
export type ParsedBody =
  | { kind: "none" }
  | { kind: "json"; value: unknown }
  | { kind: "form"; form: FormData }
  | { kind: "invalid_json"; reason: string }
  | { kind: "invalid_form"; reason: string };

export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
  body: ParsedBody;
  idempotencyKey: string | null;
}

/** A handler's result; `charged` marks a request that charged a deposit. */
export interface ApiResult {
  status: number;
  body: unknown;
  charged?: boolean;
}

/** Returns the JSON object body (an empty body reads as `{}`) or raises `invalid_json`. */
export function jsonBody(request: ApiRequest): ObjectReader {
  const body = request.body;
  if (body.kind === "none") return ObjectReader.from({}, "");
  if (body.kind === "json") return ObjectReader.from(body.value, "");
  if (body.kind === "invalid_json") {
    throw new ApiError(400, "invalid_json", `The request body is not valid JSON: ${body.reason}`);
  }
  throw new ApiError(400, "invalid_json", "This endpoint takes a JSON body.");
}

export function param(request: ApiRequest, name: string): string {
  const value = request.params[name];
  if (value === undefined) throw new Error(`Route has no parameter '${name}'.`);
  return value;
}
