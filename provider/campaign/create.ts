/**
 * `create` for campaigns: one nested create that charges the $10 deposit, keyed so that a
 * retry or a re-run after a crash replays instead of charging again.
 */
import type { Campaign } from "../client/schemas";
import type { ThradClient } from "../client/thrad-client";
import { explainError, PartialStateError } from "../explain-error";
import { deriveIdempotencyKey } from "../idempotency-key";
import { adoptCampaign } from "./adopt";
import { campaignCreateBody } from "./api-bodies";
import type { AdGroupOutputs, CampaignInputs, CampaignOutputs } from "./inputs";
import { assignIds, foldChildren, readLiveTree } from "./live-tree";
import { reconcileStatus } from "./status";

/** Replays of archived campaigns followed before giving up; each one costs one create call. */
const maxArchivedReplays = 5;

export async function createCampaign(
  client: ThradClient,
  inputs: CampaignInputs,
): Promise<{ id: string; outs: CampaignOutputs }> {
  if (inputs.adoptId !== undefined) {
    return adoptCampaign(client, { ...inputs, adoptId: inputs.adoptId });
  }
  const campaign = await postCreate(client, inputs);

  // From here on the campaign exists and cost a deposit: any failure must still record it.
  let outs: CampaignOutputs = {
    ...inputs,
    campaignId: campaign.id,
    liveStatus: campaign.status,
    reviewStatus: campaign.review_status,
    effectiveStartTime: campaign.start_time,
    effectiveEndTime: campaign.end_time ?? null,
    statusMessage: "",
    adGroups: [],
  };
  try {
    const tree = await readLiveTree(client, campaign.id, { campaign });
    const desired = assignIds(inputs, tree);
    // Until each pause below succeeds, the state records the live status the API created.
    outs = { ...outs, adGroups: foldChildren({ ...outs, adGroups: desired }, tree) };
    await pauseChildrenDesiredPaused(client, desired, (change) => {
      outs = { ...outs, adGroups: change(outs.adGroups) };
    });
    const status = await reconcileStatus(client, tree.campaign, inputs.status);
    return {
      id: campaign.id,
      outs: {
        ...outs,
        liveStatus: status.campaign.status,
        reviewStatus: status.campaign.review_status,
        statusMessage: status.message,
      },
    };
  } catch (error) {
    const explained = explainError(
      error,
      `Campaign "${inputs.name}" was created, but finishing it`,
    );
    throw new PartialStateError(explained, campaign.id, { ...outs });
  }
}

type AdGroupsChange = (adGroups: AdGroupOutputs[]) => AdGroupOutputs[];

/**
 * Pauses the new ad groups and ads (which start active) that the program wants paused. Each
 * pause that succeeded is reported through `record`, so a failure part way leaves true state.
 */
async function pauseChildrenDesiredPaused(
  client: ThradClient,
  desired: AdGroupOutputs[],
  record: (change: AdGroupsChange) => void,
): Promise<void> {
  for (const group of desired) {
    if (group.status === "paused") {
      await client.adGroupAction(group.adGroupId, "pause");
      record((groups) =>
        groups.map((stored) =>
          stored.adGroupId === group.adGroupId ? { ...stored, status: "paused" } : stored,
        ),
      );
    }
    for (const ad of group.ads.filter((candidate) => candidate.status === "paused")) {
      await client.adAction(ad.adId, "pause");
      record((groups) =>
        groups.map((stored) => ({
          ...stored,
          ads: stored.ads.map((storedAd) =>
            storedAd.adId === ad.adId ? { ...storedAd, status: "paused" } : storedAd,
          ),
        })),
      );
    }
  }
}

/**
 * Sends the nested create. A replayed response is stale by nature, so the live campaign is read
 * before it is trusted; a replay of a campaign archived since (the same program destroyed and
 * brought up again) gets a fresh key derived from the archived id, which launches a new one.
 */
async function postCreate(client: ThradClient, inputs: CampaignInputs): Promise<Campaign> {
  const body = campaignCreateBody(inputs);
  let operation = "create-campaign";
  for (let attempt = 0; attempt <= maxArchivedReplays; attempt++) {
    const key = deriveIdempotencyKey(inputs.resourceIdentity, operation, body);
    let result;
    try {
      result = await client.createCampaign(body, key);
    } catch (error) {
      throw explainError(error, `Creating campaign "${inputs.name}"`);
    }
    if (!result.replayed) {
      return result.value;
    }
    const live = await client.getCampaign(result.value.id);
    if (live.status !== "archived") {
      return live;
    }
    operation = `create-campaign after archived ${live.id}`;
  }
  throw new Error(
    `Creating campaign "${inputs.name}" kept replaying archived campaigns; ` +
      "run `pulumi up` again",
  );
}
