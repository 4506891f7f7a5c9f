/**
 * Delivery reports from the four insights endpoints (`/ad_account/insights`,
 * `/campaigns/{id}/insights`, `/ad_groups/{id}/insights`, `/ads/{id}/insights`): builds the
 * query, sends it through a {@link Transport} and checks every row with zod.
 *
 * Array parameters go out in the `name[]=` form, and time windows and filters as JSON text, as
 * the API expects. The rows are read loosely because the API documents only part of their
 * shape: unknown fields pass, and ids, labels and metrics may be missing.
 */
import { z } from "zod";
import { ThradResponseFormatError } from "./errors";
import type { ApiRequest, Transport } from "./transport";

/** Entity levels, from the whole ad account down to single ads. */
export const insightsLevels = ["ad_account", "campaign", "ad_group", "ad"] as const;
export type InsightsLevel = (typeof insightsLevels)[number];

/** Row periods: UTC hours, UTC days, calendar months, or one row for the whole window. */
export const insightsGranularities = ["hourly", "daily", "monthly", "none"] as const;
export type InsightsGranularity = (typeof insightsGranularities)[number];

/** Metrics the API reports. */
export const insightsMetrics = ["impressions", "clicks", "spend", "ctr", "cpc", "cpm"] as const;
export type InsightsMetric = (typeof insightsMetrics)[number];

/** Filter operators: `IN` takes a list of strings, the comparisons take a number. */
export const insightsFilterOperators = ["IN", "GREATER_THAN", "LESS_THAN"] as const;
export type InsightsFilterOperator = (typeof insightsFilterOperators)[number];

/** Maximum window the API accepts, in seconds (366 days). */
export const maxWindowSeconds = 366 * 86_400;
/** Maximum window the API accepts with hourly rows, in seconds (25 hours). */
export const maxHourlyWindowSeconds = 25 * 3600;

/** The entity a report covers. */
export type InsightsScope =
  { level: "ad_account" } | { level: "campaign" | "ad_group" | "ad"; id: string };

/** A time window `[start, end)` in Unix seconds, UTC. */
export interface InsightsWindow {
  start: number;
  end: number;
}

/** A row filter, sent as `{ field, operator, value }`; several filters all apply. */
export interface InsightsFilter {
  field: string;
  operator: InsightsFilterOperator;
  value: string[] | number;
}

/** A checked insights request. Omitted parts take the API's defaults. */
export interface InsightsQuery {
  scope: InsightsScope;
  granularity?: InsightsGranularity;
  aggregationLevel?: InsightsLevel;
  windows?: InsightsWindow[];
  fields?: InsightsMetric[];
  filters?: InsightsFilter[];
}

/**
 * One report row: the metrics of one entity over one period. A metric is absent when it was not
 * requested and `null` when it cannot be calculated, such as `ctr` without impressions.
 */
export interface InsightsRow {
  /** Start of the period, inclusive, in Unix seconds (UTC). */
  startTime: number;
  /** End of the period, exclusive, in Unix seconds (UTC). */
  endTime: number;
  /**
   * Label of the period in UTC: `YYYY-MM-DDTHH` for hours, `YYYY-MM-DD` for days, `YYYY-MM` for
   * months. Absent with granularity `none`.
   */
  readableTime?: string;
  /** Time zone of the period boundaries; the API reports in UTC. */
  timezone?: string;
  /** Ad account of the row, on account-level rows. */
  adAccountId?: string;
  /** Campaign of the row, on campaign, ad group and ad rows. */
  campaignId?: string;
  /** Ad group of the row, on ad group and ad rows. */
  adGroupId?: string;
  /** Ad of the row, on ad rows. */
  adId?: string;
  /** Times an ad was shown (a count). */
  impressions?: number | null;
  /** Clicks on an ad (a count). */
  clicks?: number | null;
  /** Money spent, in US dollars (a float, for example `0.7`). */
  spend?: number | null;
  /** Click-through rate: clicks divided by impressions, a fraction (`0.1` is 10%). */
  ctr?: number | null;
  /** Cost per click, in US dollars. */
  cpc?: number | null;
  /** Cost per 1000 impressions, in US dollars. */
  cpm?: number | null;
}

const maxPages = 100;

// Numbers may come as JSON numbers or as numeric strings; both are read as numbers.
const metricValue = z
  .union([
    z.number(),
    z
      .string()
      .regex(/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/)
      .transform(Number),
  ])
  .nullish();
const optionalText = z.string().nullish();

/** Schema of one row as the API sends it. */
export const insightsRowSchema = z.looseObject({
  start_time: z.number().int(),
  end_time: z.number().int(),
  readable_time: optionalText,
  timezone: optionalText,
  ad_account_id: optionalText,
  campaign_id: optionalText,
  ad_group_id: optionalText,
  ad_id: optionalText,
  impressions: metricValue,
  clicks: metricValue,
  spend: metricValue,
  ctr: metricValue,
  cpc: metricValue,
  cpm: metricValue,
});

const insightsPageSchema = z.looseObject({
  data: z.array(insightsRowSchema),
  has_more: z.boolean().nullish(),
  last_id: z.string().nullish(),
});

/** Path of the insights endpoint of a scope, relative to the versioned base URL. */
export function insightsPath(scope: InsightsScope): string {
  if (scope.level === "ad_account") return "/ad_account/insights";
  let collection = "ads";
  if (scope.level === "campaign") collection = "campaigns";
  if (scope.level === "ad_group") collection = "ad_groups";
  return `/${collection}/${encodeURIComponent(scope.id)}/insights`;
}

/** Query parameters of a request, in the order the API documents them. */
export function insightsParams(query: InsightsQuery, after?: string): URLSearchParams {
  const params = new URLSearchParams();
  if (query.granularity !== undefined) params.append("time_granularity", query.granularity);
  if (query.aggregationLevel !== undefined) {
    params.append("aggregation_level", query.aggregationLevel);
  }
  for (const window of query.windows ?? []) {
    const range = { type: "unix_range", start: window.start, end: window.end };
    params.append("time_ranges[]", JSON.stringify(range));
  }
  for (const field of query.fields ?? []) params.append("fields[]", field);
  for (const filter of query.filters ?? []) params.append("filters[]", JSON.stringify(filter));
  if (after !== undefined) params.append("after", after);
  return params;
}

/**
 * Fetches every row of a report, following `after` cursors for at most 100 pages. Throws the
 * client's typed errors: `ThradApiError` and its subclasses for API errors, and
 * `ThradResponseFormatError` when a page does not have the expected shape.
 */
/** Groups URL parameters by name, so a repeated `name[]` becomes an array value. */
function queryRecord(params: URLSearchParams): Record<string, string | readonly string[]> {
  const record: Record<string, string | string[]> = {};
  for (const name of new Set(params.keys())) {
    const values = params.getAll(name);
    record[name] = name.endsWith("[]") ? values : (values[0] ?? "");
  }
  return record;
}

export async function fetchInsights(
  transport: Transport,
  query: InsightsQuery,
): Promise<InsightsRow[]> {
  const rows: InsightsRow[] = [];
  let after: string | undefined;
  for (let page = 0; page < maxPages; page += 1) {
    const apiRequest: ApiRequest = {
      method: "GET",
      path: insightsPath(query.scope),
      query: queryRecord(insightsParams(query, after)),
    };
    const response = await transport.send(apiRequest);
    const parsed = insightsPageSchema.safeParse(response.body);
    if (!parsed.success) throw formatError(query.scope, parsed.error);

    rows.push(...parsed.data.data.map(toInsightsRow));
    if (parsed.data.has_more !== true || !parsed.data.last_id) return rows;
    after = parsed.data.last_id;
  }
  throw new ThradResponseFormatError(
    `GET ${insightsPath(query.scope)} still had more pages after ${maxPages}`,
    200,
  );
}

type ApiRow = z.infer<typeof insightsRowSchema>;

/** Converts an API row to camelCase names, leaving out what the API left out. */
export function toInsightsRow(apiRow: ApiRow): InsightsRow {
  const row: InsightsRow = { startTime: apiRow.start_time, endTime: apiRow.end_time };
  setText(row, "readableTime", apiRow.readable_time);
  setText(row, "timezone", apiRow.timezone);
  setText(row, "adAccountId", apiRow.ad_account_id);
  setText(row, "campaignId", apiRow.campaign_id);
  setText(row, "adGroupId", apiRow.ad_group_id);
  setText(row, "adId", apiRow.ad_id);
  for (const metric of insightsMetrics) {
    const value = apiRow[metric];
    if (value !== undefined) row[metric] = value;
  }
  return row;
}

type TextKey = "readableTime" | "timezone" | "adAccountId" | "campaignId" | "adGroupId" | "adId";

function setText(row: InsightsRow, key: TextKey, value: string | null | undefined): void {
  if (typeof value === "string") row[key] = value;
}

function formatError(scope: InsightsScope, error: z.ZodError): ThradResponseFormatError {
  const problems = error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`)
    .join("; ");
  return new ThradResponseFormatError(
    `GET ${insightsPath(scope)} returned an unexpected body: ${problems}`,
    200,
  );
}
