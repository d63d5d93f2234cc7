import { barChartLayout, type ChartRow } from "../../domain/statistics/bar-chart.ts";
import { dataTable, el, svgEl } from "./dom.ts";

/**
 * A horizontal bar chart as the statistics page draws it (src/components/statistics/BarChart.astro,
 * the same geometry from src/domain/statistics/bar-chart.ts): an SVG image named by its title and
 * described by every label and value, and the same numbers as a table beside it, for screen
 * readers and for anyone who wants the exact figures.
 */
export function barChart(chart: {
  id: string;
  title: string;
  labelHeading: string;
  valueHeading: string;
  caption: string;
  rows: readonly ChartRow[];
}): HTMLElement {
  const { id, title } = chart;
  const layout = barChartLayout(chart.rows);
  const image = svgEl(
    "svg",
    {
      class: "chart__svg",
      viewBox: `0 0 ${layout.width} ${layout.height}`,
      role: "img",
      "aria-labelledby": `${id}-title ${id}-desc`,
    },
    svgEl("title", { id: `${id}-title` }, title),
    svgEl("desc", { id: `${id}-desc` }, layout.summary),
    ...layout.bars.map((bar) =>
      svgEl(
        "g",
        { transform: `translate(0 ${bar.y})` },
        svgEl(
          "text",
          { class: "chart__label", x: layout.labelX, y: 17, "text-anchor": "end" },
          bar.label,
        ),
        svgEl("rect", {
          class: "chart__bar",
          x: layout.barX,
          y: 3,
          height: 18,
          width: bar.barWidth,
        }),
        svgEl("text", { class: "chart__value", x: bar.valueX, y: 17 }, bar.value),
      ),
    ),
  );
  return el(
    "section",
    { class: "chart", "aria-labelledby": `${id}-heading` },
    el("h2", { id: `${id}-heading` }, title),
    image,
    dataTable({
      caption: chart.caption,
      hideCaption: true,
      columns: [{ heading: chart.labelHeading }, { heading: chart.valueHeading, numeric: true }],
      rows: chart.rows.map((row) => [row.label, row.value]),
    }),
  );
}
