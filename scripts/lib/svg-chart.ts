/**
 * Column charts as inline SVG markup: bars, a y axis with three gridlines and a few x-axis
 * labels. The markup needs no script, font or file from elsewhere.
 */
import type { ChartValue } from "./text-chart";

export interface SvgChartOptions {
  /** Fill color of the bars, as CSS text such as `#2563eb`. */
  color: string;
  /** Text of a value on the y axis and in the bar tooltips. */
  formatValue: (value: number) => string;
  /** Size of the drawing in CSS pixels; default 1100 by 260. */
  width?: number;
  height?: number;
}

const margin = { top: 16, right: 16, bottom: 36, left: 80 };
const maxXLabels = 8;

/** Draws a column chart with an accessible title; values below 0 are drawn as 0. */
export function renderSvgChart(
  title: string,
  values: readonly ChartValue[],
  options: SvgChartOptions,
): string {
  const width = options.width ?? 1100;
  const height = options.height ?? 260;
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const max = Math.max(0, ...values.map((entry) => entry.value));
  const slot = values.length === 0 ? plotWidth : plotWidth / values.length;
  const barWidth = Math.max(1, slot * 0.75);
  const bottom = margin.top + plotHeight;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${height}" ` +
      `viewBox="0 0 ${width} ${height}">`,
    `<title>${escapeXml(title)}</title>`,
  ];
  for (const fraction of [0, 0.5, 1]) {
    const y = round(bottom - fraction * plotHeight);
    parts.push(
      `<line x1="${margin.left}" y1="${y}" x2="${width - margin.right}" y2="${y}" ` +
        `stroke="#d4d4d8" stroke-width="1"/>`,
      `<text x="${margin.left - 8}" y="${y + 4}" text-anchor="end" font-size="12" ` +
        `fill="#3f3f46">${escapeXml(options.formatValue(max * fraction))}</text>`,
    );
  }
  values.forEach((entry, index) => {
    const barHeight = max > 0 ? (Math.max(0, entry.value) / max) * plotHeight : 0;
    const x = round(margin.left + index * slot + (slot - barWidth) / 2);
    parts.push(
      `<rect x="${x}" y="${round(bottom - barHeight)}" width="${round(barWidth)}" ` +
        `height="${round(barHeight)}" fill="${escapeXml(options.color)}">` +
        `<title>${escapeXml(`${entry.label}: ${options.formatValue(entry.value)}`)}</title></rect>`,
    );
  });
  // Every step-th bar is labelled, and always the last one, so the chart shows where it ends.
  // A regular label closer than one step to the last would overlap it, so it is left out.
  const step = Math.max(1, Math.ceil(values.length / maxXLabels));
  const last = values.length - 1;
  values.forEach((entry, index) => {
    const labelled = index === last || (index % step === 0 && last - index >= step);
    if (!labelled) return;
    const x = round(margin.left + (index + 0.5) * slot);
    parts.push(
      `<text x="${x}" y="${bottom + 20}" text-anchor="middle" font-size="12" fill="#3f3f46">` +
        `${escapeXml(entry.label)}</text>`,
    );
  });
  parts.push(
    `<line x1="${margin.left}" y1="${bottom}" x2="${width - margin.right}" y2="${bottom}" ` +
      `stroke="#52525b" stroke-width="1"/>`,
    "</svg>",
  );
  return parts.join("\n");
}

/** Escapes text for XML and HTML content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
