import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { findPersonnummer, hasValidLuhn } from "./personnummer.ts";

/** The Luhn check digit for nine digits YYMMDDNNN. */
function checkDigit(nine: string): string {
  for (let digit = 0; digit <= 9; digit += 1)
    if (hasValidLuhn(`${nine}${digit}`)) return String(digit);
  throw new Error("unreachable");
}

const validDate = fc
  .record({
    year: fc.integer({ min: 1900, max: 2025 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    coordination: fc.boolean(),
  })
  .map(({ year, month, day, coordination }) => ({
    century: String(year).slice(0, 2),
    yymmdd: `${String(year).slice(2)}${String(month).padStart(2, "0")}${String(day + (coordination ? 60 : 0)).padStart(2, "0")}`,
  }));

describe("finding personnummer in free text", () => {
  test("finds the Skatteverket test number in its usual forms", () => {
    expect(findPersonnummer("Brukaren 19121212-1212 ringde")).toEqual(["19121212-1212"]);
    expect(findPersonnummer("pnr 121212-1212.")).toEqual(["121212-1212"]);
    expect(findPersonnummer("1212121212")).toEqual(["1212121212"]);
    expect(findPersonnummer("191212121212")).toEqual(["191212121212"]);
  });

  test("ignores a wrong check digit, an impossible date and longer digit runs", () => {
    expect(findPersonnummer("121212-1213")).toEqual([]);
    expect(findPersonnummer("121312-1212")).toEqual([]);
    expect(findPersonnummer("ordernummer 12121212121299")).toEqual([]);
  });

  test("flags every valid personnummer, in every written form (RL-17)", () => {
    fc.assert(
      fc.property(
        validDate,
        fc.integer({ min: 0, max: 999 }),
        fc.constantFrom("short-hyphen", "long", "long-hyphen", "plus"),
        ({ century, yymmdd }, serial, form) => {
          const nine = `${yymmdd}${String(serial).padStart(3, "0")}`;
          const last4 = `${nine.slice(6)}${checkDigit(nine)}`;
          const written = {
            "short-hyphen": `${yymmdd}-${last4}`,
            long: `${century}${yymmdd}${last4}`,
            "long-hyphen": `${century}${yymmdd}-${last4}`,
            plus: `${yymmdd}+${last4}`,
          }[form];
          expect(findPersonnummer(`Det gäller ${written} i hemtjänsten`)).toEqual([written]);
        },
      ),
      { numRuns: 1000 },
    );
  });

  test("flags no Swedish phone number and no date whose check digit is wrong (RL-17)", () => {
    const phone = fc
      .tuple(
        fc.constantFrom("070", "072", "073", "076", "079", "0500", "0501", "031", "08"),
        fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 6, maxLength: 7 }),
      )
      .map(([prefix, rest]) => `${prefix}${rest}`.slice(0, 10));
    fc.assert(
      fc.property(phone, fc.constantFrom("", " ", "-"), (number, separator) => {
        const written = separator ? `${number.slice(0, 3)}${separator}${number.slice(3)}` : number;
        expect(findPersonnummer(`Ring mig på ${written}`)).toEqual([]);
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(validDate, fc.integer({ min: 0, max: 999 }), ({ yymmdd }, serial) => {
        const nine = `${yymmdd}${String(serial).padStart(3, "0")}`;
        const wrong = (Number(checkDigit(nine)) + 1) % 10;
        expect(findPersonnummer(`${yymmdd}-${nine.slice(6)}${wrong}`)).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });
});
