import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { ApiError } from "./api-error";
import type { ApiResponse } from "./api-pipeline";
import { runApiRequest } from "./api-pipeline";
import type { SimulatorCore } from "./core";
import type { ActiveFault } from "./fault-injector";
import { sendJson } from "./http-io";
import { handleControlRequest } from "./routes/control";
import type { ApiRoute } from "./routes/handler";

/** Creates the HTTP server that serves `/v1/` (the simulated API) and `/_sim/` (control). */
export function createSimulatorServer(core: SimulatorCore, routes: readonly ApiRoute[]): Server {
  return createServer((incoming, response) => {
    const url = new URL(incoming.url ?? "/", "http://127.0.0.1");
    if (!url.pathname.startsWith("/v1/") && !url.pathname.startsWith("/_sim/")) {
      const path = `${incoming.method} ${url.pathname}`;
      const message = `Unknown request URL: ${path}; the API is under /v1/.`;
      sendJson(response, 404, new ApiError(404, "not_found", message).toBody());
      return;
    }

    const work = url.pathname.startsWith("/_sim/")
      ? handleControlRequest(core, incoming, response, url)
      : handleApiRequest(core, routes, incoming, response, url);
    work.catch((error: unknown) => {
      core.options.log(`Simulator request ${incoming.method} ${url.pathname} failed: ${error}`);
      if (!response.headersSent) sendJson(response, 500, internalError().toBody());
    });
  });
}

async function handleApiRequest(
  core: SimulatorCore,
  routes: readonly ApiRoute[],
  incoming: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  const method = incoming.method ?? "GET";
  const keyHeader = incoming.headers["idempotency-key"];
  const idempotencyKey = method === "POST" && typeof keyHeader === "string" ? keyHeader : null;
  const call = core.calls.start(core.clock.now(), method, url, idempotencyKey);

  const faults = core.faults.decide(method, url.pathname);
  const fault = faults.terminal;
  if (fault) call.fault = fault.kind;

  if (fault?.kind === "reset") {
    core.options.log(`${method} ${url.pathname} -> connection reset (injected)`);
    incoming.socket.destroy();
    return;
  }
  const result = fault?.kind === "status" ? injectedError(fault) : await respond();
  call.status = result.status;

  if (fault?.kind === "commit_then_drop") {
    core.options.log(`${method} ${url.pathname} -> ${result.status}, response dropped (injected)`);
    incoming.socket.destroy();
    return;
  }
  core.options.log(`${method} ${url.pathname} -> ${result.status}`);
  sendJson(response, result.status, result.body, result.headers);

  async function respond(): Promise<ApiResponse> {
    try {
      return await runApiRequest(core, routes, incoming, url, call, faults.latencyMs);
    } catch (error) {
      return errorResponse(core, error);
    }
  }
}

export function errorResponse(core: SimulatorCore, error: unknown): ApiResponse {
  if (error instanceof ApiError) {
    return { status: error.status, body: error.toBody(), headers: error.headers };
  }
  core.options.log(`Simulator handler error: ${error instanceof Error ? error.stack : error}`);
  return { status: 500, body: internalError().toBody(), headers: {} };
}

function internalError(): ApiError {
  return new ApiError(500, "internal_error", "Internal simulator error.", null, "api_error");
}

function injectedError(fault: ActiveFault): ApiResponse {
  const status = fault.status ?? 500;
  if (status === 429) {
    const retryAfter = String(fault.retry_after_seconds ?? 1);
    const error = new ApiError(
      429,
      "rate_limit_exceeded",
      `Rate limit exceeded (injected); retry after ${retryAfter} seconds.`,
      null,
      "rate_limit_error",
    );
    return { status, body: error.toBody(), headers: { "Retry-After": retryAfter } };
  }
  const code = status === 503 ? "service_unavailable" : "internal_error";
  const message =
    status === 503
      ? "The service is temporarily unavailable (injected)."
      : "Internal error (injected).";
  return {
    status,
    body: new ApiError(status, code, message, null, "api_error").toBody(),
    headers: {},
  };
}
