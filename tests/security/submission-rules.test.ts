import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ideaFieldMessages, type IdeaFieldMessages } from "../../src/domain/idea/messages.ts";
import { aSubmission } from "./harness/fixtures.ts";
import { bearerReads } from "./harness/messages.ts";
import { startSecurityStack, type SecurityStack } from "./harness/stack.ts";

/*
 * Every check api.submit_idea makes itself – after the zod schema, and for the API clients that
 * skip it – raises a field and a rule key (decision 0007), and each has its own sentence in the
 * message catalogue: sent straight to the database, each wrong answer here must read exactly as
 * the schema's message for the same check, never a field's general fallback.
 */

type Key = {
  [K in keyof IdeaFieldMessages]: IdeaFieldMessages[K] extends string ? K : never;
}[keyof IdeaFieldMessages];

const cases: [string, Record<string, unknown>, string, string, Key][] = [
  ["a missing title", { title: "  " }, "title", "missing", "titleMissing"],
  ["a title of another type", { title: 42 }, "title", "invalid", "titleMissing"],
  ["a title too long", { title: "x".repeat(151) }, "title", "too_long", "titleTooLong"],
  ["a missing problem", { problem: "" }, "problem", "missing", "problemMissing"],
  ["a problem too long", { problem: "x".repeat(4001) }, "problem", "too_long", "problemTooLong"],
  ["a missing idea", { proposal: "" }, "proposal", "missing", "proposalMissing"],
  ["an idea too long", { proposal: "x".repeat(4001) }, "proposal", "too_long", "proposalTooLong"],
  [
    "effects too long",
    { expected_effects: "x".repeat(4001) },
    "expected_effects",
    "too_long",
    "expectedEffectsTooLong",
  ],
  [
    "resources too long",
    { resources: "x".repeat(2001) },
    "resources",
    "too_long",
    "resourcesTooLong",
  ],
  [
    "a workplace too long",
    { workplace: "x".repeat(201) },
    "workplace",
    "too_long",
    "workplaceTooLong",
  ],
  [
    "no municipality",
    { municipality_code: "" },
    "municipality_code",
    "missing",
    "municipalityMissing",
  ],
  [
    "an unknown municipality",
    { municipality_code: "9999" },
    "municipality_code",
    "invalid",
    "municipalityMissing",
  ],
  ["an unknown area", { area_id: "rymdfart" }, "area_id", "invalid", "areaMissing"],
  ["an unknown answer to tried", { tried: "kanske" }, "tried", "invalid", "triedMissing"],
  [
    "beneficiaries that are no list",
    { beneficiaries: "elever" },
    "beneficiaries",
    "invalid",
    "beneficiariesInvalid",
  ],
  [
    "an unknown beneficiary",
    { beneficiaries: ["rymdvarelser"] },
    "beneficiaries",
    "invalid",
    "beneficiariesInvalid",
  ],
  ["no name", { bearer_name: "" }, "bearer_name", "missing", "nameMissing"],
  ["a name too long", { bearer_name: "x".repeat(151) }, "bearer_name", "too_long", "nameTooLong"],
  ["no e-mail", { bearer_email: "" }, "bearer_email", "missing", "emailInvalid"],
  [
    "an e-mail that is none",
    { bearer_email: "eva.skovde.se" },
    "bearer_email",
    "invalid",
    "emailInvalid",
  ],
  [
    "an e-mail outside the municipalities",
    { bearer_email: "eva@gmail.com" },
    "bearer_email",
    "not_municipal_domain",
    "emailNotMunicipal",
  ],
  [
    "a phone number too long",
    { bearer_phone: "1".repeat(41) },
    "bearer_phone",
    "too_long",
    "phoneTooLong",
  ],
  [
    "co-bearers too long",
    { co_bearers: "x".repeat(501) },
    "co_bearers",
    "too_long",
    "coBearersTooLong",
  ],
  [
    "the privacy notice not read",
    { privacy_notice_read: false },
    "privacy_notice_read",
    "missing",
    "privacyNoticeNotRead",
  ],
];

describe("the rules api.submit_idea checks", () => {
  let stack: SecurityStack;

  beforeAll(async () => {
    stack = await startSecurityStack();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  for (const [what, change, field, rule, key] of cases) {
    it(`refuses ${what} with ${field}/${rule}, which reads as the schema's own message`, async () => {
      const result = await stack.call("anon", "submit_idea", {
        idempotency_key: randomUUID(),
        submission: aSubmission("1496", change),
      });
      expect(result.status).toBe(400);
      expect(result.error).toMatchObject({ code: "IS002", details: field, message: rule });
      expect(bearerReads(result.error)).toBe(ideaFieldMessages.sv[key]);
    });
  }

  it("stores the same submission once every answer is right (the allow twin)", async () => {
    const result = await stack.call("anon", "submit_idea", {
      idempotency_key: randomUUID(),
      submission: aSubmission("1496"),
    });
    expect(result.error).toBeNull();
  });
});
