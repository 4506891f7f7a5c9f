import * as pulumi from "@pulumi/pulumi";
import { resourceIdentity } from "./internal/resource-identity";
import { campaignProvider } from "./internal/serialized-providers";

const typeToken = "pulumi-nodejs:dynamic/thrad:Campaign";

/** Properties every ad has, whatever its creative type. */
interface AdCommonArgs {
  /**
   * Stable key that matches this ad across updates, so edits update it in place. Defaults to
   * `name`, then the headline or question; set it when you plan to rename the ad.
   */
  key?: pulumi.Input<string>;
  /** Ad name shown in the dashboard, at most 1000 characters; defaults to the headline. */
  name?: pulumi.Input<string>;
  /**
   * Desired status of this ad, `"active"` or `"paused"`. Unset means Pulumi leaves it as the
   * API has it (new ads start active).
   */
  status?: pulumi.Input<"active" | "paused">;
  /** Absolute http or https URL the ad opens, at most 2048 characters. */
  targetUrl: pulumi.Input<string>;
}

/** A chat card: an in-chat sponsored message with a title, body, image and link. */
export interface ChatCardAdArgs extends AdCommonArgs {
  /** Creative type; `"chat_card"` is the default. */
  type?: pulumi.Input<"chat_card">;
  /** Headline, 3 to 50 characters. */
  title: pulumi.Input<string>;
  /** Message text, 1 to 100 characters. */
  body: pulumi.Input<string>;
  /** `fileId` of an uploaded {@link Creative}. */
  fileId: pulumi.Input<string>;
  /** Call-to-action text, 1 to 30 characters. */
  ctaText?: pulumi.Input<string>;
}

/** A poll: a question with 2 to 4 answers and a click-through link. Thrad writes no AI copy. */
export interface PollAdArgs extends AdCommonArgs {
  /** Creative type: always `"poll"` for a poll. */
  type: pulumi.Input<"poll">;
  /** The question, 3 to 100 characters. */
  question: pulumi.Input<string>;
  /** The options to choose from, 2 to 4, each 1 to 50 characters. */
  options: pulumi.Input<pulumi.Input<string>[]>;
  /** Optional image: the `fileId` of an uploaded {@link Creative}. */
  fileId?: pulumi.Input<string>;
}

/** An ad; every ad in one ad group has the same creative type. */
export type AdArgs = ChatCardAdArgs | PollAdArgs;

/** An ad group: one bid and one set of conversation topics for its ads. */
export interface AdGroupArgs {
  /** Stable key that matches this ad group across updates. Defaults to `name`. */
  key?: pulumi.Input<string>;
  /** Name, 3 to 1000 characters. */
  name: pulumi.Input<string>;
  /**
   * Desired status of the ad group, `"active"` or `"paused"`. Unset means Pulumi leaves it as
   * the API has it (new ad groups start active).
   */
  status?: pulumi.Input<"active" | "paused">;
  /** Maximum bid per impression in integer micros, 1 to 100,000,000 ($100). Use `dollars()`. */
  maxBidMicros: pulumi.Input<number>;
  /** Conversation topics the ads fit, for example `["running shoes"]`. */
  contextHints?: pulumi.Input<pulumi.Input<string>[]>;
  /** The ads, at least one, all chat cards or all polls. Changing the type makes a new group. */
  ads: pulumi.Input<pulumi.Input<AdArgs>[]>;
}

/** Inputs of a {@link Campaign}. */
export interface CampaignArgs {
  /** Campaign name, 3 to 100 characters. */
  name: pulumi.Input<string>;
  /** Free text shown in the dashboard. */
  description?: pulumi.Input<string>;
  /** Lifetime spend limit in integer micros, at least 990,000 ($0.99). Use `dollars()`. */
  lifetimeBudgetMicros: pulumi.Input<number>;
  /**
   * Launch time as Unix seconds or an ISO 8601 string. Defaults to the API's earliest launch
   * window, about two days after creation.
   */
  startTime?: pulumi.Input<number | string>;
  /** End time as Unix seconds or an ISO 8601 string, after `startTime`. Defaults to none. */
  endTime?: pulumi.Input<number | string>;
  /**
   * Desired status, `"paused"` (default) or `"active"`. A new campaign waits for Thrad's review
   * while paused. Before approval, `"active"` keeps it paused and `statusMessage` gives the reason. The
   * next `pulumi up` after approval activates it.
   */
  status?: pulumi.Input<"active" | "paused">;
  /** Two-letter country codes to target; empty or unset means every country. */
  targetCountries?: pulumi.Input<pulumi.Input<string>[]>;
  /** Bid basis: `"cpm"` (per thousand impressions) or `"cpc"` (per click). */
  pricingModel?: pulumi.Input<"cpm" | "cpc">;
  /** Spend cadence: `"daily"`, `"weekly"`, `"monthly"`, `"quarterly"` or `"yearly"`. */
  recurringFrequency?: pulumi.Input<"daily" | "weekly" | "monthly" | "quarterly" | "yearly">;
  /**
   * Id of an existing campaign to bring under Pulumi. Creating the resource then reads that
   * campaign instead of creating one (no deposit), and fails listing each difference when the
   * program does not describe it. `pulumi import` cannot adopt dynamic resources.
   */
  adoptId?: pulumi.Input<string>;
  /** The ad groups, at least one, matched across updates by their keys (never by position). */
  adGroups: pulumi.Input<pulumi.Input<AdGroupArgs>[]>;
}

/**
 * A Thrad campaign with its ad groups and ads, created in one call. Creating it charges a $10
 * deposit and submits it for review; it is never replaced, only updated in place. Destroying it
 * archives it.
 */
export class Campaign extends pulumi.dynamic.Resource {
  /** The campaign's id in the API. */
  declare readonly campaignId: pulumi.Output<string>;
  /** Status the API reports: `active`, `paused` or `archived`. */
  declare readonly liveStatus: pulumi.Output<string>;
  /** Thrad's review: `in_review`, `approved` or `rejected`. */
  declare readonly reviewStatus: pulumi.Output<string>;
  /** Launch time the API applied, in Unix seconds. */
  declare readonly effectiveStartTime: pulumi.Output<number>;
  /** End time the API applied, in Unix seconds, or null for none. */
  declare readonly effectiveEndTime: pulumi.Output<number | null>;
  /** Reason the live status differs from the desired one, or an empty string. */
  declare readonly statusMessage: pulumi.Output<string>;
  /** The ad groups as stored, each with its `adGroupId` and its ads with their `adId`. */
  declare readonly adGroups: pulumi.Output<unknown[]>;

  constructor(name: string, args: CampaignArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      ...args,
      resourceIdentity: resourceIdentity(typeToken, name),
      campaignId: undefined,
      liveStatus: undefined,
      reviewStatus: undefined,
      effectiveStartTime: undefined,
      effectiveEndTime: undefined,
      statusMessage: undefined,
    };
    super(campaignProvider, name, props, opts, "thrad", "Campaign");
  }
}
