import { ApiError, invalidValue } from "../api-error";

export type Granularity = "hourly" | "daily" | "monthly" | "none";
export type Level = "ad_account" | "campaign" | "ad_group" | "ad";
export type Metric = "impressions" | "clicks" | "spend" | "ctr" | "cpc" | "cpm";
export type Supply = "all" | "thrad" | "chatgpt" | "split";

export const GRANULARITIES: readonly Granularity[] = ["hourly", "daily", "monthly", "none"];
export const LEVELS: readonly Level[] = ["ad_account", "campaign", "ad_group", "ad"];
export const METRICS: readonly Metric[] = ["impressions", "clicks", "spend", "ctr", "cpc", "cpm"];
export const SUPPLIES: readonly Supply[] = ["all", "thrad", "chatgpt", "split"];
const DEFAULT_METRICS: readonly Metric[] = ["impressions", "clicks", "spend"];

const HOUR = 3600;
const DAY = 86_400;
const MAX_WINDOW_SECONDS = 366 * DAY;
const MAX_HOURLY_WINDOW_SECONDS = 25 * HOUR;
const MAX_WINDOWS = 10;

/** A time window `[start, end)` in Unix seconds. */
export interface TimeWindow {
  start: number;
  end: number;
}

/** A row filter: an id or status list that selects ads, or a bound on a metric of a row. */
export type InsightsFilter =
  | { kind: "id"; level: Exclude<Level, "ad_account">; values: string[] }
  | { kind: "status"; level: Exclude<Level, "ad_account">; values: string[] }
  | { kind: "metric"; metric: Metric; operator: "GREATER_THAN" | "LESS_THAN"; value: number };

export interface InsightsQuery {
  granularity: Granularity;
  level: Level;
  windows: TimeWindow[];
  metrics: Metric[];
  filters: InsightsFilter[];
  supply: Supply;
}

/** Reads the query string of an insights endpoint whose own level is `scope`. */
export function readInsightsQuery(
  query: URLSearchParams,
  scope: Level,
  now: number,
): InsightsQuery {
  const granularity = readEnumParam(query, "time_granularity", GRANULARITIES) ?? "daily";
  const level = readEnumParam(query, "aggregation_level", LEVELS) ?? scope;
  if (LEVELS.indexOf(level) < LEVELS.indexOf(scope)) {
    throw new ApiError(
      400,
      "aggregation_level_too_high",
      `aggregation_level '${level}' is above this endpoint's level '${scope}'; use '${scope}' ` +
        "or a deeper level.",
      "aggregation_level",
    );
  }

  return {
    granularity,
    level,
    windows: readWindows(arrayParam(query, "time_ranges"), granularity, now),
    metrics: readMetrics(arrayParam(query, "fields")),
    filters: arrayParam(query, "filters").map((raw, index) => readFilter(raw, index)),
    supply: readEnumParam(query, "supply", SUPPLIES) ?? "all",
  };
}

/** Returns the values of `name[]=` and of plain `name=`, in the order sent. */
function arrayParam(query: URLSearchParams, name: string): string[] {
  return [...query.getAll(`${name}[]`), ...query.getAll(name)];
}

function readEnumParam<T extends string>(
  query: URLSearchParams,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const match = allowed.find((candidate) => candidate === raw);
  if (match === undefined) {
    throw invalidValue(name, `${name} must be one of: ${allowed.join(", ")} (got '${raw}').`);
  }
  return match;
}

function readMetrics(raw: string[]): Metric[] {
  if (raw.length === 0) return [...DEFAULT_METRICS];

  const metrics: Metric[] = [];
  for (const entry of raw.flatMap((value) => value.split(","))) {
    const metric = metricName(entry.trim());
    if (metric === undefined) {
      throw new ApiError(
        400,
        "unknown_field",
        `Unknown insights field '${entry}'; use ${METRICS.join(", ")}.`,
        "fields",
      );
    }
    if (!metrics.includes(metric)) metrics.push(metric);
  }
  return metrics;
}

/** Accepts `impressions` and a level-prefixed form such as `ad.impressions`. */
function metricName(raw: string): Metric | undefined {
  const parts = raw.split(".");
  const name = parts.length === 2 && LEVELS.some((level) => level === parts[0]) ? parts[1] : raw;
  return METRICS.find((metric) => metric === name);
}

function readWindows(raw: string[], granularity: Granularity, now: number): TimeWindow[] {
  if (raw.length === 0) {
    // Trailing 30 days, or trailing 24 hours for hourly rows, which allow at most 25 hours.
    const span = granularity === "hourly" ? DAY : 30 * DAY;
    return [{ start: now - span, end: now }];
  }
  if (raw.length > MAX_WINDOWS) {
    throw invalidValue("time_ranges", `Send at most ${MAX_WINDOWS} time_ranges.`);
  }

  return raw.map((text, index) => {
    const param = `time_ranges[${index}]`;
    const window = parseWindow(parseJsonParam(text, param), param);
    if (window.end <= window.start) {
      throw new ApiError(400, "invalid_time_range", `${param} must end after it starts.`, param);
    }
    if (window.end - window.start > MAX_WINDOW_SECONDS) {
      throw new ApiError(400, "range_too_wide", `${param} is longer than 366 days.`, param);
    }
    if (granularity === "hourly" && window.end - window.start > MAX_HOURLY_WINDOW_SECONDS) {
      throw new ApiError(
        400,
        "hourly_range_too_wide",
        `${param} is longer than 25 hours, the maximum for hourly rows.`,
        param,
      );
    }
    return window;
  });
}

/**
 * Reads one window of three types: `unix_range {start, end}` in Unix seconds,
 * `hour_range {since, until}` as `YYYY-MM-DDTHH` and `date_range {since, until}` as
 * `YYYY-MM-DD`. `until` is inclusive for the hour and date forms. Only UTC is accepted.
 */
function parseWindow(value: unknown, param: string): TimeWindow {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalidValue(param, `${param} must be a JSON object.`);
  }
  const window = value as Record<string, unknown>;
  const timezone = window["timezone"];
  if (timezone !== undefined && timezone !== "UTC") {
    throw invalidValue(`${param}.timezone`, "The account timezone is UTC; only 'UTC' is accepted.");
  }

  const type = window["type"];
  if (type === "unix_range") {
    const start = window["start"];
    const end = window["end"];
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end)) {
      throw invalidValue(param, `${param} start and end must be integer Unix seconds.`);
    }
    return { start: start as number, end: end as number };
  }
  if (type === "hour_range") {
    const start = parseUtc(
      window["since"],
      /^\d{4}-\d{2}-\d{2}T\d{2}$/,
      ":00:00Z",
      `${param}.since`,
    );
    const until = parseUtc(
      window["until"],
      /^\d{4}-\d{2}-\d{2}T\d{2}$/,
      ":00:00Z",
      `${param}.until`,
    );
    return { start, end: until + HOUR };
  }
  if (type === "date_range") {
    const start = parseUtc(window["since"], /^\d{4}-\d{2}-\d{2}$/, "T00:00:00Z", `${param}.since`);
    const until = parseUtc(window["until"], /^\d{4}-\d{2}-\d{2}$/, "T00:00:00Z", `${param}.until`);
    return { start, end: until + DAY };
  }
  throw invalidValue(`${param}.type`, "type must be 'unix_range', 'hour_range' or 'date_range'.");
}

function parseUtc(raw: unknown, format: RegExp, suffix: string, param: string): number {
  const milliseconds = typeof raw === "string" && format.test(raw) ? Date.parse(raw + suffix) : NaN;
  if (Number.isNaN(milliseconds)) throw invalidValue(param, `${param} has the wrong format.`);
  return milliseconds / 1000;
}

function parseJsonParam(text: string, param: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidValue(param, `${param} must be a URL-encoded JSON object.`);
  }
}

const ID_FIELDS: Record<string, Exclude<Level, "ad_account">> = {
  campaign_id: "campaign",
  "campaign.id": "campaign",
  ad_group_id: "ad_group",
  "ad_group.id": "ad_group",
  ad_id: "ad",
  "ad.id": "ad",
};
const STATUS_FIELDS: Record<string, Exclude<Level, "ad_account">> = {
  "campaign.status": "campaign",
  "ad_group.status": "ad_group",
  "ad.status": "ad",
};

/**
 * Reads one filter. Allowed fields: entity ids (`campaign.id` or `campaign_id`, and the
 * same for ad groups and ads) and statuses (`campaign.status`, ...) with `IN`, and metrics
 * with `GREATER_THAN` or `LESS_THAN`.
 */
function readFilter(text: string, index: number): InsightsFilter {
  const param = `filters[${index}]`;
  const raw = parseJsonParam(text, param);
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw invalidValue(param, `${param} must be a JSON object.`);
  }
  const filter = raw as Record<string, unknown>;
  const field = typeof filter["field"] === "string" ? filter["field"] : "";
  const operator = filter["operator"];
  const value = filter["value"];

  const idLevel = ID_FIELDS[field];
  const statusLevel = STATUS_FIELDS[field];
  const metric = metricName(field);
  if (idLevel === undefined && statusLevel === undefined && metric === undefined) {
    throw new ApiError(400, "invalid_filter", `Unknown filter field '${field}'.`, `${param}.field`);
  }

  if (metric !== undefined) {
    if (operator !== "GREATER_THAN" && operator !== "LESS_THAN") {
      throw disallowedOperator(param, field, "GREATER_THAN or LESS_THAN");
    }
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw invalidValue(`${param}.value`, `${param}.value must be a number.`);
    }
    return { kind: "metric", metric, operator, value };
  }

  if (operator !== "IN") throw disallowedOperator(param, field, "IN");
  if (!Array.isArray(value) || !value.every((entry) => typeof entry === "string")) {
    throw invalidValue(`${param}.value`, `${param}.value must be an array of strings.`);
  }
  const level = (idLevel ?? statusLevel) as Exclude<Level, "ad_account">;
  return { kind: idLevel === undefined ? "status" : "id", level, values: value as string[] };
}

function disallowedOperator(param: string, field: string, allowed: string): ApiError {
  return new ApiError(
    400,
    "invalid_filter_operator",
    `Filter field '${field}' takes the operator ${allowed}.`,
    `${param}.operator`,
  );
}
