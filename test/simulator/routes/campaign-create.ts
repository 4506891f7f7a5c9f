import { ApiError, notFound } from "../api-error";
import { jsonBody } from "../api-request";
import type { ApiRequest, ApiResult } from "../api-request";
import type { SimulatorCore } from "../core";
import type { CreativeType, StoredCampaign } from "../state/model";
import { campaignView } from "../state/views";
import { readAdFields } from "../validation/ad-fields";
import type { AdFields } from "../validation/ad-fields";
import { readAdGroupFields } from "../validation/ad-group-fields";
import type { AdGroupFields } from "../validation/ad-group-fields";
import { checkCampaignTimes, readCampaignFields } from "../validation/campaign-fields";
import { LIMITS } from "../validation/limits";
import { ObjectReader } from "../validation/object-reader";
import type { ArrayItem } from "../validation/object-reader";
import { newAd, newAdGroup } from "./records";

/** A nested ad group from a create body, validated but not yet stored. */
export interface AdGroupDraft {
  fields: AdGroupFields;
  creativeType: CreativeType | null;
  ads: AdFields[];
}

/**
 * `POST /v1/campaigns`: validates the whole tree, requires a default card, stores the
 * campaign with its ad groups and ads, then charges the $10 deposit. A declined card
 * records a declined ledger row and removes the tree again, so nothing is left.
 */
export function createCampaign(request: ApiRequest, core: SimulatorCore): ApiResult {
  const body = jsonBody(request);
  const now = core.clock.now();
  const fields = readCampaignFields(body, "create");
  checkCampaignTimes(fields, undefined, now);

  const accountId = body.string("ad_account_id");
  if (accountId !== undefined && accountId !== core.store.state.account.id) {
    throw notFound("ad account", accountId, "ad_account_id");
  }
  const groups = body.array("ad_groups", { ...LIMITS.adGroupsPerCampaign, required: true }) ?? [];
  const drafts = groups.map((group) => readAdGroupDraft(group, core, LIMITS.adsPerNestedAdGroup));

  if (core.store.state.billing === "none") {
    throw new ApiError(
      400,
      "billing_not_configured",
      "The organization has no default payment card; add one in the Thrad dashboard first.",
    );
  }

  const campaign: StoredCampaign = {
    id: core.store.newId(),
    seq: core.store.nextSeq(),
    name: fields.name ?? "",
    description: fields.description ?? null,
    status: "paused",
    review_status: "in_review",
    review_reason: null,
    start_time: fields.start_time ?? now + LIMITS.startLeadSeconds,
    end_time: fields.end_time ?? null,
    lifetime_spend_limit_micros: fields.lifetime_spend_limit_micros ?? 0,
    recurring_frequency: fields.recurring_frequency ?? null,
    pricing_model: fields.pricing_model ?? "cpm",
    countries: fields.countries ?? [],
    created_at: now,
    updated_at: now,
  };
  core.store.state.campaigns[campaign.id] = campaign;
  for (const draft of drafts) storeAdGroupDraft(core, campaign.id, draft);

  const declined = core.store.state.billing === "declined";
  core.store.state.ledger.push({
    id: core.store.newId(),
    campaign_id: campaign.id,
    amount_micros: LIMITS.depositMicros,
    idempotency_key: request.idempotencyKey,
    status: declined ? "declined" : "charged",
    at: now,
  });

  if (declined) {
    core.store.removeCampaignTree(campaign.id);
    core.store.commit();
    throw new ApiError(
      402,
      "card_declined",
      "The $10 deposit was declined by the default card; the campaign was not created.",
    );
  }
  core.store.commit();
  return { status: 201, body: campaignView(campaign), charged: true };
}

/** Reads one ad group of a create body with its `ads`, fixing the group's creative type. */
export function readAdGroupDraft(
  item: ArrayItem,
  core: SimulatorCore,
  adsRule: { minItems: number; maxItems: number },
): AdGroupDraft {
  const reader = ObjectReader.from(item.value, item.path);
  const fields = readAdGroupFields(reader, "create");
  const ads = reader.array("ads", { ...adsRule, required: adsRule.minItems > 0 }) ?? [];

  let creativeType: CreativeType | null = null;
  const adFields = ads.map((ad) => {
    const parsed = readAdFields(ObjectReader.from(ad.value, ad.path), "create", {
      groupCreativeType: creativeType,
      fileExists: (fileId) => core.store.state.files[fileId] !== undefined,
    });
    creativeType ??= parsed.creative?.type ?? null;
    return parsed;
  });
  return { fields, creativeType, ads: adFields };
}

export function storeAdGroupDraft(core: SimulatorCore, campaignId: string, draft: AdGroupDraft) {
  const group = newAdGroup(core, campaignId, draft.fields, draft.creativeType);
  core.store.state.ad_groups[group.id] = group;
  for (const fields of draft.ads) {
    const ad = newAd(core, group.id, fields);
    core.store.state.ads[ad.id] = ad;
  }
  return group;
}
