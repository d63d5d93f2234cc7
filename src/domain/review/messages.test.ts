import { describe, expect, test } from "vitest";
import { knownReviewRules, reviewRefusalMessage } from "./messages.ts";

describe("the reviewers' refusal messages", () => {
  test("name the states in the reader's language", () => {
    const refusal = {
      code: "IS001",
      rule: "transition_not_allowed",
      facts: { from: "received", to: "accepted" },
    };
    expect(reviewRefusalMessage(refusal, "sv")).toBe(
      "Idén kan inte gå från ”inkommen” till ”vidare till utveckling”.",
    );
    expect(reviewRefusalMessage(refusal, "en")).toBe(
      'The idea cannot move from "received" to "accepted for development".',
    );
  });

  test("say which field to fix for an invalid input", () => {
    expect(reviewRefusalMessage({ code: "IS002", rule: "missing", field: "reason" }, "sv")).toBe(
      "Skriv en motivering till ändringen.",
    );
  });

  test("explain the queue's refusals by field, and an unknown filter by its rule", () => {
    expect(reviewRefusalMessage({ code: "IS002", rule: "too_long", field: "search" }, "sv")).toBe(
      "Sökningen får vara högst 200 tecken.",
    );
    expect(
      reviewRefusalMessage({ code: "IS002", rule: "invalid_cursor", field: "cursor" }, "en"),
    ).toBe("The page could not be shown. Start again from the first page.");
    expect(
      reviewRefusalMessage({ code: "IS002", rule: "unknown_filter", field: "colour" }, "sv"),
    ).toBe("Det filtret finns inte. Ladda om sidan och välj igen.");
  });

  test("explain the assessment's refusals: jäv, a closed assessment and a criterion's own fields", () => {
    expect(reviewRefusalMessage({ code: "IS005", rule: "conflict_of_interest" }, "sv")).toBe(
      "Du har anmält jäv för den här idén och kan inte bedöma den.",
    );
    expect(reviewRefusalMessage({ code: "IS005", rule: "not_declared" }, "sv")).toBe(
      "Svara först på frågan om jäv. Sedan kan du bedöma idén.",
    );
    expect(
      reviewRefusalMessage(
        { code: "IS001", rule: "decided", facts: { current: "accepted" } },
        "sv",
      ),
    ).toBe(
      "Idén är redan beslutad (”vidare till utveckling”), så bedömningen kan inte ändras längre.",
    );
    expect(
      reviewRefusalMessage(
        { code: "IS002", rule: "out_of_range", field: "scores.genomforbarhet.score" },
        "sv",
      ),
    ).toBe("Välj ett betyg från 1 till 5.");
    expect(
      reviewRefusalMessage({ code: "IS002", rule: "missing", field: "scores.nytta.comment" }, "en"),
    ).toBe("Write a comment on the score.");
  });

  test("name who changed the idea first, when the database knows", () => {
    const stale = (facts: Record<string, unknown>) =>
      reviewRefusalMessage({ code: "PT409", rule: "stale_state", facts }, "sv");
    expect(
      stale({
        current: "in_review",
        changed_by: "Rut Regiongranskare",
        changed_by_kind: "reviewer",
      }),
    ).toBe(
      "Rut Regiongranskare har redan ändrat idén, och den är nu ”under bedömning”. Ladda om sidan och försök igen.",
    );
    expect(stale({ current: "in_review", changed_by: null, changed_by_kind: "bearer" })).toBe(
      "Idébäraren har svarat under tiden, och idén är nu ”under bedömning”. Ladda om sidan och försök igen.",
    );
    expect(stale({ current: "in_review" })).toBe(
      "Idén har redan ändrats av någon annan och är nu ”under bedömning”. Ladda om sidan och försök igen.",
    );
  });

  test("never leave a reader without a message: an unknown rule gets its code's general text", () => {
    expect(reviewRefusalMessage({ code: "PT409", rule: "something_new" }, "sv")).toBe(
      "Någon annan har ändrat det här. Ladda om sidan och försök igen.",
    );
    expect(reviewRefusalMessage({ code: "XX999", rule: "odd" }, "en")).toBe(
      "That did not work. Reload the page and try again.",
    );
  });

  test("every rule has a text in both languages", () => {
    for (const key of knownReviewRules()) {
      const [code, a, b] = key.split(":") as [string, string, string | undefined];
      const refusal = b ? { code, field: a, rule: b } : { code, rule: a };
      const sv = reviewRefusalMessage(refusal, "sv");
      const en = reviewRefusalMessage(refusal, "en");
      expect(sv, key).toMatch(/[.!?]$/);
      expect(en, key).toMatch(/[.!?]$/);
      expect(en, key).not.toBe(sv);
    }
  });
});
