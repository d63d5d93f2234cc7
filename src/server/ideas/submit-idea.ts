import { createHash } from "node:crypto";
import { z } from "zod";
import type { Locale } from "../../domain/locale.ts";
import {
  isSubmissionField,
  submissionMessages,
  submissionRuleMessage,
} from "../../domain/idea/messages.ts";
import {
  isIdeaField,
  parseIdeaSubmission,
  type FieldErrors,
  type IdeaSubmission,
} from "../../domain/idea/schema.ts";
import { callDatabase, DatabaseBug, type DatabaseFailure } from "../http/database-error.ts";
import type { SubmissionRequest } from "./submission-request.ts";
import { log } from "../log.ts";

/** A submission sent sooner than this after the form was shown is treated as a bot (AS-20). */
export const minimumFillMilliseconds = 2000;

/** How a submission ended, for the endpoint to turn into a response. */
export type SubmitOutcome =
  | { kind: "received"; reference: string; statusToken: string | null; replayed: boolean }
  | { kind: "discarded" }
  | { kind: "bad_key"; message: string }
  | { kind: "invalid"; errors: FieldErrors }
  | { kind: "key_reused"; message: string }
  | { kind: "throttled"; message: string }
  | { kind: "unavailable" };

/** The one database call a submission needs; the endpoint passes supabase-js `.rpc`. */
export type SubmitIdeaRpc = (args: {
  idempotency_key: string;
  /** The answers, and the form's language when it is not Swedish (e-mails are written in it). */
  submission: IdeaSubmission & { locale?: Locale };
}) => PromiseLike<{
  data: unknown;
  error: { code?: string; message: string; details?: string | null } | null;
  status: number;
}>;

const receiptSchema = z.object({
  reference: z.string(),
  status_token: z.string().nullable(),
  replayed: z.boolean(),
});

/**
 * A key for a form posted without JavaScript, which cannot make one: derived from the answers, so
 * sending the very same answers again (a double click, a reload) finds the idea already received.
 */
export function keyFromAnswers(submission: IdeaSubmission): string {
  const hex = createHash("sha256").update(JSON.stringify(submission)).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** What a refused or failed `api.submit_idea` call means for the person, in their language. */
function failedSubmission(failure: DatabaseFailure, locale: Locale): SubmitOutcome {
  switch (failure.kind) {
    case "unavailable":
      return { kind: "unavailable" };
    case "invalid": {
      if (failure.rule === "unstorable") {
        // A value the schema let through but PostgreSQL cannot take: the person's input, so a 422
        // that says so rather than a 500. Logged, because the schema should have caught it.
        log.warn("submission_unstorable", { code: failure.code });
        return { kind: "invalid", errors: { form: [submissionMessages[locale].unstorable] } };
      }
      const field = isSubmissionField(failure.field) ? failure.field : "form";
      const formField = isIdeaField(field) ? field : "form";
      return {
        kind: "invalid",
        errors: { [formField]: [submissionRuleMessage(field, failure.rule, locale)] },
      };
    }
    case "conflict":
      if (failure.rule === "idempotency_key_reused")
        return { kind: "key_reused", message: submissionMessages[locale].keyReused };
      break;
    case "throttled":
      return { kind: "throttled", message: submissionMessages[locale].throttled };
  }
  throw new DatabaseBug("submit_idea", failure);
}

/**
 * Receives one idea: drops bot submissions without telling them, checks the idempotency key, parses
 * the answers with the idea schema, and calls `api.submit_idea`, which stores everything in one
 * transaction. A rule the database checks for a field (IS002) comes back as that field's message,
 * from the same catalogue as the schema's (src/domain/idea/messages.ts), in the request's language.
 */
export async function submitIdea(
  request: SubmissionRequest,
  rpc: SubmitIdeaRpc,
): Promise<SubmitOutcome> {
  if (request.honeypot.trim() !== "") return { kind: "discarded" };
  if (
    request.fillMilliseconds !== undefined &&
    request.fillMilliseconds < minimumFillMilliseconds
  ) {
    return { kind: "discarded" };
  }
  const { locale } = request;
  if (request.idempotencyKey !== undefined && !z.uuid().safeParse(request.idempotencyKey).success) {
    return { kind: "bad_key", message: submissionMessages[locale].keyNotUuid };
  }
  if (request.idempotencyKey === undefined && request.format === "json") {
    return { kind: "bad_key", message: submissionMessages[locale].keyRequired };
  }

  const parsed = parseIdeaSubmission(request.input, locale);
  if (!parsed.success) return { kind: "invalid", errors: parsed.errors };

  const key = request.idempotencyKey ?? keyFromAnswers(parsed.data);
  // Swedish is the database's default, so a Swedish body is exactly the answers.
  const submission = locale === "sv" ? parsed.data : { ...parsed.data, locale };
  const result = await callDatabase(rpc({ idempotency_key: key, submission }));
  if (!result.ok) return failedSubmission(result.failure, locale);
  const data = result.data;
  const receipt = receiptSchema.parse(data);
  return {
    kind: "received",
    reference: receipt.reference,
    statusToken: receipt.status_token,
    replayed: receipt.replayed,
  };
}
