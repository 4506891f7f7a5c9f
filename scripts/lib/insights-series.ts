/**
 * The numbers of a campaign report as the insights command shows them: one point per row
 * period, totals, and the text forms of dollars and percentages.
 */
import type { InsightsRow } from "../../sdk/insights";

/** One period of a report with the metrics the command shows. */
export interface InsightsPoint {
  /** Period label: `YYYY-MM-DD`, `YYYY-MM-DDTHH`, `YYYY-MM` or a date span. */
  label: string;
  impressions: number;
  clicks: number;
  /** US dollars. */
  spend: number;
  /** Clicks per impression as a fraction, or `null` without impressions. */
  ctr: number | null;
}

/** Converts report rows to points in row order; missing counts read as 0. */
export function pointsFromRows(rows: readonly InsightsRow[]): InsightsPoint[] {
  return rows.map((row) => {
    const impressions = row.impressions ?? 0;
    const clicks = row.clicks ?? 0;
    // The API's ctr is used when present, and it equals clicks / impressions anyway.
    let ctr = row.ctr ?? null;
    if (row.ctr === undefined && impressions > 0) ctr = clicks / impressions;
    return {
      label: row.readableTime ?? spanLabel(row.startTime, row.endTime),
      impressions,
      clicks,
      spend: row.spend ?? 0,
      ctr,
    };
  });
}

/** Sums the points; the total ctr is total clicks over total impressions. */
export function totalOf(points: readonly InsightsPoint[]): InsightsPoint {
  const impressions = points.reduce((sum, point) => sum + point.impressions, 0);
  const clicks = points.reduce((sum, point) => sum + point.clicks, 0);
  const spend = points.reduce((sum, point) => sum + point.spend, 0);
  return {
    label: "Total",
    impressions,
    clicks,
    spend,
    ctr: impressions === 0 ? null : clicks / impressions,
  };
}

/** Formats dollars with two decimals and thousands separators, without the sign. */
export function formatDollars(amount: number): string {
  return amount.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** Formats a fraction as a percentage with two decimals; `null` becomes "-". */
export function formatPercent(fraction: number | null): string {
  return fraction === null ? "-" : `${(fraction * 100).toFixed(2)}%`;
}

/** Formats a count with thousands separators. */
export function formatCount(count: number): string {
  return count.toLocaleString("en-US");
}

/** Formats a Unix-seconds moment as `YYYY-MM-DD HH:MM` UTC. */
export function formatUtc(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 16).replace("T", " ");
}

function spanLabel(start: number, end: number): string {
  return `${formatUtc(start)} to ${formatUtc(end)}`;
}
