// zod/mini: the same validation as zod with a fraction of the size, because the browser runs this
// schema too and the form page has a 20 KB budget for JavaScript.
import * as z from "zod/mini";

/**
 * The idea form: one zod schema that sets the form's HTML constraints, parses every submission on
 * the server (JSON and form posts alike) and gives the TypeScript type. The database checks the same
 * limits again in `api.submit_idea` (security is in the database); the messages here are the ones
 * people see, written as instructions.
 */

/** Who benefits from the idea; the values are what `api.submit_idea` stores. */
export const beneficiaryOptions = [
  { value: "invanare", label: "Invånare" },
  { value: "brukare_patienter", label: "Brukare eller patienter" },
  { value: "elever", label: "Elever" },
  { value: "medarbetare", label: "Medarbetare" },
  { value: "foretag", label: "Företag" },
  { value: "andra_kommuner", label: "Andra kommuner" },
  { value: "annan", label: "Någon annan" },
] as const;

/** Whether the idea has been tried. */
export const triedOptions = [
  { value: "nej", label: "Nej" },
  { value: "delvis", label: "Delvis" },
  { value: "ja", label: "Ja" },
] as const;

const beneficiaryValues = beneficiaryOptions.map((option) => option.value) as [
  (typeof beneficiaryOptions)[number]["value"],
  ...(typeof beneficiaryOptions)[number]["value"][],
];
type Beneficiary = (typeof beneficiaryOptions)[number]["value"];
const triedValues = triedOptions.map((option) => option.value) as [
  (typeof triedOptions)[number]["value"],
  ...(typeof triedOptions)[number]["value"][],
];

/** A required text: trimmed, Unicode-normalised (NFC), not empty, at most `max` characters. */
function requiredText(max: number, missing: string, tooLong: string) {
  return z
    .string({ error: missing })
    .check(
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
        .check(z.trim(), z.normalize("NFC"), z.maxLength(max, { error: tooLong })),
    ),
    z.transform((value: string | undefined) => (value ? value : undefined)),
  );
}

export const ideaSubmissionSchema = z.strictObject({
  /** A short name for the idea. */
  title: requiredText(150, "Skriv en rubrik.", "Rubriken får vara högst 150 tecken."),
  /** The problem or need the idea answers. */
  problem: requiredText(
    4000,
    "Beskriv problemet eller behovet.",
    "Beskrivningen av problemet får vara högst 4000 tecken.",
  ),
  /** The idea itself. */
  proposal: requiredText(
    4000,
    "Beskriv idén.",
    "Beskrivningen av idén får vara högst 4000 tecken.",
  ),
  /** Who benefits; at least one group. */
  beneficiaries: z.pipe(
    z
      .array(z.enum(beneficiaryValues, { error: "Välj vilka som har nytta av idén." }), {
        error: "Välj vilka som har nytta av idén.",
      })
      .check(z.minLength(1, { error: "Välj minst en grupp som har nytta av idén." })),
    z.transform((values: Beneficiary[]) => [...new Set(values)]),
  ),
  /** The effects the bearer expects. */
  expected_effects: optionalText(4000, "Beskrivningen av effekterna får vara högst 4000 tecken."),
  /** The area of activity (verksamhetsområde); the choices come from the database. */
  area_id: requiredText(100, "Välj verksamhetsområde.", "Välj verksamhetsområde."),
  /** Whether the idea has been tried. */
  tried: z.enum(triedValues, { error: "Välj om idén har prövats." }),
  /** Resources the idea may need. */
  resources: optionalText(2000, "Beskrivningen av resurser får vara högst 2000 tecken."),
  /** The municipality's official code, e.g. 1496 for Skövde. */
  municipality_code: z
    .string({ error: "Välj kommun." })
    .check(z.regex(/^\d{4}$/, { error: "Välj kommun." })),
  /** The bearer's workplace. */
  workplace: optionalText(200, "Arbetsplatsen får vara högst 200 tecken."),
  /** The bearer's name; never a personal identity number. */
  bearer_name: requiredText(150, "Skriv ditt namn.", "Namnet får vara högst 150 tecken.").check(
    z.refine((name: string) => !/[\r\n]/.test(name), { error: "Skriv ditt namn på en rad." }),
  ),
  /** The bearer's work e-mail; the municipality's domains are checked by the database. */
  bearer_email: z
    .email({ error: "Skriv din e-postadress i jobbet, till exempel namn@skovde.se." })
    .check(
      z.maxLength(254, { error: "E-postadressen får vara högst 254 tecken." }),
      z.toLowerCase(),
    ),
  /** The bearer's phone number. */
  bearer_phone: optionalText(40, "Telefonnumret får vara högst 40 tecken.").check(
    z.refine(
      (phone: string | undefined) => phone === undefined || /^[0-9+\-() ]{5,40}$/.test(phone),
      {
        error: "Skriv telefonnumret med siffror, till exempel 0500-49 80 00.",
      },
    ),
  ),
  /** The names of people who had the idea together with the bearer. */
  co_bearers: optionalText(500, "Namnen på medidébärarna får vara högst 500 tecken."),
  /** The bearer has read the privacy notice (required). */
  privacy_notice_read: z.literal(true, {
    error: "Bekräfta att du har läst hur vi behandlar dina personuppgifter.",
  }),
  /** Whether reviewers may contact the bearer. */
  contact_consent: z.boolean({ error: "Välj om vi får kontakta dig." }),
  /** Whether a summary may be published in the idea bank. */
  publish_consent: z._default(z.boolean(), false),
});

/** A parsed, normalised idea submission, as `api.submit_idea` receives it. */
export type IdeaSubmission = z.output<typeof ideaSubmissionSchema>;

/** The form's field names, in the order the form shows them. */
export type IdeaField = keyof z.input<typeof ideaSubmissionSchema>;

/** Field name → the Swedish messages for that field; `form` holds what concerns no single field. */
export type FieldErrors = Partial<Record<IdeaField | "form", string[]>>;

/** Whether a name from outside (a database error's detail, say) is one of the form's fields. */
export function isIdeaField(name: string): name is IdeaField {
  return Object.hasOwn(ideaSubmissionSchema.shape, name);
}

/** Parses a submission; on failure returns every field's messages, in the form's field order. */
export function parseIdeaSubmission(
  input: unknown,
): { success: true; data: IdeaSubmission } | { success: false; errors: FieldErrors } {
  const result = ideaSubmissionSchema.safeParse(input);
  if (result.success) return { success: true, data: result.data };
  const errors: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const field = issue.code === "unrecognized_keys" ? "form" : String(issue.path[0] ?? "form");
    const message =
      issue.code === "unrecognized_keys" ? `Okända fält: ${issue.keys.join(", ")}.` : issue.message;
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
