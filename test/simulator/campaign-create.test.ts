import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startSimulator } from "./index";
import type { RunningSimulator } from "./index";
import { campaignBody, chatCardAd, pollAd, uploadPng } from "./testing/fixtures";
import { callApi } from "./testing/http";

const NOW = 1_800_000_000;
let simulator: RunningSimulator;
let fileId: string;

beforeEach(async () => {
  simulator = await startSimulator({ clock: { start: NOW, frozen: true } });
  fileId = await uploadPng(simulator);
});
afterEach(async () => {
  await simulator.close();
});

/** Deep-copies the valid body and applies `edit` to it. */
function editedBody(edit: (body: any) => void): unknown {
  const body = structuredClone(campaignBody(fileId)) as any;
  edit(body);
  return body;
}

describe("POST /v1/campaigns success", () => {
  it("creates a paused, in-review campaign with defaults", async () => {
    const result = await callApi(simulator, "POST", "/campaigns", { body: campaignBody(fileId) });

    expect(result.status).toBe(201);
    const campaign = result.body;
    expect(campaign.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(campaign.status).toBe("paused");
    expect(campaign.review_status).toBe("in_review");
    expect(campaign.start_time).toBe(NOW + 48 * 3600);
    expect(campaign.end_time).toBeNull();
    expect(campaign.description).toBeNull();
    expect(campaign.pricing_model).toBe("cpm");
    expect(campaign.recurring_frequency).toBeNull();
    expect(campaign.budget).toEqual({ lifetime_spend_limit_micros: 50_000_000 });
    expect(campaign.created_at).toBe(NOW);
    expect(campaign.updated_at).toBe(NOW);
    expect(campaign.ad_groups).toBeUndefined();
    expect(campaign.targeting).toEqual({
      locations: {
        include: [
          { id: "US", type: "country", country_code: "US" },
          { id: "DE", type: "country", country_code: "DE" },
        ],
      },
    });
  });

  it("stores the nested tree with default statuses", async () => {
    const body = editedBody((draft) => {
      draft.ad_groups.push({ name: "Polls", ads: [pollAd(), pollAd()] });
    });
    const created = await callApi(simulator, "POST", "/campaigns", { body });
    const [tree] = await simulator.control.campaigns();

    expect(created.status).toBe(201);
    expect(tree?.ad_groups).toHaveLength(2);
    expect(tree?.ad_groups[0]?.status).toBe("active");
    expect(tree?.ad_groups[0]?.ads[0]?.status).toBe("active");
    expect(tree?.ad_groups[0]?.ads[0]?.review_status).toBe("in_review");
    expect(tree?.ad_groups[0]?.creative_type).toBe("chat_card");
    expect(tree?.ad_groups[1]?.creative_type).toBe("poll");
    expect(tree?.ad_groups[1]?.ads).toHaveLength(2);
  });

  it("charges a $10 deposit to the ledger", async () => {
    const result = await callApi(simulator, "POST", "/campaigns", {
      body: campaignBody(fileId),
      idempotencyKey: "create-1",
    });
    const ledger = await simulator.control.ledger();

    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({
      campaign_id: result.body.id,
      amount_micros: 10_000_000,
      idempotency_key: "create-1",
      status: "charged",
      at: NOW,
    });
  });

  it("accepts every optional field", async () => {
    const body = campaignBody(fileId, {
      description: "Autumn push",
      start_time: NOW + 72 * 3600,
      end_time: NOW + 30 * 86400,
      recurring_frequency: "weekly",
      pricing_model: "cpc",
      status: "active",
      unknown_extra_field: { ignored: true },
    });
    const result = await callApi(simulator, "POST", "/campaigns", { body });

    expect(result.status).toBe(201);
    expect(result.body.description).toBe("Autumn push");
    expect(result.body.start_time).toBe(NOW + 72 * 3600);
    expect(result.body.end_time).toBe(NOW + 30 * 86400);
    expect(result.body.recurring_frequency).toBe("weekly");
    expect(result.body.pricing_model).toBe("cpc");
    expect(result.body.status).toBe("paused");
    expect(result.body.unknown_extra_field).toBeUndefined();
  });

  it("reads empty targeting back as {}", async () => {
    const body = campaignBody(fileId, { targeting: { locations: { include: [] } } });
    const result = await callApi(simulator, "POST", "/campaigns", { body });

    expect(result.body.targeting).toEqual({});
  });

  it("normalizes country aliases and duplicates", async () => {
    const include = [{ id: "fr" }, { country_code: "FR" }, { country_code: "us", region: "CA" }];
    const body = campaignBody(fileId, { targeting: { locations: { include } } });
    const result = await callApi(simulator, "POST", "/campaigns", { body });

    const codes = result.body.targeting.locations.include.map((entry: any) => entry.id);
    expect(codes).toEqual(["FR", "US"]);
  });

  it("accepts the default ad_account_id", async () => {
    const account = await callApi(simulator, "GET", "/ad_account");
    const body = campaignBody(fileId, { ad_account_id: account.body.id });

    expect((await callApi(simulator, "POST", "/campaigns", { body })).status).toBe(201);
  });

  it("fills chat card copy when auto_generate is set", async () => {
    const body = editedBody((draft) => {
      draft.ad_groups[0].ads[0] = {
        auto_generate: true,
        creative: { type: "chat_card", file_id: fileId, target_url: "https://shop.example.com" },
      };
    });
    await callApi(simulator, "POST", "/campaigns", { body });
    const [tree] = await simulator.control.campaigns();
    const ad = tree?.ad_groups[0]?.ads[0] as any;

    expect(ad.auto_generate).toBe(true);
    expect(ad.creative.title).toBe("Discover shop.example.com");
    expect(ad.name).toBe("Discover shop.example.com");
    expect(ad.creative.body.length).toBeGreaterThan(0);
  });
});

describe("POST /v1/campaigns validation", () => {
  const longName = "x".repeat(101);
  const cases: Array<{
    name: string;
    edit: (body: any) => void;
    param: string | null;
    code?: string;
  }> = [
    { name: "missing name", edit: (b) => delete b.name, param: "name" },
    { name: "short name", edit: (b) => (b.name = "ab"), param: "name" },
    { name: "long name", edit: (b) => (b.name = longName), param: "name" },
    { name: "numeric name", edit: (b) => (b.name = 42), param: "name" },
    { name: "missing budget", edit: (b) => delete b.budget, param: "budget" },
    { name: "budget not an object", edit: (b) => (b.budget = 5), param: "budget" },
    {
      name: "budget below 990000",
      edit: (b) => (b.budget.lifetime_spend_limit_micros = 989_999),
      param: "budget.lifetime_spend_limit_micros",
    },
    {
      name: "fractional budget",
      edit: (b) => (b.budget.lifetime_spend_limit_micros = 1_000_000.5),
      param: "budget.lifetime_spend_limit_micros",
    },
    {
      name: "budget as string",
      edit: (b) => (b.budget.lifetime_spend_limit_micros = "1000000"),
      param: "budget.lifetime_spend_limit_micros",
    },
    {
      name: "start in 47 hours",
      edit: (b) => (b.start_time = NOW + 47 * 3600),
      param: "start_time",
    },
    { name: "start as string", edit: (b) => (b.start_time = "tomorrow"), param: "start_time" },
    { name: "end before start", edit: (b) => (b.end_time = NOW + 3600), param: "end_time" },
    {
      name: "end equal to start",
      edit: (b) => {
        b.start_time = NOW + 50 * 3600;
        b.end_time = NOW + 50 * 3600;
      },
      param: "end_time",
    },
    { name: "end past 2100", edit: (b) => (b.end_time = 4_102_444_801), param: "end_time" },
    { name: "bad pricing model", edit: (b) => (b.pricing_model = "cpa"), param: "pricing_model" },
    {
      name: "bad recurring frequency",
      edit: (b) => (b.recurring_frequency = "hourly"),
      param: "recurring_frequency",
    },
    {
      name: "description too long",
      edit: (b) => (b.description = "d".repeat(1001)),
      param: "description",
    },
    { name: "read-only id", edit: (b) => (b.id = "x"), param: "id" },
    {
      name: "read-only review_status",
      edit: (b) => (b.review_status = "approved"),
      param: "review_status",
    },
    { name: "read-only created_at", edit: (b) => (b.created_at = 1), param: "created_at" },
    {
      name: "targeting entry without country",
      edit: (b) => (b.targeting.locations.include = [{ name: "Berlin" }]),
      param: "targeting.locations.include",
    },
    {
      name: "unknown country code",
      edit: (b) => (b.targeting.locations.include = [{ country_code: "XX" }]),
      param: "targeting.locations.include[0].country_code",
    },
    {
      name: "targeting exclude",
      edit: (b) => (b.targeting.locations.exclude = [{ country_code: "US" }]),
      param: "targeting.locations.exclude",
    },
    {
      name: "include not a list",
      edit: (b) => (b.targeting.locations.include = "US"),
      param: "targeting.locations.include",
    },
    { name: "missing ad_groups", edit: (b) => delete b.ad_groups, param: "ad_groups" },
    { name: "empty ad_groups", edit: (b) => (b.ad_groups = []), param: "ad_groups" },
    {
      name: "ad group without name",
      edit: (b) => delete b.ad_groups[0].name,
      param: "ad_groups[0].name",
    },
    {
      name: "ad group without ads",
      edit: (b) => (b.ad_groups[0].ads = []),
      param: "ad_groups[0].ads",
    },
    {
      name: "bid of zero",
      edit: (b) => (b.ad_groups[0].bidding_config.max_bid_micros = 0),
      param: "ad_groups[0].bidding_config.max_bid_micros",
    },
    {
      name: "bid over $100",
      edit: (b) => (b.ad_groups[0].bidding_config.max_bid_micros = 100_000_001),
      param: "ad_groups[0].bidding_config.max_bid_micros",
    },
    {
      name: "billing event other than impression",
      edit: (b) => (b.ad_groups[0].bidding_config.billing_event_type = "click"),
      param: "ad_groups[0].bidding_config.billing_event_type",
    },
    {
      name: "context hint not a string",
      edit: (b) => (b.ad_groups[0].context_hints = [3]),
      param: "ad_groups[0].context_hints[0]",
    },
    {
      name: "second ad without title",
      edit: (b) => {
        const ad = chatCardAd(fileId) as any;
        delete ad.creative.title;
        b.ad_groups[0].ads.push(ad);
      },
      param: "ad_groups[0].ads[1].creative.title",
    },
    {
      name: "card title over 50 characters",
      edit: (b) => (b.ad_groups[0].ads[0].creative.title = "t".repeat(51)),
      param: "ad_groups[0].ads[0].creative.title",
    },
    {
      name: "card body over 100 characters",
      edit: (b) => (b.ad_groups[0].ads[0].creative.body = "b".repeat(101)),
      param: "ad_groups[0].ads[0].creative.body",
    },
    {
      name: "unknown file_id",
      edit: (b) => (b.ad_groups[0].ads[0].creative.file_id = "uploads/2020/01/none.png"),
      param: "ad_groups[0].ads[0].creative.file_id",
    },
    {
      name: "missing file_id",
      edit: (b) => delete b.ad_groups[0].ads[0].creative.file_id,
      param: "ad_groups[0].ads[0].creative.file_id",
    },
    {
      name: "target_url not http",
      edit: (b) => (b.ad_groups[0].ads[0].creative.target_url = "javascript:alert(1)"),
      param: "ad_groups[0].ads[0].creative.target_url",
    },
    {
      name: "unknown creative type",
      edit: (b) => (b.ad_groups[0].ads[0].creative.type = "video"),
      param: "ad_groups[0].ads[0].creative.type",
    },
    {
      name: "mixed creative types",
      edit: (b) => b.ad_groups[0].ads.push(pollAd()),
      param: "ad_groups[0].ads[1].creative.type",
    },
    {
      name: "poll with one option",
      edit: (b) =>
        (b.ad_groups[0].ads = [{ creative: { ...pollAd().creative, options: ["Yes"] } }]),
      param: "ad_groups[0].ads[0].creative.options",
    },
    {
      name: "poll with five options",
      edit: (b) =>
        (b.ad_groups[0].ads = [
          { creative: { ...pollAd().creative, options: ["a", "b", "c", "d", "e"] } },
        ]),
      param: "ad_groups[0].ads[0].creative.options",
    },
    {
      name: "poll option not a string",
      edit: (b) =>
        (b.ad_groups[0].ads = [{ creative: { ...pollAd().creative, options: ["a", 2] } }]),
      param: "ad_groups[0].ads[0].creative.options[1]",
    },
    {
      name: "auto_generate on a poll",
      edit: (b) => (b.ad_groups[0].ads = [{ ...pollAd(), auto_generate: true }]),
      param: "ad_groups[0].ads[0].auto_generate",
      code: "poll_cannot_be_ai",
    },
  ];

  for (const testCase of cases) {
    it(`rejects ${testCase.name}`, async () => {
      const result = await callApi(simulator, "POST", "/campaigns", {
        body: editedBody(testCase.edit),
      });

      expect(result.status).toBe(400);
      expect(result.body.error.code).toBe(testCase.code ?? "invalid_value");
      expect(result.body.error.type).toBe("invalid_request_error");
      expect(result.body.error.param).toBe(testCase.param);
      expect(await simulator.control.campaigns()).toEqual([]);
      expect(await simulator.control.ledger()).toEqual([]);
    });
  }

  it("accepts the bid and budget limits", async () => {
    const body = editedBody((draft) => {
      draft.budget.lifetime_spend_limit_micros = 990_000;
      draft.ad_groups[0].bidding_config.max_bid_micros = 100_000_000;
      draft.ad_groups.push({
        name: "Low bid",
        bidding_config: { max_bid_micros: 1 },
        ads: [chatCardAd(fileId)],
      });
      draft.ad_groups.push({
        name: "No bid",
        bidding_config: { max_bid_micros: null },
        ads: [chatCardAd(fileId)],
      });
    });

    expect((await callApi(simulator, "POST", "/campaigns", { body })).status).toBe(201);
  });

  it("rejects malformed JSON with invalid_json", async () => {
    const result = await callApi(simulator, "POST", "/campaigns", { body: '{"name": ' });

    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe("invalid_json");
  });

  it("rejects a JSON array body", async () => {
    const result = await callApi(simulator, "POST", "/campaigns", { body: [] });

    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe("invalid_value");
    expect(result.body.error.param).toBeNull();
  });

  it("rejects another ad_account_id with not_found", async () => {
    const body = campaignBody(fileId, { ad_account_id: "00000000-0000-4000-8000-000000000000" });
    const result = await callApi(simulator, "POST", "/campaigns", { body });

    expect(result.status).toBe(404);
    expect(result.body.error.code).toBe("not_found");
    expect(result.body.error.param).toBe("ad_account_id");
  });
});

describe("POST /v1/campaigns billing", () => {
  it("rejects with billing_not_configured and changes nothing", async () => {
    await simulator.control.setBilling("none");
    const result = await callApi(simulator, "POST", "/campaigns", { body: campaignBody(fileId) });

    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe("billing_not_configured");
    expect(await simulator.control.campaigns()).toEqual([]);
    expect(await simulator.control.ledger()).toEqual([]);
  });

  it("records a declined deposit and removes the campaign", async () => {
    await simulator.control.setBilling("declined");
    const result = await callApi(simulator, "POST", "/campaigns", { body: campaignBody(fileId) });
    const ledger = await simulator.control.ledger();

    expect(result.status).toBe(402);
    expect(result.body.error.code).toBe("card_declined");
    expect(await simulator.control.campaigns()).toEqual([]);
    expect(ledger).toHaveLength(1);
    expect(ledger[0]?.status).toBe("declined");
    expect(ledger[0]?.amount_micros).toBe(10_000_000);
    const lookup = await callApi(simulator, "GET", `/campaigns/${ledger[0]?.campaign_id}`);
    expect(lookup.status).toBe(404);
  });

  it("starts with the billing option", async () => {
    await simulator.close();
    simulator = await startSimulator({ billing: "none" });

    const fileOnNew = await uploadPng(simulator);
    const result = await callApi(simulator, "POST", "/campaigns", {
      body: campaignBody(fileOnNew),
    });
    expect(result.body.error.code).toBe("billing_not_configured");
  });
});
