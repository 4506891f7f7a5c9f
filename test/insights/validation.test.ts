// Invalid insights options fail with an error naming the option, and nothing reaches the API:
// the simulator's call log stays empty.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  getAccountInsights,
  getAdInsights,
  getCampaignInsights,
  InsightsOptionError,
  type InsightsOptions,
} from "../../sdk";
import type { RunningSimulator } from "../simulator";
import { apiKey, day, hour, startedAt, startFrozenSimulator } from "./support/delivery";

let simulator: RunningSimulator;
let connection: InsightsOptions;
const campaignId = "00000000-0000-4000-8000-000000000001";

beforeAll(async () => {
  simulator = await startFrozenSimulator();
  connection = { apiKey, baseUrl: simulator.apiBaseUrl };
});

afterAll(async () => {
  await simulator.close();
});

beforeEach(async () => {
  await simulator.control.resetCalls();
});

const end = startedAt;
// Options of the wrong type on purpose, as a JavaScript caller might pass them.
const loose = (options: Record<string, unknown>) => options as InsightsOptions;

const cases: Array<{ name: string; options: InsightsOptions; option: string; message: RegExp }> = [
  {
    name: "unknown granularity",
    options: loose({ granularity: "weekly" }),
    option: "granularity",
    message: /hourly, daily, monthly, none/,
  },
  {
    name: "unknown field",
    options: loose({ fields: ["impressions", "reach"] }),
    option: "fields[1]",
    message: /"reach"/,
  },
  { name: "empty fields", options: { fields: [] }, option: "fields", message: /non-empty/ },
  {
    name: "level above the campaign",
    options: { aggregationLevel: "ad_account" },
    option: "aggregationLevel",
    message: /above/,
  },
  {
    name: "end before start",
    options: { timeRange: { start: end, end: end - 60 } },
    option: "timeRange.end",
    message: /after timeRange.start/,
  },
  {
    name: "equal start and end",
    options: { timeRange: { start: new Date(end * 1000), end: new Date(end * 1000) } },
    option: "timeRange.end",
    message: /after/,
  },
  {
    name: "window over 366 days",
    options: { timeRange: { start: end - 367 * day, end } },
    option: "timeRange",
    message: /366 days/,
  },
  {
    name: "hourly window over 25 hours",
    options: { granularity: "hourly", timeRange: { start: end - 26 * hour, end } },
    option: "timeRange",
    message: /25 hours/,
  },
  {
    name: "hourly without a window",
    options: { granularity: "hourly" },
    option: "timeRange",
    message: /required with hourly/,
  },
  {
    name: "milliseconds for seconds",
    options: { timeRange: { start: end * 1000, end: end * 1000 + 1000 } },
    option: "timeRange.start",
    message: /milliseconds/,
  },
  {
    name: "date text for a time",
    options: loose({ timeRange: { start: "2027-01-01", end } }),
    option: "timeRange.start",
    message: /Date or integer Unix seconds/,
  },
  {
    name: "invalid Date",
    options: { timeRange: { start: new Date("not a date"), end } },
    option: "timeRange.start",
    message: /invalid Date/,
  },
  {
    name: "both range options",
    options: { timeRange: { start: end - day, end }, timeRanges: [{ start: end - day, end }] },
    option: "timeRanges",
    message: /not both/,
  },
  {
    name: "second range reversed",
    options: {
      timeRanges: [
        { start: end - day, end },
        { start: end, end: end - day },
      ],
    },
    option: "timeRanges[1].end",
    message: /after/,
  },
  {
    name: "unknown filter operator",
    options: loose({ filters: [{ field: "ad.status", operator: "EQUALS", value: ["active"] }] }),
    option: "filters[0].operator",
    message: /IN, GREATER_THAN, LESS_THAN/,
  },
  {
    name: "IN on a metric",
    options: { filters: [{ field: "spend", operator: "IN", value: ["1"] }] },
    option: "filters[0].operator",
    message: /GREATER_THAN or LESS_THAN/,
  },
  {
    name: "IN with no values",
    options: { filters: [{ field: "ad.id", operator: "IN", value: [] }] },
    option: "filters[0].value",
    message: /non-empty list/,
  },
  {
    name: "comparison with text",
    options: loose({ filters: [{ field: "clicks", operator: "LESS_THAN", value: "5" }] }),
    option: "filters[0].value",
    message: /number/,
  },
  {
    name: "misspelt option",
    options: loose({ granularty: "daily" }),
    option: "granularty",
    message: /is not an option/,
  },
  {
    name: "plain http to another host",
    options: { baseUrl: "http://api.thrad.invalid/v1" },
    option: "baseUrl",
    message: /must use https/,
  },
];

describe("insights option checks", () => {
  for (const testCase of cases) {
    it(`rejects ${testCase.name}`, async () => {
      const failure = await getCampaignInsights(campaignId, {
        ...connection,
        ...testCase.options,
      }).catch((error: unknown) => error);

      expect(failure).toBeInstanceOf(InsightsOptionError);
      expect((failure as InsightsOptionError).option).toBe(testCase.option);
      expect((failure as Error).message).toMatch(testCase.message);
      expect(await simulator.control.calls()).toEqual([]);
    });
  }

  it("rejects an empty id", async () => {
    const failure = await getAdInsights(" ", connection).catch((error: unknown) => error);

    expect((failure as InsightsOptionError).option).toBe("adId");
    expect(await simulator.control.calls()).toEqual([]);
  });

  it("rejects a missing key", async () => {
    const saved = process.env["THRAD_ADS_API_KEY"];
    delete process.env["THRAD_ADS_API_KEY"];
    try {
      const failure = await getAccountInsights({ baseUrl: simulator.apiBaseUrl }).catch(
        (error: unknown) => error,
      );
      expect((failure as InsightsOptionError).option).toBe("apiKey");
      expect((failure as Error).message).toMatch(/THRAD_ADS_API_KEY/);
    } finally {
      if (saved !== undefined) process.env["THRAD_ADS_API_KEY"] = saved;
    }
    expect(await simulator.control.calls()).toEqual([]);
  });

  it("sends a valid request once", async () => {
    await getAccountInsights({ ...connection, granularity: "none", fields: ["clicks"] });
    const calls = await simulator.control.calls();

    expect(calls).toHaveLength(1);
    expect(calls[0]!.path).toBe("/v1/ad_account/insights");
    expect(calls[0]!.query["fields[]"]).toBe("clicks");
    expect(calls[0]!.query["time_granularity"]).toBe("none");
  });
});
