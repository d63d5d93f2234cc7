import { describe, expect, test } from "vitest";
import {
  describeRetention,
  formatPeriod,
  isRetentionCategory,
  retentionCategories,
  retentionCategoryTexts,
} from "./retention.ts";

describe("the retention rules in Swedish", () => {
  test("write PostgreSQL's ISO 8601 intervals as words", () => {
    expect(formatPeriod("P2Y")).toBe("2 år");
    expect(formatPeriod("P1Y")).toBe("1 år");
    expect(formatPeriod("P90D")).toBe("90 dagar");
    expect(formatPeriod("P1D")).toBe("1 dag");
    expect(formatPeriod("P1Y6M")).toBe("1 år och 6 månader");
    expect(formatPeriod("P1Y2M3D")).toBe("1 år, 2 månader och 3 dagar");
    expect(formatPeriod("PT0S")).toBe("0 dagar");
    expect(formatPeriod("two years")).toBe("two years");
  });

  test("say from when a category's clock runs", () => {
    expect(describeRetention({ keepFor: "P2Y", after: "last_activity" })).toBe(
      "2 år från ärendets sista händelse",
    );
    expect(describeRetention({ category: "email_outbox", keepFor: "P90D", after: "created" })).toBe(
      "90 dagar från att e-posten skickades eller gavs upp",
    );
    expect(describeRetention({ keepFor: "P10Y", after: "decided" })).toBe("10 år från beslutet");
  });

  test("name every category the database knows", () => {
    expect(retentionCategories.every((category) => retentionCategoryTexts[category].name)).toBe(
      true,
    );
    expect(isRetentionCategory("bearer_contact")).toBe(true);
    expect(isRetentionCategory("scores")).toBe(false);
  });
});
