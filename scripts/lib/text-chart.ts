/**
 * Column charts for a terminal, drawn with the Unicode eighth blocks (U+2581 to U+2588) so a
 * column can end at an eighth of a line. Each output line fits the requested width.
 */

/** One column: its x-axis label and its value (negative values are drawn as 0). */
export interface ChartValue {
  label: string;
  value: number;
}

export interface TextChartOptions {
  /** Maximum characters per line, axis labels included; default 100. */
  width?: number;
  /** Lines of the plot area; default 8. */
  height?: number;
  /** Text of a value on the y axis; default two decimals. */
  formatValue?: (value: number) => string;
}

const blocks = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];
const maxBarWidth = 3;

/**
 * Draws a titled column chart as lines of text. When there are more values than columns fit,
 * adjacent values are summed into one column, and the title states how many rows each column sums.
 */
export function renderTextChart(
  title: string,
  values: readonly ChartValue[],
  options: TextChartOptions = {},
): string[] {
  const width = options.width ?? 100;
  const height = options.height ?? 8;
  const formatValue = options.formatValue ?? ((value: number) => value.toFixed(2));
  if (values.length === 0) return [title, "  (no rows)"];

  const max = Math.max(0, ...values.map((entry) => entry.value));
  const axisWidth = Math.max(formatValue(max).length, formatValue(0).length) + 1;
  const plotWidth = width - axisWidth - 2;
  const groupSize = Math.ceil(values.length / plotWidth);
  const columns = groupSize > 1 ? groupValues(values, groupSize) : [...values];
  const columnMax = Math.max(0, ...columns.map((entry) => entry.value));
  const slot = Math.max(1, Math.min(maxBarWidth + 1, Math.floor(plotWidth / columns.length)));
  const barWidth = slot > 1 ? slot - 1 : 1;

  const heading = groupSize > 1 ? `${title} (each column sums ${groupSize} rows)` : title;
  const lines = [columnMax === 0 ? `${heading}: nothing to draw, every value is 0` : heading];
  for (let line = height - 1; line >= 0; line -= 1) {
    let axisLabel = "";
    if (line === height - 1) axisLabel = formatValue(columnMax);
    else if (line === 0) axisLabel = formatValue(0);
    const cells = columns.map((entry) => {
      const block = blocks[eighthsOnLine(entry.value, columnMax, height, line)] ?? " ";
      return block.repeat(barWidth).padEnd(slot);
    });
    const tick = axisLabel === "" ? "│" : "┤";
    lines.push(`${axisLabel.padStart(axisWidth)} ${tick}${cells.join("")}`.trimEnd());
  }
  const axisLength = Math.min(plotWidth, slot * columns.length);
  lines.push(`${" ".repeat(axisWidth)} └${"─".repeat(axisLength)}`);
  lines.push(" ".repeat(axisWidth + 2) + xLabels(columns, slot, plotWidth));
  return lines;
}

/** Eighths of one line filled by a value: 0 to 8, and at least 1 for any value above 0. */
function eighthsOnLine(value: number, max: number, height: number, line: number): number {
  if (max <= 0 || value <= 0) return 0;
  const total = Math.max(1, Math.round((value / max) * height * 8));
  return Math.min(8, Math.max(0, total - line * 8));
}

function groupValues(values: readonly ChartValue[], groupSize: number): ChartValue[] {
  const groups: ChartValue[] = [];
  for (let index = 0; index < values.length; index += groupSize) {
    const members = values.slice(index, index + groupSize);
    groups.push({
      label: members[0]?.label ?? "",
      value: members.reduce((sum, entry) => sum + Math.max(0, entry.value), 0),
    });
  }
  return groups;
}

/** Labels of the first and last column, and of the middle one when there is room. */
function xLabels(columns: readonly ChartValue[], slot: number, plotWidth: number): string {
  const first = columns[0]?.label ?? "";
  const last = columns[columns.length - 1]?.label ?? "";
  if (columns.length === 1) return first.slice(0, plotWidth);

  const span = Math.min(plotWidth, slot * columns.length);
  let text = first.padEnd(span);
  const middleIndex = Math.floor((columns.length - 1) / 2);
  const middle = columns[middleIndex]?.label ?? "";
  const middleAt = middleIndex * slot;
  const middleFits =
    middleAt > first.length + 1 && middleAt + middle.length < span - last.length - 1;
  if (middleIndex > 0 && middleFits) {
    text = text.slice(0, middleAt) + middle + text.slice(middleAt + middle.length);
  }
  const lastAt = Math.max(first.length + 1, span - last.length);
  return (text.slice(0, lastAt) + last).slice(0, plotWidth).trimEnd();
}
