/** Calls to the simulator's API made as another tool or the dashboard would, outside Pulumi. */
import { readFileSync } from "node:fs";
import { sampleImagePath } from "./test-stack";

export async function uploadSampleImage(apiBaseUrl: string, apiKey: string): Promise<string> {
  const form = new FormData();
  form.set("file", new Blob([readFileSync(sampleImagePath)], { type: "image/png" }), "shoe.png");
  const response = await fetch(`${apiBaseUrl}/upload`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}` },
    body: form,
  });
  if (response.status !== 201) {
    throw new Error(`upload failed with HTTP ${response.status}: ${await response.text()}`);
  }
  return ((await response.json()) as { file_id: string }).file_id;
}

/** Creates a campaign with one ad group and one chat card through the API directly. */
export async function createCampaignDirectly(
  apiBaseUrl: string,
  apiKey: string,
  fileId: string,
): Promise<{ id: string }> {
  const response = await fetch(`${apiBaseUrl}/campaigns`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({
      name: "Made in the dashboard",
      budget: { lifetime_spend_limit_micros: 30_000_000 },
      ad_groups: [
        {
          name: "Dashboard group",
          context_hints: ["camping"],
          bidding_config: { max_bid_micros: 1_200_000 },
          ads: [
            {
              name: "Tent card",
              creative: {
                type: "chat_card",
                title: "Tents for two",
                body: "Pitch in a minute.",
                file_id: fileId,
                target_url: "https://tents.example",
              },
            },
          ],
        },
      ],
    }),
  });
  if (response.status !== 201) {
    throw new Error(
      `campaign create failed with HTTP ${response.status}: ${await response.text()}`,
    );
  }
  return (await response.json()) as { id: string };
}
