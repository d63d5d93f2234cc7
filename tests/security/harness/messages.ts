import {
  isSubmissionField,
  submissionMessages,
  submissionRuleMessage,
} from "../../../src/domain/idea/messages.ts";
import { reviewRefusalMessage } from "../../../src/domain/review/messages.ts";
import { classifyDatabaseError } from "../../../src/server/http/database-error.ts";
import type { ApiResult } from "./stack.ts";

/*
 * The database raises codes and rule keys (decision 0007); people read the sentences the catalogues
 * in src/domain write from them. These turn a refusal into the Swedish sentence a reviewer or a
 * bearer would read, the way the functions do, so the security tests can assert both the contract
 * (code, rule, field) and the words.
 */

type ApiError = NonNullable<ApiResult["error"]>;

function refusalOf(error: ApiError) {
  const failure = classifyDatabaseError(error, 400);
  if (!("rule" in failure)) throw new Error(`Not a refusal: ${error.code} ${error.message}`);
  return failure;
}

/** What a reviewer reads for a refusal in the workspace. */
export function reviewerReads(error: ApiError | null): string {
  if (!error) throw new Error("Expected a refusal, got none");
  return reviewRefusalMessage(refusalOf(error), "sv");
}

/** What a bearer reads for a refusal of their submission. */
export function bearerReads(error: ApiError | null): string {
  if (!error) throw new Error("Expected a refusal, got none");
  const refusal = refusalOf(error);
  if (refusal.rule === "idempotency_key_reused") return submissionMessages.sv.keyReused;
  if (refusal.rule === "too_many_submissions") return submissionMessages.sv.throttled;
  const field = isSubmissionField(refusal.field) ? refusal.field : "form";
  return submissionRuleMessage(field, refusal.rule, "sv");
}
