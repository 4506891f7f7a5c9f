// Several campaigns from one typed list: edit campaigns.json, then `pulumi up`. Each entry's
// `slug` names its resource, so reordering the file changes nothing.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { Campaign, Creative, dollars } from "pulumi-thrad";

interface CampaignEntry {
  slug: string;
  name: string;
  budgetDollars: number;
  bidDollars: number;
  countries: string[];
  topics: string[];
  headline: string;
  message: string;
  url: string;
}

const entries = JSON.parse(
  readFileSync(path.join(__dirname, "campaigns.json"), "utf8"),
) as CampaignEntry[];

const image = new Creative("shared-image", {
  path: path.relative(
    process.cwd(),
    path.join(__dirname, "..", "quickstart", "assets", "trail-shoe.png"),
  ),
});

export const campaignIds: Record<string, unknown> = {};
for (const entry of entries) {
  const campaign = new Campaign(entry.slug, {
    name: entry.name,
    lifetimeBudgetMicros: dollars(entry.budgetDollars),
    targetCountries: entry.countries,
    adGroups: [
      {
        name: `${entry.name} readers`,
        maxBidMicros: dollars(entry.bidDollars),
        contextHints: entry.topics,
        ads: [
          {
            title: entry.headline,
            body: entry.message,
            targetUrl: entry.url,
            fileId: image.fileId,
          },
        ],
      },
    ],
  });
  campaignIds[entry.slug] = campaign.campaignId;
}
