import { describe, expect, test } from "vitest";
import { formToInput } from "./form-input.ts";

describe("reading the idea form", () => {
  test("turns repeated fields into arrays and ja/nej into booleans, leaving out the form's own fields", () => {
    const form = new URLSearchParams(
      "locale=en&title=Rubrik&beneficiaries=elever&beneficiaries=medarbetare&privacy_notice_read=ja&contact_consent=nej&idempotency_key=k&fill_ms=1&contact_fax=",
    );
    expect(formToInput(form)).toEqual({
      input: {
        title: "Rubrik",
        beneficiaries: ["elever", "medarbetare"],
        privacy_notice_read: true,
        contact_consent: false,
        publish_consent: false,
      },
      values: {
        title: "Rubrik",
        beneficiaries: ["elever", "medarbetare"],
        privacy_notice_read: "ja",
        contact_consent: "nej",
      },
    });
  });

  test("an unchecked form gives no beneficiaries, unchecked boxes and an unanswered contact question", () => {
    expect(formToInput(new URLSearchParams("")).input).toEqual({
      beneficiaries: [],
      privacy_notice_read: false,
      publish_consent: false,
    });
    expect(
      formToInput(new URLSearchParams("contact_consent=kanske")).input.contact_consent,
    ).toBeUndefined();
  });
});
