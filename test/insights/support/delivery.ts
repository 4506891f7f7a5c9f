// A simulator with one launched campaign that has delivered for a known time, shared by the
// insights tests.
import { DEFAULT_API_KEY, startSimulator, type RunningSimulator } from "../../simulator";
import { campaignBody, chatCardAd, uploadPng } from "../../simulator/testing/fixtures";
import { callApi } from "../../simulator/testing/http";

export const apiKey = DEFAULT_API_KEY;
export const hour = 3600;
export const day = 86_400;
/** Frozen simulated start time: 2027-01-15T08:00:00Z. */
export const startedAt = 1_800_000_000;
/** Campaigns created without `start_time` start 48 hours after creation. */
export const launchAt = startedAt + 48 * hour;

/** A launched campaign with the ids of its ad group and ads. */
export interface LaunchedCampaign {
  campaignId: string;
  adGroupId: string;
  adIds: string[];
}

/** Starts a simulator whose clock is frozen at {@link startedAt} until a test advances it. */
export function startFrozenSimulator(): Promise<RunningSimulator> {
  return startSimulator({ clock: { start: startedAt, frozen: true } });
}

/**
 * Creates a campaign with `adCount` chat card ads through the API, approves it through the
 * control API and activates it, so it delivers from its start time on.
 */
export async function launchCampaign(
  simulator: RunningSimulator,
  adCount = 1,
): Promise<LaunchedCampaign> {
  const fileId = await uploadPng(simulator);
  const body = campaignBody(fileId);
  for (let index = 1; index < adCount; index += 1) {
    body.ad_groups[0]?.ads.push(chatCardAd(fileId, `Card number ${index}`));
  }
  const created = await callApi(simulator, "POST", "/campaigns", { body });
  if (created.status !== 201) throw new Error(`Create failed: ${JSON.stringify(created.body)}`);
  const campaignId = created.body.id as string;

  await simulator.control.setReview(campaignId, "approved");
  const activated = await callApi(simulator, "POST", `/campaigns/${campaignId}/activate`);
  if (activated.status !== 200) {
    throw new Error(`Activate failed: ${JSON.stringify(activated.body)}`);
  }
  const tree = (await simulator.control.campaigns()).find((entry) => entry.id === campaignId);
  const group = tree?.ad_groups[0];
  if (group === undefined) throw new Error(`Campaign ${campaignId} has no ad group`);
  return { campaignId, adGroupId: group.id, adIds: group.ads.map((ad) => ad.id) };
}
