/**
 * The campaign resource's property shapes as the provider stores them: inputs as the program
 * gave them (after `check` normalized times), and outputs that add what the API assigned.
 */

export type DesiredStatus = "active" | "paused";

export type CreativeType = "chat_card" | "poll";

/**
 * An ad of either creative type. A chat card has `title`, `body`, `fileId` and optional
 * `ctaText`; a poll has `question`, `options` (2 to 4) and an optional `fileId`.
 */
export interface AdInputs {
  /** Stable key that matches this ad across updates; defaults to `name`, then the headline. */
  key?: string;
  /** `chat_card` (default) or `poll`. */
  type?: CreativeType;
  name?: string;
  /** Desired status of the ad itself; `active` by default, like a new ad in the API. */
  status?: DesiredStatus;
  title?: string;
  body?: string;
  question?: string;
  options?: string[];
  targetUrl: string;
  fileId?: string;
  ctaText?: string;
}

export interface AdGroupInputs {
  /** Stable key that matches this ad group across updates; defaults to `name`. */
  key?: string;
  name: string;
  maxBidMicros: number;
  contextHints?: string[];
  /** Desired status of the ad group; `active` by default, like a new ad group in the API. */
  status?: DesiredStatus;
  ads: AdInputs[];
}

export interface CampaignInputs {
  /** Project, stack, type and name of the resource: the seed of its idempotency keys. */
  resourceIdentity: string;
  name: string;
  description?: string;
  lifetimeBudgetMicros: number;
  /** Unix seconds, UTC. */
  startTime?: number;
  endTime?: number;
  status: DesiredStatus;
  targetCountries?: string[];
  pricingModel?: "cpm" | "cpc";
  recurringFrequency?: "daily" | "weekly" | "monthly" | "quarterly" | "yearly";
  /** Id of an existing campaign to bring under Pulumi instead of creating one. */
  adoptId?: string;
  adGroups: AdGroupInputs[];
}

export interface AdOutputs extends AdInputs {
  adId: string;
}

export interface AdGroupOutputs extends Omit<AdGroupInputs, "ads"> {
  adGroupId: string;
  ads: AdOutputs[];
}

export interface CampaignOutputs extends Omit<CampaignInputs, "adGroups"> {
  campaignId: string;
  liveStatus: "active" | "paused" | "archived";
  reviewStatus: "in_review" | "approved" | "rejected";
  effectiveStartTime: number;
  effectiveEndTime: number | null;
  /** Plain words on why the live status differs from the desired one, or "". */
  statusMessage: string;
  adGroups: AdGroupOutputs[];
}

export function adGroupKey(adGroup: { key?: string; name: string }): string {
  return adGroup.key ?? adGroup.name;
}

export function adKey(ad: Pick<AdInputs, "key" | "name" | "title" | "question">): string {
  return ad.key ?? ad.name ?? ad.title ?? ad.question ?? "";
}

export function creativeTypeOf(ad: Pick<AdInputs, "type">): CreativeType {
  return ad.type ?? "chat_card";
}

/** Returns the name the API gives an ad without one: its headline or poll question. */
export function adName(ad: AdInputs): string {
  return ad.name ?? ad.title ?? ad.question ?? "";
}
