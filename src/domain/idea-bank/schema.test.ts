import { describe, expect, test } from "vitest";
import { ideaSlug, publishedIdeaSchema } from "./schema.ts";

const row = {
  reference: "IS-2026-0007",
  title: "Digitala nycklar i hemtjänsten",
  summary: "Personalen öppnar hos brukarna med mobilen i stället för med nyckelknippor.",
  area_id: "vard-och-omsorg",
  area_name: "Vård och omsorg",
  municipality_code: "1496",
  municipality_name: "Skövde",
  state: "implemented",
  state_label: "Införd",
  published_at: "2026-05-04T08:00:00+00:00",
  implemented_in: [
    { code: "1496", name: "Skövde" },
    { code: "1497", name: "Hjo" },
  ],
};

describe("a published idea from the database", () => {
  test("becomes the idea bank's shape with municipality names", () => {
    expect(publishedIdeaSchema.parse(row)).toEqual({
      reference: "IS-2026-0007",
      title: "Digitala nycklar i hemtjänsten",
      summary: "Personalen öppnar hos brukarna med mobilen i stället för med nyckelknippor.",
      area: "Vård och omsorg",
      municipality: "Skövde",
      state: "implemented",
      published_at: "2026-05-04T08:00:00+00:00",
      implemented_in: ["Skövde", "Hjo"],
      joined_by: [],
    });
  });

  test("is refused when the reference is not an IS number", () => {
    expect(publishedIdeaSchema.safeParse({ ...row, reference: "2026-7" }).success).toBe(false);
  });

  test("gets a lower-case path segment", () => {
    expect(ideaSlug("IS-2026-0007")).toBe("is-2026-0007");
  });
});
