import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startSimulator } from "./index";
import type { RunningSimulator } from "./index";
import { campaignBody, chatCardAd, createCampaign, pollAd, uploadPng } from "./testing/fixtures";
import { callApi } from "./testing/http";

const NOW = 1_800_000_000;
const MISSING_ID = "00000000-0000-4000-8000-000000000000";
let simulator: RunningSimulator;

beforeEach(async () => {
  simulator = await startSimulator({ clock: { start: NOW, frozen: true } });
});
afterEach(async () => {
  await simulator.close();
});

async function firstChildren() {
  const [tree] = await simulator.control.campaigns();
  const group = tree?.ad_groups[0];
  const ad = group?.ads[0];
  if (!tree || !group || !ad) throw new Error("The campaign tree is incomplete.");
  return { campaignId: tree.id, groupId: group.id, adId: ad.id };
}

describe("reads", () => {
  it("reads campaign, ad group and ad", async () => {
    const created = await createCampaign(simulator);
    const { groupId, adId } = await firstChildren();

    const campaign = await callApi(simulator, "GET", `/campaigns/${created.id}`);
    expect(campaign.status).toBe(200);
    expect(campaign.body).toEqual(created);

    const group = await callApi(simulator, "GET", `/ad_groups/${groupId}`);
    expect(group.status).toBe(200);
    expect(group.body).toEqual({
      id: groupId,
      campaign_id: created.id,
      name: "Prospecting",
      context_hints: ["coffee", "breakfast"],
      status: "active",
      bidding_config: { billing_event_type: "impression", max_bid_micros: 2_000_000 },
      created_at: NOW,
      updated_at: NOW,
    });

    const ad = await callApi(simulator, "GET", `/ads/${adId}`);
    expect(ad.status).toBe(200);
    expect(ad.body.ad_group_id).toBe(groupId);
    expect(ad.body.status).toBe("active");
    expect(ad.body.review_status).toBe("in_review");
    expect(ad.body.creative.type).toBe("chat_card");
    expect(ad.body.creative.cta_text).toBe("Shop now");
  });

  const missing = [
    { path: `/campaigns/${MISSING_ID}`, method: "GET" },
    { path: `/ad_groups/${MISSING_ID}`, method: "GET" },
    { path: `/ads/${MISSING_ID}`, method: "GET" },
    { path: "/campaigns/not-a-uuid", method: "GET" },
    { path: `/campaigns/${MISSING_ID}`, method: "POST" },
    { path: `/campaigns/${MISSING_ID}/activate`, method: "POST" },
    { path: `/ad_groups/${MISSING_ID}/pause`, method: "POST" },
    { path: `/ads/${MISSING_ID}/archive`, method: "POST" },
  ];
  for (const { method, path } of missing) {
    it(`returns not_found for ${method} ${path}`, async () => {
      const result = await callApi(simulator, method, path, method === "POST" ? { body: {} } : {});

      expect(result.status).toBe(404);
      expect(result.body.error).toMatchObject({
        code: "not_found",
        param: "id",
        type: "invalid_request_error",
      });
    });
  }
});

describe("lists", () => {
  it("pages campaigns newest first with cursors", async () => {
    const ids: string[] = [];
    for (let index = 0; index < 5; index += 1) ids.push((await createCampaign(simulator)).id);
    const newestFirst = [...ids].reverse();

    const first = await callApi(simulator, "GET", "/campaigns?limit=2");
    expect(first.status).toBe(200);
    expect(first.body.object).toBe("list");
    expect(first.body.data.map((item: any) => item.id)).toEqual(newestFirst.slice(0, 2));
    expect(first.body.count).toBe(2);
    expect(first.body.first_id).toBe(newestFirst[0]);
    expect(first.body.last_id).toBe(newestFirst[1]);
    expect(first.body.has_more).toBe(true);

    const second = await callApi(
      simulator,
      "GET",
      `/campaigns?limit=2&after=${first.body.last_id}`,
    );
    expect(second.body.data.map((item: any) => item.id)).toEqual(newestFirst.slice(2, 4));
    expect(second.body.has_more).toBe(true);

    const third = await callApi(
      simulator,
      "GET",
      `/campaigns?limit=2&after=${second.body.last_id}`,
    );
    expect(third.body.data.map((item: any) => item.id)).toEqual(newestFirst.slice(4));
    expect(third.body.has_more).toBe(false);

    const back = await callApi(
      simulator,
      "GET",
      `/campaigns?limit=2&before=${third.body.first_id}`,
    );
    expect(back.body.data.map((item: any) => item.id)).toEqual(newestFirst.slice(2, 4));
    expect(back.body.has_more).toBe(true);

    const ascending = await callApi(simulator, "GET", "/campaigns?order=asc");
    expect(ascending.body.data.map((item: any) => item.id)).toEqual(ids);
    expect(ascending.body.has_more).toBe(false);
  });

  it("returns an empty list envelope", async () => {
    const result = await callApi(simulator, "GET", "/campaigns");

    expect(result.body).toEqual({
      object: "list",
      data: [],
      count: 0,
      first_id: null,
      last_id: null,
      has_more: false,
    });
  });

  it("lists ad groups and ads of one parent", async () => {
    const fileId = await uploadPng(simulator);
    const body = campaignBody(fileId);
    body.ad_groups[0]?.ads.push(chatCardAd(fileId, "Second card"));
    await callApi(simulator, "POST", "/campaigns", { body });
    await createCampaign(simulator);
    const { campaignId, groupId } = await firstChildren();

    const groups = await callApi(simulator, "GET", `/ad_groups?campaign_id=${campaignId}`);
    expect(groups.status).toBe(200);
    expect(groups.body.data.map((group: any) => group.id)).toEqual([groupId]);

    const ads = await callApi(simulator, "GET", `/ads?ad_group_id=${groupId}&order=asc`);
    expect(ads.body.count).toBe(2);
    expect(ads.body.data.map((ad: any) => ad.creative.title)).toEqual([
      "Fresh roasted coffee",
      "Second card",
    ]);
  });

  const badQueries = [
    { path: "/ad_groups", param: "campaign_id", status: 400, code: "invalid_value" },
    { path: "/ads", param: "ad_group_id", status: 400, code: "invalid_value" },
    {
      path: `/ad_groups?campaign_id=${MISSING_ID}`,
      param: "campaign_id",
      status: 404,
      code: "not_found",
    },
    {
      path: `/ads?ad_group_id=${MISSING_ID}`,
      param: "ad_group_id",
      status: 404,
      code: "not_found",
    },
    { path: "/campaigns?limit=0", param: "limit", status: 400, code: "invalid_value" },
    { path: "/campaigns?limit=501", param: "limit", status: 400, code: "invalid_value" },
    { path: "/campaigns?limit=abc", param: "limit", status: 400, code: "invalid_value" },
    { path: "/campaigns?order=newest", param: "order", status: 400, code: "invalid_value" },
    { path: `/campaigns?after=${MISSING_ID}`, param: "after", status: 400, code: "invalid_value" },
    { path: "/campaigns?after=a&before=b", param: "before", status: 400, code: "invalid_value" },
  ];
  for (const query of badQueries) {
    it(`rejects GET ${query.path}`, async () => {
      const result = await callApi(simulator, "GET", query.path);

      expect(result.status).toBe(query.status);
      expect(result.body.error.code).toBe(query.code);
      expect(result.body.error.param).toBe(query.param);
    });
  }
});

describe("campaign update", () => {
  it("changes only the fields sent", async () => {
    const created = await createCampaign(simulator);
    await simulator.control.advanceClock(60);
    const result = await callApi(simulator, "POST", `/campaigns/${created.id}`, {
      body: {
        name: "Renamed campaign",
        budget: { lifetime_spend_limit_micros: 75_000_000 },
        targeting: { locations: { include: [{ country_code: "gb" }] } },
      },
    });

    expect(result.status).toBe(200);
    expect(result.body.name).toBe("Renamed campaign");
    expect(result.body.budget.lifetime_spend_limit_micros).toBe(75_000_000);
    expect(result.body.targeting.locations.include).toEqual([
      { id: "GB", type: "country", country_code: "GB" },
    ]);
    expect(result.body.start_time).toBe(created.start_time);
    expect(result.body.updated_at).toBe(NOW + 60);
    expect(result.body.created_at).toBe(NOW);
  });

  it("keeps updated_at on a no-op update", async () => {
    const created = await createCampaign(simulator);
    await simulator.control.advanceClock(60);
    const result = await callApi(simulator, "POST", `/campaigns/${created.id}`, {
      body: { name: created.name, start_time: created.start_time },
    });

    expect(result.status).toBe(200);
    expect(result.body.updated_at).toBe(NOW);
  });

  const refused = [
    {
      name: "status in body",
      body: { status: "active" },
      code: "use_status_action",
      param: "status",
    },
    {
      name: "pricing model change",
      body: { pricing_model: "cpc" },
      code: "invalid_value",
      param: "pricing_model",
    },
    {
      name: "review_status",
      body: { review_status: "approved" },
      code: "invalid_value",
      param: "review_status",
    },
    { name: "ad_groups", body: { ad_groups: [] }, code: "invalid_value", param: "ad_groups" },
    {
      name: "early start_time",
      body: { start_time: NOW + 3600 },
      code: "invalid_value",
      param: "start_time",
    },
    { name: "end before start", body: { end_time: NOW }, code: "invalid_value", param: "end_time" },
    { name: "short name", body: { name: "x" }, code: "invalid_value", param: "name" },
  ];
  for (const testCase of refused) {
    it(`refuses ${testCase.name}`, async () => {
      const created = await createCampaign(simulator);
      const result = await callApi(simulator, "POST", `/campaigns/${created.id}`, {
        body: testCase.body,
      });

      expect(result.status).toBe(400);
      expect(result.body.error.code).toBe(testCase.code);
      expect(result.body.error.param).toBe(testCase.param);
      const reread = await callApi(simulator, "GET", `/campaigns/${created.id}`);
      expect(reread.body).toEqual(created);
    });
  }

  it("accepts the unchanged pricing model and clears end_time with null", async () => {
    const created = await createCampaign(simulator, { end_time: NOW + 10 * 86400 });
    const result = await callApi(simulator, "POST", `/campaigns/${created.id}`, {
      body: { pricing_model: "cpm", end_time: null, description: "now described" },
    });

    expect(result.status).toBe(200);
    expect(result.body.end_time).toBeNull();
    expect(result.body.description).toBe("now described");
  });

  it("refuses updates to an archived campaign", async () => {
    const created = await createCampaign(simulator);
    await callApi(simulator, "POST", `/campaigns/${created.id}/archive`);
    const result = await callApi(simulator, "POST", `/campaigns/${created.id}`, {
      body: { name: "Too late" },
    });

    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe("invalid_state");
  });
});

describe("ad group and ad writes", () => {
  it("creates an ad group with ads under a campaign", async () => {
    const created = await createCampaign(simulator);
    const fileId = await uploadPng(simulator);
    const result = await callApi(simulator, "POST", "/ad_groups", {
      body: {
        campaign_id: created.id,
        name: "Retargeting",
        status: "paused",
        ads: [chatCardAd(fileId)],
      },
    });

    expect(result.status).toBe(201);
    expect(result.body.campaign_id).toBe(created.id);
    expect(result.body.status).toBe("paused");
    expect(result.body.context_hints).toEqual([]);
    expect(result.body.bidding_config).toEqual({
      billing_event_type: "impression",
      max_bid_micros: null,
    });
    const ads = await callApi(simulator, "GET", `/ads?ad_group_id=${result.body.id}`);
    expect(ads.body.count).toBe(1);
  });

  it("lets the first ad fix an empty group's creative type", async () => {
    const created = await createCampaign(simulator);
    const group = await callApi(simulator, "POST", "/ad_groups", {
      body: { campaign_id: created.id, name: "Polls only" },
    });
    const poll = await callApi(simulator, "POST", "/ads", {
      body: { ad_group_id: group.body.id, ...pollAd() },
    });
    const fileId = await uploadPng(simulator);
    const card = await callApi(simulator, "POST", "/ads", {
      body: { ad_group_id: group.body.id, ...chatCardAd(fileId) },
    });

    expect(poll.status).toBe(201);
    expect(poll.body.name).toBe("How do you brew coffee?");
    expect(poll.body.review_status).toBe("in_review");
    expect(card.status).toBe(400);
    expect(card.body.error.code).toBe("invalid_value");
    expect(card.body.error.param).toBe("creative.type");
  });

  it("rejects unknown parents with not_found", async () => {
    const group = await callApi(simulator, "POST", "/ad_groups", {
      body: { campaign_id: MISSING_ID, name: "Orphan" },
    });
    const ad = await callApi(simulator, "POST", "/ads", {
      body: { ad_group_id: MISSING_ID, ...pollAd() },
    });

    expect(group.status).toBe(404);
    expect(group.body.error.param).toBe("campaign_id");
    expect(ad.status).toBe(404);
    expect(ad.body.error.param).toBe("ad_group_id");
  });

  it("updates ad group fields and status in the body", async () => {
    await createCampaign(simulator);
    const { groupId } = await firstChildren();
    const result = await callApi(simulator, "POST", `/ad_groups/${groupId}`, {
      body: {
        name: "Renamed group",
        context_hints: ["tea"],
        status: "archived",
        bidding_config: { max_bid_micros: null },
      },
    });

    expect(result.status).toBe(200);
    expect(result.body.name).toBe("Renamed group");
    expect(result.body.context_hints).toEqual(["tea"]);
    expect(result.body.status).toBe("paused");
    expect(result.body.bidding_config.max_bid_micros).toBeNull();
  });

  it("replaces an ad's creative and keeps its type", async () => {
    await createCampaign(simulator);
    const { adId } = await firstChildren();
    const fileId = await uploadPng(simulator);
    const replaced = await callApi(simulator, "POST", `/ads/${adId}`, {
      body: { status: "paused", creative: chatCardAd(fileId, "Brand new title").creative },
    });
    const typeChange = await callApi(simulator, "POST", `/ads/${adId}`, { body: pollAd() });

    expect(replaced.status).toBe(200);
    expect(replaced.body.status).toBe("paused");
    expect(replaced.body.creative.title).toBe("Brand new title");
    expect(replaced.body.creative.file_id).toBe(fileId);
    expect(typeChange.status).toBe(400);
    expect(typeChange.body.error.param).toBe("creative.type");
  });

  it("refuses moving an ad to another group", async () => {
    await createCampaign(simulator);
    const { adId, groupId } = await firstChildren();
    const result = await callApi(simulator, "POST", `/ads/${adId}`, {
      body: { ad_group_id: groupId },
    });

    expect(result.status).toBe(400);
    expect(result.body.error.param).toBe("ad_group_id");
  });

  it("refuses children writes under an archived campaign", async () => {
    const created = await createCampaign(simulator);
    const { groupId, adId } = await firstChildren();
    await callApi(simulator, "POST", `/campaigns/${created.id}/archive`);

    const writes = [
      await callApi(simulator, "POST", "/ad_groups", {
        body: { campaign_id: created.id, name: "Late" },
      }),
      await callApi(simulator, "POST", "/ads", { body: { ad_group_id: groupId, ...pollAd() } }),
      await callApi(simulator, "POST", `/ad_groups/${groupId}`, { body: { name: "Late name" } }),
      await callApi(simulator, "POST", `/ads/${adId}`, { body: { name: "Late name" } }),
    ];
    for (const write of writes) {
      expect(write.status).toBe(400);
      expect(write.body.error.code).toBe("invalid_state");
    }
    const reads = await callApi(simulator, "GET", `/ads/${adId}`);
    expect(reads.status).toBe(200);
  });
});
