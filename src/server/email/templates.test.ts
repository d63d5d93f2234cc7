import { describe, expect, test } from "vitest";
import { renderOutboxEmail, UnrenderableEmail } from "./templates.ts";

const site = "https://innovationsslussen.example.se/";

describe("renderOutboxEmail", () => {
  test("writes the reviewer invitation in Swedish with the welcome page's link, whatever the locale", () => {
    const payload = {
      locale: "en",
      name: "Lina Lidköpingsson",
      invited_by: "Sam Samordnare",
      role: "reviewer",
      municipality: "Lidköping",
      invitation_token: "0123456789abcdef0123456789abcdef0123456789abcdef01234567",
    };
    const email = renderOutboxEmail("reviewer_invitation", payload, site);
    expect(email.subject).toBe("Du är inbjuden att granska idéer i Innovationsslussen");
    expect(email.text).toContain("Hej Lina Lidköpingsson!");
    expect(email.text).toContain(
      "Sam Samordnare har bjudit in dig till Innovationsslussen som granskare. Du kommer att se idéer från Lidköping.",
    );
    expect(email.text).toContain(
      "https://innovationsslussen.example.se/granska/valkommen/?token=0123456789abcdef0123456789abcdef0123456789abcdef01234567",
    );
    const regional = renderOutboxEmail(
      "reviewer_invitation",
      { ...payload, role: "coordinator", municipality: null },
      site,
    );
    expect(regional.text).toContain(
      "som samordnare. Du kommer att se idéer från alla kommuner i regionen.",
    );
    expect(() =>
      renderOutboxEmail("reviewer_invitation", { ...payload, invitation_token: "<a>" }, site),
    ).toThrow(UnrenderableEmail);
  });

  test("writes the receipt with the reference, the Swedish time and the private status link", () => {
    const email = renderOutboxEmail(
      "submission_receipt",
      {
        reference: "IS-2026-0042",
        title: "Digitala nycklar",
        received_at: "2026-11-27T08:05:00+00:00",
        status_token: "abcdefghijklmnopqrstuvwxyz0123456789_-ABCDE",
      },
      site,
    );
    expect(email.subject).toBe("Vi har tagit emot din idé IS-2026-0042");
    expect(email.text).toContain("Vi tog emot den 27 november 2026 kl. 09:05.");
    expect(email.text).toContain(
      "https://innovationsslussen.example.se/status/#abcdefghijklmnopqrstuvwxyz0123456789_-ABCDE",
    );
    expect(email.text).toContain("https://innovationsslussen.example.se/personuppgifter/");
  });

  test("writes in English to a bearer who used the English form", () => {
    const email = renderOutboxEmail(
      "submission_receipt",
      {
        reference: "IS-2026-0042",
        locale: "en",
        title: "Digital keys",
        received_at: "2026-11-27T08:05:00+00:00",
        status_token: "abcdefghijklmnopqrstuvwxyz0123456789_-ABCDE",
      },
      site,
    );
    expect(email.subject).toBe("We have received your idea IS-2026-0042");
    expect(email.text).toContain("We received it on 27 November 2026 at 09:05 (Swedish time).");
    expect(email.text).toContain("https://innovationsslussen.example.se/en/privacy/");
    // The English status page, not the Swedish one.
    expect(email.text).toContain(
      "https://innovationsslussen.example.se/en/status/#abcdefghijklmnopqrstuvwxyz0123456789_-ABCDE",
    );
    expect(
      renderOutboxEmail("question_to_bearer", { reference: "IS-2026-0042", locale: "en" }, site)
        .subject,
    ).toBe("We have a question about your idea IS-2026-0042");
  });

  test("keeps what a person wrote out of the subject, the only header it sets (AS-05)", () => {
    const email = renderOutboxEmail(
      "decision_released",
      {
        reference: "IS-2026-0042",
        state_label: "antagen",
        message: "Bra idé.\r\nBcc: x@example.se",
      },
      site,
    );
    expect(email.subject).toBe("Beslut om din idé IS-2026-0042");
    expect(email.text).toContain("Nu finns ett beslut om din idé IS-2026-0042: antagen.");
  });

  test("tells a bearer whose idea is no longer a duplicate, with the coordinator's Swedish message", () => {
    const payload = {
      reference: "IS-2026-0042",
      state_label: "under bedömning",
      message: "Vi bedömer din idé som en egen idé.",
    };
    const sv = renderOutboxEmail("duplicate_unlinked", payload, site);
    expect(sv.subject).toBe("Din idé IS-2026-0042 bedöms igen");
    expect(sv.text).toContain(
      "Din idé IS-2026-0042 är inte längre markerad som en dubblett. Den är nu under bedömning.",
    );
    expect(sv.text).toContain("Meddelande från idéslussen:\nVi bedömer din idé som en egen idé.");
    const en = renderOutboxEmail("duplicate_unlinked", { ...payload, locale: "en" }, site);
    expect(en.subject).toBe("Your idea IS-2026-0042 is being assessed again");
    expect(en.text).toContain("Message from the idea sluice (in Swedish):");
  });

  test("a question e-mail points to the status link from the receipt, which it cannot know", () => {
    const email = renderOutboxEmail("question_to_bearer", { reference: "IS-2026-0042" }, site);
    expect(email.subject).toBe("Vi har en fråga om din idé IS-2026-0042");
    expect(email.text).not.toContain("/status/#");
  });

  test("tells an assigned reviewer, in Swedish, who asked, by when and where the idea is", () => {
    const email = renderOutboxEmail(
      "assignment",
      {
        reference: "IS-2026-0042",
        due_on: "2026-12-10",
        assigned_by: "Sam Samordnare",
        locale: "sv",
      },
      site,
    );
    expect(email.subject).toBe("Du har fått en idé att bedöma: IS-2026-0042");
    expect(email.text).toContain("Sam Samordnare har bett dig bedöma idén IS-2026-0042.");
    expect(email.text).toContain("Bedömningen ska vara klar senast 10 december 2026.");
    expect(email.text).toContain(
      "https://innovationsslussen.example.se/granska/ide/?ref=IS-2026-0042",
    );
  });

  test("tells a mentioned reviewer who mentioned them and where, never what the note says", () => {
    const payload = { reference: "IS-2026-0042", mentioned_by: "Greta Granskare" };
    const email = renderOutboxEmail("mention", payload, site);
    expect(email.subject).toBe("Du har nämnts i en anteckning om idén IS-2026-0042");
    expect(email.text).toContain(
      "Greta Granskare nämnde dig i en intern anteckning om idén IS-2026-0042.",
    );
    expect(email.text).toContain(
      "https://innovationsslussen.example.se/granska/ide/?ref=IS-2026-0042",
    );
    // Reviewers read Swedish whatever language the idea's bearer used.
    expect(renderOutboxEmail("mention", { ...payload, locale: "en" }, site)).toEqual(email);
  });

  test("writes the coordinators' weekly digest in Swedish with counts, references and the workspace link", () => {
    const email = renderOutboxEmail(
      "weekly_digest",
      {
        locale: "sv",
        week: "2026-W50",
        today: "2026-12-07",
        name: "Sam Samordnare",
        overdue_count: 3,
        overdue: [
          { reference: "IS-2026-0042", reviewer: "Greta Granskare", due_on: "2026-11-30" },
          { reference: "IS-2026-0043", reviewer: "Rut Regiongranskare", due_on: "2026-12-01" },
        ],
        unreleased_count: 1,
        unreleased: [
          { reference: "IS-2026-0012", state: "parked", decided_at: "2026-11-20T09:00:00+00:00" },
        ],
        follow_up_count: 0,
        follow_ups: [],
      },
      site,
    );
    expect(email.subject).toBe("Veckans läge i idéslussen, vecka 50");
    expect(email.text).toContain("Hej Sam Samordnare!");
    expect(email.text).toContain("i början av vecka 50 (7 december 2026)");
    expect(email.text).toContain("Bedömningar som är försenade: 3");
    expect(email.text).toContain(
      "- IS-2026-0042: Greta Granskare, skulle vara klar 30 november 2026",
    );
    expect(email.text).toContain("- … och 1 till");
    expect(email.text).toContain("- IS-2026-0012: vilande, beslutat 20 november 2026");
    expect(email.text).toContain("Vidareförmedlade idéer att följa upp senast om en vecka: 0");
    expect(email.text).toContain("https://innovationsslussen.example.se/granska/");
  });

  test("refuses an unknown template and a payload that does not fit, naming the fields", () => {
    expect(() => renderOutboxEmail("newsletter", {}, site)).toThrow(UnrenderableEmail);
    expect(() =>
      renderOutboxEmail("submission_receipt", { reference: "IS-2026-0042\r\nBcc: x" }, site),
    ).toThrow(
      "Fel innehåll för mallen submission_receipt: reference, title, received_at, status_token",
    );
  });
});
