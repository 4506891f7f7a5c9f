/**
 * Sliding-window request counter per scope (one API key). A request is allowed when fewer
 * than `limit` requests were recorded in the last `windowSeconds` of simulated time.
 */
export class SlidingWindowLimiter {
  private readonly limit: number;
  private readonly windowSeconds: number;
  private readonly hits = new Map<string, number[]>();

  constructor(limit: number, windowSeconds: number) {
    this.limit = limit;
    this.windowSeconds = windowSeconds;
  }

  /** Returns 0 when a request may proceed, else the seconds until a slot frees up. */
  retryAfter(scope: string, now: number): number {
    const recent = this.prune(scope, now);
    if (recent.length < this.limit) return 0;

    const oldest = recent[recent.length - this.limit] ?? now;
    return Math.max(1, Math.ceil(oldest + this.windowSeconds - now));
  }

  record(scope: string, now: number): void {
    const recent = this.prune(scope, now);
    recent.push(now);
    this.hits.set(scope, recent);
  }

  private prune(scope: string, now: number): number[] {
    const cutoff = now - this.windowSeconds;
    const recent = (this.hits.get(scope) ?? []).filter((at) => at > cutoff);
    this.hits.set(scope, recent);
    return recent;
  }
}
