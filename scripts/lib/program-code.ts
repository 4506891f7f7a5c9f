/**
 * Writes Pulumi program code that adopts existing campaigns: one `Campaign` per live campaign,
 * with `adoptId` and every field set to its live value, so `pulumi up` adopts it with no
 * charging call and the next preview shows no changes.
 */
import type { Ad, AdGroup, Campaign } from "../../provider/client/schemas";

export interface CampaignTree {
  campaign: Campaign;
  adGroups: { adGroup: AdGroup; ads: Ad[] }[];
}

/** Returns a TypeScript program for the given campaigns. */
export function programForCampaigns(trees: CampaignTree[]): string {
  const lines = [
    'import { Campaign } from "pulumi-thrad";',
    "",
    "// Generated from the live account: each campaign is adopted (no deposit) on `pulumi up`.",
  ];
  trees.forEach((tree, index) => {
    lines.push(
      "",
      `export const campaign${index + 1} = new Campaign(` +
        `${JSON.stringify(resourceName(tree.campaign, index))}, ${literal(campaignArgs(tree), 0)});`,
    );
  });
  return `${lines.join("\n")}\n`;
}

function campaignArgs(tree: CampaignTree): Record<string, unknown> {
  const { campaign } = tree;
  const extra = campaign as Record<string, unknown>;
  const countries = ((extra["targeting"] as { locations?: { include?: unknown[] } } | undefined)
    ?.locations?.include ?? []) as { country_code?: string; id?: string }[];
  return withoutUndefined({
    adoptId: campaign.id,
    name: campaign.name,
    description: campaign.description ?? undefined,
    lifetimeBudgetMicros: campaign.budget.lifetime_spend_limit_micros,
    startTime: campaign.start_time,
    endTime: campaign.end_time ?? undefined,
    status: campaign.status === "active" ? "active" : "paused",
    targetCountries: countries.length ? countries.map((c) => c.country_code ?? c.id) : undefined,
    adGroups: tree.adGroups.map(({ adGroup, ads }) =>
      withoutUndefined({
        name: adGroup.name,
        maxBidMicros: adGroup.bidding_config?.max_bid_micros ?? undefined,
        contextHints: adGroup.context_hints ?? [],
        ads: ads.map(adArgs),
      }),
    ),
  });
}

function adArgs(ad: Ad): Record<string, unknown> {
  const creative = ad.creative as Record<string, unknown>;
  if (creative["type"] === "poll") {
    return withoutUndefined({
      type: "poll",
      name: ad.name ?? undefined,
      question: creative["question"],
      options: creative["options"],
      targetUrl: creative["target_url"],
      fileId: creative["file_id"] ?? undefined,
    });
  }
  return withoutUndefined({
    name: ad.name ?? undefined,
    title: creative["title"],
    body: creative["body"],
    targetUrl: creative["target_url"],
    fileId: creative["file_id"],
    ctaText: creative["cta_text"] ?? undefined,
  });
}

function resourceName(campaign: Campaign, index: number): string {
  const slug = campaign.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return slug || `campaign-${index + 1}`;
}

function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

/** Formats a JSON-like value as TypeScript with two-space indentation. */
function literal(value: unknown, depth: number): string {
  const pad = "  ".repeat(depth + 1);
  const closing = "  ".repeat(depth);
  if (Array.isArray(value)) {
    if (value.every((item) => typeof item !== "object" || item === null)) {
      return JSON.stringify(value).replace(/,/g, ", ");
    }
    return `[\n${value.map((item) => `${pad}${literal(item, depth + 1)},`).join("\n")}\n${closing}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(
      ([key, entry]) =>
        `${pad}${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}: ` +
        `${literal(entry, depth + 1)},`,
    );
    return `{\n${entries.join("\n")}\n${closing}}`;
  }
  if (typeof value === "number" && Number.isSafeInteger(value) && Math.abs(value) >= 10_000) {
    return value.toLocaleString("en-US").replace(/,/g, "_");
  }
  return JSON.stringify(value);
}
