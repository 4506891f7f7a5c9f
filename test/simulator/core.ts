import { randomUUID } from "node:crypto";
import { CallLog } from "./call-log";
import { SimulatedClock } from "./clock";
import { FaultInjector } from "./fault-injector";
import { IdempotencyStore } from "./idempotency-store";
import { KeyStore } from "./key-store";
import type { ResolvedOptions } from "./options";
import { SlidingWindowLimiter } from "./rate-limiter";
import type { AdAccount } from "./state/model";
import { loadState } from "./state/persistence";
import { SimulatorStore, emptyState } from "./state/store";
import { RemoteImageRegistry } from "./upload/remote-images";

/** Everything one simulator instance holds; route handlers receive it. */
export class SimulatorCore {
  readonly options: ResolvedOptions;
  readonly clock: SimulatedClock;
  readonly store: SimulatorStore;
  readonly keys: KeyStore;
  readonly requestLimiter: SlidingWindowLimiter;
  readonly campaignCreateLimiter: SlidingWindowLimiter;
  readonly idempotency: IdempotencyStore;
  readonly calls: CallLog;
  readonly faults: FaultInjector;
  readonly remoteImages = new RemoteImageRegistry();

  constructor(options: ResolvedOptions) {
    this.options = options;
    const loaded = options.statePath === undefined ? undefined : loadState(options.statePath);
    const state = loaded ?? emptyState(newAccount(options), options.billing ?? "ok");
    if (options.billing !== undefined) state.billing = options.billing;

    this.clock = new SimulatedClock(
      options.clockStart,
      options.clockFrozen,
      state.clock_advanced_seconds,
    );
    this.store = new SimulatorStore(state, this.clock, options.statePath);
    this.keys = new KeyStore(options.apiKeys, this.clock, options.keyRotationGraceSeconds);
    this.requestLimiter = new SlidingWindowLimiter(
      options.requestsPerWindow,
      options.windowSeconds,
    );
    this.campaignCreateLimiter = new SlidingWindowLimiter(
      options.campaignCreatesPerWindow,
      options.windowSeconds,
    );
    this.idempotency = new IdempotencyStore(state.idempotency, options.idempotencyTtlSeconds);
    this.calls = new CallLog(options.callLogSize);
    this.faults = new FaultInjector(options.randomSeed);
    this.store.save();
  }
}

function newAccount(options: ResolvedOptions): AdAccount {
  const account: AdAccount = {
    id: randomUUID(),
    name: options.account.name,
    url: options.account.url,
    timezone: "UTC",
    currency_code: "USD",
  };
  if (options.account.previewUrl !== undefined) account.preview_url = options.account.previewUrl;
  return account;
}
