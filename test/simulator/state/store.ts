import { randomUUID } from "node:crypto";
import { notFound } from "../api-error";
import type { SimulatedClock } from "../clock";
import type {
  AdAccount,
  BillingState,
  SimulatorState,
  StoredAd,
  StoredAdGroup,
  StoredCampaign,
} from "./model";
import { saveState } from "./persistence";

/** Builds the state of a simulator that has never run: one ad account and nothing else. */
export function emptyState(account: AdAccount, billing: BillingState): SimulatorState {
  return {
    version: 1,
    account,
    billing,
    next_seq: 1,
    clock_advanced_seconds: 0,
    campaigns: {},
    ad_groups: {},
    ads: {},
    files: {},
    ledger: [],
    idempotency: [],
  };
}

/**
 * In-memory resources with lookups that raise the API's 404, plus `commit`, which every
 * mutation calls: it updates the serving periods of ads and writes the state file.
 */
export class SimulatorStore {
  readonly state: SimulatorState;
  readonly clock: SimulatedClock;
  private readonly statePath: string | undefined;

  constructor(state: SimulatorState, clock: SimulatedClock, statePath: string | undefined) {
    this.state = state;
    this.clock = clock;
    this.statePath = statePath;
  }

  newId(): string {
    return randomUUID();
  }

  nextSeq(): number {
    const seq = this.state.next_seq;
    this.state.next_seq += 1;
    return seq;
  }

  campaign(id: string, param = "id"): StoredCampaign {
    const campaign = this.state.campaigns[id];
    if (!campaign) throw notFound("campaign", id, param);
    return campaign;
  }

  adGroup(id: string, param = "id"): StoredAdGroup {
    const adGroup = this.state.ad_groups[id];
    if (!adGroup) throw notFound("ad group", id, param);
    return adGroup;
  }

  ad(id: string, param = "id"): StoredAd {
    const ad = this.state.ads[id];
    if (!ad) throw notFound("ad", id, param);
    return ad;
  }

  adGroupsOf(campaignId: string): StoredAdGroup[] {
    return Object.values(this.state.ad_groups).filter((group) => group.campaign_id === campaignId);
  }

  adsOf(adGroupId: string): StoredAd[] {
    return Object.values(this.state.ads).filter((ad) => ad.ad_group_id === adGroupId);
  }

  campaignOfAd(ad: StoredAd): StoredCampaign {
    return this.campaign(this.adGroup(ad.ad_group_id).campaign_id);
  }

  /** Removes a campaign with its ad groups and ads, as a declined deposit does. */
  removeCampaignTree(campaignId: string): void {
    for (const group of this.adGroupsOf(campaignId)) {
      for (const ad of this.adsOf(group.id)) delete this.state.ads[ad.id];
      delete this.state.ad_groups[group.id];
    }
    delete this.state.campaigns[campaignId];
  }

  /** Finishes a mutation: brings the ads' serving periods up to date, then saves the state. */
  commit(): void {
    this.refreshServing();
    this.state.clock_advanced_seconds = this.clock.totalAdvanced();
    this.save();
  }

  save(): void {
    if (this.statePath !== undefined) saveState(this.statePath, this.state);
  }

  /**
   * Opens or closes each ad's serving period. An ad can serve while its campaign is active
   * and approved and both its ad group and the ad itself are active.
   */
  private refreshServing(): void {
    const now = this.clock.now();
    for (const ad of Object.values(this.state.ads)) {
      const group = this.state.ad_groups[ad.ad_group_id];
      const campaign = group ? this.state.campaigns[group.campaign_id] : undefined;
      const eligible =
        campaign?.status === "active" &&
        campaign.review_status === "approved" &&
        group?.status === "active" &&
        ad.status === "active";
      const open = ad.serving.find((interval) => interval.end === null);

      if (eligible && !open) ad.serving.push({ start: now, end: null });
      if (!eligible && open) open.end = now;
    }
  }
}
