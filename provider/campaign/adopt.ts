/**
 * Adoption: bringing an existing campaign under Pulumi. `pulumi import` cannot load a dynamic
 * provider, so a Campaign with `adoptId` reads the live campaign in `create` instead of
 * creating one: no charging call is made. When the program does not describe the live
 * campaign, the create fails with each differing property, so nothing is adopted by accident.
 */
import type { ThradClient } from "../client/thrad-client";
import { ThradNotFoundError } from "../client/errors";
import { explainError } from "../explain-error";
import {
  adGroupKey,
  adName,
  type AdGroupOutputs,
  type CampaignInputs,
  type CampaignOutputs,
} from "./inputs";
import { assignIds, foldCampaign, foldChildren, readLiveTree, type LiveTree } from "./live-tree";
import { planCampaign } from "./plan";

export async function adoptCampaign(
  client: ThradClient,
  inputs: CampaignInputs & { adoptId: string },
): Promise<{ id: string; outs: CampaignOutputs }> {
  let tree: LiveTree;
  try {
    tree = await readLiveTree(client, inputs.adoptId);
  } catch (error) {
    if (error instanceof ThradNotFoundError) {
      throw new Error(`adoptId: no campaign with id ${inputs.adoptId} in this Thrad account`);
    }
    throw explainError(error, `Reading campaign ${inputs.adoptId} to adopt it`);
  }
  if (tree.campaign.status === "archived") {
    throw new Error(
      `adoptId: campaign ${inputs.adoptId} is archived and cannot run again; ` +
        "remove adoptId to create a new campaign",
    );
  }

  let adGroups: AdGroupOutputs[];
  try {
    adGroups = assignIds(inputs, tree);
  } catch (error) {
    throw new Error(
      `Campaign ${inputs.adoptId} does not match the program: ` +
        `${(error as Error).message}. ${liveSummary(tree)}`,
    );
  }
  const claimed: CampaignOutputs = {
    ...inputs,
    campaignId: tree.campaign.id,
    liveStatus: tree.campaign.status,
    reviewStatus: tree.campaign.review_status,
    effectiveStartTime: tree.campaign.start_time,
    effectiveEndTime: tree.campaign.end_time ?? null,
    statusMessage: "",
    adGroups,
  };
  const live = { ...foldCampaign(claimed, tree.campaign), adGroups: foldChildren(claimed, tree) };
  const differences = describeDifferences(live, inputs, tree);
  if (differences.length > 0) {
    throw new Error(
      `Campaign ${inputs.adoptId} does not match the program, so it was not ` +
        `adopted. Change the program to match, or the campaign in the dashboard:\n` +
        differences.map((line) => `  - ${line}`).join("\n"),
    );
  }
  return { id: tree.campaign.id, outs: live };
}

/** Program property names of the campaign fields an update body can carry. */
const propertyOfApiField: Record<string, string> = {
  name: "name",
  description: "description",
  budget: "lifetimeBudgetMicros",
  start_time: "startTime",
  end_time: "endTime",
  targeting: "targetCountries",
  pricing_model: "pricingModel",
  recurring_frequency: "recurringFrequency",
};

function describeDifferences(live: CampaignOutputs, inputs: CampaignInputs, tree: LiveTree) {
  const differences: string[] = [];
  const plan = planCampaign(live, inputs);
  for (const apiField of plan.fieldsChanged) {
    const property = propertyOfApiField[apiField] ?? apiField;
    const liveValue = (live as unknown as Record<string, unknown>)[property];
    const programValue = (inputs as unknown as Record<string, unknown>)[property];
    differences.push(
      `${property}: live ${JSON.stringify(liveValue) ?? "unset"}, ` +
        `program ${JSON.stringify(programValue) ?? "unset"}`,
    );
  }
  if (plan.statusChange) {
    differences.push(`status: live "${live.liveStatus}", program "${inputs.status}"`);
  }
  for (const change of plan.adGroups.update) {
    const group = adGroupKey(change.desired);
    if (change.fieldsChanged) {
      differences.push(
        `ad group "${group}": name, maxBidMicros, contextHints or status differ ` +
          `(live bid ${change.old.maxBidMicros}, program ${change.desired.maxBidMicros})`,
      );
    }
    for (const ad of change.ads.update) {
      differences.push(
        `ad "${adName(ad.desired)}" in "${group}": creative fields differ ` +
          `(live title ${JSON.stringify(ad.old.title ?? ad.old.question)}, ` +
          `program ${JSON.stringify(ad.desired.title ?? ad.desired.question)})`,
      );
    }
  }
  // Archived ad groups read back as paused, so only extra active ones count as differences.
  const claimedIds = new Set(live.adGroups.map((group) => group.adGroupId));
  const extraActive = tree.adGroups.filter(
    (group) => !claimedIds.has(group.id) && group.status === "active",
  );
  if (extraActive.length > 0) {
    differences.push(
      `the live campaign has ${extraActive.length} active ad group(s) the ` +
        `program does not list (${liveSummary(tree)})`,
    );
  }
  return differences;
}

function liveSummary(tree: LiveTree): string {
  const groups = tree.adGroups.map((group) => {
    const ads = (tree.adsByGroup.get(group.id) ?? []).map((ad) => `"${ad.name ?? ad.id}"`);
    return `"${group.name}" with ads ${ads.join(", ") || "(none)"}`;
  });
  return `Live ad groups: ${groups.join("; ") || "(none)"}`;
}
