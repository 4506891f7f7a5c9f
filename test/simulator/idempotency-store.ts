import type { IdempotencyRecord } from "./state/model";

export type IdempotencyLookup =
  | { kind: "new" }
  | { kind: "replay"; record: IdempotencyRecord }
  | { kind: "conflict" }
  | { kind: "in_flight" };

/**
 * First responses per (API key, `Idempotency-Key`), kept for `ttlSeconds` of simulated
 * time in the persisted state. Only successful first attempts are stored, so a retry after
 * a 4xx runs again. A key whose first request is still running reports `in_flight`.
 */
export class IdempotencyStore {
  private readonly records: IdempotencyRecord[];
  private readonly ttlSeconds: number;
  private readonly running = new Set<string>();

  constructor(records: IdempotencyRecord[], ttlSeconds: number) {
    this.records = records;
    this.ttlSeconds = ttlSeconds;
  }

  lookup(scope: string, key: string, fingerprint: string, now: number): IdempotencyLookup {
    this.expire(now);
    if (this.running.has(`${scope}:${key}`)) return { kind: "in_flight" };

    const record = this.records.find((entry) => entry.scope === scope && entry.key === key);
    if (!record) return { kind: "new" };
    return record.fingerprint === fingerprint ? { kind: "replay", record } : { kind: "conflict" };
  }

  begin(scope: string, key: string): void {
    this.running.add(`${scope}:${key}`);
  }

  finish(scope: string, key: string): void {
    this.running.delete(`${scope}:${key}`);
  }

  store(record: IdempotencyRecord): void {
    this.records.push(record);
  }

  private expire(now: number): void {
    for (let index = this.records.length - 1; index >= 0; index -= 1) {
      const record = this.records[index];
      if (record && record.created_at + this.ttlSeconds <= now) this.records.splice(index, 1);
    }
  }
}
