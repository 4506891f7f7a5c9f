/**
 * The campaign resource's property shapes as the provider stores them: inputs as the program
 * gave them (after `check` normalized times), and outputs that add what the API assigned.
 */

export type DesiredStatus = "active" | "paused";

export interface AdInputs {
  /** Stable key that matches this ad across updates; defaults to `name`, then `title`. */
  key?: string;
  name?: string;
  title: string;
  body: string;
  targetUrl: string;
  fileId: string;
  ctaText?: string;
}

export interface AdGroupInputs {
  /** Stable key that matches this ad group across updates; defaults to `name`. */
  key?: string;
  name: string;
  maxBidMicros: number;
  contextHints?: string[];
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

export function adKey(ad: { key?: string; name?: string; title: string }): string {
  return ad.key ?? ad.name ?? ad.title;
}
