import { describe, expect, test } from "vitest";
import { facetValues, slugify } from "./facets.ts";
import type { PublishedIdea } from "./schema.ts";

function idea(overrides: Partial<PublishedIdea>): PublishedIdea {
  return {
    reference: "IS-2026-0001",
    title: "Digital nyckelhantering i hemtjänsten",
    summary: "Sammanfattning",
    area: "Vård och omsorg",
    municipality: "Skövde",
    state: "implemented",
    published_at: "2026-05-01T10:00:00Z",
    implemented_in: [],
    joined_by: [],
    ...overrides,
  };
}

describe("idea bank filters", () => {
  test("slugify makes Swedish names into readable path segments", () => {
    expect(slugify("Vård och omsorg")).toBe("vard-och-omsorg");
    expect(slugify("Töreboda")).toBe("toreboda");
    expect(slugify("Administration och digitalisering")).toBe("administration-och-digitalisering");
    expect(slugify("Skola & förskola")).toBe("skola-forskola");
  });

  test("groups ideas by municipality, sorted the Swedish way (Ö after Z)", () => {
    const ideas = [
      idea({ reference: "IS-2026-0001", municipality: "Öckerö" }),
      idea({ reference: "IS-2026-0002", municipality: "Skövde" }),
      idea({ reference: "IS-2026-0003", municipality: "Skövde" }),
      idea({ reference: "IS-2026-0004", municipality: "Essunga" }),
    ];
    const values = facetValues(ideas, "kommun");
    expect(values.map((value) => [value.slug, value.label, value.ideas.length])).toEqual([
      ["essunga", "Essunga", 1],
      ["skovde", "Skövde", 2],
      ["ockero", "Öckerö", 1],
    ]);
  });

  test("groups ideas by state in lifecycle order with Swedish labels", () => {
    const ideas = [
      idea({ reference: "IS-2026-0001", state: "spread" }),
      idea({ reference: "IS-2026-0002", state: "accepted" }),
      idea({ reference: "IS-2026-0003", state: "implemented" }),
    ];
    expect(facetValues(ideas, "status").map((value) => [value.slug, value.label])).toEqual([
      ["accepted", "Vidare till utveckling"],
      ["implemented", "Införd"],
      ["spread", "Spridd"],
    ]);
  });
});
