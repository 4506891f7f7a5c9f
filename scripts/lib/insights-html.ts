/**
 * The HTML page of the insights command: both charts as inline SVG and the report table. The
 * page is one file with no script, and its Content-Security-Policy blocks every network load.
 */
import { formatCount, formatDollars, totalOf, type InsightsPoint } from "./insights-series";
import { tableCells, tableHeadings } from "./insights-table";
import { escapeXml, renderSvgChart } from "./svg-chart";

/** Report facts shown in the page header. */
export interface ReportHeader {
  campaignId: string;
  granularity: string;
  /** Window in Unix seconds, UTC. */
  start: number;
  end: number;
  /** Moment the report was made, in Unix seconds. */
  generatedAt: number;
}

const spendColor = "#2563eb";
const clicksColor = "#ea580c";

/** Renders the whole page as HTML text. */
export function renderInsightsPage(header: ReportHeader, points: readonly InsightsPoint[]): string {
  const total = totalOf(points);
  const spendChart = renderSvgChart(
    "Spend in US dollars per period",
    points.map((point) => ({ label: point.label, value: point.spend })),
    { color: spendColor, formatValue: (value) => `$${formatDollars(value)}` },
  );
  const clicksChart = renderSvgChart(
    "Clicks per period",
    points.map((point) => ({ label: point.label, value: point.clicks })),
    { color: clicksColor, formatValue: (value) => formatCount(Math.round(value)) },
  );
  const headRow = tableHeadings.map((heading) => `<th>${escapeXml(heading)}</th>`).join("");
  const bodyRows = points.map((point) => tableRow(tableCells(point), "td")).join("\n");
  const totalRow = tableRow(tableCells(total), "th");

  return (
    `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Thrad insights for campaign ${escapeXml(header.campaignId)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 24px; color: #18181b; background: #ffffff; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 24px 0 8px; }
p.meta { color: #52525b; margin: 0; }
.summary span { display: inline-block; margin-right: 24px; font-weight: 600; }
table { border-collapse: collapse; margin-top: 8px; }
th, td { padding: 4px 12px; border-bottom: 1px solid #e4e4e7; text-align: right; }
th:first-child, td:first-child { text-align: left; }
thead th { background: #f4f4f5; }
tfoot th { border-top: 2px solid #52525b; }
</style>
</head>
<body>
<h1>Campaign ${escapeXml(header.campaignId)}</h1>
<p class="meta">${escapeXml(describeWindow(header))}</p>
<p class="summary"><span>Spend $${escapeXml(formatDollars(total.spend))}</span>` +
    `<span>Clicks ${escapeXml(formatCount(total.clicks))}</span>` +
    `<span>Impressions ${escapeXml(formatCount(total.impressions))}</span></p>
<h2 style="color: ${spendColor}">Spend ($)</h2>
${spendChart}
<h2 style="color: ${clicksColor}">Clicks</h2>
${clicksChart}
<h2>Rows</h2>
<table>
<thead><tr>${headRow}</tr></thead>
<tbody>
${bodyRows}
</tbody>
<tfoot>${totalRow}</tfoot>
</table>
</body>
</html>
`
  );
}

function tableRow(cells: readonly string[], tag: "td" | "th"): string {
  return `<tr>${cells.map((cell) => `<${tag}>${escapeXml(cell)}</${tag}>`).join("")}</tr>`;
}

function describeWindow(header: ReportHeader): string {
  const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
  const granularity = header.granularity.charAt(0).toUpperCase() + header.granularity.slice(1);
  return (
    `${granularity} rows from ${iso(header.start)} to ${iso(header.end)}, ` +
    `made ${iso(header.generatedAt)}. Money in US dollars; CTR is clicks per impression.`
  );
}
