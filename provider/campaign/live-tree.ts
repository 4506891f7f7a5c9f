/**
 * Reads a campaign with its ad groups and ads from the API and folds the live values into the
 * stored outputs. Only children whose ids the state records are read back: ad groups and ads that
 * Pulumi archived still list (archive reads back as `paused`), so the list alone cannot tell.
 */
import type { ThradClient } from "../client/thrad-client";
import type { Ad, AdGroup, Campaign } from "../client/schemas";
import {
  adName,
  type AdGroupInputs,
  type AdGroupOutputs,
  type AdInputs,
  type AdOutputs,
  type CampaignInputs,
  type CampaignOutputs,
} from "./inputs";

export interface LiveTree {
  campaign: Campaign;
  adGroups: AdGroup[];
  adsByGroup: Map<string, Ad[]>;
}

export interface ReadTreeOptions {
  /** The campaign as just returned by the API, to save reading it again. */
  campaign?: Campaign;
  /** Lists ads only for these ad groups (the ones the state records). */
  adGroupIds?: ReadonlySet<string>;
}

/**
 * Reads the campaign, then its ad groups and their ads through the list endpoints: one call
 * for the campaign (unless given), one for the ad groups and one per ad group read.
 */
export async function readLiveTree(
  client: ThradClient,
  campaignId: string,
  options: ReadTreeOptions = {},
): Promise<LiveTree> {
  const campaign = options.campaign ?? (await client.getCampaign(campaignId));
  const adGroups = await client.listAdGroups(campaignId);
  const recordedGroupIds = options.adGroupIds;
  const adsByGroup = new Map<string, Ad[]>();
  await Promise.all(
    adGroups
      .filter((group) => !recordedGroupIds || recordedGroupIds.has(group.id))
      .map(async (group) => {
        adsByGroup.set(group.id, await client.listAds(group.id));
      }),
  );
  return { campaign, adGroups, adsByGroup };
}

/** Pairs each input ad group and ad with the API object of the same name, first come first. */
export function assignIds(inputs: CampaignInputs, tree: LiveTree): AdGroupOutputs[] {
  const unclaimedGroups = [...tree.adGroups];
  return inputs.adGroups.map((group) => {
    const match = takeFirst(unclaimedGroups, (live) => live.name === group.name);
    if (!match) {
      throw new Error(`the API did not return an ad group named "${group.name}"`);
    }
    const unclaimedAds = [...(tree.adsByGroup.get(match.id) ?? [])];
    const ads = group.ads.map((ad) => {
      const name = adName(ad);
      const liveAd = takeFirst(unclaimedAds, (live) => live.name === name);
      if (!liveAd) {
        throw new Error(`the API did not return an ad named "${name}" in "${group.name}"`);
      }
      return { ...ad, adId: liveAd.id };
    });
    return { ...group, adGroupId: match.id, ads };
  });
}

/** Copies live campaign values into the outputs, keeping fields the program leaves unset. */
export function foldCampaign(outs: CampaignOutputs, live: Campaign): CampaignOutputs {
  const folded: CampaignOutputs = {
    ...outs,
    name: live.name,
    lifetimeBudgetMicros: live.budget.lifetime_spend_limit_micros,
    liveStatus: live.status,
    reviewStatus: live.review_status,
    effectiveStartTime: live.start_time,
    effectiveEndTime: live.end_time ?? null,
  };
  if (outs.description !== undefined) {
    folded.description = live.description ?? "";
  }
  if (outs.startTime !== undefined) {
    folded.startTime = live.start_time;
  }
  if (outs.endTime !== undefined && live.end_time != null) {
    folded.endTime = live.end_time;
  }
  const extra = live as Record<string, unknown>;
  if (outs.targetCountries !== undefined) {
    const countries = liveCountries(extra["targeting"]) ?? outs.targetCountries;
    const sameSet = sortedUpper(countries) === sortedUpper(outs.targetCountries);
    folded.targetCountries = sameSet ? outs.targetCountries : countries;
  }
  if (
    outs.pricingModel !== undefined &&
    (extra["pricing_model"] === "cpm" || extra["pricing_model"] === "cpc")
  ) {
    folded.pricingModel = extra["pricing_model"];
  }
  if (outs.recurringFrequency !== undefined && typeof extra["recurring_frequency"] === "string") {
    folded.recurringFrequency = extra["recurring_frequency"] as NonNullable<
      CampaignOutputs["recurringFrequency"]
    >;
  }
  return folded;
}

function sortedUpper(codes: string[]): string {
  return codes
    .map((code) => code.toUpperCase())
    .sort()
    .join(",");
}

/**
 * Reads the country codes of live targeting, `{ locations: { include: [{ country_code }] } }`
 * (entries may use `id` instead), keeping the program's order when the sets are equal.
 */
function liveCountries(targeting: unknown): string[] | undefined {
  const include = (targeting as { locations?: { include?: unknown } } | null | undefined)?.locations
    ?.include;
  if (targeting === undefined || targeting === null) {
    return [];
  }
  if (!Array.isArray(include)) {
    return include === undefined ? [] : undefined;
  }
  return include
    .map((entry: { country_code?: unknown; id?: unknown }) =>
      String(entry.country_code ?? entry.id ?? ""),
    )
    .filter((code) => code !== "");
}

/** Copies live ad group and ad values into the stored children with known ids. */
export function foldChildren(outs: CampaignOutputs, tree: LiveTree): AdGroupOutputs[] {
  const groupsById = new Map(tree.adGroups.map((group) => [group.id, group]));
  return (outs.adGroups ?? []).map((group) => {
    const live = groupsById.get(group.adGroupId);
    if (!live) {
      return group;
    }
    const adsById = new Map((tree.adsByGroup.get(live.id) ?? []).map((ad) => [ad.id, ad]));
    const folded: AdGroupOutputs = {
      ...group,
      name: live.name,
      maxBidMicros: live.bidding_config?.max_bid_micros ?? group.maxBidMicros,
      ads: group.ads.map((ad) => foldAd(ad, adsById.get(ad.adId))),
    };
    if (group.contextHints !== undefined) {
      folded.contextHints = live.context_hints ?? [];
    }
    if (group.status !== undefined) {
      folded.status = live.status === "active" ? "active" : "paused";
    }
    return folded;
  });
}

function foldAd(ad: AdOutputs, live: Ad | undefined): AdOutputs {
  if (!live) {
    return ad;
  }
  const creative = live.creative as Record<string, unknown>;
  const folded: AdOutputs = { ...ad, targetUrl: stringOr(creative["target_url"], ad.targetUrl) };
  if (ad.name !== undefined && live.name) {
    folded.name = live.name;
  }
  if (ad.status !== undefined) {
    folded.status = live.status === "active" ? "active" : "paused";
  }
  for (const [field, apiField] of creativeFields) {
    const value = creative[apiField];
    if (ad[field] !== undefined && value !== undefined && value !== null) {
      (folded as unknown as Record<string, unknown>)[field] = value;
    }
  }
  return folded;
}

/** Creative fields the program may set, with their API names. */
const creativeFields: [keyof AdInputs, string][] = [
  ["title", "title"],
  ["body", "body"],
  ["fileId", "file_id"],
  ["ctaText", "cta_text"],
  ["question", "question"],
  ["options", "options"],
];

/** Strips outputs back to the input shape, for `read` to report refreshed inputs. */
export function inputsFromOutputs(outs: CampaignOutputs): CampaignInputs {
  const {
    campaignId: _campaignId,
    liveStatus,
    reviewStatus: _review,
    effectiveStartTime: _start,
    effectiveEndTime: _end,
    statusMessage: _message,
    adGroups,
    ...fields
  } = outs;
  const status = liveStatus === "active" || liveStatus === "paused" ? liveStatus : fields.status;
  return {
    ...fields,
    status,
    adGroups: adGroups.map(({ adGroupId: _id, ads, ...group }): AdGroupInputs => ({
      ...group,
      ads: ads.map(({ adId: _adId, ...ad }): AdInputs => ad),
    })),
  };
}

function takeFirst<T>(items: T[], matches: (item: T) => boolean): T | undefined {
  const index = items.findIndex(matches);
  return index < 0 ? undefined : items.splice(index, 1)[0];
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === "string" ? value : fallback;
}
