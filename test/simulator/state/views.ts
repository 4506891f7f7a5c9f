import { renderTargeting } from "../validation/targeting";
import type { StoredAd, StoredAdGroup, StoredCampaign } from "./model";

/** Renders a stored campaign as the API reads it (without internal fields). */
export function campaignView(campaign: StoredCampaign): Record<string, unknown> {
  return {
    id: campaign.id,
    name: campaign.name,
    description: campaign.description,
    status: campaign.status,
    review_status: campaign.review_status,
    start_time: campaign.start_time,
    end_time: campaign.end_time,
    budget: { lifetime_spend_limit_micros: campaign.lifetime_spend_limit_micros },
    recurring_frequency: campaign.recurring_frequency,
    pricing_model: campaign.pricing_model,
    targeting: renderTargeting(campaign.countries),
    created_at: campaign.created_at,
    updated_at: campaign.updated_at,
  };
}

export function adGroupView(group: StoredAdGroup): Record<string, unknown> {
  return {
    id: group.id,
    campaign_id: group.campaign_id,
    name: group.name,
    context_hints: [...group.context_hints],
    status: group.status,
    bidding_config: { billing_event_type: "impression", max_bid_micros: group.max_bid_micros },
    created_at: group.created_at,
    updated_at: group.updated_at,
  };
}

/** Renders an ad; `review_status` mirrors the review of the ad's campaign. */
export function adView(ad: StoredAd, campaign: StoredCampaign): Record<string, unknown> {
  return {
    id: ad.id,
    ad_group_id: ad.ad_group_id,
    name: ad.name,
    status: ad.status,
    review_status: campaign.review_status,
    auto_generate: ad.auto_generate,
    creative: { ...ad.creative },
    created_at: ad.created_at,
    updated_at: ad.updated_at,
  };
}
