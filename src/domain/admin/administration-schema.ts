// zod/mini, because the admin pages' scripts validate with the same schemas before they send.
import * as z from "zod/mini";
import { emailAddressSchema } from "../email-address.ts";

/**
 * The inputs of the administration endpoints (reviewers, criteria, municipalities and areas) and of
 * the welcome page, defined once: the functions parse with them, the pages' scripts check with them
 * before they send. Messages are instructions, in Swedish (CONVENTIONS).
 */

/** Messages for the fields. */
export const administrationFieldMessages = {
  emailMissing: "Skriv personens e-postadress.",
  emailInvalid: "Skriv e-postadressen i rätt format, till exempel namn@lidkoping.se.",
  nameMissing: "Skriv personens namn.",
  nameTooLong: "Namnet får vara högst 150 tecken.",
  roleMissing: "Välj om personen är granskare eller samordnare.",
  scopeMissing: "Välj en kommun, eller hela regionen.",
  activeMissing: "Välj om kontot ska vara aktivt.",
  criterionNameMissing: "Skriv kriteriets namn.",
  criterionNameTooLong: "Namnet får vara högst 100 tecken.",
  descriptionMissing: "Skriv en beskrivning av kriteriet.",
  descriptionTooLong: "Beskrivningen får vara högst 2000 tecken.",
  levelMissing: "Skriv vad poängen betyder.",
  levelTooLong: "Texten får vara högst 500 tecken.",
  weightInvalid: "Skriv en vikt mellan 0,1 och 10, till exempel 1 eller 1,5.",
  codeInvalid: "Skriv kommunkoden med fyra siffror, till exempel 1494.",
  municipalityNameMissing: "Skriv kommunens namn.",
  placeNameTooLong: "Namnet får vara högst 100 tecken.",
  domainsMissing: "Skriv minst en e-postdomän, till exempel lidkoping.se.",
  domainsInvalid: "Skriv domänerna utan @, med kommatecken emellan, till exempel lidkoping.se.",
  areaNameMissing: "Skriv områdets namn.",
  orderInvalid: "Skriv ordningen som ett heltal mellan 0 och 10000.",
  passwordTooShort: "Lösenordet måste ha minst 12 tecken.",
  passwordTooLong: "Lösenordet får vara högst 72 tecken.",
  passwordsDiffer: "Skriv samma lösenord två gånger.",
  tokenMissing: "Länken är inte hel. Öppna länken i inbjudan igen.",
} as const;

const m = administrationFieldMessages;

/** Text that is trimmed first, then checked. */
function trimmedText(missing: string, max: number, tooLong: string) {
  return z.pipe(
    z.pipe(
      z.string({ error: missing }),
      z.transform((value: string) => value.trim()),
    ),
    z.string().check(z.minLength(1, { error: missing }), z.maxLength(max, { error: tooLong })),
  );
}

/** A reviewer's scope: a municipality code, or null for regional (every municipality). */
const scopeSchema = z.nullable(
  z.string({ error: m.scopeMissing }).check(z.regex(/^[0-9]{4}$/, { error: m.scopeMissing })),
);

/** The two roles. */
export const reviewerRoles = ["reviewer", "coordinator"] as const;

/** `POST /api/admin/reviewers`: an invitation. */
export const inviteReviewerSchema = z.strictObject({
  /** The person's work address; the invitation goes there and it becomes their sign-in. */
  email: emailAddressSchema({ missing: m.emailMissing, invalid: m.emailInvalid }),
  /** The name shown to colleagues. */
  name: trimmedText(m.nameMissing, 150, m.nameTooLong),
  /** reviewer (idea coach or regional reviewer) or coordinator. */
  role: z.enum(reviewerRoles, { error: m.roleMissing }),
  /** A municipality code, or null for regional. */
  municipalityCode: scopeSchema,
});

/** An invitation, parsed. */
export type ReviewerInvitation = z.infer<typeof inviteReviewerSchema>;

/** `POST /api/admin/reviewers/:id`: a reviewer's role, scope and whether active. */
export const updateReviewerSchema = z.strictObject({
  role: z.enum(reviewerRoles, { error: m.roleMissing }),
  municipalityCode: scopeSchema,
  active: z.boolean({ error: m.activeMissing }),
});

/** A reviewer change, parsed. */
export type ReviewerChange = z.infer<typeof updateReviewerSchema>;

/** `POST /api/admin/criteria/:slug`: a new version of a criterion. */
export const criterionRevisionSchema = z.strictObject({
  name: trimmedText(m.criterionNameMissing, 100, m.criterionNameTooLong),
  description: trimmedText(m.descriptionMissing, 2000, m.descriptionTooLong),
  /** What scores 1 to 5 mean, in that order. */
  levels: z.tuple([
    trimmedText(m.levelMissing, 500, m.levelTooLong),
    trimmedText(m.levelMissing, 500, m.levelTooLong),
    trimmedText(m.levelMissing, 500, m.levelTooLong),
    trimmedText(m.levelMissing, 500, m.levelTooLong),
    trimmedText(m.levelMissing, 500, m.levelTooLong),
  ]),
  /** The weight in the overall mean, 0.1–10 with at most two decimals. */
  weight: z.number({ error: m.weightInvalid }).check(
    z.gte(0.1, { error: m.weightInvalid }),
    z.lte(10, { error: m.weightInvalid }),
    z.refine((value: number) => Math.abs(Math.round(value * 100) - value * 100) < 1e-9, {
      error: m.weightInvalid,
    }),
  ),
});

/** A criterion revision, parsed. */
export type CriterionRevision = z.infer<typeof criterionRevisionSchema>;

/** A staff e-mail domain: lidkoping.se, vgregion.se. */
const domainPattern = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;

/** `POST /api/admin/municipalities`: a municipality added (a new code) or changed. */
export const municipalitySchema = z.strictObject({
  /** The official municipality code (kommunkod), four digits; never changes. */
  code: z.string({ error: m.codeInvalid }).check(z.regex(/^[0-9]{4}$/, { error: m.codeInvalid })),
  name: trimmedText(m.municipalityNameMissing, 100, m.placeNameTooLong),
  /** The staff's e-mail domains, lower case, without @. */
  emailDomains: z
    .array(
      z.pipe(
        z.pipe(
          z.string({ error: m.domainsInvalid }),
          z.transform((value: string) => value.trim().toLowerCase()),
        ),
        z
          .string()
          .check(
            z.maxLength(253, { error: m.domainsInvalid }),
            z.regex(domainPattern, { error: m.domainsInvalid }),
          ),
      ),
      { error: m.domainsMissing },
    )
    .check(
      z.minLength(1, { error: m.domainsMissing }),
      z.maxLength(20, { error: m.domainsInvalid }),
    ),
  active: z.boolean({ error: m.activeMissing }),
});

/** A municipality, parsed. */
export type MunicipalityInput = z.infer<typeof municipalitySchema>;

/** `POST /api/admin/areas`: an area added (no id) or changed. */
export const areaSchema = z.strictObject({
  /** The area's id when it is changed; absent or null for a new area (made from the name). */
  id: z.optional(z.nullable(z.string().check(z.regex(/^[a-z0-9-]+$/)))),
  name: trimmedText(m.areaNameMissing, 100, m.placeNameTooLong),
  /** Where it comes in the form's list: lower first. */
  sortOrder: z
    .int({ error: m.orderInvalid })
    .check(z.gte(0, { error: m.orderInvalid }), z.lte(10000, { error: m.orderInvalid })),
  active: z.boolean({ error: m.activeMissing }),
});

/** An area, parsed. */
export type AreaInput = z.infer<typeof areaSchema>;

/** Splits "lidkoping.se, vgregion.se" as a person types it into domains. */
export function splitDomains(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((part) => part.trim().replace(/^@/, ""))
    .filter((part) => part.length > 0);
}

/**
 * `POST /api/auth/welcome`: the invitation's token and the password the invited person chooses
 * (Auth's rule: at least 12 characters; bcrypt reads at most 72 bytes).
 */
export const welcomeSchema = z
  .strictObject({
    token: z
      .string({ error: m.tokenMissing })
      .check(z.regex(/^[A-Za-z0-9_-]{20,200}$/, { error: m.tokenMissing })),
    password: z
      .string({ error: m.passwordTooShort })
      .check(
        z.minLength(12, { error: m.passwordTooShort }),
        z.maxLength(72, { error: m.passwordTooLong }),
      ),
    repeatPassword: z.string({ error: m.passwordsDiffer }),
  })
  .check(
    z.refine((value) => value.password === value.repeatPassword, {
      error: m.passwordsDiffer,
      path: ["repeatPassword"],
    }),
  );

/** A welcome, parsed. */
export type Welcome = z.infer<typeof welcomeSchema>;

/** The first message per field of a failed parse, for the error summary and the fields. */
export function fieldErrors(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const field = issue.path.map(String).join(".") || "form";
    errors[field] ??= issue.message;
  }
  return errors;
}
