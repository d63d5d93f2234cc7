import { describe, expect, test } from "vitest";
import {
  assessmentBodySchema,
  conflictOfInterestBodySchema,
  issueField,
  noteBodySchema,
  parseReference,
  stateChangeBodySchema,
} from "./schema.ts";

/** The first problem of a failed parse, as the endpoints answer it: the field and the message. */
function firstProblem(
  schema: {
    safeParse(input: unknown): {
      success: boolean;
      error?: { issues: readonly { path: readonly PropertyKey[]; message: string }[] };
    };
  },
  input: unknown,
) {
  const result = schema.safeParse(input);
  if (result.success) throw new Error("expected the schema to refuse");
  const issue = result.error!.issues[0]!;
  return { field: issueField(issue.path, input), message: issue.message };
}

const assessment = {
  scores: [
    { criterion: "nytta", score: 4, comment: "Tydlig nytta för hemtjänsten." },
    { criterion: "effekter", score: 3, comment: "Märkbara effekter." },
    { criterion: "genomforbarhet", score: 5, comment: "Kan göras nu." },
  ],
  recommendation: "vidare",
};

describe("the assessment's body", () => {
  test("takes a score and a comment per criterion, a recommendation and an optional comment", () => {
    expect(assessmentBodySchema.parse({ ...assessment, comment: "  " })).toEqual({
      ...assessment,
      comment: undefined,
    });
  });

  test("names the criterion's own field when its score or comment is wrong", () => {
    const wrongScore = structuredClone(assessment);
    wrongScore.scores[2]!.score = 6;
    expect(firstProblem(assessmentBodySchema, wrongScore)).toEqual({
      field: "scores.genomforbarhet.score",
      message: "Välj ett betyg från 1 till 5.",
    });
    const noComment = structuredClone(assessment);
    noComment.scores[0]!.comment = " ";
    expect(firstProblem(assessmentBodySchema, noComment)).toEqual({
      field: "scores.nytta.comment",
      message: "Skriv en kommentar till betyget.",
    });
  });

  test("asks for a recommendation, and refuses one that does not exist", () => {
    expect(firstProblem(assessmentBodySchema, { scores: assessment.scores })).toEqual({
      field: "recommendation",
      message: "Välj en rekommendation.",
    });
    expect(
      firstProblem(assessmentBodySchema, { ...assessment, recommendation: "kanske" }).message,
    ).toBe("Välj en av rekommendationerna i listan.");
  });

  test("refuses two scores on one criterion, and a field it does not know", () => {
    expect(
      firstProblem(assessmentBodySchema, {
        ...assessment,
        scores: [assessment.scores[0], assessment.scores[0]],
      }).message,
    ).toBe("Ge bara ett betyg per kriterium.");
    expect(firstProblem(assessmentBodySchema, { ...assessment, betyg: 5 }).message).toBe(
      "Fältet betyg hör inte hit. Ladda om sidan och försök igen.",
    );
  });
});

describe("the jäv answer", () => {
  test("needs a reason with yes, and none with no", () => {
    expect(firstProblem(conflictOfInterestBodySchema, { has_conflict: true })).toEqual({
      field: "reason",
      message: "Skriv varför du har jäv, till exempel att du känner idébäraren.",
    });
    expect(conflictOfInterestBodySchema.parse({ has_conflict: false })).toEqual({
      has_conflict: false,
      reason: undefined,
    });
    expect(firstProblem(conflictOfInterestBodySchema, {}).message).toBe(
      "Svara ja eller nej på frågan om jäv.",
    );
  });
});

describe("the state change and the note", () => {
  test("names the state that is missing, and takes a duplicate's reference in any case", () => {
    expect(firstProblem(stateChangeBodySchema, { expected: "received" })).toEqual({
      field: "to",
      message: "Välj vilket läge idén ska få.",
    });
    expect(
      stateChangeBodySchema.parse({
        to: "duplicate",
        expected: "in_review",
        duplicate_of: "is-2026-0007",
      }),
    ).toMatchObject({ duplicate_of: "IS-2026-0007" });
  });

  test("allows at most 20 mentions, each a reviewer's id", () => {
    const many = Array.from({ length: 21 }, () => crypto.randomUUID());
    expect(firstProblem(noteBodySchema, { body: "Se @Rut", mentions: many }).message).toBe(
      "Nämn högst 20 granskare i en anteckning.",
    );
    expect(firstProblem(noteBodySchema, { body: "" }).message).toBe("Skriv en anteckning.");
  });

  test("reads a reference from an address in any case, and nothing else", () => {
    expect(parseReference(" is-2026-0042 ")).toBe("IS-2026-0042");
    expect(parseReference("IS-2026-42")).toBeUndefined();
  });
});
