import {
  ideaFieldMessages,
  submissionMessages,
  type IdeaFieldMessages,
} from "../../domain/idea/messages.ts";
import type { IdeaField } from "../../domain/idea/schema.ts";
import type { Locale } from "../../domain/locale.ts";

/**
 * `api.submit_idea` speaks Swedish: it raises IS002 (a field's answer is wrong; `details` names the
 * field), PT422 (the retry key came with other answers) and PT429 (too many ideas) with Swedish
 * messages. A Swedish answer passes them on as they are. An English answer needs English, and the
 * database's code says which kind of message it is:
 *
 * - IS002: each check in the SQL raises the same Swedish text as the schema's message for that
 *   check (messages.ts), so the English is the same check's English message. A Swedish text that is
 *   not in the table (a check added to the SQL later) gets a clear message for its field instead.
 * - PT422, PT429: one message each.
 */

/** The field's English message when the database's check is not one the schema knows. */
const englishFieldFallback: Readonly<Record<IdeaField | "form", string>> = {
  title: "Check the title: enter a short title for the idea.",
  problem: "Check the problem or need: describe it, and keep within the length limit.",
  proposal: "Check your idea: describe it, and keep within the length limit.",
  beneficiaries: "Check who benefits from the idea: choose one or more of the groups.",
  expected_effects: "Check the expected effects: keep within the length limit.",
  area_id: "Check the area of activity: choose one from the list.",
  tried: "Check whether the idea has been tried: choose no, partly or yes.",
  resources: "Check what the idea might need: keep within the length limit.",
  municipality_code: "Check the municipality: choose one from the list.",
  workplace: "Check the workplace: keep within the length limit.",
  bearer_name: "Check your name: enter it on one line.",
  bearer_email:
    "Check your e-mail address: use your work e-mail address at one of the municipalities.",
  bearer_phone: "Check the phone number: enter it in digits.",
  co_bearers: "Check the names of the others who helped: enter names only.",
  privacy_notice_read:
    "Tick the box to confirm that you have read how we process your personal data.",
  contact_consent: "Check whether we may contact you: choose yes or no.",
  publish_consent: "Check whether we may publish a summary of the idea.",
  form: "Check your answers and send the idea again.",
};

type TextKey = {
  [K in keyof IdeaFieldMessages]: IdeaFieldMessages[K] extends string ? K : never;
}[keyof IdeaFieldMessages];

/** The message key whose Swedish text is this database message, if any. */
function findMessageKey(swedish: string): TextKey | undefined {
  const table = ideaFieldMessages.sv;
  return (Object.keys(table) as (keyof IdeaFieldMessages)[]).find(
    (key): key is TextKey => table[key] === swedish,
  );
}

/**
 * An IS002 message from `api.submit_idea` for `field` ("form" when it concerns no field of the
 * form), in the answer's language.
 */
export function localiseFieldError(
  field: IdeaField | "form",
  swedish: string,
  locale: Locale,
): string {
  if (locale === "sv") return swedish;
  const key = findMessageKey(swedish);
  return key ? ideaFieldMessages[locale][key] : englishFieldFallback[field];
}

/** A PT422 or PT429 message from `api.submit_idea`, in the answer's language. */
export function localiseSubmissionError(
  kind: "keyReused" | "throttled",
  swedish: string,
  locale: Locale,
): string {
  return locale === "sv" ? swedish : submissionMessages[locale][kind];
}
