import type { Config } from "@netlify/functions";
import { defineEndpoint } from "../../src/server/http/endpoint.ts";
import { fakeReference } from "../../src/server/ideas/fake-reference.ts";
import { readFormOptions } from "../../src/server/ideas/form-options.ts";
import {
  formSubmissionResponse,
  jsonSubmissionResponse,
} from "../../src/server/ideas/submission-response.ts";
import { readSubmission, submissionBodyRules } from "../../src/server/ideas/submission-request.ts";
import { submitIdea } from "../../src/server/ideas/submit-idea.ts";
import { sendDueEmailsInBackground } from "../../src/server/email/sender.ts";
import { createAnonClient } from "../../src/server/supabase.ts";
import { log } from "../../src/server/log.ts";

/**
 * POST /api/ideas – receives an idea from the form (a plain form post or the enhanced form's JSON)
 * or from an API client. One SQL function stores it in one transaction; see submit-idea.ts. The
 * answer is in Swedish, or in English when the body's `locale` field says `en` (the English form
 * sends it).
 */
export default defineEndpoint({
  methods: ["POST"],
  body: submissionBodyRules,
  handle: async ({ request, url, context, body }) => {
    const submission = readSubmission(body, request);
    const database = createAnonClient();
    const outcome = await submitIdea(submission, (args) => database.rpc("submit_idea", args));
    // The receipt goes out a moment after the response; the scheduled sender catches anything missed.
    if (outcome.kind === "received" && !outcome.replayed)
      context.waitUntil?.(sendDueEmailsInBackground(url.origin));
    if (outcome.kind === "discarded") log.info("submission_discarded");
    if (submission.format === "json")
      return jsonSubmissionResponse(outcome, url.origin, fakeReference(), submission.locale);
    const needsForm =
      outcome.kind === "invalid" ||
      outcome.kind === "bad_key" ||
      outcome.kind === "key_reused" ||
      outcome.kind === "throttled";
    return formSubmissionResponse(
      outcome,
      {
        locale: submission.locale,
        values: submission.values,
        idempotencyKey: submission.idempotencyKey,
        options: needsForm ? await readFormOptions(database) : undefined,
      },
      fakeReference(),
    );
  },
});

export const config: Config = {
  path: "/api/ideas",
  // Per client IP and site; the array form matters: a plain string silently means per domain only
  // (stack-facts 2.1). Netlify enforces this in production; local runs do not.
  rateLimit: { windowLimit: 10, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
