/**
 * Compares desired campaign inputs with stored outputs and lists the API work needed:
 * campaign field updates, the status action, and the ad groups and ads to create, update or
 * archive. Children are matched by their stable key, never by position, so reordering a list
 * plans no work. `diff` and `update` both use this plan, so what preview shows is what runs.
 */
import { canonicalJson } from "../idempotency-key";
import { campaignUpdateBody } from "./api-bodies";
import {
  adGroupKey,
  adKey,
  adName,
  creativeTypeOf,
  type AdGroupInputs,
  type AdGroupOutputs,
  type AdInputs,
  type AdOutputs,
  type CampaignInputs,
  type CampaignOutputs,
} from "./inputs";

export interface AdPlan {
  create: AdInputs[];
  update: { old: AdOutputs; desired: AdInputs }[];
  archive: AdOutputs[];
}

export interface AdGroupPlan {
  create: AdGroupInputs[];
  update: { old: AdGroupOutputs; desired: AdGroupInputs; fieldsChanged: boolean; ads: AdPlan }[];
  archive: AdGroupOutputs[];
}

export interface CampaignPlan {
  fieldsChanged: string[];
  statusChange: "activate" | "pause" | undefined;
  adGroups: AdGroupPlan;
}

export function planCampaign(olds: CampaignOutputs, news: CampaignInputs): CampaignPlan {
  const fieldsChanged = Object.keys(campaignUpdateBody(olds, news));
  return {
    fieldsChanged,
    statusChange: statusChangeFor(olds.liveStatus, news.status),
    adGroups: planAdGroups(olds.adGroups ?? [], news.adGroups),
  };
}

/** Tells whether a plan has any work in it. */
export function planHasWork(plan: CampaignPlan): boolean {
  const groups = plan.adGroups;
  return (
    plan.fieldsChanged.length > 0 ||
    plan.statusChange !== undefined ||
    groups.create.length > 0 ||
    groups.archive.length > 0 ||
    groups.update.some((group) => group.fieldsChanged || adPlanHasWork(group.ads))
  );
}

function adPlanHasWork(plan: AdPlan): boolean {
  return plan.create.length > 0 || plan.update.length > 0 || plan.archive.length > 0;
}

function statusChangeFor(
  live: CampaignOutputs["liveStatus"],
  desired: CampaignInputs["status"],
): CampaignPlan["statusChange"] {
  if (desired === "active" && live === "paused") {
    return "activate";
  }
  if (desired === "paused" && live === "active") {
    return "pause";
  }
  return undefined;
}

function planAdGroups(olds: AdGroupOutputs[], news: AdGroupInputs[]): AdGroupPlan {
  const oldByKey = new Map(olds.map((group) => [adGroupKey(group), group]));
  const plan: AdGroupPlan = { create: [], update: [], archive: [] };
  for (const desired of news) {
    const old = oldByKey.get(adGroupKey(desired));
    oldByKey.delete(adGroupKey(desired));
    if (!old) {
      plan.create.push(desired);
      continue;
    }
    // An ad group's creative type is fixed by its ads, so a new type needs a new ad group.
    if (groupCreativeType(old) !== groupCreativeType(desired)) {
      plan.archive.push(old);
      plan.create.push(desired);
      continue;
    }
    const fieldsChanged =
      canonicalJson(adGroupFields(old)) !== canonicalJson(adGroupFields(desired));
    const ads = planAds(old.ads ?? [], desired.ads);
    if (fieldsChanged || adPlanHasWork(ads)) {
      plan.update.push({ old, desired, fieldsChanged, ads });
    }
  }
  plan.archive.push(...oldByKey.values());
  return plan;
}

function planAds(olds: AdOutputs[], news: AdInputs[]): AdPlan {
  const oldByKey = new Map(olds.map((ad) => [adKey(ad), ad]));
  const plan: AdPlan = { create: [], update: [], archive: [] };
  for (const desired of news) {
    const old = oldByKey.get(adKey(desired));
    oldByKey.delete(adKey(desired));
    if (!old) {
      plan.create.push(desired);
    } else if (canonicalJson(adFields(old)) !== canonicalJson(adFields(desired))) {
      plan.update.push({ old, desired });
    }
  }
  plan.archive.push(...oldByKey.values());
  return plan;
}

function groupCreativeType(group: { ads: AdInputs[] }): string {
  return group.ads[0] ? creativeTypeOf(group.ads[0]) : "chat_card";
}

function adGroupFields(group: Omit<AdGroupInputs, "ads">): unknown {
  return {
    name: group.name,
    maxBidMicros: group.maxBidMicros,
    hints: group.contextHints ?? [],
    status: group.status,
  };
}

function adFields(ad: AdInputs): unknown {
  return {
    name: adName(ad),
    type: creativeTypeOf(ad),
    title: ad.title,
    body: ad.body,
    question: ad.question,
    options: ad.options,
    targetUrl: ad.targetUrl,
    fileId: ad.fileId,
    ctaText: ad.ctaText,
    status: ad.status,
  };
}
