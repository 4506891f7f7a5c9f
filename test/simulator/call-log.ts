/** One `/v1/` request as the control API reports it. Keys and headers are never kept. */
export interface CallRecord {
  seq: number;
  at: number;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  /** Status sent, or that would have been sent before an injected drop; `null` on a reset. */
  status: number | null;
  idempotency_key: string | null;
  replayed: boolean;
  /** Whether this request charged a deposit. */
  charged: boolean;
  /** Injected fault that hit this request, if any. */
  fault: string | null;
}

/** Bounded in-memory log of `/v1/` requests; the oldest entries go first. */
export class CallLog {
  private readonly entries: CallRecord[] = [];
  private readonly maxEntries: number;
  private nextSeq = 1;

  constructor(maxEntries: number) {
    this.maxEntries = maxEntries;
  }

  start(at: number, method: string, url: URL, idempotencyKey: string | null): CallRecord {
    const record: CallRecord = {
      seq: this.nextSeq,
      at,
      method,
      path: url.pathname,
      query: queryObject(url.searchParams),
      status: null,
      idempotency_key: idempotencyKey,
      replayed: false,
      charged: false,
      fault: null,
    };
    this.nextSeq += 1;
    this.entries.push(record);
    if (this.entries.length > this.maxEntries) this.entries.shift();
    return record;
  }

  list(): CallRecord[] {
    return this.entries.map((entry) => ({ ...entry }));
  }

  clear(): void {
    this.entries.length = 0;
  }
}

function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const name of new Set(params.keys())) {
    const values = params.getAll(name);
    query[name] = values.length === 1 ? (values[0] ?? "") : values;
  }
  return query;
}
