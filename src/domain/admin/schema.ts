// zod/mini, because the operations pages' scripts validate with the same schemas before they send.
import * as z from "zod/mini";
import { emailAddressSchema } from "../email-address.ts";

/** Messages for the fields, as instructions (CONVENTIONS: "Skriv …", "Välj …"). */
const m = {
  emailMissing: "Skriv personens e-postadress.",
  emailInvalid: "Skriv e-postadressen i rätt format, till exempel namn@skovde.se.",
  decisionMissing: "Välj om begäran gäller radering eller begränsning.",
  reasonMissing: "Skriv varför begäran beviljas och vad som finns kvar.",
  reasonTooLong: "Motiveringen får vara högst 2000 tecken.",
} as const;

/** The address a personal-data request is about: trimmed, lower-case, at most 254 characters. */
export const requestEmailSchema = emailAddressSchema({
  missing: m.emailMissing,
  invalid: m.emailInvalid,
});

/** How a personal-data export is delivered: JSON to download, or a Swedish page. */
export const exportFormats = ["json", "html"] as const;

/** One of the export formats. */
export type ExportFormat = (typeof exportFormats)[number];

/** `POST /api/admin/personal-data/decisions`: a granted request about one address. */
export const personalDataDecisionSchema = z.strictObject({
  /** The address the ideas were sent from. */
  email: requestEmailSchema,
  /** erasure (GDPR Art. 17) or restriction (Art. 18). */
  decision: z.enum(["erasure", "restriction"], { error: m.decisionMissing }),
  /** Why it is granted, and what the law leaves in place. */
  reason: z.pipe(
    z.pipe(
      z.string({ error: m.reasonMissing }),
      z.transform((value: string) => value.trim()),
    ),
    z
      .string()
      .check(
        z.minLength(1, { error: m.reasonMissing }),
        z.maxLength(2000, { error: m.reasonTooLong }),
      ),
  ),
});

/** A decision, parsed. */
export type PersonalDataDecision = z.infer<typeof personalDataDecisionSchema>;

/** The fields of the decision form, in their order on the page. */
export type DecisionField = "email" | "decision" | "reason";

/** The first message per field of a failed parse, for the error summary and the fields. */
export function decisionFieldErrors(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): Partial<Record<DecisionField, string>> {
  const errors: Partial<Record<DecisionField, string>> = {};
  for (const issue of issues) {
    const field = issue.path[0];
    if ((field === "email" || field === "decision" || field === "reason") && !errors[field])
      errors[field] = issue.message;
  }
  return errors;
}
