import { ApiError } from "./api-error";
import type { ChildStatus, LifecycleStatus, ReviewStatus } from "./state/model";

/** Status actions that every level has: `POST /v1/<level>/{id}/<action>`. */
export type StatusAction = "activate" | "pause" | "archive";
export const STATUS_ACTIONS: readonly StatusAction[] = ["activate", "pause", "archive"];

type Match<T> = T | "*";
/** Result of an action: the new status, or a 400 error with this code and no change. */
export type Outcome<S> = { to: S } | { error: string; message: string };

export interface CampaignRule {
  action: StatusAction;
  status: Match<LifecycleStatus>;
  review: Match<ReviewStatus>;
  outcome: Outcome<LifecycleStatus>;
}

export interface ChildRule {
  action: StatusAction;
  /** Status of the campaign that owns the ad group or ad. */
  campaign: Match<LifecycleStatus>;
  outcome: Outcome<ChildStatus>;
}

const ARCHIVED_CAMPAIGN = {
  error: "invalid_state",
  message: "The campaign is archived; an archived campaign cannot change any more.",
};

/**
 * Campaign status actions; the first rule that matches decides. An action whose result is
 * the current status is a successful no-op, except `/pause` on a campaign that is not
 * running. Review is moved only by Thrad staff (see REVIEW_TRANSITIONS).
 */
export const CAMPAIGN_TRANSITIONS: readonly CampaignRule[] = [
  { action: "activate", status: "archived", review: "*", outcome: ARCHIVED_CAMPAIGN },
  { action: "activate", status: "*", review: "approved", outcome: { to: "active" } },
  {
    action: "activate",
    status: "*",
    review: "*",
    outcome: {
      error: "campaign_not_approved",
      message: "The campaign can be activated only after review approves it.",
    },
  },
  { action: "pause", status: "active", review: "*", outcome: { to: "paused" } },
  {
    action: "pause",
    status: "*",
    review: "*",
    outcome: { error: "campaign_not_running", message: "Only an active campaign can be paused." },
  },
  { action: "archive", status: "*", review: "*", outcome: { to: "archived" } },
];

/**
 * Ad group and ad status actions. Archive stores `paused` because an archived ad group or
 * ad reads back as paused, so it is reversible. Nothing under an archived campaign changes.
 */
export const CHILD_TRANSITIONS: readonly ChildRule[] = [
  { action: "activate", campaign: "archived", outcome: ARCHIVED_CAMPAIGN },
  { action: "pause", campaign: "archived", outcome: ARCHIVED_CAMPAIGN },
  { action: "archive", campaign: "archived", outcome: ARCHIVED_CAMPAIGN },
  { action: "activate", campaign: "*", outcome: { to: "active" } },
  { action: "pause", campaign: "*", outcome: { to: "paused" } },
  { action: "archive", campaign: "*", outcome: { to: "paused" } },
];

/**
 * Review moves made by Thrad staff, through the control API. Staff may set any review
 * state from any other, also on an archived campaign; `status` never changes with it.
 */
export const REVIEW_TRANSITIONS: ReadonlyArray<{ from: ReviewStatus; to: ReviewStatus }> = [
  { from: "in_review", to: "approved" },
  { from: "in_review", to: "rejected" },
  { from: "approved", to: "rejected" },
  { from: "rejected", to: "approved" },
  { from: "approved", to: "in_review" },
  { from: "rejected", to: "in_review" },
];

function matches<T>(pattern: Match<T>, value: T): boolean {
  return pattern === "*" || pattern === value;
}

export function decideCampaignAction(
  action: StatusAction,
  status: LifecycleStatus,
  review: ReviewStatus,
): Outcome<LifecycleStatus> {
  const rule = CAMPAIGN_TRANSITIONS.find(
    (candidate) =>
      candidate.action === action &&
      matches(candidate.status, status) &&
      matches(candidate.review, review),
  );
  if (!rule) throw new Error(`No campaign rule for ${action} from ${status}/${review}.`);
  return rule.outcome;
}

export function decideChildAction(
  action: StatusAction,
  campaignStatus: LifecycleStatus,
): Outcome<ChildStatus> {
  const rule = CHILD_TRANSITIONS.find(
    (candidate) => candidate.action === action && matches(candidate.campaign, campaignStatus),
  );
  if (!rule) throw new Error(`No ad group or ad rule for ${action} under ${campaignStatus}.`);
  return rule.outcome;
}

export function isReviewTransitionAllowed(from: ReviewStatus, to: ReviewStatus): boolean {
  return from === to || REVIEW_TRANSITIONS.some((move) => move.from === from && move.to === to);
}

/** Returns the new status or raises the rule's 400 error. */
export function applyOutcome<S>(outcome: Outcome<S>): S {
  if ("error" in outcome) throw new ApiError(400, outcome.error, outcome.message);
  return outcome.to;
}

/** The whole status and review state machine, the table that handlers and tests read. */
export const STATE_MACHINE = {
  campaign: CAMPAIGN_TRANSITIONS,
  adGroupAndAd: CHILD_TRANSITIONS,
  review: REVIEW_TRANSITIONS,
} as const;
