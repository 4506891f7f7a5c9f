/**
 * The API key's rate-limit budget inside one provider process. The API allows 1000 requests
 * per hour on every `/v1/` path and, on top of that, 60 `POST /v1/campaigns` per hour, both per
 * key. Every client in the process that uses the same key shares one budget, so parallel
 * resources queue for a slot instead of failing with 429. Queued calls wait in order, and a
 * progress line on stderr reports how many are queued and when the next slot opens. A call
 * whose turn would come later than the configured ceiling fails at once with that explanation.
 *
 * A slot stays taken from the moment a request is sent until one window after its response
 * arrived. The server counts the request when it receives it, which is never later than the
 * response, so this budget frees a slot no earlier than the server does.
 */
import { createHash } from "node:crypto";
import { ThradError } from "./errors";
import { formatClock, formatSeconds, stderrSink, type LogSink } from "../progress";

export interface RateLimitSettings {
  /** Length of the sliding window in milliseconds; the API's is one hour. */
  windowMs: number;
  /** Requests per window over every `/v1/` path. */
  requestsPerWindow: number;
  /** `POST /v1/campaigns` calls per window, counted on top of the request limit. */
  campaignCreatesPerWindow: number;
  /** Maximum time one call may wait for a slot before it fails. */
  maxWaitMs: number;
}

/** Environment variables that override the defaults, for example to run an hour in seconds. */
export const rateLimitEnv = {
  windowSeconds: "THRAD_RATE_LIMIT_WINDOW_SECONDS",
  requestsPerWindow: "THRAD_RATE_LIMIT_REQUESTS",
  campaignCreatesPerWindow: "THRAD_RATE_LIMIT_CAMPAIGN_CREATES",
  maxWaitSeconds: "THRAD_MAX_RATE_LIMIT_WAIT_SECONDS",
} as const;

/**
 * 15 minutes: long enough for a burst of creates to drain a few slots, short enough that a
 * `pulumi up` asking for far more than the hourly budget fails with the reason instead of
 * sitting silent for an hour.
 */
const defaultMaxWaitSeconds = 900;

/** Reads the settings from the environment, with the API's documented limits as defaults. */
export function rateLimitSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): RateLimitSettings {
  return {
    windowMs: positiveNumber(env, rateLimitEnv.windowSeconds, 3600) * 1000,
    requestsPerWindow: Math.floor(positiveNumber(env, rateLimitEnv.requestsPerWindow, 1000)),
    campaignCreatesPerWindow: Math.floor(
      positiveNumber(env, rateLimitEnv.campaignCreatesPerWindow, 60),
    ),
    maxWaitMs: positiveNumber(env, rateLimitEnv.maxWaitSeconds, defaultMaxWaitSeconds) * 1000,
  };
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text.trim() === "") {
    return fallback;
  }
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${name} must be a positive number, got "${text}"`);
  }
  return value;
}

/** A call that was not sent because its turn would come after the wait ceiling. */
export class ThradRateLimitWaitError extends ThradError {
  override readonly name: string = "ThradRateLimitWaitError";
}

/** One taken slot; `expiresAt` is infinite while its request is in flight. */
interface Grant {
  expiresAt: number;
}

interface Waiter {
  requestLabel: string;
  deadline: number;
  resolve: (grant: Grant) => void;
  reject: (error: Error) => void;
}

/** How often a bucket repeats its progress line while calls keep waiting. */
const progressIntervalMs = 30_000;

/** How long a progress line waits for more calls to join the queue before it is written. */
const progressDelayMs = 100;

/** One sliding-window limit with its queue of waiting calls, served first come first served. */
class WindowBucket {
  private grants: Grant[] = [];
  private readonly queue: Waiter[] = [];
  private blockedUntil = 0;
  private timer: NodeJS.Timeout | undefined;
  private progressTimer: NodeJS.Timeout | undefined;
  private lastProgressAt = Number.NEGATIVE_INFINITY;
  private lastLineNamedTime = true;

  constructor(
    private readonly description: string,
    private readonly limit: number,
    private readonly settings: RateLimitSettings,
    private readonly log: LogSink,
  ) {}

  acquire(requestLabel: string, deadline: number): Promise<Grant> {
    return new Promise((resolve, reject) => {
      this.queue.push({ requestLabel, deadline, resolve, reject });
      this.pump(true);
    });
  }

  /** Marks a grant's attempt as ended by a response or an error; its slot frees a window later. */
  finish(grant: Grant): void {
    grant.expiresAt = Date.now() + this.settings.windowMs;
    this.pump(false);
  }

  /** Gives back a grant whose request was never sent. */
  cancel(grant: Grant): void {
    this.grants = this.grants.filter((candidate) => candidate !== grant);
    this.pump(false);
  }

  /** Takes no new slot before `epochMs`, as the server asked with `Retry-After`. */
  blockUntil(epochMs: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, epochMs);
    this.pump(false);
  }

  private pump(justQueued: boolean): void {
    const now = Date.now();
    this.grants = this.grants.filter((grant) => grant.expiresAt > now);
    while (this.queue.length > 0 && now >= this.blockedUntil && this.grants.length < this.limit) {
      const grant: Grant = { expiresAt: Number.POSITIVE_INFINITY };
      this.grants.push(grant);
      this.queue.shift()?.resolve(grant);
    }
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.queue.length === 0) {
      return;
    }

    const estimates = this.estimateTurns(now);
    this.rejectLateWaiters(now, estimates);
    if (this.queue.length === 0) {
      return;
    }
    const firstTurn = estimates[0] ?? Number.POSITIVE_INFINITY;
    // A line that could not name a time yet is followed by one that can.
    const firstTimeKnown = !this.lastLineNamedTime && Number.isFinite(firstTurn);
    if (justQueued || firstTimeKnown || now - this.lastProgressAt >= progressIntervalMs) {
      this.scheduleProgressLine();
    }
    this.scheduleWakeUp(now, firstTurn);
  }

  /**
   * Writes the progress line a moment later, so that a burst of calls queued together (the
   * engine starts many resources at once) gives one line with the whole count.
   */
  private scheduleProgressLine(): void {
    if (this.progressTimer) {
      return;
    }
    this.progressTimer = setTimeout(() => {
      this.progressTimer = undefined;
      if (this.queue.length === 0) {
        return;
      }
      const now = Date.now();
      const firstTurn = this.estimateTurns(now)[0] ?? Number.POSITIVE_INFINITY;
      this.lastProgressAt = now;
      this.lastLineNamedTime = Number.isFinite(firstTurn);
      this.log(this.progressLine(now, firstTurn));
    }, progressDelayMs);
  }

  /**
   * Estimates when each waiter's turn comes: the moment enough taken slots expire. A waiter
   * behind more than `limit` others needs a slot that an earlier waiter has yet to take, so
   * its turn is one window after that waiter's. Infinite means "after a request in flight
   * is answered", which has no known time.
   */
  private estimateTurns(now: number): number[] {
    const expiries = this.grants.map((grant) => grant.expiresAt).sort((a, b) => a - b);
    const turns: number[] = [];
    for (let position = 0; position < this.queue.length; position++) {
      const index = this.grants.length - this.limit + position;
      let turn: number;
      if (index < 0) {
        turn = now;
      } else if (index < expiries.length) {
        turn = expiries[index] ?? Number.POSITIVE_INFINITY;
      } else {
        turn = (turns[position - this.limit] ?? Number.POSITIVE_INFINITY) + this.settings.windowMs;
      }
      turns.push(Math.max(turn, this.blockedUntil));
    }
    return turns;
  }

  private rejectLateWaiters(now: number, estimates: number[]): void {
    const stillWaiting: Waiter[] = [];
    const keptEstimates: number[] = [];
    this.queue.forEach((waiter, position) => {
      const turn = estimates[position] ?? Number.POSITIVE_INFINITY;
      const knownTooLate = Number.isFinite(turn) && turn > waiter.deadline;
      if (knownTooLate || now >= waiter.deadline) {
        waiter.reject(this.tooLateError(waiter, turn, now));
      } else {
        stillWaiting.push(waiter);
        keptEstimates.push(turn);
      }
    });
    this.queue.splice(0, this.queue.length, ...stillWaiting);
    estimates.splice(0, estimates.length, ...keptEstimates);
  }

  private scheduleWakeUp(now: number, firstTurn: number): void {
    const deadlines = this.queue.map((waiter) => waiter.deadline);
    const nextExpiry = this.grants
      .map((grant) => grant.expiresAt)
      .filter((expiry) => Number.isFinite(expiry))
      .reduce((soonest, expiry) => Math.min(soonest, expiry), Number.POSITIVE_INFINITY);
    const wakeAt = Math.min(firstTurn, nextExpiry, now + progressIntervalMs, ...deadlines);
    // A finished request calls pump() itself, so an in-flight slot needs no timer.
    if (Number.isFinite(wakeAt)) {
      this.timer = setTimeout(() => this.pump(false), Math.max(1, wakeAt - now));
    }
  }

  private progressLine(now: number, firstTurn: number): string {
    const queued = `${this.queue.length} call${this.queue.length === 1 ? "" : "s"} queued`;
    const opens = Number.isFinite(firstTurn)
      ? `the next slot opens in ${formatSeconds(firstTurn - now)} (${formatClock(firstTurn)})`
      : "the next slot opens once a request in flight is answered";
    return (
      `waiting for the API key's rate limit of ${this.limit} ${this.description} per ` +
      `${formatSeconds(this.settings.windowMs)}: ${queued}, ${opens}`
    );
  }

  private tooLateError(waiter: Waiter, turn: number, now: number): ThradRateLimitWaitError {
    const when = Number.isFinite(turn)
      ? `its turn comes at ${formatClock(turn)}, in ${formatSeconds(turn - now)}`
      : "no slot freed up in time";
    const ceiling = formatSeconds(this.settings.maxWaitMs);
    return new ThradRateLimitWaitError(
      `${waiter.requestLabel} was not sent: the API key's rate limit of ${this.limit} ` +
        `${this.description} per ${formatSeconds(this.settings.windowMs)} is used up and ` +
        `${when}, beyond the longest allowed wait of ${ceiling} ` +
        `(${rateLimitEnv.maxWaitSeconds}). Run \`pulumi up\` again later, or raise ` +
        `${rateLimitEnv.maxWaitSeconds} to wait longer.`,
    );
  }
}

/** A slot in every bucket a request needs. Only the first call to either method counts. */
export interface Permit {
  /** Records that the request was sent and its attempt ended, with a response or an error. */
  finish(): void;
  /** Gives the slots back because the request was never sent. */
  cancel(): void;
}

/** The budget of one API key: the request limit and the campaign-create limit. */
export class RateLimiter {
  private readonly requests: WindowBucket;
  private readonly campaignCreates: WindowBucket;

  constructor(
    readonly settings: RateLimitSettings,
    log: LogSink = stderrSink,
  ) {
    this.requests = new WindowBucket("requests", settings.requestsPerWindow, settings, log);
    this.campaignCreates = new WindowBucket(
      "campaign creates",
      settings.campaignCreatesPerWindow,
      settings,
      log,
    );
  }

  /**
   * Waits for a slot. A campaign create takes its create slot first, then a request slot, so
   * reads never queue behind creates. Rejects with ThradRateLimitWaitError past `deadline`.
   */
  async acquire(requestLabel: string, campaignCreate: boolean, deadline: number): Promise<Permit> {
    const buckets = campaignCreate ? [this.campaignCreates, this.requests] : [this.requests];
    const grants: { bucket: WindowBucket; grant: Grant }[] = [];
    try {
      for (const bucket of buckets) {
        grants.push({ bucket, grant: await bucket.acquire(requestLabel, deadline) });
      }
    } catch (error) {
      grants.forEach(({ bucket, grant }) => bucket.cancel(grant));
      throw error;
    }
    let settled = false;
    const settle = (finished: boolean) => {
      if (settled) {
        return;
      }
      settled = true;
      for (const { bucket, grant } of grants) {
        if (finished) {
          bucket.finish(grant);
        } else {
          bucket.cancel(grant);
        }
      }
    };
    return { finish: () => settle(true), cancel: () => settle(false) };
  }

  /** Applies a 429's `Retry-After` to the buckets the refused request used. */
  blockUntil(epochMs: number, campaignCreate: boolean): void {
    this.requests.blockUntil(epochMs);
    if (campaignCreate) {
      this.campaignCreates.blockUntil(epochMs);
    }
  }
}

const sharedLimiters = new Map<string, RateLimiter>();

/**
 * Returns the process-wide limiter of an API key, creating it on first use. The map is keyed
 * by a hash of the key and the settings, so the key itself is never stored here.
 */
export function sharedRateLimiter(
  apiKey: string,
  settings: RateLimitSettings,
  log?: LogSink,
): RateLimiter {
  const id = createHash("sha256").update(apiKey).update(JSON.stringify(settings)).digest("hex");
  let limiter = sharedLimiters.get(id);
  if (!limiter) {
    limiter = new RateLimiter(settings, log);
    sharedLimiters.set(id, limiter);
  }
  return limiter;
}
