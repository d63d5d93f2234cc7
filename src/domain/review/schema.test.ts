import { describe, expect, test } from "vitest";
import {
  assessmentBodySchema,
  conflictOfInterestBodySchema,
  interestBodySchema,
  issueField,
  noteBodySchema,
  parseReference,
  parseWithinDays,
  publicationBodySchema,
  sharingBodySchema,
  stateChangeBodySchema,
  unlinkBodySchema,
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

describe("the decision, duplicate, publishing, interest and sharing bodies (issue 14)", () => {
  test("a decision carries its message as `message`, and implemented names municipality codes", () => {
    expect(
      stateChangeBodySchema.parse({
        to: "accepted",
        expected: "assessed",
        reason: " Stor nytta. ",
        message: "Hej!\n\nVi går vidare.",
      }),
    ).toEqual({
      to: "accepted",
      expected: "assessed",
      reason: "Stor nytta.",
      message: "Hej!\n\nVi går vidare.",
    });
    expect(
      stateChangeBodySchema.parse({
        to: "implemented",
        expected: "in_development",
        municipalities: ["1496"],
      }),
    ).toMatchObject({ municipalities: ["1496"] });
    expect(
      firstProblem(stateChangeBodySchema, {
        to: "implemented",
        expected: "in_development",
        municipalities: ["Skövde"],
      }),
    ).toEqual({ field: "municipalities", message: "Välj kommunerna i listan." });
    // The old name is not another way to say it.
    expect(
      firstProblem(stateChangeBodySchema, {
        to: "accepted",
        expected: "assessed",
        message_to_bearer: "Hej!",
      }).message,
    ).toBe("Fältet message_to_bearer hör inte hit. Ladda om sidan och försök igen.");
  });

  test("unlinking needs the state seen and a reason; its message reads as the unlink's own", () => {
    expect(firstProblem(unlinkBodySchema, { expected: "duplicate" })).toEqual({
      field: "reason",
      message: "Skriv en motivering till ändringen.",
    });
    expect(
      firstProblem(unlinkBodySchema, {
        expected: "duplicate",
        reason: "Fel.",
        message: "x".repeat(4001),
      }),
    ).toEqual({
      field: "message",
      message: "Meddelandet till idébäraren får vara högst 4000 tecken.",
    });
  });

  test("a public summary is required, at most 2000 characters, and holds no personnummer", () => {
    expect(publicationBodySchema.parse({ public_summary: " Lånecyklar i appen. " })).toEqual({
      public_summary: "Lånecyklar i appen.",
    });
    expect(firstProblem(publicationBodySchema, { public_summary: "" })).toEqual({
      field: "public_summary",
      message: "Skriv en sammanfattning för idébanken.",
    });
    expect(
      firstProblem(publicationBodySchema, { public_summary: "Ring 19121212-1212 om idén." }),
    ).toEqual({
      field: "public_summary",
      message: "Ta bort personnumret ur sammanfattningen. Idébanken är offentlig.",
    });
  });

  test("interest names its kind and perhaps a municipality; sharing is yes or no", () => {
    expect(interestBodySchema.parse({ kind: "co_fund" })).toEqual({ kind: "co_fund" });
    expect(interestBodySchema.parse({ kind: "join", municipality: "1494" })).toEqual({
      kind: "join",
      municipality: "1494",
    });
    expect(firstProblem(interestBodySchema, {})).toEqual({
      field: "kind",
      message: "Välj om kommunen vill vara med, vill medfinansiera eller har infört idén.",
    });
    expect(firstProblem(interestBodySchema, { kind: "join", municipality: "Lidköping" })).toEqual({
      field: "municipality",
      message: "Välj en kommun i listan.",
    });
    expect(firstProblem(sharingBodySchema, { shared: "ja" })).toEqual({
      field: "shared",
      message: "Välj om idén ska delas med hela regionen eller inte.",
    });
  });

  test("the follow-up list looks 7 days ahead unless told 0–365", () => {
    expect(parseWithinDays(null)).toBe(7);
    expect(parseWithinDays("")).toBe(7);
    expect(parseWithinDays("0")).toBe(0);
    expect(parseWithinDays("365")).toBe(365);
    expect(parseWithinDays("366")).toBeNull();
    expect(parseWithinDays("-1")).toBeNull();
    expect(parseWithinDays("7.5")).toBeNull();
  });
});
