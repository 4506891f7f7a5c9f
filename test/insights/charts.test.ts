// The chart renderers on their own: terminal column heights, widths and grouping, and the SVG
// bars and escaping.
import { describe, expect, it } from "vitest";
import { renderSvgChart } from "../../scripts/lib/svg-chart";
import { renderTextChart, type ChartValue } from "../../scripts/lib/text-chart";

const series = (values: number[]): ChartValue[] =>
  values.map((value, index) => ({ label: `day ${index + 1}`, value }));

/** Returns the plot lines of a chart, the lines between the title and the x axis. */
function plotLines(lines: string[]): string[] {
  return lines.slice(
    1,
    lines.findIndex((line) => line.includes("└")),
  );
}

describe("terminal chart", () => {
  it("scales the tallest column to the full height", () => {
    const lines = renderTextChart("Clicks", series([8, 4, 0, 1]), { height: 4 });
    const plot = plotLines(lines);

    expect(plot).toHaveLength(4);
    expect(plot[0]).toBe(" 8.00 ┤███");
    // 4 of 8 fills two of four lines; 1 of 8 fills half a line, drawn as four eighths.
    expect(plot.filter((line) => line.includes("███ ███"))).toHaveLength(2);
    expect(plot[3]).toContain("▄▄▄");
  });

  it("keeps every line within the width", () => {
    const values = series(Array.from({ length: 500 }, (_, index) => (index % 7) * 1234.5));
    const lines = renderTextChart("Spend ($)", values, { width: 100 });

    expect(Math.max(...lines.map((line) => [...line].length))).toBeLessThanOrEqual(100);
    expect(lines[0]).toMatch(/each column sums 6 rows/);
  });

  it("draws a small value at least one eighth high", () => {
    const plot = plotLines(renderTextChart("Spend", series([1000, 0.001]), { height: 2 }));

    expect(plot[1]).toMatch(/███ ▁▁▁$/);
  });

  it("says when every value is zero", () => {
    const lines = renderTextChart("Clicks", series([0, 0]));

    expect(lines[0]).toBe("Clicks: nothing to draw, every value is 0");
    expect(lines.join("\n")).not.toMatch(/[▁-█]/);
  });
});

describe("SVG chart", () => {
  it("draws one bar per value with the tallest at full height", () => {
    const svg = renderSvgChart("Spend", series([2, 1]), {
      color: "#2563eb",
      formatValue: (value) => `$${value.toFixed(2)}`,
      height: 252,
    });
    const heights = [...svg.matchAll(/<rect [^>]*height="([\d.]+)"/g)].map((match) => match[1]);

    expect(heights).toEqual(["200", "100"]);
    expect(svg).toContain("<title>day 1: $2.00</title>");
  });

  it("escapes labels", () => {
    const svg = renderSvgChart('A <b> & "c"', [{ label: "<script>", value: 1 }], {
      color: "red",
      formatValue: String,
    });

    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&lt;script&gt;");
    expect(svg).toContain("<title>A &lt;b&gt; &amp; &quot;c&quot;</title>");
  });
});
