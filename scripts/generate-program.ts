/**
 * Prints Pulumi program code that adopts existing campaigns: the ones named with --campaign,
 * or every campaign of the account that is not archived.
 */
import { parseArgs } from "node:util";
import { baseUrlProblem, resolveSettings } from "../provider/config";
import { ThradClient } from "../provider/client/thrad-client";
import { programForCampaigns, type CampaignTree } from "./lib/program-code";

const usage = `Usage: npm run -s generate-program -- [--campaign ID]...

Prints a Pulumi program (TypeScript) with one Campaign per live campaign, each with adoptId and
its live values, so \`pulumi up\` adopts it without a deposit.

  --campaign ID   adopt this campaign (repeatable); default: every campaign not archived
  --help          print this help

Reads THRAD_ADS_API_KEY and THRAD_BASE_URL (default https://api.thrad.ai/v1).
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { campaign: { type: "string", multiple: true }, help: { type: "boolean" } },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(usage);
    return;
  }
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
    const requestedIds = values.campaign ?? [];
    const campaigns =
      requestedIds.length > 0
        ? await Promise.all(requestedIds.map((id) => client.getCampaign(id)))
        : (await client.listCampaigns()).filter((campaign) => campaign.status !== "archived");
    const trees: CampaignTree[] = [];
    for (const campaign of campaigns) {
      const adGroups = await client.listAdGroups(campaign.id);
      trees.push({
        campaign,
        adGroups: await Promise.all(
          adGroups.map(async (adGroup) => ({
            adGroup,
            ads: await client.listAds(adGroup.id),
          })),
        ),
      });
    }
    process.stdout.write(programForCampaigns(trees));
  } finally {
    await client.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `generate-program failed: ${error instanceof Error ? error.message : error}\n`,
  );
  process.exitCode = 1;
});
