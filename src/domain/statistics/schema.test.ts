import { describe, expect, test } from "vitest";
import { barWidths } from "./bar-chart.ts";
import { publicStatisticsSchema } from "./schema.ts";

describe("public statistics", () => {
  test("bar widths are percentages of the largest value", () => {
    expect(
      barWidths([
        { label: "Skövde", value: 8 },
        { label: "Hjo", value: 2 },
        { label: "Vara", value: 0 },
        { label: "Skara", value: 3 },
      ]),
    ).toEqual([100, 25, 0, 37.5]);
  });

  test("all-zero charts have no bars instead of dividing by zero", () => {
    expect(barWidths([{ label: "Hjo", value: 0 }])).toEqual([0]);
    expect(barWidths([])).toEqual([]);
  });

  test("the schema refuses an unknown state, so a database change cannot slip through unnoticed", () => {
    const result = publicStatisticsSchema.safeParse({
      ideas_total: 1,
      per_municipality: [],
      per_state: [{ state: "published", label: "Publicerad", count: 1 }],
      per_area: [],
      median_days_to_first_assessment: null,
    });
    expect(result.success).toBe(false);
  });
});
