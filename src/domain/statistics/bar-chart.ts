// No zod here: the workspace's overview island imports this module, and the idea form shares its
// chunks (tests/e2e/submit-idea.test.ts keeps that page under 20 KB of JavaScript).

/** One bar of a chart: a label and a count. */
export interface ChartRow {
  label: string;
  value: number;
}

/** The bar lengths in percent of the largest value, so the longest bar fills the chart. */
export function barWidths(rows: readonly ChartRow[]): number[] {
  const max = Math.max(0, ...rows.map((row) => row.value));
  return rows.map((row) => (max === 0 ? 0 : Math.round((row.value / max) * 1000) / 10));
}

/**
 * The geometry of a horizontal bar chart, in SVG user units: one row per bar with its label on the
 * left, the bar, and the value after it. One function for both renderings – the statistics page's
 * (src/components/statistics/BarChart.astro, at build time) and the workspace overview's
 * (src/client/workspace/bar-chart.ts, in the browser) – so the two charts look and read the same.
 */
export interface BarChartLayout {
  /** The viewBox: `0 0 width height`. */
  width: number;
  height: number;
  /** Where the labels end (text-anchor end) and the bars start. */
  labelX: number;
  barX: number;
  bars: {
    label: string;
    value: number;
    /** The row's top. */
    y: number;
    barWidth: number;
    /** Where the value is written, just after the bar. */
    valueX: number;
  }[];
  /** Every label and value in words, for the SVG's description. */
  summary: string;
}

const rowHeight = 28;
// Wide enough for the longest label the data holds today ("Administration och digitalisering").
const labelWidth = 270;
const chartWidth = 690;
const barArea = chartWidth - labelWidth - 50;

/** Lays out one bar per row, the longest bar filling the chart. */
export function barChartLayout(rows: readonly ChartRow[]): BarChartLayout {
  const widths = barWidths(rows);
  return {
    width: chartWidth,
    height: rows.length * rowHeight + 8,
    labelX: labelWidth - 8,
    barX: labelWidth,
    bars: rows.map((row, index) => {
      const barWidth = (barArea * (widths[index] ?? 0)) / 100;
      return {
        label: row.label,
        value: row.value,
        y: index * rowHeight + 4,
        barWidth,
        valueX: labelWidth + barWidth + 6,
      };
    }),
    summary: rows.map((row) => `${row.label} ${row.value}`).join(", "),
  };
}
