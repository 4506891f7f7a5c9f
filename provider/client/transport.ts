/**
 * The HTTP layer under the Thrad client: one undici connection pool per client, timeouts on
 * connect and on each request, and the API key's shared rate-limit budget. Failed attempts are
 * retried with exponential backoff and jitter on 429, 5xx and network errors, and a
 * `Retry-After` header is honoured.
 *
 * Which requests are retried:
 * - GET, and a POST that carries an `Idempotency-Key` (every attempt sends the same key, so the
 *   API replays its first response instead of acting twice), after 5xx, network errors and a 409
 *   `idempotency_key_in_use` (an earlier attempt with that key is still running);
 * - any request after 429, because the API refuses it before doing anything.
 * A POST without a key is never retried after it may have reached the API.
 *
 * undici's RetryAgent is not used: in undici 7 it waits a fixed exponential delay with no
 * jitter, and it caps a `Retry-After` wait at its maximum backoff, while an hourly rate-limit
 * window can ask for minutes.
 */
import { Agent, request, type Dispatcher } from "undici";
import { apiErrorFor, ThradConnectionError, ThradResponseFormatError } from "./errors";
import {
  rateLimitSettingsFromEnv,
  sharedRateLimiter,
  type RateLimiter,
  type RateLimitSettings,
} from "./rate-limiter";
import { errorBodySchema } from "./schemas";
import { formatSeconds, stderrSink, type LogSink } from "../progress";

export interface TransportOptions {
  /** Base URL including the version path, for example `https://api.thrad.ai/v1`. */
  baseUrl: string;
  apiKey: string;
  /** Milliseconds to open a connection. */
  connectTimeoutMs?: number;
  /** Milliseconds to wait for response headers and between body chunks. */
  requestTimeoutMs?: number;
  /** Retries after the first attempt on 5xx and network errors, for retry-safe requests. */
  maxRetries?: number;
  /** Retries after a 429; their waits also count against the rate-limit wait ceiling. */
  maxRateLimitRetries?: number;
  /** Lower and upper bound of the backoff between retries, in milliseconds. */
  minRetryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** Rate-limit budget; defaults to the API's limits, overridable through environment. */
  rateLimits?: RateLimitSettings;
  /** Receives retry and rate-limit progress lines; defaults to stderr. */
  log?: LogSink;
  /** Logs every request with its status and time; defaults to `THRAD_LOG=debug`. */
  debug?: boolean;
  /** Source of jitter in [0, 1); tests pass a fixed one. */
  random?: () => number;
}

export interface ApiRequest {
  method: "GET" | "POST";
  path: string;
  /** Query parameters; an array value repeats the name, as in `fields[]=a&fields[]=b`. */
  query?: Record<string, string | number | undefined | readonly string[]>;
  json?: unknown;
  /** A prepared body with its content type, used for multipart uploads. */
  raw?: { body: Buffer; contentType: string };
  idempotencyKey?: string;
}

export interface ApiResponse {
  status: number;
  body: unknown;
  /** True when the API replayed its stored response to an earlier request with the same key. */
  replayed: boolean;
  requestId: string | null;
}

/** The outcome of one attempt: a whole response, or an error before one arrived. */
type Attempt =
  | { kind: "response"; status: number; headers: Dispatcher.ResponseData["headers"]; text: string }
  | { kind: "network"; error: unknown };

/** Longest `Retry-After` honoured on a 5xx; a longer one means the API is down for a while. */
const maxServerErrorRetryAfterMs = 60_000;

const retriedStatusCodes = new Set([500, 502, 503, 504]);
const retriedErrorCodes = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ENOTFOUND",
  "ENETDOWN",
  "ENETUNREACH",
  "EHOSTDOWN",
  "EHOSTUNREACH",
  "EPIPE",
  "ETIMEDOUT",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_CLOSED",
]);

/** Sends requests to one API base URL with one key. */
export class Transport {
  private readonly baseUrl: string;
  private readonly authorization: string;
  private readonly pool: Agent;
  private readonly limiter: RateLimiter;
  private readonly backoff: BackoffSettings;
  private readonly maxRetries: number;
  private readonly maxRateLimitRetries: number;
  private readonly log: LogSink;
  private readonly debug: boolean;

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
    this.log = options.log ?? stderrSink;
    this.debug = options.debug ?? process.env["THRAD_LOG"] === "debug";
    const rateLimits = options.rateLimits ?? rateLimitSettingsFromEnv();
    this.limiter = sharedRateLimiter(options.apiKey, rateLimits, this.log);
    this.backoff = {
      minDelayMs: options.minRetryDelayMs ?? 500,
      maxDelayMs: options.maxRetryDelayMs ?? 8_000,
      random: options.random ?? Math.random,
    };
    this.maxRetries = options.maxRetries ?? 4;
    this.maxRateLimitRetries = options.maxRateLimitRetries ?? 8;
  }

  /** Sends one request and returns the parsed JSON of a 2xx response, or throws a typed error. */
  async send(apiRequest: ApiRequest): Promise<ApiResponse> {
    const where = `${apiRequest.method} ${apiRequest.path}`;
    const retrySafe = apiRequest.method === "GET" || apiRequest.idempotencyKey !== undefined;
    const campaignCreate = apiRequest.method === "POST" && apiRequest.path === "/campaigns";
    const waitDeadline = Date.now() + this.limiter.settings.maxWaitMs;
    let retries = 0;
    let rateLimitRetries = 0;

    for (;;) {
      const permit = await this.limiter.acquire(where, campaignCreate, waitDeadline);
      const attempt = await this.attempt(apiRequest);
      permit.finish();

      if (attempt.kind === "network") {
        const code = errorCode(attempt.error);
        if (!retrySafe || !retriedErrorCodes.has(code ?? "") || retries >= this.maxRetries) {
          throw connectionErrorFor(apiRequest, attempt.error);
        }
        retries++;
        await this.pause(
          retryDelayMs(retries, this.backoff),
          where,
          code ?? "a network error",
          retries,
          this.maxRetries,
          apiRequest,
          null,
        );
        continue;
      }

      const requestId = headerValue(attempt.headers["x-request-id"]);
      const retryAfter = retryAfterMs(headerValue(attempt.headers["retry-after"]), Date.now());
      if (attempt.status === 429 && rateLimitRetries < this.maxRateLimitRetries) {
        rateLimitRetries++;
        const wait = retryAfter ?? retryDelayMs(rateLimitRetries, this.backoff);
        this.limiter.blockUntil(Date.now() + wait, campaignCreate);
        this.log(
          `${where} got HTTP 429 rate_limit_exceeded${requestLabel(requestId)}; ` +
            `retry ${rateLimitRetries} of ${this.maxRateLimitRetries} after the API's wait of ` +
            `${formatSeconds(wait)}${keyNote(apiRequest)}`,
        );
        continue;
      }
      if (retrySafe && retries < this.maxRetries && isRetriedStatus(attempt)) {
        retries++;
        const requestedWait = Math.min(retryAfter ?? 0, maxServerErrorRetryAfterMs);
        const delay = Math.max(requestedWait, retryDelayMs(retries, this.backoff));
        await this.pause(
          delay,
          where,
          `HTTP ${attempt.status}`,
          retries,
          this.maxRetries,
          apiRequest,
          requestId,
        );
        continue;
      }
      return interpret(apiRequest, attempt.status, attempt.headers, attempt.text);
    }
  }

  async close(): Promise<void> {
    await this.pool.close();
  }

  /** Sends once and reads the whole body; a reset in the middle of the body is a network error. */
  private async attempt(apiRequest: ApiRequest): Promise<Attempt> {
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
    const started = Date.now();
    try {
      const response = await request(this.urlFor(apiRequest), {
        method: apiRequest.method,
        headers,
        body,
        dispatcher: this.pool,
      });
      const text = await response.body.text();
      if (this.debug) {
        const requestId = headerValue(response.headers["x-request-id"]);
        this.log(
          `${apiRequest.method} ${apiRequest.path} -> HTTP ${response.statusCode} in ` +
            `${Date.now() - started} ms${requestLabel(requestId)}`,
        );
      }
      return { kind: "response", status: response.statusCode, headers: response.headers, text };
    } catch (error) {
      if (this.debug) {
        this.log(
          `${apiRequest.method} ${apiRequest.path} -> ${errorCode(error) ?? "failed"} ` +
            `after ${Date.now() - started} ms`,
        );
      }
      return { kind: "network", error };
    }
  }

  private async pause(
    delayMs: number,
    where: string,
    reason: string,
    retry: number,
    maxRetries: number,
    apiRequest: ApiRequest,
    requestId: string | null,
  ): Promise<void> {
    this.log(
      `${where} failed with ${reason}${requestLabel(requestId)}; retry ${retry} of ` +
        `${maxRetries} in ${formatSeconds(delayMs)}${keyNote(apiRequest)}`,
    );
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }

  private urlFor(apiRequest: ApiRequest): string {
    const url = new URL(this.baseUrl + apiRequest.path);
    for (const [name, value] of Object.entries(apiRequest.query ?? {})) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (item !== undefined) {
          url.searchParams.append(name, String(item));
        }
      }
    }
    return url.toString();
  }
}

export interface BackoffSettings {
  minDelayMs: number;
  maxDelayMs: number;
  /** Source of jitter in [0, 1). */
  random: () => number;
}

/**
 * Computes the wait before retry number `retry` (1 for the first): `minDelayMs` doubled per
 * retry and capped at `maxDelayMs`, then cut by a random part of up to half ("equal jitter").
 * The jitter keeps clients that failed together from retrying together.
 */
export function retryDelayMs(retry: number, backoff: BackoffSettings): number {
  const exponential = Math.min(backoff.maxDelayMs, backoff.minDelayMs * 2 ** (retry - 1));
  return exponential / 2 + (exponential / 2) * backoff.random();
}

/**
 * Reads `Retry-After` as seconds or as an HTTP date; returns milliseconds from `now`, or
 * undefined when the header is missing or unreadable.
 */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === "") {
    return undefined;
  }
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    return Number(trimmed) * 1000;
  }
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function isRetriedStatus(attempt: { status: number; text: string }): boolean {
  if (retriedStatusCodes.has(attempt.status)) {
    return true;
  }
  return attempt.status === 409 && errorCodeOf(attempt.text) === "idempotency_key_in_use";
}

function interpret(
  apiRequest: ApiRequest,
  status: number,
  headers: Dispatcher.ResponseData["headers"],
  text: string,
): ApiResponse {
  const requestId = headerValue(headers["x-request-id"]);
  const parsed = parseJson(text);
  const where = `${apiRequest.method} ${apiRequest.path}`;

  if (status >= 200 && status < 300) {
    if (parsed === undefined) {
      throw new ThradResponseFormatError(
        `${where} returned HTTP ${status} with a body that is not JSON: ${excerpt(text)}`,
        status,
      );
    }
    const replayed = headerValue(headers["idempotent-replayed"]) === "true";
    return { status, body: parsed, replayed, requestId };
  }

  const errorBody = errorBodySchema.safeParse(parsed);
  if (!errorBody.success) {
    throw new ThradResponseFormatError(
      `${where} failed with HTTP ${status} and a body that is not an API error: ` + excerpt(text),
      status,
    );
  }
  throw apiErrorFor(status, errorBody.data.error, requestId);
}

function connectionErrorFor(apiRequest: ApiRequest, error: unknown): ThradConnectionError {
  const code = errorCode(error);
  const reason = error instanceof Error ? error.message : String(error);
  return new ThradConnectionError(
    `${apiRequest.method} ${apiRequest.path} failed before a response arrived` +
      `${code ? ` (${code})` : ""}: ${reason}`,
    { cause: error },
  );
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string") {
    return code;
  }
  // undici wraps the socket's own error as the cause of some of its errors.
  const causeCode = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof causeCode === "string" ? causeCode : undefined;
}

function errorCodeOf(text: string): string | null {
  const parsed = errorBodySchema.safeParse(parseJson(text));
  return parsed.success ? parsed.data.error.code : null;
}

function requestLabel(requestId: string | null): string {
  return requestId ? ` (request ${requestId})` : "";
}

function keyNote(apiRequest: ApiRequest): string {
  return apiRequest.idempotencyKey ? ", with the same Idempotency-Key" : "";
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
