import { describe, expect, test } from "vitest";
import { ideaFieldMessages, submissionRuleMessage, submissionRuleMessages } from "./messages.ts";

describe("messages for the rules api.submit_idea checks", () => {
  test("a rule the database raises gets the same text as the schema's own check", () => {
    expect(submissionRuleMessage("title", "too_long", "sv")).toBe(
      ideaFieldMessages.sv.titleTooLong,
    );
    expect(submissionRuleMessage("bearer_email", "not_municipal_domain", "en")).toBe(
      "Use your work e-mail address at one of the municipalities, for example name@skovde.se.",
    );
  });

  test("a rule the catalogue does not know gets the field's own fallback, never nothing", () => {
    expect(submissionRuleMessage("workplace", "brand_new_rule", "sv")).toBe(
      "Kontrollera arbetsplatsen.",
    );
    expect(submissionRuleMessage("form", "anything", "en")).toBe(
      "Check your answers and send the idea again.",
    );
  });

  test("every rule's message exists in both languages", () => {
    for (const [field, rules] of Object.entries(submissionRuleMessages)) {
      for (const key of Object.values(rules)) {
        expect(typeof ideaFieldMessages.sv[key], `${field} ${key}`).toBe("string");
        expect(typeof ideaFieldMessages.en[key], `${field} ${key}`).toBe("string");
      }
    }
  });
});
