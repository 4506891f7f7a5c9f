import type { IncomingMessage } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import { ApiError, invalidValue } from "./api-error";
import type { ApiRequest, ApiResult } from "./api-request";
import type { CallRecord } from "./call-log";
import type { SimulatorCore } from "./core";
import { readBody } from "./http-io";
import { parseBody, requestFingerprint } from "./request-body";
import { matchRoute } from "./router";
import type { ApiRoute } from "./routes/handler";

/** Largest body the server reads; bigger uploads fail with `file_too_large` before parsing. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;
const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/** A response ready to send: status, JSON body and extra headers. */
export interface ApiResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/**
 * Runs one `/v1/` request through authentication, rate limits, body parsing, routing and
 * idempotency, and returns the response. Raises ApiError for every API-level failure.
 * An injected latency is spent just before the handler runs, while the request's
 * idempotency key is marked as running, as on a slow server.
 */
export async function runApiRequest(
  core: SimulatorCore,
  routes: readonly ApiRoute[],
  incoming: IncomingMessage,
  url: URL,
  call: CallRecord,
  latencyMs: number,
): Promise<ApiResponse> {
  const method = incoming.method ?? "GET";
  const scope = core.keys.authenticate(incoming.headers.authorization);
  enforceRateLimits(core, scope, method, url.pathname);

  const raw = await readBody(incoming, MAX_BODY_BYTES);
  if (raw === undefined) {
    const code = url.pathname === "/v1/upload" ? "file_too_large" : "invalid_value";
    throw new ApiError(400, code, "The request body is larger than 16 MiB.");
  }
  const body = method === "POST" ? await parseBody(incoming, raw) : { kind: "none" as const };

  const match = matchRoute(routes, method, url.pathname);
  if (!match) {
    throw new ApiError(404, "not_found", `Unknown request URL: ${method} ${url.pathname}.`);
  }
  const request: ApiRequest = {
    method,
    path: url.pathname,
    query: url.searchParams,
    params: match.params,
    body,
    idempotencyKey: call.idempotency_key,
  };

  const key = call.idempotency_key;
  const run = async () => {
    if (latencyMs > 0) await delay(latencyMs);
    return finish(call, await match.handler(request, core));
  };
  if (key === null) return run();
  if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw invalidValue("Idempotency-Key", "The Idempotency-Key header is over 255 characters.");
  }

  const fingerprint = await requestFingerprint(method, url.pathname, body);
  const lookup = core.idempotency.lookup(scope, key, fingerprint, core.clock.now());
  if (lookup.kind === "replay") {
    call.replayed = true;
    const headers = { "Idempotent-Replayed": "true" };
    return { status: lookup.record.status, body: lookup.record.body, headers };
  }
  if (lookup.kind === "conflict") {
    throw new ApiError(
      409,
      "idempotency_key_reused",
      "This Idempotency-Key was already used with a different request; use a new key.",
    );
  }
  if (lookup.kind === "in_flight") {
    throw new ApiError(
      409,
      "idempotency_key_in_use",
      "A request with this Idempotency-Key is still running; retry after it finishes.",
    );
  }

  core.idempotency.begin(scope, key);
  try {
    const response = await run();
    if (response.status < 400) {
      core.idempotency.store({
        scope,
        key,
        fingerprint,
        status: response.status,
        body: response.body,
        created_at: core.clock.now(),
      });
      core.store.save();
    }
    return response;
  } finally {
    core.idempotency.finish(scope, key);
  }
}

function finish(call: CallRecord, result: ApiResult): ApiResponse {
  if (result.charged === true) call.charged = true;
  return { status: result.status, body: result.body, headers: {} };
}

/**
 * Applies the per-key sliding windows: one over every authenticated `/v1/` request and an
 * extra one over `POST /v1/campaigns`. A request refused with 429 is not counted.
 */
function enforceRateLimits(core: SimulatorCore, scope: string, method: string, path: string) {
  const now = core.clock.nowExact();
  const isCampaignCreate = method === "POST" && path === "/v1/campaigns";
  const waits = [core.requestLimiter.retryAfter(scope, now)];
  if (isCampaignCreate) waits.push(core.campaignCreateLimiter.retryAfter(scope, now));

  const retryAfter = Math.max(...waits);
  if (retryAfter > 0) {
    throw new ApiError(
      429,
      "rate_limit_exceeded",
      `Rate limit exceeded for this API key; retry after ${retryAfter} seconds.`,
      null,
      "rate_limit_error",
      { "Retry-After": String(retryAfter) },
    );
  }
  core.requestLimiter.record(scope, now);
  if (isCampaignCreate) core.campaignCreateLimiter.record(scope, now);
}
