import { describe, expect, test } from "vitest";
import { csvField, csvRecord, exportFileName, neutraliseCell, xlsxCell } from "./idea-export.ts";

describe("the export's cells", () => {
  test("neutralise every formula start with an apostrophe, and nothing else", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) {
      expect(neutraliseCell(`${start}SUM(A1)`)).toBe(`'${start}SUM(A1)`);
    }
    expect(neutraliseCell("Digitala lås")).toBe("Digitala lås");
    expect(neutraliseCell(" =1+1")).toBe(" =1+1");
  });

  test("quote a CSV field with the separator, a quote or a line break, quotes doubled", () => {
    expect(csvField('Säg "hej"; sen')).toBe('"Säg ""hej""; sen"');
    expect(csvField("rad ett\nrad två")).toBe('"rad ett\nrad två"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(3.25)).toBe("3,25");
    expect(csvField(null)).toBe("");
    expect(csvRecord(["a", 1, null])).toBe("a;1;\r\n");
  });

  test("keep an Excel cell to what XML can hold, with LF line breaks", () => {
    expect(xlsxCell("a\u0001b\r\nc\rd")).toBe("ab\nc\nd");
    expect(xlsxCell("\u0002=1+1")).toBe("'=1+1");
    expect(xlsxCell(-2)).toBe(-2);
  });

  test("name a file with personal data as such", () => {
    expect(exportFileName("csv", false, "2026-12-02")).toBe("ideer-2026-12-02.csv");
    expect(exportFileName("xlsx", true, "2026-12-02")).toBe(
      "ideer-med-personuppgifter-2026-12-02.xlsx",
    );
  });
});
