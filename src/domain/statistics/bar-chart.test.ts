import { describe, expect, test } from "vitest";
import { barChartLayout } from "./bar-chart.ts";

describe("the bar chart's layout", () => {
  test("fills the chart with the longest bar and writes each value after its bar", () => {
    const layout = barChartLayout([
      { label: "Skövde", value: 10 },
      { label: "Lidköping", value: 5 },
      { label: "Tibro", value: 0 },
    ]);
    expect(layout).toMatchObject({ width: 690, height: 92, labelX: 262, barX: 270 });
    expect(layout.bars.map((bar) => [bar.y, bar.barWidth, bar.valueX])).toEqual([
      [4, 370, 646],
      [32, 185, 461],
      [60, 0, 276],
    ]);
    expect(layout.summary).toBe("Skövde 10, Lidköping 5, Tibro 0");
  });
});
