import type { BillingState } from "./state/model";

/** Settings of one simulator instance; every field is optional. */
export interface SimulatorOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks a free port. */
  port?: number;
  /** Accepted bearer keys, each starting with `ak_`; default `["ak_sim_local_key"]`. */
  apiKeys?: string[];
  /** JSON state file: loaded at start when present, written after every mutation. */
  statePath?: string;
  /** Default card of the organization; default `"ok"` (or the state file's value). */
  billing?: BillingState;
  /** Simulated clock: start in Unix seconds (default: real now); `frozen` stops real time. */
  clock?: { start?: number; frozen?: boolean };
  /** Sliding-window rate limits per API key, in simulated seconds. */
  rateLimits?: {
    windowSeconds?: number;
    /** Requests per window over all of `/v1/`; default 1000 per 3600 s. */
    requestsPerWindow?: number;
    /** Extra limit on `POST /v1/campaigns`; default 60 per window. */
    campaignCreatesPerWindow?: number;
  };
  /** How long a stored `Idempotency-Key` response is replayed; default 86400 s. */
  idempotencyTtlSeconds?: number;
  /** How long a rotated-out key keeps working; default 1800 s (30 minutes). */
  keyRotationGraceSeconds?: number;
  /** Seed of the generator that picks which calls a fractional fault hits; default 1. */
  randomSeed?: number;
  /** Ad account fields for a fresh state. */
  account?: { name?: string; url?: string; previewUrl?: string };
  /** Receives one line per request and per event; default: no logging. */
  log?: (line: string) => void;
  /** Most `/v1/` calls kept in the call log; default 10000. */
  callLogSize?: number;
}

/** Options with every default applied. */
export interface ResolvedOptions {
  port: number;
  apiKeys: string[];
  statePath: string | undefined;
  billing: BillingState | undefined;
  clockStart: number;
  clockFrozen: boolean;
  windowSeconds: number;
  requestsPerWindow: number;
  campaignCreatesPerWindow: number;
  idempotencyTtlSeconds: number;
  keyRotationGraceSeconds: number;
  randomSeed: number;
  account: { name: string; url: string; previewUrl: string | undefined };
  log: (line: string) => void;
  callLogSize: number;
}

export const DEFAULT_API_KEY = "ak_sim_local_key";

export function resolveOptions(options: SimulatorOptions): ResolvedOptions {
  const limits = options.rateLimits ?? {};
  return {
    port: options.port ?? 0,
    apiKeys: options.apiKeys ?? [DEFAULT_API_KEY],
    statePath: options.statePath,
    billing: options.billing,
    clockStart: options.clock?.start ?? Math.floor(Date.now() / 1000),
    clockFrozen: options.clock?.frozen ?? false,
    windowSeconds: limits.windowSeconds ?? 3600,
    requestsPerWindow: limits.requestsPerWindow ?? 1000,
    campaignCreatesPerWindow: limits.campaignCreatesPerWindow ?? 60,
    idempotencyTtlSeconds: options.idempotencyTtlSeconds ?? 86_400,
    keyRotationGraceSeconds: options.keyRotationGraceSeconds ?? 1800,
    randomSeed: options.randomSeed ?? 1,
    account: {
      name: options.account?.name ?? "Simulated Advertiser",
      url: options.account?.url ?? "https://advertiser.example",
      previewUrl: options.account?.previewUrl,
    },
    log: options.log ?? (() => undefined),
    callLogSize: options.callLogSize ?? 10_000,
  };
}
