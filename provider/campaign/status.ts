/**
 * Reconciles a campaign's live status with the desired one through the `/activate` and
 * `/pause` actions (the API rejects `status` in an update body). Wanting `active` while review
 * is pending is not an error. The campaign stays paused, the message gives the reason, and the
 * next `pulumi up` after approval activates it.
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

/** Campaign values an update has without reading the campaign again. */
export interface KnownStatus {
  liveStatus: Campaign["status"];
  reviewStatus: Campaign["review_status"];
}

/**
 * Carries out a planned status change with as few calls as possible: a pause is one call, and
 * an activation is one call when the stored review is `approved`. Otherwise the campaign is
 * read first (the review may have moved since), so each `pulumi up` while review is pending
 * costs one call. Returns undefined when nothing was called.
 */
export async function applyStatusChange(
  client: ThradClient,
  campaignId: string,
  change: "activate" | "pause" | undefined,
  known: KnownStatus,
): Promise<StatusResult | undefined> {
  if (change === undefined) {
    return undefined;
  }
  if (change === "pause") {
    try {
      return { campaign: await client.campaignAction(campaignId, "pause"), message: "" };
    } catch (error) {
      // Paused outside Pulumi since the last read: the goal is reached already.
      if (error instanceof ThradApiError && error.code === "campaign_not_running") {
        return { campaign: await client.getCampaign(campaignId), message: "" };
      }
      throw error;
    }
  }
  if (known.reviewStatus === "approved" && known.liveStatus === "paused") {
    try {
      return { campaign: await client.campaignAction(campaignId, "activate"), message: "" };
    } catch (error) {
      if (!(error instanceof ThradApiError && error.code === "campaign_not_approved")) {
        throw error;
      }
    }
  }
  return reconcileStatus(client, await client.getCampaign(campaignId), "active");
}

/** Builds the status message of a campaign held back by review, and shows it in the run. */
function reviewMessage(campaign: Campaign): string {
  const message =
    campaign.review_status === "rejected"
      ? "Thrad's review rejected this campaign, so it stays paused. See the reason in the " +
        "Thrad dashboard, change the campaign and ask for a new review."
      : "Waiting for Thrad's review (review_status: in_review), so the campaign stays paused. " +
        "Run `pulumi up` again after approval to activate it.";
  stderrSink(`campaign ${campaign.id}: ${message}`);
  return message;
}
