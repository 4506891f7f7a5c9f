/** Kinds of injected failure for `/v1/` requests. */
export type FaultKind = "status" | "latency" | "reset" | "commit_then_drop";
export const FAULT_KINDS: readonly FaultKind[] = ["status", "latency", "reset", "commit_then_drop"];
export const FAULT_STATUSES = [429, 500, 503] as const;
export type FaultStatus = (typeof FAULT_STATUSES)[number];

/**
 * One injected failure rule.
 * - `status`: respond with `status` (500, 503 or 429) without running the request.
 * - `latency`: wait `latency_ms`, then handle the request normally.
 * - `reset`: destroy the connection without running the request or replying.
 * - `commit_then_drop`: run the request (its effect happens), then destroy the connection.
 */
export interface FaultSpec {
  kind: FaultKind;
  /**
   * `[METHOD ]PATH`. In PATH `*` matches one segment and a final `**` matches the rest;
   * without METHOD any method matches. Default `/v1/**`.
   */
  route?: string;
  status?: FaultStatus;
  latency_ms?: number;
  /** `Retry-After` seconds sent with an injected 429; default 1. */
  retry_after_seconds?: number;
  /** Fire on the next `count` matching calls only; default: until cleared. */
  count?: number;
  /** Fire on this fraction (0-1) of matching calls, drawn from a seeded generator. */
  fraction?: number;
}

export interface ActiveFault extends FaultSpec {
  id: number;
  /** Times the fault fired so far. */
  fired: number;
}

/** Faults that hit one request: the summed delay and at most one fault that ends it. */
export interface FaultDecision {
  latencyMs: number;
  terminal: ActiveFault | undefined;
}

/** Active fault rules, matched against each `/v1/` request in the order they were added. */
export class FaultInjector {
  private faults: ActiveFault[] = [];
  private nextId = 1;
  private randomState: number;

  constructor(seed: number) {
    this.randomState = seed >>> 0;
  }

  add(spec: FaultSpec): ActiveFault {
    const fault: ActiveFault = { ...spec, id: this.nextId, fired: 0 };
    this.nextId += 1;
    this.faults.push(fault);
    return fault;
  }

  list(): ActiveFault[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  clear(): void {
    this.faults = [];
  }

  /** Decides which faults fire for a request and uses up their counts. */
  decide(method: string, path: string): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0, terminal: undefined };
    for (const fault of this.faults) {
      if (!routeMatches(fault.route ?? "/v1/**", method, path)) continue;
      if (fault.kind !== "latency" && decision.terminal) continue;
      if (fault.fraction !== undefined && this.nextRandom() >= fault.fraction) continue;

      fault.fired += 1;
      if (fault.kind === "latency") decision.latencyMs += fault.latency_ms ?? 0;
      else decision.terminal = fault;
    }
    this.faults = this.faults.filter(
      (fault) => fault.count === undefined || fault.fired < fault.count,
    );
    return decision;
  }

  /** Mulberry32: a small seeded generator, so fractional faults repeat run to run. */
  private nextRandom(): number {
    this.randomState = (this.randomState + 0x6d2b79f5) >>> 0;
    let value = this.randomState;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  }
}

export function routeMatches(route: string, method: string, path: string): boolean {
  const [first, second] = route.trim().split(/\s+/, 2);
  const routeMethod = second === undefined ? undefined : first;
  const routePath = second ?? first ?? "";
  if (routeMethod !== undefined && routeMethod.toUpperCase() !== method.toUpperCase()) {
    return false;
  }

  const patternParts = routePath.split("/");
  const pathParts = path.split("/");
  for (let index = 0; index < patternParts.length; index += 1) {
    const part = patternParts[index];
    if (part === "**" && index === patternParts.length - 1) return true;
    if (index >= pathParts.length) return false;
    if (part !== "*" && part !== pathParts[index]) return false;
  }
  return patternParts.length === pathParts.length;
}
