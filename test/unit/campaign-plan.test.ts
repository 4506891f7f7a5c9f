import { describe, expect, it } from "vitest";
import type { CampaignInputs, CampaignOutputs } from "../../provider/campaign/inputs";
import { planCampaign, planHasWork } from "../../provider/campaign/plan";
import { campaignCreateBody, campaignUpdateBody } from "../../provider/campaign/api-bodies";

function inputs(): CampaignInputs {
  return {
    resourceIdentity: "urn:test",
    name: "Spring launch",
    lifetimeBudgetMicros: 50_000_000,
    status: "paused",
    adGroups: ["Alpha", "Beta"].map((name) => ({
      name,
      maxBidMicros: 2_000_000,
      ads: [
        {
          title: `${name} card`,
          body: "Body",
          targetUrl: "https://x.example",
          fileId: "uploads/f.png",
        },
      ],
    })),
  };
}

function storedFrom(desired: CampaignInputs): CampaignOutputs {
  return {
    ...desired,
    campaignId: "c1",
    liveStatus: "paused",
    reviewStatus: "in_review",
    effectiveStartTime: 1_900_000_000,
    effectiveEndTime: null,
    statusMessage: "",
    adGroups: desired.adGroups.map((group, g) => ({
      ...group,
      adGroupId: `ag${g}`,
      ads: group.ads.map((ad, a) => ({ ...ad, adId: `ad${g}-${a}` })),
    })),
  };
}

describe("planCampaign", () => {
  it("finds no work when nothing changed", () => {
    const desired = inputs();
    expect(planHasWork(planCampaign(storedFrom(desired), desired))).toBe(false);
  });

  it("finds no work when ad groups are reordered", () => {
    const desired = inputs();
    const reordered = { ...desired, adGroups: [...desired.adGroups].reverse() };
    expect(planHasWork(planCampaign(storedFrom(desired), reordered))).toBe(false);
  });

  it("ignores a server-filled start time the program leaves unset", () => {
    const desired = inputs();
    const stored = storedFrom(desired);
    expect(stored.startTime).toBeUndefined();
    expect(planHasWork(planCampaign(stored, desired))).toBe(false);
  });

  it("plans one ad update for a changed title", () => {
    const desired = inputs();
    const stored = storedFrom(desired);
    desired.adGroups[0]!.ads[0] = {
      ...desired.adGroups[0]!.ads[0]!,
      key: "Alpha card",
      title: "New title",
    };
    const plan = planCampaign(stored, desired);
    expect(plan.fieldsChanged).toEqual([]);
    expect(plan.adGroups.update).toHaveLength(1);
    expect(plan.adGroups.update[0]!.ads.update).toHaveLength(1);
    expect(plan.adGroups.update[0]!.ads.create).toHaveLength(0);
  });

  it("plans an archive for a removed ad group", () => {
    const desired = inputs();
    const stored = storedFrom(desired);
    desired.adGroups.pop();
    const plan = planCampaign(stored, desired);
    expect(plan.adGroups.archive.map((group) => group.adGroupId)).toEqual(["ag1"]);
  });

  it("plans activation when active is wanted", () => {
    const desired = { ...inputs(), status: "active" as const };
    expect(planCampaign(storedFrom(inputs()), desired).statusChange).toBe("activate");
  });
});

describe("request bodies", () => {
  it("never sends status in the create body", () => {
    const body = campaignCreateBody({ ...inputs(), status: "active" });
    expect(body).not.toHaveProperty("status");
    expect(body.budget.lifetime_spend_limit_micros).toBe(50_000_000);
  });

  it("sends only changed campaign fields", () => {
    const olds = inputs();
    const news = { ...olds, lifetimeBudgetMicros: 60_000_000 };
    expect(campaignUpdateBody(olds, news)).toEqual({
      budget: { lifetime_spend_limit_micros: 60_000_000 },
    });
  });
});
