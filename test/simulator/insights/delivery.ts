import type { StoredAd, StoredAdGroup, StoredCampaign } from "../state/model";
import type { TimeWindow } from "./query";

/**
 * Synthetic delivery model. An ad delivers only while it can serve (campaign active and
 * approved, ad group and ad active), within the campaign's start and end time, and until
 * the campaign's lifetime budget is spent. While it delivers:
 * - impressions per hour = 50 per dollar of the ad group's max bid (default $1), clamped
 *   to 5-1000;
 * - click-through rate = 1.0% to 4.9%, fixed per ad by a hash of its id;
 * - cost: `cpm` pays the bid per 1000 impressions, `cpc` pays the bid per click.
 */
export const DELIVERY_MODEL = {
  impressionsPerHourPerBidDollar: 50,
  minImpressionsPerHour: 5,
  maxImpressionsPerHour: 1000,
  defaultBidMicros: 1_000_000,
} as const;

/** Cumulative integer counts of one ad up to a moment. */
export interface DeliveryTotals {
  impressions: number;
  clicks: number;
  spendMicros: number;
}

/** How one ad delivers: its rates and the periods in which it delivered. */
export interface AdDelivery {
  impressionsPerSecond: number;
  clickThroughRate: number;
  pricingModel: "cpm" | "cpc";
  bidMicros: number;
  periods: TimeWindow[];
}

/** One ad with its ancestors, the input of the model. */
export interface AdLineage {
  ad: StoredAd;
  group: StoredAdGroup;
  campaign: StoredCampaign;
}

export function adRates(lineage: AdLineage): Omit<AdDelivery, "periods"> {
  const model = DELIVERY_MODEL;
  const bidMicros = lineage.group.max_bid_micros ?? model.defaultBidMicros;
  const perHour = Math.min(
    model.maxImpressionsPerHour,
    Math.max(
      model.minImpressionsPerHour,
      (bidMicros / 1_000_000) * model.impressionsPerHourPerBidDollar,
    ),
  );
  return {
    impressionsPerSecond: perHour / 3600,
    clickThroughRate: 0.01 + (fnv1a(lineage.ad.id) % 40) / 1000,
    pricingModel: lineage.campaign.pricing_model,
    bidMicros,
  };
}

/**
 * Builds the delivery of every ad of one campaign up to `now`. The campaign's ads share
 * its lifetime budget, so all of them stop at the moment their summed spend reaches it.
 * NOTE: the current budget, bids, start and end time apply to the whole history, so
 * changing them also changes rows of the past.
 */
export function campaignDelivery(
  lineages: readonly AdLineage[],
  now: number,
): Map<string, AdDelivery> {
  const deliveries = new Map<string, AdDelivery>();
  for (const lineage of lineages) {
    const campaign = lineage.campaign;
    const from = campaign.start_time;
    const until = Math.min(now, campaign.end_time ?? Number.POSITIVE_INFINITY);
    const periods = lineage.ad.serving
      .map((interval) => ({
        start: Math.max(interval.start, from),
        end: Math.min(interval.end ?? now, until),
      }))
      .filter((period) => period.end > period.start);
    deliveries.set(lineage.ad.id, { ...adRates(lineage), periods });
  }

  const budget = lineages[0]?.campaign.lifetime_spend_limit_micros;
  if (budget === undefined) return deliveries;
  const exhaustedAt = budgetExhaustedAt([...deliveries.values()], budget);
  if (exhaustedAt !== undefined) {
    for (const delivery of deliveries.values()) {
      delivery.periods = delivery.periods
        .map((period) => ({ start: period.start, end: Math.min(period.end, exhaustedAt) }))
        .filter((period) => period.end > period.start);
    }
  }
  return deliveries;
}

/** Counts of an ad up to time `at`, floored so that bucket differences add up exactly. */
export function totalsAt(delivery: AdDelivery, at: number): DeliveryTotals {
  const served = delivery.periods.reduce(
    (sum, period) => sum + Math.max(0, Math.min(at, period.end) - period.start),
    0,
  );
  const expectedImpressions = delivery.impressionsPerSecond * served;
  const impressions = Math.floor(expectedImpressions);
  const clicks = Math.floor(expectedImpressions * delivery.clickThroughRate);
  const spendMicros =
    delivery.pricingModel === "cpm"
      ? (impressions * delivery.bidMicros) / 1000
      : clicks * delivery.bidMicros;
  return { impressions, clicks, spendMicros };
}

function spendRate(delivery: AdDelivery): number {
  const perImpression =
    delivery.pricingModel === "cpm"
      ? delivery.bidMicros / 1000
      : delivery.clickThroughRate * delivery.bidMicros;
  return delivery.impressionsPerSecond * perImpression;
}

/** Finds when the summed continuous spend of the ads reaches the budget, if it does. */
function budgetExhaustedAt(deliveries: readonly AdDelivery[], budget: number): number | undefined {
  const edges = new Set<number>();
  for (const delivery of deliveries) {
    for (const period of delivery.periods) {
      edges.add(period.start);
      edges.add(period.end);
    }
  }
  const times = [...edges].sort((a, b) => a - b);

  let spent = 0;
  for (let index = 0; index + 1 < times.length; index += 1) {
    const start = times[index] ?? 0;
    const end = times[index + 1] ?? start;
    const rate = deliveries
      .filter((delivery) => delivery.periods.some((p) => p.start <= start && p.end >= end))
      .reduce((sum, delivery) => sum + spendRate(delivery), 0);
    if (rate > 0 && spent + rate * (end - start) >= budget) return start + (budget - spent) / rate;
    spent += rate * (end - start);
  }
  return undefined;
}

/** 32-bit FNV-1a hash, a cheap stable spread of ids. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
