/**
 * Prints Pulumi program code that adopts every campaign of an account that is not archived.
 * Usage: `npm run generate-program` with THRAD_ADS_API_KEY and THRAD_BASE_URL set (the base
 * URL defaults to the real API; point it at the simulator to try it).
 */
import { baseUrlProblem, resolveSettings } from "../provider/config";
import { ThradClient } from "../provider/client/thrad-client";
import { programForCampaigns, type CampaignTree } from "./lib/program-code";

async function main(): Promise<void> {
  const settings = resolveSettings();
  if (!settings.apiKey) {
    throw new Error("Missing THRAD_ADS_API_KEY: set it to the account's API key");
  }
  const problem = baseUrlProblem(settings.baseUrl);
  if (problem) {
    throw new Error(problem);
  }
  const client = new ThradClient({ apiKey: settings.apiKey, baseUrl: settings.baseUrl });
  try {
    const campaigns = (await client.listCampaigns()).filter((c) => c.status !== "archived");
    const trees: CampaignTree[] = [];
    for (const campaign of campaigns) {
      const adGroups = await client.listAdGroups(campaign.id);
      trees.push({
        campaign,
        adGroups: await Promise.all(adGroups.map(async (adGroup) => ({
          adGroup,
          ads: await client.listAds(adGroup.id),
        }))),
      });
    }
    process.stdout.write(programForCampaigns(trees));
  } finally {
    await client.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`generate-program failed: ${error instanceof Error ? error.message : error}\n`);
  process.exitCode = 1;
});
