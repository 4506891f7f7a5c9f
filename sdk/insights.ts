/**
 * Delivery reports (impressions, clicks, spend and ratios) for the ad account, a campaign, an
 * ad group or an ad. Every option is checked before any request is sent, and an invalid option
 * raises {@link InsightsOptionError} naming it. Each function opens its own connection and
 * closes it before it returns.
 */
import * as pulumi from "@pulumi/pulumi";
import {
  fetchInsights,
  insightsFilterOperators,
  insightsGranularities,
  insightsLevels,
  insightsMetrics,
  maxHourlyWindowSeconds,
  maxWindowSeconds,
  type InsightsFilter,
  type InsightsGranularity,
  type InsightsLevel,
  type InsightsMetric,
  type InsightsQuery,
  type InsightsRow,
  type InsightsScope,
  type InsightsWindow,
} from "../provider/client/insights";
import { Transport } from "../provider/client/transport";
import { baseUrlProblem, defaultBaseUrl } from "../provider/config";

export type {
  InsightsFilter,
  InsightsFilterOperator,
  InsightsGranularity,
  InsightsLevel,
  InsightsMetric,
  InsightsRow,
} from "../provider/client/insights";

/** A moment: a `Date`, or integer Unix seconds (UTC). Milliseconds are rejected. */
export type InsightsTime = Date | number;

/** A report window from `start` (inclusive) to `end` (exclusive). */
export interface InsightsTimeRange {
  start: InsightsTime;
  end: InsightsTime;
}

/** Connection settings: the API key and the base URL. */
export interface InsightsConnectionOptions {
  /** Secret API key (`ak_...`); default: the `THRAD_ADS_API_KEY` environment variable. */
  apiKey?: string;
  /**
   * Versioned base URL; default: `THRAD_BASE_URL`, else `https://api.thrad.ai/v1`. It must use
   * https, except on loopback addresses such as `http://127.0.0.1:8787/v1`.
   */
  baseUrl?: string;
}

/** Report options, each of them optional, plus the connection settings. */
export interface InsightsOptions extends InsightsConnectionOptions {
  /** Row period; default `daily`. `hourly` needs a `timeRange` of at most 25 hours. */
  granularity?: InsightsGranularity;
  /** Metrics to return; default `impressions`, `clicks` and `spend`. */
  fields?: InsightsMetric[];
  /**
   * Entity per row; default the function's own level. It may be deeper but not higher, so
   * `ad` on a campaign gives one row per ad of the campaign.
   */
  aggregationLevel?: InsightsLevel;
  /**
   * Window of the report, at most 366 days (25 hours with hourly rows). Default: the API's
   * trailing 30 days. Set this or `timeRanges`, not both.
   */
  timeRange?: InsightsTimeRange;
  /** Several windows; the rows of each window follow those of the one before. */
  timeRanges?: InsightsTimeRange[];
  /**
   * Row filters, all of which must match. `IN` takes a list of strings (for example
   * `{ field: "ad.status", operator: "IN", value: ["active"] }`); `GREATER_THAN` and
   * `LESS_THAN` take a number and compare a metric in its unit (dollars, fraction).
   */
  filters?: InsightsFilter[];
}

/** An insights option that is invalid; nothing was sent to the API. */
export class InsightsOptionError extends Error {
  override readonly name = "InsightsOptionError";
  /** Path of the option, for example `timeRange.end` or `filters[1].operator`. */
  readonly option: string;

  constructor(option: string, problem: string) {
    super(`Invalid insights option ${option}: ${problem}`);
    this.option = option;
  }
}

/** Reports on the whole ad account. Rows come in period order. */
export function getAccountInsights(options: InsightsOptions = {}): Promise<InsightsRow[]> {
  return runReport({ level: "ad_account" }, options);
}

/** Reports on one campaign, or on its ad groups or ads with a deeper `aggregationLevel`. */
export function getCampaignInsights(
  campaignId: string,
  options: InsightsOptions = {},
): Promise<InsightsRow[]> {
  return runReport({ level: "campaign", id: campaignId }, options);
}

/** Reports on one ad group, or on its ads with `aggregationLevel: "ad"`. */
export function getAdGroupInsights(
  adGroupId: string,
  options: InsightsOptions = {},
): Promise<InsightsRow[]> {
  return runReport({ level: "ad_group", id: adGroupId }, options);
}

/** Reports on one ad. */
export function getAdInsights(adId: string, options: InsightsOptions = {}): Promise<InsightsRow[]> {
  return runReport({ level: "ad", id: adId }, options);
}

/** {@link getAccountInsights} as a Pulumi output, for use in a Pulumi program. */
export function getAccountInsightsOutput(
  options: InsightsOptions = {},
): pulumi.Output<InsightsRow[]> {
  return pulumi.output(getAccountInsights(options));
}

/**
 * {@link getCampaignInsights} for a campaign id that may not be known yet, such as
 * `campaign.id`.
 */
export function getCampaignInsightsOutput(
  campaignId: pulumi.Input<string>,
  options: InsightsOptions = {},
): pulumi.Output<InsightsRow[]> {
  return pulumi.output(campaignId).apply((id) => getCampaignInsights(id, options));
}

/** {@link getAdGroupInsights} for an ad group id that may not be known yet. */
export function getAdGroupInsightsOutput(
  adGroupId: pulumi.Input<string>,
  options: InsightsOptions = {},
): pulumi.Output<InsightsRow[]> {
  return pulumi.output(adGroupId).apply((id) => getAdGroupInsights(id, options));
}

/** {@link getAdInsights} for an ad id that may not be known yet. */
export function getAdInsightsOutput(
  adId: pulumi.Input<string>,
  options: InsightsOptions = {},
): pulumi.Output<InsightsRow[]> {
  return pulumi.output(adId).apply((id) => getAdInsights(id, options));
}

async function runReport(scope: InsightsScope, options: InsightsOptions): Promise<InsightsRow[]> {
  const query = checkQuery(scope, options);
  const transport = new Transport(resolveConnection(options));
  try {
    return await fetchInsights(transport, query);
  } finally {
    await transport.close();
  }
}

const knownOptions = new Set([
  "apiKey",
  "baseUrl",
  "granularity",
  "fields",
  "aggregationLevel",
  "timeRange",
  "timeRanges",
  "filters",
]);

/** Checks every option and returns the request to send; throws {@link InsightsOptionError}. */
function checkQuery(scope: InsightsScope, options: InsightsOptions): InsightsQuery {
  if (typeof options !== "object" || options === null) {
    throw new InsightsOptionError("options", "must be an object");
  }
  for (const key of Object.keys(options)) {
    if (!knownOptions.has(key)) {
      throw new InsightsOptionError(key, `is not an option; use ${[...knownOptions].join(", ")}`);
    }
  }
  if (scope.level !== "ad_account" && (typeof scope.id !== "string" || scope.id.trim() === "")) {
    throw new InsightsOptionError(idOptionName(scope.level), "must be a non-empty id string");
  }

  const query: InsightsQuery = { scope };
  const granularity = oneOf("granularity", options.granularity, insightsGranularities);
  if (granularity !== undefined) query.granularity = granularity;
  const level = oneOf("aggregationLevel", options.aggregationLevel, insightsLevels);
  if (level !== undefined) {
    if (insightsLevels.indexOf(level) < insightsLevels.indexOf(scope.level)) {
      throw new InsightsOptionError(
        "aggregationLevel",
        `"${level}" is above this report's level "${scope.level}"; use "${scope.level}" or a ` +
          "deeper level",
      );
    }
    query.aggregationLevel = level;
  }
  if (options.fields !== undefined) query.fields = checkFields(options.fields);
  const windows = checkWindows(options, granularity ?? "daily");
  if (windows !== undefined) query.windows = windows;
  if (options.filters !== undefined) query.filters = checkFilters(options.filters);
  return query;
}

function idOptionName(level: Exclude<InsightsLevel, "ad_account">): string {
  if (level === "campaign") return "campaignId";
  return level === "ad_group" ? "adGroupId" : "adId";
}

function oneOf<T extends string>(option: string, value: unknown, allowed: readonly T[]) {
  if (value === undefined) return undefined;
  const match = allowed.find((candidate) => candidate === value);
  if (match === undefined) {
    throw new InsightsOptionError(
      option,
      `must be one of ${allowed.join(", ")} (got ${JSON.stringify(value)})`,
    );
  }
  return match;
}

function checkFields(fields: unknown): InsightsMetric[] {
  if (!Array.isArray(fields) || fields.length === 0) {
    const allowed = insightsMetrics.join(", ");
    throw new InsightsOptionError("fields", `must be a non-empty list of ${allowed}`);
  }
  const checked: InsightsMetric[] = [];
  fields.forEach((field: unknown, index) => {
    const metric = oneOf(`fields[${index}]`, field, insightsMetrics) as InsightsMetric;
    if (!checked.includes(metric)) checked.push(metric);
  });
  return checked;
}

function checkWindows(
  options: InsightsOptions,
  granularity: InsightsGranularity,
): InsightsWindow[] | undefined {
  if (options.timeRange !== undefined && options.timeRanges !== undefined) {
    throw new InsightsOptionError("timeRanges", "set either timeRange or timeRanges, not both");
  }
  if (options.timeRanges !== undefined && !Array.isArray(options.timeRanges)) {
    throw new InsightsOptionError("timeRanges", "must be a list of { start, end } ranges");
  }
  const ranges: Array<[string, unknown]> =
    options.timeRanges !== undefined
      ? options.timeRanges.map((range, index) => [`timeRanges[${index}]`, range])
      : options.timeRange !== undefined
        ? [["timeRange", options.timeRange]]
        : [];
  if (options.timeRanges !== undefined && ranges.length === 0) {
    throw new InsightsOptionError("timeRanges", "must contain at least one range");
  }
  if (ranges.length === 0) {
    if (granularity === "hourly") {
      // The API's default window is 30 days, longer than hourly rows allow.
      throw new InsightsOptionError(
        "timeRange",
        "is required with hourly granularity and may span at most 25 hours",
      );
    }
    return undefined;
  }
  return ranges.map(([option, range]) => checkWindow(option, range, granularity));
}

function checkWindow(option: string, range: unknown, granularity: InsightsGranularity) {
  if (typeof range !== "object" || range === null) {
    throw new InsightsOptionError(option, "must be an object { start, end }");
  }
  const { start, end } = range as Record<string, unknown>;
  const window = {
    start: toUnixSeconds(`${option}.start`, start),
    end: toUnixSeconds(`${option}.end`, end),
  };
  const span = window.end - window.start;
  if (span <= 0) {
    throw new InsightsOptionError(
      `${option}.end`,
      `must be after ${option}.start (start ${isoTime(window.start)}, end ${isoTime(window.end)})`,
    );
  }
  if (span > maxWindowSeconds) {
    throw new InsightsOptionError(option, `spans ${days(span)} days, but the maximum is 366 days`);
  }
  if (granularity === "hourly" && span > maxHourlyWindowSeconds) {
    throw new InsightsOptionError(
      option,
      `spans ${(span / 3600).toFixed(1)} hours, but hourly rows allow at most 25 hours`,
    );
  }
  return window;
}

/** Converts a Date or integer Unix seconds to Unix seconds, rounding a Date down. */
function toUnixSeconds(option: string, value: unknown): number {
  if (value instanceof Date) {
    const milliseconds = value.getTime();
    if (Number.isNaN(milliseconds)) throw new InsightsOptionError(option, "is an invalid Date");
    return Math.floor(milliseconds / 1000);
  }
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new InsightsOptionError(
      option,
      `must be a Date or integer Unix seconds (got ${JSON.stringify(value)})`,
    );
  }
  // Unix seconds pass 1e11 only in the year 5138, so such a value is almost surely milliseconds.
  if (value > 1e11) {
    throw new InsightsOptionError(
      option,
      `${value} looks like milliseconds, so divide it by 1000 to pass Unix seconds`,
    );
  }
  return value;
}

function checkFilters(filters: unknown): InsightsFilter[] {
  if (!Array.isArray(filters)) {
    throw new InsightsOptionError("filters", "must be a list of { field, operator, value }");
  }
  return filters.map((filter: unknown, index) => checkFilter(`filters[${index}]`, filter));
}

function checkFilter(option: string, filter: unknown): InsightsFilter {
  if (typeof filter !== "object" || filter === null) {
    throw new InsightsOptionError(option, "must be an object { field, operator, value }");
  }
  const { field, operator, value } = filter as Record<string, unknown>;
  if (typeof field !== "string" || field.trim() === "") {
    throw new InsightsOptionError(`${option}.field`, "must be a non-empty field name");
  }
  const checkedOperator = oneOf(`${option}.operator`, operator, insightsFilterOperators);
  if (checkedOperator === undefined) {
    throw new InsightsOptionError(`${option}.operator`, "is missing");
  }

  const isMetric = insightsMetrics.some((metric) => metric === field.split(".").pop());
  if (checkedOperator === "IN") {
    if (isMetric) {
      throw new InsightsOptionError(
        `${option}.operator`,
        `metric "${field}" takes GREATER_THAN or LESS_THAN`,
      );
    }
    if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === "string")) {
      throw new InsightsOptionError(`${option}.value`, "must be a non-empty list of strings");
    }
    return { field, operator: checkedOperator, value: [...(value as string[])] };
  }
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new InsightsOptionError(`${option}.value`, `must be a number for ${checkedOperator}`);
  }
  return { field, operator: checkedOperator, value };
}

/** Resolves key and base URL: explicit options first, then the environment. */
function resolveConnection(
  options: InsightsConnectionOptions,
  env: NodeJS.ProcessEnv = process.env,
): { apiKey: string; baseUrl: string } {
  const apiKey = nonEmpty(options.apiKey) ?? nonEmpty(env["THRAD_ADS_API_KEY"]);
  if (apiKey === undefined) {
    throw new InsightsOptionError(
      "apiKey",
      "is missing. Pass apiKey or set the THRAD_ADS_API_KEY environment variable",
    );
  }
  const baseUrl = nonEmpty(options.baseUrl) ?? nonEmpty(env["THRAD_BASE_URL"]) ?? defaultBaseUrl;
  const problem = baseUrlProblem(baseUrl);
  if (problem !== undefined) {
    throw new InsightsOptionError("baseUrl", `${problem} (set by baseUrl or THRAD_BASE_URL)`);
  }
  return { apiKey, baseUrl };
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

function isoTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

function days(seconds: number): string {
  return (seconds / 86_400).toFixed(1);
}
