/**
 * `update` for campaigns: campaign fields, then removed, changed and new ad groups and ads,
 * then the status action. After each finished step the outputs record it, so a failure part
 * way leaves state that describes what really happened on the API side.
 */
import type { Campaign } from "../client/schemas";
import type { ThradClient } from "../client/thrad-client";
import { explainError, PartialStateError } from "../explain-error";
import { deriveIdempotencyKey } from "../idempotency-key";
import { adBody, adGroupBody, campaignUpdateBody } from "./api-bodies";
import type {
  AdGroupInputs,
  AdGroupOutputs,
  AdInputs,
  AdOutputs,
  CampaignInputs,
  CampaignOutputs,
} from "./inputs";
import { adGroupKey, adKey } from "./inputs";
import { planCampaign, type AdPlan } from "./plan";
import { applyStatusChange } from "./status";

export async function updateCampaign(
  client: ThradClient,
  id: string,
  olds: CampaignOutputs,
  news: CampaignInputs,
): Promise<CampaignOutputs> {
  const plan = planCampaign(olds, news);
  const progress = { outs: { ...olds, resourceIdentity: news.resourceIdentity } };
  try {
    await applyPlan(client, id, news, plan, progress);
    return progress.outs;
  } catch (error) {
    const explained = explainError(error, `Updating campaign "${news.name}"`);
    throw new PartialStateError(explained, id, { ...progress.outs });
  }
}

async function applyPlan(
  client: ThradClient,
  id: string,
  news: CampaignInputs,
  plan: ReturnType<typeof planCampaign>,
  progress: { outs: CampaignOutputs },
): Promise<void> {
  const fields = campaignUpdateBody(progress.outs, news);
  if (Object.keys(fields).length > 0) {
    recordCampaign(progress, await client.updateCampaign(id, fields));
  }
  const { adGroups: _groups, ...campaignFields } = news;
  progress.outs = { ...progress.outs, ...campaignFields, adGroups: progress.outs.adGroups };

  for (const removed of plan.adGroups.archive) {
    await client.adGroupAction(removed.adGroupId, "archive");
    progress.outs.adGroups = progress.outs.adGroups.filter((group) => group !== removed);
  }
  // Each finished step inside an ad group is recorded at once, so a failure after it leaves
  // state that matches the API.
  const record = (group: AdGroupOutputs) => {
    progress.outs.adGroups = progress.outs.adGroups.map((stored) =>
      stored.adGroupId === group.adGroupId ? group : stored,
    );
  };
  for (const change of plan.adGroups.update) {
    await updateAdGroup(client, news, change, record);
  }
  for (const added of plan.adGroups.create) {
    progress.outs.adGroups = [
      ...progress.outs.adGroups,
      await createAdGroup(client, id, news, added),
    ];
  }
  progress.outs.adGroups = orderLike<AdGroupInputs>(
    news.adGroups,
    progress.outs.adGroups,
    adGroupKey,
  ) as AdGroupOutputs[];

  const status = await applyStatusChange(client, id, plan.statusChange, progress.outs);
  if (status) {
    recordCampaign(progress, status.campaign);
    progress.outs = { ...progress.outs, statusMessage: status.message };
  } else if (progress.outs.liveStatus === news.status) {
    progress.outs = { ...progress.outs, statusMessage: "" };
  }
}

/** Records the server-side values of a campaign the API just returned. */
function recordCampaign(progress: { outs: CampaignOutputs }, campaign: Campaign): void {
  progress.outs = {
    ...progress.outs,
    liveStatus: campaign.status,
    reviewStatus: campaign.review_status,
    effectiveStartTime: campaign.start_time,
    effectiveEndTime: campaign.end_time ?? null,
  };
}

async function updateAdGroup(
  client: ThradClient,
  news: CampaignInputs,
  change: { old: AdGroupOutputs; desired: AdGroupInputs; fieldsChanged: boolean; ads: AdPlan },
  record: (group: AdGroupOutputs) => void,
): Promise<void> {
  const { old, desired } = change;
  const { ads: _desiredAds, ...groupFields } = desired;
  let current: AdGroupOutputs = old;
  const recordAds = (ads: AdOutputs[]) => {
    current = { ...current, ads };
    record(current);
  };
  if (change.fieldsChanged) {
    await client.updateAdGroup(old.adGroupId, { ...adGroupBody(desired), ...statusField(desired) });
    current = { ...groupFields, adGroupId: old.adGroupId, ads: old.ads };
    record(current);
  }
  for (const removed of change.ads.archive) {
    await client.adAction(removed.adId, "archive");
    recordAds(current.ads.filter((ad) => ad.adId !== removed.adId));
  }
  for (const { old: oldAd, desired: desiredAd } of change.ads.update) {
    await client.updateAd(oldAd.adId, { ...adBody(desiredAd), ...statusField(desiredAd) });
    recordAds(
      current.ads.map((ad) => (ad.adId === oldAd.adId ? { ...desiredAd, adId: oldAd.adId } : ad)),
    );
  }
  for (const added of change.ads.create) {
    recordAds([...current.ads, await createAd(client, news, old.adGroupId, added)]);
  }
  record({
    ...groupFields,
    adGroupId: old.adGroupId,
    ads: orderLike<AdInputs>(desired.ads, current.ads, adKey) as AdOutputs[],
  });
}

async function createAdGroup(
  client: ThradClient,
  campaignId: string,
  news: CampaignInputs,
  group: AdGroupInputs,
): Promise<AdGroupOutputs> {
  const body = adGroupBody(group);
  const key = deriveIdempotencyKey(news.resourceIdentity, `create-ad-group ${campaignId}`, body);
  const created = await client.createAdGroup(campaignId, body, key);
  if (group.status === "paused") {
    await client.adGroupAction(created.id, "pause");
  }
  const ads: AdOutputs[] = [];
  for (const ad of group.ads) {
    ads.push(await createAd(client, news, created.id, ad));
  }
  const { ads: _inputs, ...groupFields } = group;
  return { ...groupFields, adGroupId: created.id, ads };
}

async function createAd(
  client: ThradClient,
  news: CampaignInputs,
  adGroupId: string,
  ad: AdInputs,
): Promise<AdOutputs> {
  const body = adBody(ad);
  const key = deriveIdempotencyKey(news.resourceIdentity, `create-ad ${adGroupId}`, body);
  const created = await client.createAd(adGroupId, body, key);
  if (ad.status === "paused") {
    await client.adAction(created.id, "pause");
  }
  return { ...ad, adId: created.id };
}

/** Returns the `status` field of an ad group or ad update, when the program manages it. */
function statusField(child: { status?: "active" | "paused" }): { status?: string } {
  return child.status === undefined ? {} : { status: child.status };
}

/** Puts stored children in the program's order, so the state reads like the program. */
function orderLike<T>(desired: T[], items: T[], keyOf: (item: T) => string): T[] {
  const position = new Map(desired.map((item, index) => [keyOf(item), index]));
  return [...items].sort((a, b) => (position.get(keyOf(a)) ?? 0) - (position.get(keyOf(b)) ?? 0));
}
