import { describe, expect, test } from "vitest";
import {
  assessmentBodyOf,
  assessmentFormErrors,
  changedCriteria,
  fieldTarget,
  formValuesOf,
  meanInWords,
  recommendations,
  type AssessmentSave,
  type Criterion,
  type VisibleAssessment,
} from "./assessment.ts";
import { assessmentTexts } from "./assessment-texts.ts";
import { assessmentBodySchema, recommendationValues } from "./schema.ts";

const levels = [1, 2, 3, 4, 5].map((score) => ({ score, description: `Nivå ${score}` }));
const criteria: Criterion[] = [
  { slug: "nytta", name: "Nytta", description: "", weight: 1, version: 1, levels },
  { slug: "effekter", name: "Effekter", description: "", weight: 2, version: 1, levels },
];

describe("the assessment form's rules", () => {
  test("offers the four recommendations the API takes, in its order, each with a label", () => {
    expect(recommendations).toEqual(recommendationValues);
    expect(
      recommendations.map((value) => assessmentTexts.form.recommendationLabels[value]),
    ).toEqual([
      "Gå vidare med idén",
      "Lägg idén vilande",
      "Avslå idén",
      "Vidareförmedla idén till någon annan",
    ]);
  });

  test("an empty form lacks a score and a comment on every criterion and a recommendation, in the form's order, in the API's words", () => {
    const errors = assessmentFormErrors(criteria, formValuesOf(criteria, undefined));
    expect(errors).toEqual({
      "scores.nytta.score": "Välj ett betyg från 1 till 5.",
      "scores.nytta.comment": "Skriv en kommentar till betyget.",
      "scores.effekter.score": "Välj ett betyg från 1 till 5.",
      "scores.effekter.comment": "Skriv en kommentar till betyget.",
      recommendation: "Välj en rekommendation.",
    });
    expect(Object.keys(errors)).toEqual([
      "scores.nytta.score",
      "scores.nytta.comment",
      "scores.effekter.score",
      "scores.effekter.comment",
      "recommendation",
    ]);
  });

  test("a whole form has no errors and becomes a body the API's schema accepts (its allow twin)", () => {
    const values = {
      scores: {
        nytta: { score: 4, comment: " Tydlig nytta. " },
        effekter: { score: 2, comment: "Små effekter." },
      },
      recommendation: "vidare" as const,
      comment: "",
    };
    expect(assessmentFormErrors(criteria, values)).toEqual({});
    const body = assessmentBodyOf(criteria, values);
    expect(body).toEqual({
      scores: [
        { criterion: "nytta", score: 4, comment: "Tydlig nytta." },
        { criterion: "effekter", score: 2, comment: "Små effekter." },
      ],
      recommendation: "vidare",
    });
    expect(assessmentBodySchema.safeParse(body).success).toBe(true);
  });

  test("a comment over 4000 characters is refused with the API's text", () => {
    const values = formValuesOf(criteria, undefined);
    values.scores.nytta = { score: 3, comment: "x".repeat(4001) };
    expect(assessmentFormErrors(criteria, values)["scores.nytta.comment"]).toBe(
      "Kommentaren får vara högst 4000 tecken.",
    );
  });

  test("links each field the API names to its element", () => {
    expect(fieldTarget("scores.effekter.score", criteria)).toBe("score-effekter-1");
    expect(fieldTarget("scores.effekter.comment", criteria)).toBe("comment-effekter");
    expect(fieldTarget("scores", criteria)).toBe("score-nytta-1");
    expect(fieldTarget("recommendation", criteria)).toBe("recommendation-vidare");
    expect(fieldTarget("comment", criteria)).toBe("assessment-comment");
    expect(fieldTarget("reference", criteria)).toBeNull();
  });

  test("starts from the reviewer's saved assessment", () => {
    const mine = {
      scores: [{ criterion: "nytta", score: 5, comment: "Bra." }],
      recommendation: "vilande",
      comment: "Vänta.",
    } as unknown as VisibleAssessment;
    expect(formValuesOf(criteria, mine)).toEqual({
      scores: { nytta: { score: 5, comment: "Bra." }, effekter: { score: null, comment: "" } },
      recommendation: "vilande",
      comment: "Vänta.",
    });
  });
});

describe("the assessment's numbers and history", () => {
  test("writes a mean as Sweden does, with a comma and at most two decimals", () => {
    expect([3.5, 4, 2.67, null].map(meanInWords)).toEqual(["3,5", "4", "2,67", "–"]);
  });

  test("marks the criteria a save changed from the one before it", () => {
    const save = (nytta: number, comment = "A"): AssessmentSave => ({
      savedAt: "2026-12-02T07:00:00Z",
      recommendation: "vidare",
      comment: "",
      scores: [
        { criterion: "nytta", name: "Nytta", score: nytta, comment },
        { criterion: "effekter", name: "Effekter", score: 3, comment: "B" },
      ],
    });
    expect([...changedCriteria(save(5), save(2))]).toEqual(["nytta"]);
    expect([...changedCriteria(save(2, "Ny"), save(2))]).toEqual(["nytta"]);
    expect([...changedCriteria(save(2), save(2))]).toEqual([]);
    expect([...changedCriteria(save(2), undefined)]).toEqual([]);
  });

  test("says the blind rule and the jäv in plain Swedish", () => {
    expect(assessmentTexts.blind).toBe(
      "Du ser de andra granskarnas betyg, kommentarer och rekommendationer när du har lämnat din egen bedömning. Det gör att alla bedömer idén på egen hand.",
    );
    expect(assessmentTexts.conflict.declared("Min granne")).toBe(
      "Du har anmält jäv för den här idén: ”Min granne”. Därför kan du inte bedöma den, och du är inte längre granskare för den. En samordnare ser att du har anmält jäv. Kontakta en samordnare om det blev fel.",
    );
    expect(assessmentTexts.decided("Vidare till utveckling")).toBe(
      "Idén är beslutad (vidare till utveckling). Bedömningarna kan inte ändras längre, men du kan läsa dem här.",
    );
    expect(assessmentTexts.others.complete(1)).toBe("1 fullständig bedömning räknas.");
    expect(assessmentTexts.others.complete(2)).toBe("2 fullständiga bedömningar räknas.");
  });
});
