import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startSimulator } from "./index";
import type { RunningSimulator } from "./index";
import { DELIVERY_MODEL } from "./insights/delivery";
import { campaignBody, chatCardAd, uploadPng } from "./testing/fixtures";
import { callApi } from "./testing/http";

// 2027-01-15T08:00:00Z
const NOW = 1_800_000_000;
const HOUR = 3600;
const LAUNCH = NOW + 48 * HOUR;
let simulator: RunningSimulator;

beforeEach(async () => {
  simulator = await startSimulator({ clock: { start: NOW, frozen: true } });
});
afterEach(async () => {
  await simulator.close();
});

/** Creates, approves and activates a campaign; returns its id and ad ids. */
async function launchCampaign(overrides: Record<string, unknown> = {}, adCount = 1) {
  const fileId = await uploadPng(simulator);
  const body = campaignBody(fileId, overrides);
  for (let index = 1; index < adCount; index += 1) {
    body.ad_groups[0]?.ads.push(chatCardAd(fileId, `Card number ${index}`));
  }
  const created = await callApi(simulator, "POST", "/campaigns", { body });
  await simulator.control.setReview(created.body.id, "approved");
  await callApi(simulator, "POST", `/campaigns/${created.body.id}/activate`);
  const tree = (await simulator.control.campaigns()).find((entry) => entry.id === created.body.id);
  const group = tree?.ad_groups[0];
  if (!group) throw new Error("The campaign tree is incomplete.");
  return {
    campaignId: created.body.id as string,
    groupId: group.id,
    adIds: group.ads.map((ad) => ad.id),
  };
}

function unixRange(start: number, end: number): string {
  return encodeURIComponent(JSON.stringify({ type: "unix_range", start, end }));
}

/** Builds an insights path that asks for one row per entity over `[NOW, end)`. */
function wholeWindow(path: string, end: number, extra = ""): string {
  return `${path}?time_granularity=none&time_ranges[]=${unixRange(NOW, end)}${extra}`;
}

async function insights(path: string): Promise<any> {
  const result = await callApi(simulator, "GET", path);
  if (result.status !== 200) throw new Error(`Insights failed: ${JSON.stringify(result.body)}`);
  return result.body;
}

/** Impressions per hour that the documented model gives for a bid in micros. */
function hourlyImpressions(bidMicros: number): number {
  return (bidMicros / 1_000_000) * DELIVERY_MODEL.impressionsPerHourPerBidDollar;
}

describe("insights delivery", () => {
  it("delivers nothing before review and launch", async () => {
    const fileId = await uploadPng(simulator);
    const created = await callApi(simulator, "POST", "/campaigns", { body: campaignBody(fileId) });
    await simulator.control.advanceClock(60 * HOUR);
    const report = await insights(
      wholeWindow(`/campaigns/${created.body.id}/insights`, NOW + 60 * HOUR),
    );

    expect(report.object).toBe("list");
    expect(report.count).toBe(1);
    expect(report.data[0]).toMatchObject({ impressions: 0, clicks: 0, spend: 0 });
  });

  it("delivers from start_time at the bid's rate", async () => {
    const { campaignId } = await launchCampaign();
    await simulator.control.advanceClock(58 * HOUR);
    const report = await insights(
      wholeWindow(
        `/campaigns/${campaignId}/insights`,
        NOW + 58 * HOUR,
        ["impressions", "clicks", "spend", "ctr", "cpc", "cpm"]
          .map((f) => `&fields[]=${f}`)
          .join(""),
      ),
    );
    const row = report.data[0];

    expect(row.impressions).toBe(hourlyImpressions(2_000_000) * 10);
    expect(row.clicks).toBeGreaterThanOrEqual(Math.floor(row.impressions * 0.01));
    expect(row.clicks).toBeLessThanOrEqual(Math.ceil(row.impressions * 0.05));
    expect(row.spend).toBeCloseTo((row.impressions * 2) / 1000, 6);
    expect(row.ctr).toBeCloseTo(row.clicks / row.impressions, 6);
    expect(row.cpm).toBeCloseTo((row.spend / row.impressions) * 1000, 6);
    expect(row.cpc).toBeCloseTo(row.spend / row.clicks, 6);
    expect(row.campaign_id).toBe(campaignId);
    expect(row.start_time).toBe(NOW);
    expect(row.end_time).toBe(NOW + 58 * HOUR);
    expect(row.timezone).toBe("UTC");
    expect(row.readable_time).toBeUndefined();
  });

  it("adds hourly rows up to the whole-window total", async () => {
    const { campaignId } = await launchCampaign();
    await simulator.control.advanceClock(60 * HOUR);
    const window = unixRange(LAUNCH - HOUR, LAUNCH + 12 * HOUR);
    const hourly = await insights(
      `/campaigns/${campaignId}/insights?time_granularity=hourly&time_ranges[]=${window}`,
    );
    const whole = await insights(
      `/campaigns/${campaignId}/insights?time_granularity=none&time_ranges[]=${window}`,
    );

    expect(hourly.count).toBe(13);
    expect(hourly.data[0].impressions).toBe(0);
    expect(hourly.data[0].readable_time).toBe("2027-01-17T07");
    const sum = hourly.data.reduce((total: number, row: any) => total + row.impressions, 0);
    expect(sum).toBe(whole.data[0].impressions);
    const spend = hourly.data.reduce((total: number, row: any) => total + row.spend, 0);
    expect(spend).toBeCloseTo(whole.data[0].spend, 5);
  });

  it("stops at the lifetime budget", async () => {
    const { campaignId } = await launchCampaign({
      budget: { lifetime_spend_limit_micros: 990_000 },
    });
    await simulator.control.advanceClock(48 * HOUR + 20 * HOUR);
    const window = unixRange(NOW, NOW + 68 * HOUR);
    const report = await insights(
      `/campaigns/${campaignId}/insights?time_granularity=none&time_ranges[]=${window}`,
    );
    const row = report.data[0];

    // $2 CPM at 100 impressions an hour spends $0.20 an hour: $0.99 lasts 4.95 hours.
    expect(row.spend).toBeLessThanOrEqual(0.99);
    expect(row.spend).toBeGreaterThan(0.98);
    expect(row.impressions).toBe(Math.floor(hourlyImpressions(2_000_000) * 4.95));
  });

  it("shares the budget between ads at every level", async () => {
    const budget = { lifetime_spend_limit_micros: 990_000 };
    const { campaignId, groupId, adIds } = await launchCampaign({ budget }, 2);
    await simulator.control.advanceClock(68 * HOUR);
    const campaign = await insights(
      wholeWindow(`/campaigns/${campaignId}/insights`, NOW + 68 * HOUR),
    );
    const group = await insights(wholeWindow(`/ad_groups/${groupId}/insights`, NOW + 68 * HOUR));
    let adSpend = 0;
    for (const adId of adIds) {
      adSpend += (await insights(wholeWindow(`/ads/${adId}/insights`, NOW + 68 * HOUR))).data[0]
        .spend;
    }

    expect(campaign.data[0].spend).toBeLessThanOrEqual(0.99);
    expect(group.data[0].spend).toBeCloseTo(campaign.data[0].spend, 6);
    expect(adSpend).toBeCloseTo(campaign.data[0].spend, 6);
  });

  it("charges per click under cpc pricing", async () => {
    const { campaignId } = await launchCampaign({ pricing_model: "cpc" });
    await simulator.control.advanceClock(50 * HOUR);
    const report = await insights(
      wholeWindow(`/campaigns/${campaignId}/insights`, NOW + 50 * HOUR),
    );
    const row = report.data[0];

    expect(row.clicks).toBeGreaterThan(0);
    expect(row.spend).toBeCloseTo(row.clicks * 2, 6);
  });

  it("stops delivery while paused", async () => {
    const { campaignId } = await launchCampaign();
    await simulator.control.advanceClock(53 * HOUR);
    await callApi(simulator, "POST", `/campaigns/${campaignId}/pause`);
    await simulator.control.advanceClock(5 * HOUR);
    const report = await insights(
      wholeWindow(`/campaigns/${campaignId}/insights`, NOW + 58 * HOUR),
    );

    expect(report.data[0].impressions).toBe(hourlyImpressions(2_000_000) * 5);
  });

  it("aggregates ads into their ad group, campaign and account", async () => {
    const { campaignId, groupId, adIds } = await launchCampaign({}, 3);
    const other = await launchCampaign();
    await simulator.control.advanceClock(52 * HOUR);
    const window = `time_granularity=none&time_ranges[]=${unixRange(NOW, NOW + 52 * HOUR)}`;

    const perAd = await insights(
      `/campaigns/${campaignId}/insights?aggregation_level=ad&${window}`,
    );
    const perGroup = await insights(`/ad_groups/${groupId}/insights?${window}`);
    const perCampaign = await insights(`/ad_account/insights?aggregation_level=campaign&${window}`);
    const account = await insights(`/ad_account/insights?${window}`);
    const oneAd = await insights(`/ads/${adIds[0]}/insights?${window}`);

    expect(perAd.data.map((row: any) => row.ad_id)).toEqual(adIds);
    expect(perAd.data[0].ad_group_id).toBe(groupId);
    const adSum = perAd.data.reduce((total: number, row: any) => total + row.impressions, 0);
    expect(perGroup.data[0].impressions).toBe(adSum);
    expect(perCampaign.data.map((row: any) => row.campaign_id)).toEqual([
      campaignId,
      other.campaignId,
    ]);
    const campaignSum = perCampaign.data.reduce(
      (total: number, row: any) => total + row.impressions,
      0,
    );
    expect(account.data[0].impressions).toBe(campaignSum);
    expect(account.data[0].ad_account_id).toBe(
      (await callApi(simulator, "GET", "/ad_account")).body.id,
    );
    expect(oneAd.data[0].impressions).toBe(perAd.data[0].impressions);
  });
});

describe("insights parameters", () => {
  it("defaults to daily rows over the trailing 30 days", async () => {
    const report = await insights("/ad_account/insights");

    expect(report.count).toBe(31);
    expect(report.data[0].start_time).toBe(NOW - 30 * 86_400);
    expect(report.data[30].end_time).toBe(NOW);
    expect(report.data[0].readable_time).toBe("2026-12-16");
    expect(Object.keys(report.data[0])).toEqual([
      "id",
      "start_time",
      "end_time",
      "readable_time",
      "timezone",
      "ad_account_id",
      "impressions",
      "clicks",
      "spend",
    ]);
  });

  it("labels monthly rows and clips them to the window", async () => {
    const range = encodeURIComponent(
      JSON.stringify({ type: "date_range", since: "2026-11-20", until: "2027-01-10" }),
    );
    const report = await insights(
      `/ad_account/insights?time_granularity=monthly&time_ranges[]=${range}`,
    );

    expect(report.data.map((row: any) => row.readable_time)).toEqual([
      "2026-11",
      "2026-12",
      "2027-01",
    ]);
    expect(report.data[0].start_time).toBe(Date.UTC(2026, 10, 20) / 1000);
    expect(report.data[2].end_time).toBe(Date.UTC(2027, 0, 11) / 1000);
  });

  it("reads hour ranges with an inclusive until", async () => {
    const range = encodeURIComponent(
      JSON.stringify({ type: "hour_range", since: "2027-01-15T00", until: "2027-01-15T23" }),
    );
    const report = await insights(
      `/ad_account/insights?time_granularity=hourly&time_ranges[]=${range}`,
    );

    expect(report.count).toBe(24);
    expect(report.data[23].readable_time).toBe("2027-01-15T23");
  });

  it("accepts exactly 25 hours of hourly rows", async () => {
    const window = unixRange(NOW - 25 * HOUR, NOW);
    const report = await insights(
      `/ad_account/insights?time_granularity=hourly&time_ranges[]=${window}`,
    );

    expect(report.count).toBe(25);
  });

  it("returns rows for each window in order", async () => {
    const first = unixRange(NOW - 2 * 86_400, NOW - 86_400);
    const second = unixRange(NOW - 86_400, NOW);
    const report = await insights(
      `/ad_account/insights?time_granularity=none&time_ranges[]=${first}&time_ranges[]=${second}`,
    );

    expect(report.data.map((row: any) => row.start_time)).toEqual([NOW - 2 * 86_400, NOW - 86_400]);
  });

  it("accepts prefixed field names and returns null ratios without delivery", async () => {
    const report = await insights(
      "/ad_account/insights?time_granularity=none" +
        "&fields[]=ad.impressions&fields[]=ctr&fields[]=cpc&fields[]=cpm",
    );

    expect(report.data[0].impressions).toBe(0);
    expect(report.data[0].ctr).toBeNull();
    expect(report.data[0].cpc).toBeNull();
    expect(report.data[0].cpm).toBeNull();
    expect(report.data[0].spend).toBeUndefined();
  });

  it("filters by id, status and metric", async () => {
    const first = await launchCampaign();
    const second = await launchCampaign();
    await callApi(simulator, "POST", `/campaigns/${second.campaignId}/pause`);
    await simulator.control.advanceClock(50 * HOUR);
    const base = wholeWindow(
      "/ad_account/insights",
      NOW + 50 * HOUR,
      "&aggregation_level=campaign",
    );
    const filter = (value: unknown) => `&filters[]=${encodeURIComponent(JSON.stringify(value))}`;

    const byId = await insights(
      base + filter({ field: "campaign.id", operator: "IN", value: [second.campaignId] }),
    );
    const byStatus = await insights(
      base + filter({ field: "campaign.status", operator: "IN", value: ["active"] }),
    );
    const byMetric = await insights(
      base + filter({ field: "impressions", operator: "GREATER_THAN", value: 0 }),
    );

    expect(byId.data.map((row: any) => row.campaign_id)).toEqual([second.campaignId]);
    expect(byStatus.data.map((row: any) => row.campaign_id)).toEqual([first.campaignId]);
    expect(byMetric.data.map((row: any) => row.campaign_id)).toEqual([first.campaignId]);
  });

  it("splits delivery by supply", async () => {
    const { campaignId } = await launchCampaign();
    await simulator.control.advanceClock(58 * HOUR);
    const base = wholeWindow(`/campaigns/${campaignId}/insights`, NOW + 58 * HOUR);
    const all = (await insights(base)).data[0];
    const split = (await insights(`${base}&supply=split`)).data;
    const thrad = (await insights(`${base}&supply=thrad`)).data[0];

    expect(split.map((row: any) => row.supply)).toEqual(["thrad", "chatgpt"]);
    expect(split[0].impressions + split[1].impressions).toBe(all.impressions);
    expect(split[0].spend + split[1].spend).toBeCloseTo(all.spend, 5);
    expect(thrad.impressions).toBe(split[0].impressions);
    expect(thrad.supply).toBeUndefined();
  });
});

describe("insights errors", () => {
  const wide = unixRange(NOW - 367 * 86_400, NOW);
  const reversed = unixRange(NOW, NOW - 10);
  const overHourlyLimit = unixRange(NOW - 25 * HOUR - 1, NOW);
  const filter = (value: unknown) => encodeURIComponent(JSON.stringify(value));
  const cases = [
    { query: "time_granularity=weekly", code: "invalid_value", param: "time_granularity" },
    { query: "aggregation_level=region", code: "invalid_value", param: "aggregation_level" },
    { query: `time_ranges[]=${wide}`, code: "range_too_wide", param: "time_ranges[0]" },
    { query: `time_ranges[]=${reversed}`, code: "invalid_time_range", param: "time_ranges[0]" },
    {
      query: `time_granularity=hourly&time_ranges[]=${overHourlyLimit}`,
      code: "hourly_range_too_wide",
      param: "time_ranges[0]",
    },
    { query: "time_ranges[]=not-json", code: "invalid_value", param: "time_ranges[0]" },
    {
      query: `time_ranges[]=${filter({ type: "week_range" })}`,
      code: "invalid_value",
      param: "time_ranges[0].type",
    },
    {
      query: `time_ranges[]=${filter({
        type: "date_range",
        since: "2027-01-01",
        until: "2027-01-02",
        timezone: "America/New_York",
      })}`,
      code: "invalid_value",
      param: "time_ranges[0].timezone",
    },
    { query: "fields[]=reach", code: "unknown_field", param: "fields" },
    {
      query: `filters[]=${filter({ field: "country", operator: "IN", value: ["US"] })}`,
      code: "invalid_filter",
      param: "filters[0].field",
    },
    {
      query: `filters[]=${filter({ field: "campaign.id", operator: "GREATER_THAN", value: 1 })}`,
      code: "invalid_filter_operator",
      param: "filters[0].operator",
    },
    {
      query: `filters[]=${filter({ field: "spend", operator: "IN", value: [1] })}`,
      code: "invalid_filter_operator",
      param: "filters[0].operator",
    },
    {
      query: `filters[]=${filter({ field: "clicks", operator: "LESS_THAN", value: "5" })}`,
      code: "invalid_value",
      param: "filters[0].value",
    },
    { query: "supply=bing", code: "invalid_value", param: "supply" },
  ];
  for (const testCase of cases) {
    const label = decodeURIComponent(testCase.query).slice(0, 50);
    it(`answers ${testCase.code} for ${label}`, async () => {
      const result = await callApi(simulator, "GET", `/ad_account/insights?${testCase.query}`);

      expect(result.status).toBe(400);
      expect(result.body.error.code).toBe(testCase.code);
      expect(result.body.error.param).toBe(testCase.param);
    });
  }

  it("refuses an aggregation level above the endpoint", async () => {
    const { campaignId, groupId, adIds } = await launchCampaign();
    const refusals = [
      `/campaigns/${campaignId}/insights?aggregation_level=ad_account`,
      `/ad_groups/${groupId}/insights?aggregation_level=campaign`,
      `/ads/${adIds[0]}/insights?aggregation_level=ad_group`,
    ];
    for (const path of refusals) {
      const result = await callApi(simulator, "GET", path);
      expect(result.status).toBe(400);
      expect(result.body.error.code).toBe("aggregation_level_too_high");
      expect(result.body.error.param).toBe("aggregation_level");
    }
  });

  it("returns not_found for an unknown entity", async () => {
    for (const level of ["campaigns", "ad_groups", "ads"]) {
      const result = await callApi(
        simulator,
        "GET",
        `/${level}/00000000-0000-4000-8000-000000000000/insights`,
      );
      expect(result.status).toBe(404);
      expect(result.body.error.code).toBe("not_found");
    }
  });
});
