import type { Granularity, TimeWindow } from "./query";

/** One row period: `[start, end)` clipped to its window, with the label of the full period. */
export interface Bucket extends TimeWindow {
  readableTime: string | undefined;
}

/**
 * Splits a window into UTC hours, UTC days or calendar months. The first and last period
 * are clipped to the window. `none` gives the whole window as one period without a label.
 */
export function splitWindow(window: TimeWindow, granularity: Granularity): Bucket[] {
  if (granularity === "none") return [{ ...window, readableTime: undefined }];

  const buckets: Bucket[] = [];
  let periodStart = alignStart(window.start, granularity);
  while (periodStart < window.end) {
    const periodEnd = nextStart(periodStart, granularity);
    buckets.push({
      start: Math.max(periodStart, window.start),
      end: Math.min(periodEnd, window.end),
      readableTime: label(periodStart, granularity),
    });
    periodStart = periodEnd;
  }
  return buckets;
}

function alignStart(at: number, granularity: Exclude<Granularity, "none">): number {
  if (granularity === "hourly") return Math.floor(at / 3600) * 3600;
  if (granularity === "daily") return Math.floor(at / 86_400) * 86_400;
  const date = new Date(at * 1000);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / 1000;
}

function nextStart(at: number, granularity: Exclude<Granularity, "none">): number {
  if (granularity === "hourly") return at + 3600;
  if (granularity === "daily") return at + 86_400;
  const date = new Date(at * 1000);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / 1000;
}

function label(at: number, granularity: Exclude<Granularity, "none">): string {
  const iso = new Date(at * 1000).toISOString();
  if (granularity === "hourly") return iso.slice(0, 13);
  if (granularity === "daily") return iso.slice(0, 10);
  return iso.slice(0, 7);
}
