import * as z from "zod/mini";
import { describe, expect, test } from "vitest";
import { locales } from "../locale.ts";
import { ideaFieldMessages } from "./messages.ts";
import {
  fieldConstraints,
  ideaSubmissionSchema,
  ideaSubmissionSchemaFor,
  parseIdeaSubmission,
  type IdeaField,
} from "./schema.ts";

/** A complete, valid submission in the schema's input shape. */
function validInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: "Digitala nycklar i hemtjänsten",
    problem: "Personalen lägger mycket tid på att hämta och lämna nycklar.",
    proposal: "Lås som öppnas med mobilen.",
    beneficiaries: ["medarbetare"],
    area_id: "vard-och-omsorg",
    tried: "nej",
    municipality_code: "1496",
    bearer_name: "Anna Andersson",
    bearer_email: "anna@skovde.se",
    privacy_notice_read: true,
    contact_consent: true,
    ...overrides,
  };
}

/** What an empty form sends: unchecked boxes, no groups chosen. */
const emptyForm = { beneficiaries: [], privacy_notice_read: false, publish_consent: false };

describe("the idea schema's messages", () => {
  test("an empty Swedish form names every required field with its Swedish instruction, in form order", () => {
    const result = parseIdeaSubmission(emptyForm, "sv");
    expect(result).toEqual({
      success: false,
      errors: {
        title: ["Skriv en rubrik."],
        problem: ["Beskriv problemet eller behovet."],
        proposal: ["Beskriv idén."],
        beneficiaries: ["Välj minst en grupp som har nytta av idén."],
        area_id: ["Välj verksamhetsområde."],
        tried: ["Välj om idén har prövats."],
        municipality_code: ["Välj kommun."],
        bearer_name: ["Skriv ditt namn."],
        bearer_email: ["Skriv din e-postadress i jobbet, till exempel namn@skovde.se."],
        privacy_notice_read: ["Bekräfta att du har läst hur vi behandlar dina personuppgifter."],
        contact_consent: ["Välj om vi får kontakta dig."],
      },
    });
  });

  test("an empty English form names the same fields with English instructions, in form order", () => {
    const result = parseIdeaSubmission(emptyForm, "en");
    expect(result).toEqual({
      success: false,
      errors: {
        title: ["Enter a title."],
        problem: ["Describe the problem or need."],
        proposal: ["Describe your idea."],
        beneficiaries: ["Choose at least one group that benefits from the idea."],
        area_id: ["Choose an area of activity."],
        tried: ["Choose whether the idea has been tried."],
        municipality_code: ["Choose your municipality."],
        bearer_name: ["Enter your name."],
        bearer_email: ["Enter your work e-mail address, for example name@skovde.se."],
        privacy_notice_read: ["Confirm that you have read how we process your personal data."],
        contact_consent: ["Choose whether we may contact you."],
      },
    });
  });

  test("without a language the messages are Swedish", () => {
    expect(parseIdeaSubmission(validInput({ title: " " }))).toEqual({
      success: false,
      errors: { title: ["Skriv en rubrik."] },
    });
  });

  test("wrong answers get each language's message for the same field", () => {
    const wrong = validInput({
      bearer_name: "Anna\nAndersson",
      bearer_phone: "ring mig",
      bearer_email: "anna",
      beneficiaries: ["alla"],
      tried: "kanske",
      publish_consent: "ja",
    });
    expect(parseIdeaSubmission(wrong, "sv")).toEqual({
      success: false,
      errors: {
        beneficiaries: ["Välj vilka som har nytta av idén."],
        tried: ["Välj om idén har prövats."],
        bearer_name: ["Skriv ditt namn på en rad."],
        bearer_email: ["Skriv din e-postadress i jobbet, till exempel namn@skovde.se."],
        bearer_phone: ["Skriv telefonnumret med siffror, till exempel 0500-49 80 00."],
        publish_consent: ["Välj om vi får publicera en sammanfattning av idén."],
      },
    });
    expect(parseIdeaSubmission(wrong, "en")).toEqual({
      success: false,
      errors: {
        beneficiaries: ["Choose who benefits from the idea."],
        tried: ["Choose whether the idea has been tried."],
        bearer_name: ["Enter your name on one line."],
        bearer_email: ["Enter your work e-mail address, for example name@skovde.se."],
        bearer_phone: ["Enter the phone number in digits, for example 0500-49 80 00."],
        publish_consent: ["Choose whether we may publish a summary of the idea."],
      },
    });
  });

  test("an answer one character too long gets a message naming the field's limit, in both languages", () => {
    const limited = (Object.keys(ideaSubmissionSchema.shape) as IdeaField[]).flatMap((field) => {
      const { maxlength } = fieldConstraints(field);
      return maxlength === undefined || field === "area_id" ? [] : [{ field, maxlength }];
    });
    expect(limited.map(({ field }) => field)).toEqual([
      "title",
      "problem",
      "proposal",
      "expected_effects",
      "resources",
      "workplace",
      "bearer_name",
      "bearer_email",
      "bearer_phone",
      "co_bearers",
    ]);
    for (const { field, maxlength } of limited) {
      const value =
        field === "bearer_email"
          ? `a@${"b".repeat(maxlength - "a@.se".length + 1)}.se`
          : "1".repeat(maxlength + 1);
      const input = validInput({ [field]: value });
      const messages = (locale: "sv" | "en") => {
        const result = parseIdeaSubmission(input, locale);
        return result.success ? "" : (result.errors[field] ?? []).join(" ");
      };
      expect(messages("sv")).toContain(`högst ${maxlength} tecken`);
      expect(messages("en")).toContain(
        `must be ${maxlength.toLocaleString("en-GB")} characters or fewer`,
      );
    }
  });

  test("fields the form does not have are named in the page's language", () => {
    expect(parseIdeaSubmission(validInput({ personnummer: "x" }), "sv")).toEqual({
      success: false,
      errors: { form: ["Okända fält: personnummer."] },
    });
    expect(parseIdeaSubmission(validInput({ personnummer: "x" }), "en")).toEqual({
      success: false,
      errors: { form: ["Unknown fields: personnummer."] },
    });
  });

  test("a valid submission parses to the same data in both languages", () => {
    const sv = parseIdeaSubmission(validInput(), "sv");
    expect(sv.success).toBe(true);
    expect(parseIdeaSubmission(validInput(), "en")).toEqual(sv);
  });

  test("the HTML constraints are the same whichever language the messages are in", () => {
    const jsonSchema = (locale: (typeof locales)[number]) =>
      z.toJSONSchema(ideaSubmissionSchemaFor(locale), { io: "input", unrepresentable: "any" });
    expect(jsonSchema("en")).toEqual(jsonSchema("sv"));
    expect(fieldConstraints("title")).toEqual({ required: true, maxlength: 150 });
    expect(fieldConstraints("workplace")).toEqual({ required: false, maxlength: 200 });
  });

  test("every language has every message, none empty, and the English has no Swedish letters", () => {
    const sample = ["a", "b"];
    for (const locale of locales) {
      const table = ideaFieldMessages[locale];
      expect(Object.keys(table).sort()).toEqual(Object.keys(ideaFieldMessages.sv).sort());
      for (const message of Object.values(table)) {
        const text = typeof message === "function" ? message(sample) : message;
        expect(text.trim()).not.toBe("");
        if (locale === "en") expect(text).not.toMatch(/[åäöÅÄÖ]/);
      }
    }
  });
});

describe("the idea schema's cleaning of text", () => {
  test("removes invisible control characters but keeps tabs and line breaks", () => {
    const parsed = parseIdeaSubmission(
      validInput({
        title: "Cyklar\u0000 i\u0007 tjänst",
        problem: "Rad ett\n\tRad två\r\nRad tre\u007f",
      }),
    );
    expect(parsed).toMatchObject({
      success: true,
      data: { title: "Cyklar i tjänst", problem: "Rad ett\n\tRad två\r\nRad tre" },
    });
  });

  test("a text of nothing but control characters is a missing answer", () => {
    expect(parseIdeaSubmission(validInput({ title: "\u0000\u0001" }))).toEqual({
      success: false,
      errors: { title: ["Skriv en rubrik."] },
    });
  });
});
