import { describe, expect, test } from "vitest";
import { ideaStateLabels, ideaStateLabelsEnglish, ideaStates, isIdeaState } from "./states.ts";

describe("idea states", () => {
  test("every state has the Swedish label the SPEC gives it", () => {
    expect(ideaStates.map((state) => ideaStateLabels[state])).toEqual([
      "Inkommen",
      "Under bedömning",
      "Komplettering begärd",
      "Bedömd",
      "Vidare till utveckling",
      "Vilande",
      "Avslagen",
      "Vidareförmedlad",
      "Dubblett",
      "Under utveckling",
      "Införd",
      "Spridd",
    ]);
  });

  test("every state has an English label", () => {
    for (const state of ideaStates) expect(ideaStateLabelsEnglish[state]).toMatch(/^[A-Z]/);
  });

  test("isIdeaState accepts the states and nothing else", () => {
    expect(isIdeaState("in_review")).toBe(true);
    expect(isIdeaState("In_review")).toBe(false);
    expect(isIdeaState("published")).toBe(false);
  });
});
