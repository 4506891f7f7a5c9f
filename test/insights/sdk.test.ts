// The insights functions against the simulator over real HTTP on 127.0.0.1: a campaign that
// was created, approved and activated, then delivered for ten simulated hours.
import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ThradAuthenticationError, ThradNotFoundError } from "../../provider/client/errors";
import {
  getAccountInsights,
  getAdGroupInsights,
  getAdInsights,
  getCampaignInsights,
  getCampaignInsightsOutput,
  type InsightsOptions,
  type InsightsRow,
} from "../../sdk";
import type { RunningSimulator } from "../simulator";
import {
  apiKey,
  day,
  hour,
  launchAt,
  launchCampaign,
  startedAt,
  startFrozenSimulator,
  type LaunchedCampaign,
} from "./support/delivery";

let simulator: RunningSimulator;
let campaign: LaunchedCampaign;
let connection: InsightsOptions;
/** Ten hours of delivery after the 48-hour wait for the start time. */
const deliveredUntil = launchAt + 10 * hour;

beforeAll(async () => {
  simulator = await startFrozenSimulator();
  campaign = await launchCampaign(simulator, 2);
  await simulator.control.advanceClock(deliveredUntil - startedAt);
  connection = { apiKey, baseUrl: simulator.apiBaseUrl };
});

afterAll(async () => {
  await simulator.close();
});

const wholeWindow = { start: startedAt, end: deliveredUntil };

function sum(rows: readonly InsightsRow[], metric: "impressions" | "clicks" | "spend"): number {
  return rows.reduce((total, row) => total + (row[metric] ?? 0), 0);
}

function outputValue<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((value) => resolve(value)));
}

describe("campaign insights", () => {
  it("returns one row with every metric", async () => {
    const rows = await getCampaignInsights(campaign.campaignId, {
      ...connection,
      granularity: "none",
      timeRange: { start: new Date(startedAt * 1000), end: deliveredUntil },
      fields: ["impressions", "clicks", "spend", "ctr", "cpc", "cpm"],
    });
    const row = rows[0]!;

    expect(rows).toHaveLength(1);
    expect(row.campaignId).toBe(campaign.campaignId);
    expect(row.startTime).toBe(startedAt);
    expect(row.endTime).toBe(deliveredUntil);
    expect(row.readableTime).toBeUndefined();
    expect(row.impressions).toBeGreaterThan(0);
    expect(row.clicks).toBeGreaterThan(0);
    // The campaign pays a $2 bid per 1000 impressions, and spend is in dollars.
    expect(row.spend).toBeCloseTo((row.impressions! * 2) / 1000, 6);
    expect(row.ctr).toBeCloseTo(row.clicks! / row.impressions!, 6);
    expect(row.ctr).toBeLessThan(1);
    expect(row.cpc).toBeCloseTo(row.spend! / row.clicks!, 6);
    expect(row.cpm).toBeCloseTo((row.spend! / row.impressions!) * 1000, 6);
  });

  it("sends only the requested fields", async () => {
    const rows = await getCampaignInsights(campaign.campaignId, {
      ...connection,
      granularity: "none",
      timeRange: wholeWindow,
      fields: ["clicks"],
    });

    expect(rows[0]!.clicks).toBeGreaterThan(0);
    expect(rows[0]!.impressions).toBeUndefined();
    expect(rows[0]!.spend).toBeUndefined();
  });

  it("adds hourly rows up to the total", async () => {
    const window = { start: launchAt - 5 * hour, end: launchAt + 20 * hour };
    const hourly = await getCampaignInsights(campaign.campaignId, {
      ...connection,
      granularity: "hourly",
      timeRange: window,
    });
    const whole = await getCampaignInsights(campaign.campaignId, {
      ...connection,
      granularity: "none",
      timeRange: window,
    });

    expect(hourly).toHaveLength(25);
    expect(hourly[0]!.readableTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}$/);
    expect(hourly[0]!.impressions).toBe(0);
    expect(hourly[5]!.impressions).toBeGreaterThan(0);
    expect(hourly[24]!.impressions).toBe(0);
    expect(sum(hourly, "impressions")).toBe(whole[0]!.impressions);
    expect(sum(hourly, "spend")).toBeCloseTo(whole[0]!.spend!, 5);
  });

  it("labels daily rows with dates", async () => {
    const start = Math.floor(startedAt / day) * day;
    const rows = await getCampaignInsights(campaign.campaignId, {
      ...connection,
      timeRange: { start, end: start + 4 * day },
    });

    expect(rows.map((row) => row.readableTime)).toEqual([
      "2027-01-15",
      "2027-01-16",
      "2027-01-17",
      "2027-01-18",
    ]);
    expect(sum(rows, "impressions")).toBeGreaterThan(0);
  });

  it("returns rows for each time range in order", async () => {
    const rows = await getCampaignInsights(campaign.campaignId, {
      ...connection,
      granularity: "none",
      timeRanges: [
        { start: startedAt, end: launchAt },
        { start: launchAt, end: deliveredUntil },
      ],
    });

    expect(rows.map((row) => row.startTime)).toEqual([startedAt, launchAt]);
    expect(rows[0]!.impressions).toBe(0);
    expect(rows[1]!.impressions).toBeGreaterThan(0);
  });

  it("splits a campaign into its ads", async () => {
    const options: InsightsOptions = { ...connection, granularity: "none", timeRange: wholeWindow };
    const perAd = await getCampaignInsights(campaign.campaignId, {
      ...options,
      aggregationLevel: "ad",
    });
    const total = await getCampaignInsights(campaign.campaignId, options);

    expect(perAd.map((row) => row.adId)).toEqual(campaign.adIds);
    expect(perAd.every((row) => row.adGroupId === campaign.adGroupId)).toBe(true);
    expect(sum(perAd, "impressions")).toBe(total[0]!.impressions);
  });

  it("filters rows by ad id", async () => {
    const rows = await getCampaignInsights(campaign.campaignId, {
      ...connection,
      granularity: "none",
      timeRange: wholeWindow,
      aggregationLevel: "ad",
      filters: [{ field: "ad.id", operator: "IN", value: [campaign.adIds[1]!] }],
    });

    expect(rows.map((row) => row.adId)).toEqual([campaign.adIds[1]]);
  });
});

describe("other report levels", () => {
  const options = () => ({ ...connection, granularity: "none" as const, timeRange: wholeWindow });

  it("agree with the ad rows of the campaign", async () => {
    const perAd = await getCampaignInsights(campaign.campaignId, {
      ...options(),
      aggregationLevel: "ad",
    });
    const group = await getAdGroupInsights(campaign.adGroupId, options());
    const firstAd = await getAdInsights(campaign.adIds[0]!, options());

    expect(group[0]!.adGroupId).toBe(campaign.adGroupId);
    expect(group[0]!.impressions).toBe(sum(perAd, "impressions"));
    expect(firstAd[0]!.adId).toBe(campaign.adIds[0]);
    expect(firstAd[0]!.impressions).toBe(perAd[0]!.impressions);
  });

  it("covers the account and lists its campaigns", async () => {
    const account = await getAccountInsights(options());
    const perCampaign = await getAccountInsights({ ...options(), aggregationLevel: "campaign" });
    const campaignRows = await getCampaignInsights(campaign.campaignId, options());

    expect(account[0]!.adAccountId).toEqual(expect.any(String));
    expect(perCampaign.map((row) => row.campaignId)).toEqual([campaign.campaignId]);
    expect(account[0]!.impressions).toBe(campaignRows[0]!.impressions);
  });
});

describe("insights outputs and settings", () => {
  it("resolves an output for an output id", async () => {
    const id = pulumi.output(Promise.resolve(campaign.campaignId));
    const options = { ...connection, granularity: "none" as const, timeRange: wholeWindow };
    const fromOutput = await outputValue(getCampaignInsightsOutput(id, options));
    const fromPromise = await getCampaignInsights(campaign.campaignId, options);

    expect(fromOutput).toEqual(fromPromise);
    expect(fromOutput[0]!.impressions).toBeGreaterThan(0);
  });

  it("reads the key and URL from the environment", async () => {
    const saved = { key: process.env["THRAD_ADS_API_KEY"], url: process.env["THRAD_BASE_URL"] };
    process.env["THRAD_ADS_API_KEY"] = apiKey;
    process.env["THRAD_BASE_URL"] = simulator.apiBaseUrl;
    try {
      const rows = await getCampaignInsights(campaign.campaignId, { timeRange: wholeWindow });
      expect(rows.length).toBeGreaterThan(0);
    } finally {
      restore("THRAD_ADS_API_KEY", saved.key);
      restore("THRAD_BASE_URL", saved.url);
    }
  });

  it("raises not found for an unknown campaign", async () => {
    const missing = getCampaignInsights("00000000-0000-4000-8000-000000000000", connection);

    await expect(missing).rejects.toBeInstanceOf(ThradNotFoundError);
  });

  it("raises an authentication error without the key", async () => {
    const wrongKey = "ak_wrong_key_that_must_not_leak";
    const failure = await getAccountInsights({ ...connection, apiKey: wrongKey }).catch(
      (error: unknown) => error,
    );

    expect(failure).toBeInstanceOf(ThradAuthenticationError);
    expect(String((failure as Error).message)).not.toContain(wrongKey);
  });
});

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
