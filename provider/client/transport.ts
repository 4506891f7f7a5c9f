/**
 * The HTTP layer under the Thrad client: one undici connection pool per client, timeouts on
 * connect and on each request, and retries with exponential backoff on 429, 5xx and network
 * errors. undici's RetryAgent does the retrying and honours `Retry-After`. A POST goes through
 * it only when it carries an `Idempotency-Key`, so a retried POST can never act twice.
 */
import { Agent, RetryAgent, request, type Dispatcher } from "undici";
import { apiErrorFor, ThradConnectionError, ThradResponseFormatError } from "./errors";
import { errorBodySchema } from "./schemas";

export interface TransportOptions {
  /** Base URL including the version path, for example `https://api.thrad.ai/v1`. */
  baseUrl: string;
  apiKey: string;
  /** Milliseconds to open a connection. */
  connectTimeoutMs?: number;
  /** Milliseconds to wait for response headers and between body chunks. */
  requestTimeoutMs?: number;
  /** Retries after the first attempt, for retry-safe requests. */
  maxRetries?: number;
  /** Lower and upper bound of the backoff between retries, in milliseconds. */
  minRetryDelayMs?: number;
  maxRetryDelayMs?: number;
}

export interface ApiRequest {
  method: "GET" | "POST";
  path: string;
  query?: Record<string, string | number | undefined>;
  json?: unknown;
  /** A prepared body with its content type, used for multipart uploads. */
  raw?: { body: Buffer; contentType: string };
  idempotencyKey?: string;
}

export interface ApiResponse {
  status: number;
  body: unknown;
  /** True when the API replayed the stored answer to an earlier request with the same key. */
  replayed: boolean;
  requestId: string | null;
}

const retriedStatusCodes = [429, 500, 502, 503, 504];
const retriedErrorCodes = [
  "ECONNRESET", "ECONNREFUSED", "ENOTFOUND", "ENETDOWN", "ENETUNREACH", "EHOSTDOWN",
  "EHOSTUNREACH", "EPIPE", "UND_ERR_SOCKET", "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT",
];

/** Sends requests to one API base URL with one key. */
export class Transport {
  private readonly baseUrl: string;
  private readonly authorization: string;
  private readonly pool: Agent;
  private readonly retrying: RetryAgent;

  constructor(options: TransportOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.authorization = `Bearer ${options.apiKey}`;
    const requestTimeout = options.requestTimeoutMs ?? 30_000;
    this.pool = new Agent({
      connect: { timeout: options.connectTimeoutMs ?? 10_000 },
      headersTimeout: requestTimeout,
      bodyTimeout: requestTimeout,
      keepAliveTimeout: 10_000,
    });
    this.retrying = new RetryAgent(this.pool, {
      maxRetries: options.maxRetries ?? 4,
      minTimeout: options.minRetryDelayMs ?? 500,
      maxTimeout: options.maxRetryDelayMs ?? 8_000,
      timeoutFactor: 2,
      retryAfter: true,
      methods: ["GET", "POST"],
      statusCodes: retriedStatusCodes,
      errorCodes: retriedErrorCodes,
      // After the last retry, hand over the final response so its error body is read.
      throwOnError: false,
    });
  }

  /** Sends one request and returns the parsed JSON of a 2xx answer, or throws a typed error. */
  async send(apiRequest: ApiRequest): Promise<ApiResponse> {
    const retrySafe = apiRequest.method === "GET" || apiRequest.idempotencyKey !== undefined;
    const dispatcher: Dispatcher = retrySafe ? this.retrying : this.pool;
    const headers: Record<string, string> = {
      authorization: this.authorization,
      accept: "application/json",
    };
    let body: string | Buffer | null = null;
    if (apiRequest.raw) {
      headers["content-type"] = apiRequest.raw.contentType;
      body = apiRequest.raw.body;
    } else if (apiRequest.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(apiRequest.json);
    }
    if (apiRequest.idempotencyKey) {
      headers["idempotency-key"] = apiRequest.idempotencyKey;
    }

    const url = this.urlFor(apiRequest);
    let response: Dispatcher.ResponseData;
    try {
      response = await request(url, { method: apiRequest.method, headers, body, dispatcher });
    } catch (error) {
      throw connectionErrorFor(apiRequest, error);
    }
    return readResponse(apiRequest, response);
  }

  async close(): Promise<void> {
    await this.retrying.close();
  }

  private urlFor(apiRequest: ApiRequest): string {
    const url = new URL(this.baseUrl + apiRequest.path);
    for (const [name, value] of Object.entries(apiRequest.query ?? {})) {
      if (value !== undefined) {
        url.searchParams.set(name, String(value));
      }
    }
    return url.toString();
  }
}

async function readResponse(
  apiRequest: ApiRequest,
  response: Dispatcher.ResponseData,
): Promise<ApiResponse> {
  const requestId = headerValue(response.headers["x-request-id"]);
  const text = await response.body.text();
  const parsed = parseJson(text);
  const where = `${apiRequest.method} ${apiRequest.path}`;

  if (response.statusCode >= 200 && response.statusCode < 300) {
    if (parsed === undefined) {
      throw new ThradResponseFormatError(
        `${where} returned HTTP ${response.statusCode} with a body that is not JSON: ` +
          excerpt(text),
        response.statusCode,
      );
    }
    const replayed = headerValue(response.headers["idempotent-replayed"]) === "true";
    return { status: response.statusCode, body: parsed, replayed, requestId };
  }

  const errorBody = errorBodySchema.safeParse(parsed);
  if (!errorBody.success) {
    throw new ThradResponseFormatError(
      `${where} failed with HTTP ${response.statusCode} and a body that is not an API error: ` +
        excerpt(text),
      response.statusCode,
    );
  }
  throw apiErrorFor(response.statusCode, errorBody.data.error, requestId);
}

function connectionErrorFor(apiRequest: ApiRequest, error: unknown): ThradConnectionError {
  const code = (error as { code?: unknown }).code;
  const reason = error instanceof Error ? error.message : String(error);
  return new ThradConnectionError(
    `${apiRequest.method} ${apiRequest.path} failed before a response arrived` +
      `${typeof code === "string" ? ` (${code})` : ""}: ${reason}`,
    { cause: error },
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function headerValue(value: string | string[] | undefined): string | null {
  if (Array.isArray(value)) {
    return value[0] ?? null;
  }
  return value ?? null;
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 120 ? `${flat.slice(0, 120)}...` : flat || "(empty body)";
}
