// zod/mini: the same validation as zod with a fraction of the size, because the browser runs this
// schema too and the form page has a 20 KB budget for JavaScript.
import * as z from "zod/mini";
import { defaultLocale, type Locale } from "../locale.ts";
import { removeControlCharacters } from "../text.ts";
import { ideaFieldMessages, type IdeaFieldMessages } from "./messages.ts";

/**
 * The idea form: one zod schema that sets the form's HTML constraints, parses every submission on
 * the server (JSON and form posts alike) and gives the TypeScript type. The database checks the same
 * limits again in `api.submit_idea` (security is in the database). The messages people see come
 * from messages.ts in the page's language; everything else is the same in every language.
 */

/** Who benefits from the idea: the values `api.submit_idea` stores (the labels are in the view). */
export const beneficiaryValues = [
  "invanare",
  "brukare_patienter",
  "elever",
  "medarbetare",
  "foretag",
  "andra_kommuner",
  "annan",
] as const;
type Beneficiary = (typeof beneficiaryValues)[number];

/** Whether the idea has been tried: the values `api.submit_idea` stores. */
export const triedValues = ["nej", "delvis", "ja"] as const;

const withoutControlCharacters = z.overwrite(removeControlCharacters);

/**
 * A required text: control characters removed, trimmed, Unicode-normalised (NFC), not empty, at
 * most `max` characters.
 */
function requiredText(max: number, missing: string, tooLong: string) {
  return z
    .string({ error: missing })
    .check(
      withoutControlCharacters,
      z.trim(),
      z.normalize("NFC"),
      z.minLength(1, { error: missing }),
      z.maxLength(max, { error: tooLong }),
    );
}

/** An optional text: as {@link requiredText}, and an empty answer becomes absent. */
function optionalText(max: number, tooLong: string) {
  return z.pipe(
    z.optional(
      z
        .string({ error: tooLong })
        .check(
          withoutControlCharacters,
          z.trim(),
          z.normalize("NFC"),
          z.maxLength(max, { error: tooLong }),
        ),
    ),
    z.transform((value: string | undefined) => (value ? value : undefined)),
  );
}

/**
 * Builds the idea schema with the messages of one language. Only the messages differ between
 * languages; the fields, limits and HTML constraints are the same.
 */
function buildIdeaSubmissionSchema(m: IdeaFieldMessages) {
  return z.strictObject({
    /** A short name for the idea. */
    title: requiredText(150, m.titleMissing, m.titleTooLong),
    /** The problem or need the idea answers. */
    problem: requiredText(4000, m.problemMissing, m.problemTooLong),
    /** The idea itself. */
    proposal: requiredText(4000, m.proposalMissing, m.proposalTooLong),
    /** Who benefits; at least one group. */
    beneficiaries: z.pipe(
      z
        .array(z.enum(beneficiaryValues, { error: m.beneficiariesInvalid }), {
          error: m.beneficiariesInvalid,
        })
        .check(z.minLength(1, { error: m.beneficiariesMissing })),
      z.transform((values: Beneficiary[]) => [...new Set(values)]),
    ),
    /** The effects the bearer expects. */
    expected_effects: optionalText(4000, m.expectedEffectsTooLong),
    /** The area of activity (verksamhetsområde); the choices come from the database. */
    area_id: requiredText(100, m.areaMissing, m.areaMissing),
    /** Whether the idea has been tried. */
    tried: z.enum(triedValues, { error: m.triedMissing }),
    /** Resources the idea may need. */
    resources: optionalText(2000, m.resourcesTooLong),
    /** The municipality's official code, e.g. 1496 for Skövde. */
    municipality_code: z
      .string({ error: m.municipalityMissing })
      .check(z.regex(/^\d{4}$/, { error: m.municipalityMissing })),
    /** The bearer's workplace. */
    workplace: optionalText(200, m.workplaceTooLong),
    /** The bearer's name; never a personal identity number. */
    bearer_name: requiredText(150, m.nameMissing, m.nameTooLong).check(
      z.refine((name: string) => !/[\r\n]/.test(name), { error: m.nameOnOneLine }),
    ),
    /** The bearer's work e-mail; the municipality's domains are checked by the database. */
    bearer_email: z
      .email({ error: m.emailInvalid })
      .check(z.maxLength(254, { error: m.emailTooLong }), z.toLowerCase()),
    /** The bearer's phone number. */
    bearer_phone: optionalText(40, m.phoneTooLong).check(
      z.refine(
        (phone: string | undefined) => phone === undefined || /^[0-9+\-() ]{5,40}$/.test(phone),
        { error: m.phoneInvalid },
      ),
    ),
    /** The names of people who had the idea together with the bearer. */
    co_bearers: optionalText(500, m.coBearersTooLong),
    /** The bearer has read the privacy notice (required). */
    privacy_notice_read: z.literal(true, { error: m.privacyNoticeNotRead }),
    /** Whether reviewers may contact the bearer. */
    contact_consent: z.boolean({ error: m.contactConsentMissing }),
    /** Whether a summary may be published in the idea bank. */
    publish_consent: z._default(z.boolean({ error: m.publishConsentInvalid }), false),
  });
}

const schemas: Partial<Record<Locale, ReturnType<typeof buildIdeaSubmissionSchema>>> = {};

/** The idea schema with the messages in the given language (built once per language). */
export function ideaSubmissionSchemaFor(locale: Locale) {
  return (schemas[locale] ??= buildIdeaSubmissionSchema(ideaFieldMessages[locale]));
}

/** The idea schema with Swedish messages: the one the types and the form's HTML constraints come from. */
export const ideaSubmissionSchema = ideaSubmissionSchemaFor(defaultLocale);

/** A parsed, normalised idea submission, as `api.submit_idea` receives it. */
export type IdeaSubmission = z.output<typeof ideaSubmissionSchema>;

/** The form's field names, in the order the form shows them. */
export type IdeaField = keyof z.input<typeof ideaSubmissionSchema>;

/** Field name → the messages for that field; `form` holds what concerns no single field. */
export type FieldErrors = Partial<Record<IdeaField | "form", string[]>>;

/** Whether a name from outside (a database error's detail, say) is one of the form's fields. */
export function isIdeaField(name: string): name is IdeaField {
  return Object.hasOwn(ideaSubmissionSchema.shape, name);
}

/**
 * Parses a submission; on failure returns every field's messages in the given language (Swedish
 * unless told), in the form's field order.
 */
export function parseIdeaSubmission(
  input: unknown,
  locale: Locale = defaultLocale,
): { success: true; data: IdeaSubmission } | { success: false; errors: FieldErrors } {
  const result = ideaSubmissionSchemaFor(locale).safeParse(input);
  if (result.success) return { success: true, data: result.data };
  const errors: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const field = issue.code === "unrecognized_keys" ? "form" : String(issue.path[0] ?? "form");
    const message =
      issue.code === "unrecognized_keys"
        ? ideaFieldMessages[locale].unknownFields(issue.keys)
        : issue.message;
    (errors[field] ??= []).push(message);
  }
  const order = Object.keys(ideaSubmissionSchema.shape);
  return {
    success: false,
    errors: Object.fromEntries(
      Object.entries(errors).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)),
    ) as FieldErrors,
  };
}

type InputJsonSchema = { properties: Record<string, { maxLength?: number }>; required?: string[] };
let inputJsonSchema: InputJsonSchema | undefined;

/**
 * The HTML constraints a field gets from the schema (its JSON Schema for input): `required` and,
 * for text, `maxlength`. The form never repeats a limit by hand.
 */
export function fieldConstraints(field: IdeaField): { required: boolean; maxlength?: number } {
  // Computed on first use, so the browser bundle (which never asks) leaves the generator out.
  inputJsonSchema ??= z.toJSONSchema(ideaSubmissionSchema, {
    io: "input",
    unrepresentable: "any",
  }) as InputJsonSchema;
  const maxlength = inputJsonSchema.properties[field]?.maxLength;
  return {
    required: inputJsonSchema.required?.includes(field) ?? false,
    ...(maxlength === undefined ? {} : { maxlength }),
  };
}
