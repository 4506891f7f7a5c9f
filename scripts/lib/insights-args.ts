/** Command-line options of `npm run insights`, their help text and the report window. */
import { parseArgs } from "node:util";
import type { InsightsGranularity } from "../../sdk/insights";

export const helpText = `Usage: npm run insights -- --campaign ID [options]

Prints the delivery of one campaign as a table and as terminal charts of spend and clicks.

Options:
  --campaign ID        Campaign id (required).
  --granularity G      Row period: hourly, daily (default), monthly or none (one row for the
                       whole window). Periods are UTC hours, days and calendar months.
  --days N             Window length in whole UTC days, 1 to 366, counting the day of the end
                       as day 1; default 14. With hourly rows only --days 1 is allowed.
  --hours N            Window length in whole UTC hours, 1 to 8784, counting the hour of the
                       end as hour 1; default 24 with hourly rows (maximum 25 there).
  --end TIME           End of the window: YYYY-MM-DD (the end of that UTC day), an ISO 8601
                       time such as 2026-12-04T12:00:00Z, or Unix seconds; default now.
  --html FILE          Also write a self-contained HTML page with both charts and the table.
  --base-url URL       API base URL; default THRAD_BASE_URL, else https://api.thrad.ai/v1.
                       Plain http is allowed only for loopback addresses such as 127.0.0.1.
  --help               Show this text.

The API key comes from the THRAD_ADS_API_KEY environment variable; it is never printed.
Spend is in US dollars and CTR is the share of impressions that were clicked, in percent.
`;

/** A usage mistake; the command prints it with a pointer to --help. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** Options after parsing, with the window resolved to Unix seconds. */
export interface CommandOptions {
  help: boolean;
  campaignId: string;
  granularity: InsightsGranularity;
  start: number;
  end: number;
  htmlPath: string | undefined;
  baseUrl: string | undefined;
}

const granularities: readonly InsightsGranularity[] = ["hourly", "daily", "monthly", "none"];
const hour = 3600;
const day = 86_400;

/** Parses the arguments; `now` is the current time in Unix seconds. Throws {@link UsageError}. */
export function parseCommandArgs(argv: readonly string[], now: number): CommandOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        campaign: { type: "string" },
        granularity: { type: "string" },
        days: { type: "string" },
        hours: { type: "string" },
        end: { type: "string" },
        html: { type: "string" },
        "base-url": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const base = { htmlPath: parsed.html, baseUrl: parsed["base-url"] };
  if (parsed.help === true) {
    return { help: true, campaignId: "", granularity: "daily", start: 0, end: 0, ...base };
  }

  const campaignId = parsed.campaign?.trim() ?? "";
  if (campaignId === "") throw new UsageError("--campaign ID is required");
  if (parsed.html !== undefined && parsed.html.trim() === "") {
    throw new UsageError("--html needs a file path");
  }
  const granularity = granularities.find((value) => value === (parsed.granularity ?? "daily"));
  if (granularity === undefined) {
    throw new UsageError(
      `--granularity must be one of ${granularities.join(", ")} (got "${parsed.granularity}")`,
    );
  }
  if (parsed.days !== undefined && parsed.hours !== undefined) {
    throw new UsageError("set either --days or --hours, not both");
  }

  const end = parsed.end === undefined ? now : parseEnd(parsed.end);
  const window = windowFor(granularity, end, parsed.days, parsed.hours);
  return { help: false, campaignId, granularity, ...window, ...base };
}

/**
 * Resolves the window. It starts at the beginning of a UTC day (or hour, for `--hours`) so the
 * rows cover whole periods, except that the last one ends at `end`.
 */
function windowFor(
  granularity: InsightsGranularity,
  end: number,
  daysText: string | undefined,
  hoursText: string | undefined,
): { start: number; end: number } {
  // The second before `end` names the last period, so an end at midnight closes the day before.
  const last = end - 1;
  if (hoursText !== undefined || (granularity === "hourly" && daysText === undefined)) {
    const hours = hoursText === undefined ? 24 : wholeNumber("--hours", hoursText, 1, 366 * 24);
    if (granularity === "hourly" && hours > 25) {
      throw new UsageError(`--hours ${hours} is too long for hourly rows, which allow at most 25`);
    }
    return { start: Math.floor(last / hour) * hour - (hours - 1) * hour, end };
  }

  const days = daysText === undefined ? 14 : wholeNumber("--days", daysText, 1, 366);
  if (granularity === "hourly" && days > 1) {
    throw new UsageError(
      `--days ${days} spans ${days * 24} hours, but hourly rows allow at most 25, so use --hours`,
    );
  }
  return { start: Math.floor(last / day) * day - (days - 1) * day, end };
}

function wholeNumber(flag: string, text: string, min: number, max: number): number {
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max} (got "${text}")`);
  }
  return value;
}

function parseEnd(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const midnight = Date.parse(`${text}T00:00:00Z`);
    if (!Number.isNaN(midnight)) return midnight / 1000 + day;
  } else if (/^\d{4}-\d{2}-\d{2}T/.test(text)) {
    const moment = Date.parse(text);
    if (!Number.isNaN(moment)) return Math.floor(moment / 1000);
  }
  throw new UsageError(
    `--end must be YYYY-MM-DD, an ISO 8601 time or Unix seconds (got "${text}")`,
  );
}
