/**
 * Reconciles a campaign's live status with the desired one through the `/activate` and
 * `/pause` actions (the API rejects `status` in an update body). Wanting `active` while review
 * is pending is not an error: the campaign stays paused and the message says why, and the next
 * `pulumi up` after approval activates it.
 */
import { ThradApiError } from "../client/errors";
import type { Campaign } from "../client/schemas";
import type { ThradClient } from "../client/thrad-client";
import { stderrSink } from "../progress";
import type { DesiredStatus } from "./inputs";

export interface StatusResult {
  campaign: Campaign;
  message: string;
}

export async function reconcileStatus(
  client: ThradClient,
  campaign: Campaign,
  desired: DesiredStatus,
): Promise<StatusResult> {
  if (desired === "paused") {
    if (campaign.status === "active") {
      return { campaign: await client.campaignAction(campaign.id, "pause"), message: "" };
    }
    return { campaign, message: "" };
  }

  if (campaign.status === "active") {
    return { campaign, message: "" };
  }
  if (campaign.review_status !== "approved") {
    return { campaign, message: reviewMessage(campaign) };
  }
  try {
    return { campaign: await client.campaignAction(campaign.id, "activate"), message: "" };
  } catch (error) {
    // The review can change between the read and the action; treat that like a pending review.
    if (error instanceof ThradApiError && error.code === "campaign_not_approved") {
      return { campaign, message: reviewMessage(campaign) };
    }
    throw error;
  }
}

/** Builds the status message of a campaign held back by review, and shows it in the run. */
function reviewMessage(campaign: Campaign): string {
  const message = campaign.review_status === "rejected" ?
    "Thrad's review rejected this campaign, so it stays paused. See the reason in the " +
      "Thrad dashboard, change the campaign and ask for a new review." :
    "Waiting for Thrad's review (review_status: in_review), so the campaign stays paused. " +
      "Run `pulumi up` again after approval to activate it.";
  stderrSink(`campaign ${campaign.id}: ${message}`);
  return message;
}
