/** Lifecycle values that the API reads and writes. */
export type LifecycleStatus = "active" | "paused" | "archived";
/** Stored status of ad groups and ads: archiving them stores `paused`. */
export type ChildStatus = "active" | "paused";
export type ReviewStatus = "in_review" | "approved" | "rejected";
export type BillingState = "ok" | "declined" | "none";
export type CreativeType = "chat_card" | "poll";
export type PricingModel = "cpm" | "cpc";
export type RecurringFrequency = "daily" | "weekly" | "monthly" | "quarterly" | "yearly";

export const LIFECYCLE_STATUSES: readonly LifecycleStatus[] = ["active", "paused", "archived"];
export const REVIEW_STATUSES: readonly ReviewStatus[] = ["in_review", "approved", "rejected"];
export const BILLING_STATES: readonly BillingState[] = ["ok", "declined", "none"];
export const PRICING_MODELS: readonly PricingModel[] = ["cpm", "cpc"];
export const RECURRING_FREQUENCIES: readonly RecurringFrequency[] = [
  "daily",
  "weekly",
  "monthly",
  "quarterly",
  "yearly",
];

export interface AdAccount {
  id: string;
  name: string;
  url: string;
  timezone: "UTC";
  currency_code: "USD";
  /** Logo URL; the API omits the key when the account has no logo. */
  preview_url?: string;
}

/** Span of simulated time, in Unix seconds, during which an ad was eligible to serve. */
export interface ServingInterval {
  start: number;
  end: number | null;
}

export interface StoredCampaign {
  id: string;
  /** Creation order, the tie-breaker for lists when `created_at` is equal. */
  seq: number;
  name: string;
  description: string | null;
  status: LifecycleStatus;
  review_status: ReviewStatus;
  /** Reviewer note set through the control API; never part of an API read. */
  review_reason: string | null;
  start_time: number;
  end_time: number | null;
  lifetime_spend_limit_micros: number;
  recurring_frequency: RecurringFrequency | null;
  pricing_model: PricingModel;
  /** Uppercased ISO 3166-1 alpha-2 codes; empty means no geographic restriction. */
  countries: string[];
  created_at: number;
  updated_at: number;
}

export interface StoredAdGroup {
  id: string;
  seq: number;
  campaign_id: string;
  name: string;
  context_hints: string[];
  status: ChildStatus;
  max_bid_micros: number | null;
  /** Creative type fixed by the group's first ad; `null` while the group has no ads. */
  creative_type: CreativeType | null;
  created_at: number;
  updated_at: number;
}

export interface ChatCardCreative {
  type: "chat_card";
  title: string;
  body: string;
  file_id: string;
  target_url: string;
  cta_text: string | null;
}

export interface PollCreative {
  type: "poll";
  question: string;
  options: string[];
  target_url: string;
  file_id: string | null;
}

export type Creative = ChatCardCreative | PollCreative;

export interface StoredAd {
  id: string;
  seq: number;
  ad_group_id: string;
  name: string;
  status: ChildStatus;
  auto_generate: boolean;
  creative: Creative;
  /** Periods in which the ad could serve, the input of the synthetic insights. */
  serving: ServingInterval[];
  created_at: number;
  updated_at: number;
}

export interface StoredFile {
  file_id: string;
  format: "png" | "jpeg" | "webp";
  size_bytes: number;
  created_at: number;
}

export interface LedgerEntry {
  id: string;
  campaign_id: string;
  amount_micros: number;
  idempotency_key: string | null;
  status: "charged" | "declined";
  at: number;
}

/** A stored first response for one `Idempotency-Key`, replayed on a retry. */
export interface IdempotencyRecord {
  /** SHA-256 of the API key, so keys are scoped per API key without storing the key. */
  scope: string;
  key: string;
  fingerprint: string;
  status: number;
  body: unknown;
  created_at: number;
}

/** Everything the simulator persists to its state file. */
export interface SimulatorState {
  version: 1;
  account: AdAccount;
  billing: BillingState;
  next_seq: number;
  clock_advanced_seconds: number;
  campaigns: Record<string, StoredCampaign>;
  ad_groups: Record<string, StoredAdGroup>;
  ads: Record<string, StoredAd>;
  files: Record<string, StoredFile>;
  ledger: LedgerEntry[];
  idempotency: IdempotencyRecord[];
}
