/**
 * The benchmark's Pulumi programs and the campaign arguments it feeds them through stack
 * config. Every campaign has chat card ads that share one uploaded image.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { repoRoot } from "./pulumi-cli";

export const campaignProgramDir = path.join(repoRoot, "test", "fixtures", "bench-campaigns");
export const emptyProgramDir = path.join(repoRoot, "test", "fixtures", "bench-empty");
const sampleImagePath = path.join(repoRoot, "examples", "quickstart", "assets", "trail-shoe.png");

export interface CampaignShape {
  /** Campaign name; each campaign of a stack gets its index appended. */
  name?: string;
  status?: "active" | "paused";
  /** Number of ad groups, each with one chat card ad. */
  adGroupCount: number;
  /** Title of the first ad group's ad. */
  firstAdTitle?: string;
  /** Index of an ad group to leave out, as removing it from the program would. */
  omitGroup?: number;
}

/** Builds `campaignArgs` (JSON) for the bench-campaigns program. */
export function campaignArgs(fileId: string, shape: CampaignShape): string {
  const adGroups = [];
  for (let index = 0; index < shape.adGroupCount; index++) {
    if (index === shape.omitGroup) {
      continue;
    }
    const title = index === 0 && shape.firstAdTitle ? shape.firstAdTitle : `Trail shoe ${index}`;
    adGroups.push({
      name: `Ad group ${index}`,
      maxBidMicros: 1_000_000,
      contextHints: ["trail running"],
      ads: [
        {
          key: `ad-${index}`,
          title,
          body: "Light shoes with grip.",
          targetUrl: "https://shop.example.com/trail",
          fileId,
        },
      ],
    });
  }
  return JSON.stringify({
    name: shape.name ?? "Bench campaign",
    lifetimeBudgetMicros: 50_000_000,
    status: shape.status ?? "paused",
    adGroups,
  });
}

/** Uploads the sample image straight through the API and returns its `file_id`. */
export async function uploadSampleImage(apiBaseUrl: string, apiKey: string): Promise<string> {
  const form = new FormData();
  form.set("file", new Blob([readFileSync(sampleImagePath)], { type: "image/png" }), "shoe.png");
  const response = await fetch(`${apiBaseUrl}/upload`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}` },
    body: form,
  });
  if (response.status !== 201) {
    throw new Error(`image upload failed with HTTP ${response.status}: ${await response.text()}`);
  }
  return ((await response.json()) as { file_id: string }).file_id;
}
