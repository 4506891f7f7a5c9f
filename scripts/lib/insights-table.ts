/** The report table of the insights command, as aligned text columns. */
import {
  formatCount,
  formatDollars,
  formatPercent,
  totalOf,
  type InsightsPoint,
} from "./insights-series";

/** Column headings with units, shared by the text table and the HTML page. */
export const tableHeadings = ["Period (UTC)", "Impressions", "Clicks", "Spend ($)", "CTR (%)"];

/** Cells of one table row, in the order of {@link tableHeadings}. */
export function tableCells(point: InsightsPoint): string[] {
  return [
    point.label,
    formatCount(point.impressions),
    formatCount(point.clicks),
    formatDollars(point.spend),
    formatPercent(point.ctr).replace("%", ""),
  ];
}

/** Renders the points and a total line as text; the first column is left-aligned. */
export function renderTextTable(points: readonly InsightsPoint[]): string[] {
  const body = points.map(tableCells);
  const total = tableCells(totalOf(points));
  const rows = [tableHeadings, ...body, total];
  const widths = tableHeadings.map((_, column) =>
    Math.max(...rows.map((cells) => (cells[column] ?? "").length)),
  );
  const format = (cells: readonly string[]) =>
    cells
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        return column === 0 ? cell.padEnd(width) : cell.padStart(width);
      })
      .join("  ");
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
  return [format(tableHeadings), rule, ...body.map(format), rule, format(total)];
}
