// The insights part of the client: query encoding, loose row reading and page following,
// against a scripted HTTP server on 127.0.0.1.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { ThradResponseFormatError } from "../../provider/client/errors";
import {
  fetchInsights,
  insightsParams,
  insightsPath,
  insightsRowSchema,
  toInsightsRow,
} from "../../provider/client/insights";
import { Transport } from "../../provider/client/transport";

let server: Server | undefined;
let transport: Transport | undefined;

afterEach(async () => {
  await transport?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
  transport = undefined;
});

/** Serves the given bodies in turn and records each request URL. */
async function scriptedApi(bodies: unknown[]): Promise<{ urls: string[]; transport: Transport }> {
  const urls: string[] = [];
  server = createServer((request, response) => {
    urls.push(request.url ?? "");
    const body = bodies[Math.min(urls.length - 1, bodies.length - 1)];
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  transport = new Transport({ apiKey: "ak_test", baseUrl: `http://127.0.0.1:${port}/v1` });
  return { urls, transport };
}

describe("insights query", () => {
  it("repeats array parameters", () => {
    const params = insightsParams({
      scope: { level: "ad_account" },
      granularity: "daily",
      aggregationLevel: "campaign",
      windows: [
        { start: 10, end: 20 },
        { start: 20, end: 30 },
      ],
      fields: ["impressions", "ctr"],
      filters: [{ field: "campaign.status", operator: "IN", value: ["active"] }],
    });

    expect(params.get("time_granularity")).toBe("daily");
    expect(params.get("aggregation_level")).toBe("campaign");
    expect(params.getAll("fields[]")).toEqual(["impressions", "ctr"]);
    expect(params.getAll("time_ranges[]").map((text) => JSON.parse(text))).toEqual([
      { type: "unix_range", start: 10, end: 20 },
      { type: "unix_range", start: 20, end: 30 },
    ]);
    expect(JSON.parse(params.get("filters[]")!)).toEqual({
      field: "campaign.status",
      operator: "IN",
      value: ["active"],
    });
  });

  it("leaves defaults to the API", () => {
    expect(insightsParams({ scope: { level: "ad_account" } }).toString()).toBe("");
  });

  it("escapes the id in the path", () => {
    expect(insightsPath({ level: "ad_group", id: "a/b" })).toBe("/ad_groups/a%2Fb/insights");
    expect(insightsPath({ level: "ad", id: "x" })).toBe("/ads/x/insights");
  });
});

describe("insights rows", () => {
  it("reads numeric strings, nulls and unknown fields", () => {
    const parsed = insightsRowSchema.parse({
      start_time: 100,
      end_time: 200,
      campaign_id: "c1",
      impressions: "1200",
      spend: 0.7,
      ctr: null,
      supply: "thrad",
    });
    const row = toInsightsRow(parsed);

    expect(row).toEqual({
      startTime: 100,
      endTime: 200,
      campaignId: "c1",
      impressions: 1200,
      spend: 0.7,
      ctr: null,
    });
  });

  it("rejects a row without its period", () => {
    expect(insightsRowSchema.safeParse({ impressions: 1 }).success).toBe(false);
  });
});

describe("insights pages", () => {
  it("follows after cursors until has_more is false", async () => {
    const row = (start: number) => ({ id: `r${start}`, start_time: start, end_time: start + 1 });
    const api = await scriptedApi([
      { object: "list", data: [row(1), row(2)], has_more: true, last_id: "r2" },
      { object: "list", data: [row(3)], has_more: false, last_id: "r3" },
    ]);
    const rows = await fetchInsights(api.transport, { scope: { level: "campaign", id: "c1" } });

    expect(rows.map((entry) => entry.startTime)).toEqual([1, 2, 3]);
    expect(api.urls).toHaveLength(2);
    expect(api.urls[0]).toBe("/v1/campaigns/c1/insights");
    expect(new URL(api.urls[1]!, "http://host").searchParams.get("after")).toBe("r2");
  });

  it("raises a format error for a body without rows", async () => {
    const api = await scriptedApi([{ object: "list", rows: [] }]);
    const failure = fetchInsights(api.transport, { scope: { level: "ad_account" } });

    await expect(failure).rejects.toBeInstanceOf(ThradResponseFormatError);
    await expect(failure).rejects.toThrow(/GET \/ad_account\/insights returned an unexpected body/);
  });
});
