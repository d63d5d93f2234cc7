import { describe, expect, test } from "vitest";
import { spreadFacts } from "./spread.ts";

describe("how far a published idea has spread", () => {
  test("counts the municipalities in Swedish, singular and plural", () => {
    expect(spreadFacts({ implemented_in: ["Skövde"], joined_by: [] })).toEqual([
      "Införd i 1 kommun",
    ]);
    expect(
      spreadFacts({ implemented_in: ["Skövde", "Tibro", "Mariestad"], joined_by: ["Lidköping"] }),
    ).toEqual(["Införd i 3 kommuner", "1 kommun vill vara med"]);
    expect(spreadFacts({ implemented_in: [], joined_by: ["Lidköping", "Tidaholm"] })).toEqual([
      "2 kommuner vill vara med",
    ]);
    expect(spreadFacts({ implemented_in: [], joined_by: [] })).toEqual([]);
  });
});
