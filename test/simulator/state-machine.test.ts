import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startSimulator } from "./index";
import type { RunningSimulator } from "./index";
import {
  STATE_MACHINE,
  STATUS_ACTIONS,
  decideCampaignAction,
  decideChildAction,
  isReviewTransitionAllowed,
} from "./state-machine";
import { LIFECYCLE_STATUSES, REVIEW_STATUSES } from "./state/model";
import { createCampaign } from "./testing/fixtures";
import { callApi } from "./testing/http";

let simulator: RunningSimulator;

beforeEach(async () => {
  simulator = await startSimulator({ clock: { start: 1_800_000_000, frozen: true } });
});
afterEach(async () => {
  await simulator.close();
});

describe("state machine table", () => {
  it("has a rule for every campaign state and action", () => {
    for (const action of STATUS_ACTIONS) {
      for (const status of LIFECYCLE_STATUSES) {
        for (const review of REVIEW_STATUSES) {
          expect(() => decideCampaignAction(action, status, review)).not.toThrow();
        }
      }
    }
    expect(STATE_MACHINE.campaign.length).toBeGreaterThan(0);
  });

  it("states the documented campaign rules", () => {
    expect(decideCampaignAction("activate", "paused", "approved")).toEqual({ to: "active" });
    expect(decideCampaignAction("activate", "paused", "in_review")).toMatchObject({
      error: "campaign_not_approved",
    });
    expect(decideCampaignAction("pause", "paused", "approved")).toMatchObject({
      error: "campaign_not_running",
    });
    expect(decideCampaignAction("archive", "active", "approved")).toEqual({ to: "archived" });
    expect(decideChildAction("archive", "active")).toEqual({ to: "paused" });
  });
});

describe("campaign transitions over HTTP", () => {
  for (const action of STATUS_ACTIONS) {
    for (const status of LIFECYCLE_STATUSES) {
      for (const review of REVIEW_STATUSES) {
        const outcome = decideCampaignAction(action, status, review);
        const expected = "error" in outcome ? outcome.error : outcome.to;

        it(`${action} from ${status}/${review} gives ${expected}`, async () => {
          const campaign = await createCampaign(simulator);
          await simulator.control.setReview(campaign.id, review);
          await simulator.control.editCampaign(campaign.id, { status });

          const result = await callApi(simulator, "POST", `/campaigns/${campaign.id}/${action}`);
          const reread = await callApi(simulator, "GET", `/campaigns/${campaign.id}`);

          if ("error" in outcome) {
            expect(result.status).toBe(400);
            expect(result.body.error.code).toBe(outcome.error);
            expect(reread.body.status).toBe(status);
          } else {
            expect(result.status).toBe(200);
            expect(result.body.status).toBe(outcome.to);
            expect(reread.body.status).toBe(outcome.to);
          }
          expect(reread.body.review_status).toBe(review);
        });
      }
    }
  }
});

describe("ad group and ad transitions over HTTP", () => {
  for (const level of ["ad_groups", "ads"] as const) {
    for (const action of STATUS_ACTIONS) {
      for (const campaignStatus of LIFECYCLE_STATUSES) {
        for (const childStatus of ["active", "paused"] as const) {
          const outcome = decideChildAction(action, campaignStatus);
          const expected = "error" in outcome ? outcome.error : outcome.to;

          const name = `${level} ${action} from ${childStatus} under ${campaignStatus}`;
          it(`${name} gives ${expected}`, async () => {
            const campaign = await createCampaign(simulator);
            const [tree] = await simulator.control.campaigns();
            const group = tree?.ad_groups[0];
            const id = level === "ad_groups" ? group?.id : group?.ads[0]?.id;
            if (id === undefined) throw new Error("The campaign tree is incomplete.");
            if (level === "ad_groups")
              await simulator.control.editAdGroup(id, { status: childStatus });
            else await simulator.control.editAd(id, { status: childStatus });
            await simulator.control.setReview(campaign.id, "approved");
            await simulator.control.editCampaign(campaign.id, { status: campaignStatus });

            const result = await callApi(simulator, "POST", `/${level}/${id}/${action}`);
            const reread = await callApi(simulator, "GET", `/${level}/${id}`);

            if ("error" in outcome) {
              expect(result.status).toBe(400);
              expect(result.body.error.code).toBe(outcome.error);
              expect(reread.body.status).toBe(childStatus);
            } else {
              expect(result.status).toBe(200);
              expect(result.body.status).toBe(outcome.to);
              expect(reread.body.status).toBe(outcome.to);
            }
          });
        }
      }
    }
  }
});

describe("review transitions through the control API", () => {
  for (const from of REVIEW_STATUSES) {
    for (const to of REVIEW_STATUSES) {
      const allowed = isReviewTransitionAllowed(from, to);

      it(`${from} to ${to} is ${allowed ? "allowed" : "refused"}`, async () => {
        const campaign = await createCampaign(simulator);
        if (from !== "in_review") await simulator.control.setReview(campaign.id, from);

        const attempt = simulator.control.setReview(campaign.id, to, "reviewer note");
        if (allowed) await expect(attempt).resolves.toMatchObject({ review_status: to });
        else await expect(attempt).rejects.toMatchObject({ status: 400 });

        const reread = await callApi(simulator, "GET", `/campaigns/${campaign.id}`);
        expect(reread.body.review_status).toBe(allowed ? to : from);
        expect(reread.body.status).toBe("paused");
      });
    }
  }

  it("mirrors the campaign review on its ads", async () => {
    const campaign = await createCampaign(simulator);
    await simulator.control.setReview(campaign.id, "rejected", "Misleading claim");
    const [tree] = await simulator.control.campaigns();
    const adId = tree?.ad_groups[0]?.ads[0]?.id;

    const ad = await callApi(simulator, "GET", `/ads/${adId}`);
    expect(ad.body.review_status).toBe("rejected");
    expect(tree?.review_reason).toBe("Misleading claim");
  });

  it("walks the documented launch path", async () => {
    const campaign = await createCampaign(simulator);
    const early = await callApi(simulator, "POST", `/campaigns/${campaign.id}/activate`);
    await simulator.control.setReview(campaign.id, "approved");
    const activated = await callApi(simulator, "POST", `/campaigns/${campaign.id}/activate`);
    const paused = await callApi(simulator, "POST", `/campaigns/${campaign.id}/pause`);
    const archived = await callApi(simulator, "POST", `/campaigns/${campaign.id}/archive`);
    const revived = await callApi(simulator, "POST", `/campaigns/${campaign.id}/activate`);

    expect(early.body.error.code).toBe("campaign_not_approved");
    expect(activated.body.status).toBe("active");
    expect(paused.body.status).toBe("paused");
    expect(archived.body.status).toBe("archived");
    expect(revived.body.error.code).toBe("invalid_state");
  });
});
