import type { RunningSimulator } from "../index";
import { DEFAULT_API_KEY } from "../options";

/** A finished HTTP exchange with the body parsed as JSON (or `undefined` when empty). */
export interface HttpResult {
  status: number;
  headers: Headers;
  body: any;
}

export interface CallOptions {
  body?: unknown;
  form?: FormData;
  /** Bearer key; `null` sends no Authorization header. Default: the simulator's default key. */
  key?: string | null;
  headers?: Record<string, string>;
  idempotencyKey?: string;
}

/** Sends one request to the simulated API (`path` starts after `/v1`). */
export async function callApi(
  simulator: RunningSimulator,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<HttpResult> {
  const headers: Record<string, string> = { ...options.headers };
  const key = options.key === undefined ? DEFAULT_API_KEY : options.key;
  if (key !== null) headers["Authorization"] = `Bearer ${key}`;
  if (options.idempotencyKey !== undefined) headers["Idempotency-Key"] = options.idempotencyKey;

  const init: RequestInit = { method, headers };
  if (options.form !== undefined) {
    init.body = options.form;
  } else if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
  }

  const response = await fetch(`${simulator.apiBaseUrl}${path}`, init);
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === "" ? undefined : JSON.parse(text),
  };
}
