import { invalidValue } from "../api-error";
import type { StoredAd, StoredAdGroup, StoredCampaign } from "../state/model";
import type { SimulatorStore } from "../state/store";
import { splitWindow } from "./buckets";
import type { Bucket } from "./buckets";
import { campaignDelivery, totalsAt } from "./delivery";
import type { AdDelivery, AdLineage, DeliveryTotals } from "./delivery";
import { METRICS } from "./query";
import type { InsightsFilter, InsightsQuery, Level, Metric } from "./query";

/** Largest number of rows one insights request may produce. */
const MAX_ROWS = 20_000;
/** Share of delivery attributed to Thrad's own supply; the rest is ChatGPT supply. */
const THRAD_SUPPLY_SHARE = 0.6;

/** The entity that an insights endpoint covers; `id` is `null` for the ad account. */
export interface InsightsScope {
  level: Level;
  id: string | null;
}

interface Entity {
  id: string;
  ids: Record<string, string>;
  ads: AdLineage[];
}

/**
 * Builds the insights rows: for every window, every period of the granularity and every
 * entity of the aggregation level in scope (zero rows included), in that order.
 */
export function buildInsightsRows(
  store: SimulatorStore,
  scope: InsightsScope,
  query: InsightsQuery,
): Record<string, unknown>[] {
  const now = store.clock.now();
  const lineages = allLineages(store);
  const inScope = lineages.filter((lineage) => inScopeOf(lineage, scope));
  // Budgets are shared by all ads of a campaign, so model whole campaigns even when the
  // scope is one ad group or ad.
  const campaignIds = new Set(inScope.map((lineage) => lineage.campaign.id));
  const deliveries = deliveriesFor(
    lineages.filter((lineage) => campaignIds.has(lineage.campaign.id)),
    now,
  );
  const selected = inScope.filter((lineage) => passesEntityFilters(lineage, query.filters));
  const entities = entitiesAt(store, query, scope, selected);

  const rows: Record<string, unknown>[] = [];
  for (const window of query.windows) {
    for (const bucket of splitWindow(window, query.granularity)) {
      for (const entity of entities) {
        const totals = sumTotals(entity.ads, deliveries, bucket.start, bucket.end);
        for (const [supply, share] of supplyShares(query.supply, totals)) {
          if (!passesMetricFilters(share, query.filters)) continue;
          rows.push(renderRow(bucket, entity, supply, metricValues(share, query.metrics)));
        }
      }
      if (rows.length > MAX_ROWS) {
        throw invalidValue(null, `The report has over ${MAX_ROWS} rows; narrow the time range.`);
      }
    }
  }
  return rows;
}

function renderRow(
  bucket: Bucket,
  entity: Entity,
  supply: string | undefined,
  metrics: Record<string, number | null>,
): Record<string, unknown> {
  const suffix = supply === undefined ? "" : `:supply=${supply}`;
  const row: Record<string, unknown> = {
    id: `start=${bucket.start}:end=${bucket.end}:entity_id=${entity.id}${suffix}`,
    start_time: bucket.start,
    end_time: bucket.end,
  };
  if (bucket.readableTime !== undefined) row["readable_time"] = bucket.readableTime;
  row["timezone"] = "UTC";
  Object.assign(row, entity.ids);
  if (supply !== undefined) row["supply"] = supply;
  return Object.assign(row, metrics);
}

function allLineages(store: SimulatorStore): AdLineage[] {
  const lineages: AdLineage[] = [];
  for (const ad of Object.values(store.state.ads)) {
    const group = store.state.ad_groups[ad.ad_group_id];
    const campaign = group ? store.state.campaigns[group.campaign_id] : undefined;
    if (group && campaign) lineages.push({ ad, group, campaign });
  }
  return lineages.sort((a, b) => a.ad.seq - b.ad.seq);
}

/** The ancestors of an entity; levels below the entity are absent. */
interface Ancestors {
  campaign: StoredCampaign;
  group?: StoredAdGroup;
  ad?: StoredAd;
}

function idAt(lineage: AdLineage, level: Exclude<Level, "ad_account">): string {
  if (level === "campaign") return lineage.campaign.id;
  if (level === "ad_group") return lineage.group.id;
  return lineage.ad.id;
}

function inScopeOf(lineage: AdLineage, scope: InsightsScope): boolean {
  return scope.level === "ad_account" || idAt(lineage, scope.level) === scope.id;
}

/** Applies the id and status filters whose level is present among the ancestors. */
function passesEntityFilters(ancestors: Ancestors, filters: readonly InsightsFilter[]): boolean {
  return filters.every((filter) => {
    if (filter.kind === "metric") return true;
    const entity =
      filter.level === "campaign"
        ? ancestors.campaign
        : filter.level === "ad_group"
          ? ancestors.group
          : ancestors.ad;
    if (entity === undefined) return true;
    return filter.values.includes(filter.kind === "id" ? entity.id : entity.status);
  });
}

/** Models each campaign as a whole, because all of its ads share one lifetime budget. */
function deliveriesFor(lineages: readonly AdLineage[], now: number): Map<string, AdDelivery> {
  const byCampaign = new Map<string, AdLineage[]>();
  for (const lineage of lineages) {
    const list = byCampaign.get(lineage.campaign.id) ?? [];
    list.push(lineage);
    byCampaign.set(lineage.campaign.id, list);
  }
  const deliveries = new Map<string, AdDelivery>();
  for (const campaignLineages of byCampaign.values()) {
    for (const [adId, delivery] of campaignDelivery(campaignLineages, now)) {
      deliveries.set(adId, delivery);
    }
  }
  return deliveries;
}

/**
 * Lists the entities of the aggregation level in scope, including those without ads, that
 * pass the id and status filters of their own level and above. Each sums its selected ads.
 */
function entitiesAt(
  store: SimulatorStore,
  query: InsightsQuery,
  scope: InsightsScope,
  selected: readonly AdLineage[],
): Entity[] {
  const level = query.level;
  if (level === "ad_account") {
    const id = store.state.account.id;
    return [{ id, ids: { ad_account_id: id }, ads: [...selected] }];
  }
  if (level === "ad") {
    return selected.map((lineage) => ({
      id: lineage.ad.id,
      ids: {
        campaign_id: lineage.campaign.id,
        ad_group_id: lineage.group.id,
        ad_id: lineage.ad.id,
      },
      ads: [lineage],
    }));
  }

  const campaigns = Object.values(store.state.campaigns)
    .filter((campaign) => scope.level !== "campaign" || campaign.id === scope.id)
    .filter((campaign) => passesEntityFilters({ campaign }, query.filters));
  if (level === "campaign") {
    return campaigns
      .sort((a, b) => a.seq - b.seq)
      .map((campaign) => ({
        id: campaign.id,
        ids: { campaign_id: campaign.id },
        ads: selected.filter((lineage) => lineage.campaign.id === campaign.id),
      }));
  }

  return campaigns
    .flatMap((campaign) => store.adGroupsOf(campaign.id).map((group) => ({ campaign, group })))
    .filter(({ group }) => scope.level !== "ad_group" || group.id === scope.id)
    .filter((ancestors) => passesEntityFilters(ancestors, query.filters))
    .sort((a, b) => a.group.seq - b.group.seq)
    .map(({ campaign, group }) => ({
      id: group.id,
      ids: { campaign_id: campaign.id, ad_group_id: group.id },
      ads: selected.filter((lineage) => lineage.group.id === group.id),
    }));
}

function sumTotals(
  ads: readonly AdLineage[],
  deliveries: Map<string, AdDelivery>,
  start: number,
  end: number,
): DeliveryTotals {
  const sum: DeliveryTotals = { impressions: 0, clicks: 0, spendMicros: 0 };
  for (const lineage of ads) {
    const delivery = deliveries.get(lineage.ad.id);
    if (!delivery) continue;
    const before = totalsAt(delivery, start);
    const after = totalsAt(delivery, end);
    sum.impressions += after.impressions - before.impressions;
    sum.clicks += after.clicks - before.clicks;
    sum.spendMicros += after.spendMicros - before.spendMicros;
  }
  return sum;
}

/**
 * Splits totals by supply. `all` keeps them whole, `thrad` and `chatgpt` keep one share,
 * `split` returns both shares as separate rows. Spend follows the impression split.
 */
function supplyShares(
  supply: InsightsQuery["supply"],
  totals: DeliveryTotals,
): Array<[string | undefined, DeliveryTotals]> {
  if (supply === "all") return [[undefined, totals]];

  const thradImpressions = Math.round(totals.impressions * THRAD_SUPPLY_SHARE);
  const thradClicks = Math.round(totals.clicks * THRAD_SUPPLY_SHARE);
  const spendShare = totals.impressions === 0 ? 0 : thradImpressions / totals.impressions;
  const thrad: DeliveryTotals = {
    impressions: thradImpressions,
    clicks: thradClicks,
    spendMicros: totals.spendMicros * spendShare,
  };
  const chatgpt: DeliveryTotals = {
    impressions: totals.impressions - thrad.impressions,
    clicks: totals.clicks - thrad.clicks,
    spendMicros: totals.spendMicros - thrad.spendMicros,
  };
  if (supply === "thrad") return [[undefined, thrad]];
  if (supply === "chatgpt") return [[undefined, chatgpt]];
  return [
    ["thrad", thrad],
    ["chatgpt", chatgpt],
  ];
}

/**
 * Renders the requested metrics: counts as integers, money in dollars and `ctr` as a
 * fraction, rounded to 6 decimals. A ratio whose denominator is 0 is `null`.
 */
function metricValues(
  totals: DeliveryTotals,
  metrics: readonly Metric[],
): Record<string, number | null> {
  const spend = totals.spendMicros / 1_000_000;
  const values: Record<Metric, number | null> = {
    impressions: totals.impressions,
    clicks: totals.clicks,
    spend: round6(spend),
    ctr: totals.impressions === 0 ? null : round6(totals.clicks / totals.impressions),
    cpc: totals.clicks === 0 ? null : round6(spend / totals.clicks),
    cpm: totals.impressions === 0 ? null : round6((spend / totals.impressions) * 1000),
  };
  return Object.fromEntries(metrics.map((metric) => [metric, values[metric]]));
}

function passesMetricFilters(totals: DeliveryTotals, filters: readonly InsightsFilter[]): boolean {
  const values = metricValues(totals, METRICS);
  return filters.every((filter) => {
    if (filter.kind !== "metric") return true;
    const value = values[filter.metric] ?? null;
    if (value === null) return false;
    return filter.operator === "GREATER_THAN" ? value > filter.value : value < filter.value;
  });
}

function round6(value: number): number {
  return Math.round(value * 1_000_000) / 1_000_000;
}
