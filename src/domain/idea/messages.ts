import type { Locale } from "../locale.ts";

/**
 * What the idea form says when an answer is wrong, in each of the site's languages. Written as
 * instructions that name the field ("Skriv en rubrik", "Enter a title"). The idea schema
 * (schema.ts) is built from one of these tables, so the browser and the server give the same
 * message in the page's language, and `api.submit_idea`'s own checks (IS002 with a field and a rule
 * key, decision 0007) are answered with the same texts through {@link submissionRuleMessages}.
 */
export interface IdeaFieldMessages {
  titleMissing: string;
  titleTooLong: string;
  problemMissing: string;
  problemTooLong: string;
  proposalMissing: string;
  proposalTooLong: string;
  /** A value that is not one of the groups, or not a list at all. */
  beneficiariesInvalid: string;
  beneficiariesMissing: string;
  expectedEffectsTooLong: string;
  areaMissing: string;
  triedMissing: string;
  resourcesTooLong: string;
  municipalityMissing: string;
  workplaceTooLong: string;
  nameMissing: string;
  nameTooLong: string;
  nameOnOneLine: string;
  emailInvalid: string;
  emailTooLong: string;
  /** Only the database knows the municipalities' e-mail domains, so only it raises this. */
  emailNotMunicipal: string;
  phoneTooLong: string;
  phoneInvalid: string;
  coBearersTooLong: string;
  privacyNoticeNotRead: string;
  contactConsentMissing: string;
  publishConsentInvalid: string;
  /** The database's own check that the retry key came along. */
  submissionKeyMissing: string;
  /** The database's own check that the answers came as an object. */
  submissionMissing: string;
  /** Fields the form does not have. */
  unknownFields: (names: readonly string[]) => string;
}

export const ideaFieldMessages: Readonly<Record<Locale, IdeaFieldMessages>> = {
  sv: {
    titleMissing: "Skriv en rubrik.",
    titleTooLong: "Rubriken får vara högst 150 tecken.",
    problemMissing: "Beskriv problemet eller behovet.",
    problemTooLong: "Beskrivningen av problemet får vara högst 4000 tecken.",
    proposalMissing: "Beskriv idén.",
    proposalTooLong: "Beskrivningen av idén får vara högst 4000 tecken.",
    beneficiariesInvalid: "Välj vilka som har nytta av idén.",
    beneficiariesMissing: "Välj minst en grupp som har nytta av idén.",
    expectedEffectsTooLong: "Beskrivningen av effekterna får vara högst 4000 tecken.",
    areaMissing: "Välj verksamhetsområde.",
    triedMissing: "Välj om idén har prövats.",
    resourcesTooLong: "Beskrivningen av resurser får vara högst 2000 tecken.",
    municipalityMissing: "Välj kommun.",
    workplaceTooLong: "Arbetsplatsen får vara högst 200 tecken.",
    nameMissing: "Skriv ditt namn.",
    nameTooLong: "Namnet får vara högst 150 tecken.",
    nameOnOneLine: "Skriv ditt namn på en rad.",
    emailInvalid: "Skriv din e-postadress i jobbet, till exempel namn@skovde.se.",
    emailTooLong: "E-postadressen får vara högst 254 tecken.",
    emailNotMunicipal:
      "Använd din e-postadress i jobbet i någon av kommunerna, till exempel namn@skovde.se.",
    phoneTooLong: "Telefonnumret får vara högst 40 tecken.",
    phoneInvalid: "Skriv telefonnumret med siffror, till exempel 0500-49 80 00.",
    coBearersTooLong: "Namnen på medidébärarna får vara högst 500 tecken.",
    privacyNoticeNotRead: "Bekräfta att du har läst hur vi behandlar dina personuppgifter.",
    contactConsentMissing: "Välj om vi får kontakta dig.",
    publishConsentInvalid: "Välj om vi får publicera en sammanfattning av idén.",
    submissionKeyMissing: "Inskickningen saknar sin nyckel. Ladda om formuläret och skicka igen.",
    submissionMissing: "Formuläret kom inte fram. Skicka igen.",
    unknownFields: (names) => `Okända fält: ${names.join(", ")}.`,
  },
  en: {
    titleMissing: "Enter a title.",
    titleTooLong: "The title must be 150 characters or fewer.",
    problemMissing: "Describe the problem or need.",
    problemTooLong: "The description of the problem must be 4,000 characters or fewer.",
    proposalMissing: "Describe your idea.",
    proposalTooLong: "The description of your idea must be 4,000 characters or fewer.",
    beneficiariesInvalid: "Choose who benefits from the idea.",
    beneficiariesMissing: "Choose at least one group that benefits from the idea.",
    expectedEffectsTooLong: "The description of the effects must be 4,000 characters or fewer.",
    areaMissing: "Choose an area of activity.",
    triedMissing: "Choose whether the idea has been tried.",
    resourcesTooLong: "The description of the resources must be 2,000 characters or fewer.",
    municipalityMissing: "Choose your municipality.",
    workplaceTooLong: "The workplace must be 200 characters or fewer.",
    nameMissing: "Enter your name.",
    nameTooLong: "Your name must be 150 characters or fewer.",
    nameOnOneLine: "Enter your name on one line.",
    emailInvalid: "Enter your work e-mail address, for example name@skovde.se.",
    emailTooLong: "Your e-mail address must be 254 characters or fewer.",
    emailNotMunicipal:
      "Use your work e-mail address at one of the municipalities, for example name@skovde.se.",
    phoneTooLong: "The phone number must be 40 characters or fewer.",
    phoneInvalid: "Enter the phone number in digits, for example 0500-49 80 00.",
    coBearersTooLong: "The names of the others must be 500 characters or fewer.",
    privacyNoticeNotRead: "Confirm that you have read how we process your personal data.",
    contactConsentMissing: "Choose whether we may contact you.",
    publishConsentInvalid: "Choose whether we may publish a summary of the idea.",
    submissionKeyMissing: "The submission is missing its key. Reload the form and send it again.",
    submissionMissing: "The form did not arrive. Send it again.",
    unknownFields: (names) => `Unknown fields: ${names.join(", ")}.`,
  },
};

/**
 * What the server says about a submission as a whole (not about one answer), per language. The
 * database raises `keyReused` as PT422 `idempotency_key_reused` and `throttled` as PT429
 * `too_many_submissions`.
 */
export interface SubmissionMessages {
  /** The retry key is not a UUID. */
  keyNotUuid: string;
  /** A JSON client sent no retry key. */
  keyRequired: string;
  /** The same retry key came with other answers (the database's PT422). */
  keyReused: string;
  /** Too many ideas from one e-mail address in an hour (the database's PT429). */
  throttled: string;
  /** The database cannot be reached (503). */
  unavailable: string;
  /** The database could not store a value the schema let through (SQLSTATE class 22). */
  unstorable: string;
}

export const submissionMessages: Readonly<Record<Locale, SubmissionMessages>> = {
  sv: {
    keyNotUuid: "Idempotency-Key ska vara ett UUID.",
    keyRequired:
      "Skicka med en Idempotency-Key (ett UUID) så att ett nytt försök aldrig skapar en ny idé.",
    keyReused:
      "Den här inskickningen har redan använts för en annan idé. Ladda om formuläret och skicka igen.",
    throttled: "Du har skickat många idéer på kort tid. Vänta en stund och försök sedan igen.",
    unavailable:
      "Vi kan inte ta emot idéer just nu. Din idé är inte skickad. Försök igen om en liten stund – det du har skrivit finns kvar.",
    unstorable:
      "Något i det du skrev gick inte att spara. Ta bort ovanliga tecken från texten och skicka igen.",
  },
  en: {
    keyNotUuid: "Idempotency-Key must be a UUID.",
    keyRequired: "Send an Idempotency-Key (a UUID), so that a retry never creates a second idea.",
    keyReused:
      "This submission has already been used for another idea. Reload the form and send it again.",
    throttled: "You have sent many ideas in a short time. Wait a while and then try again.",
    unavailable:
      "We cannot receive ideas right now. Your idea has not been sent. Try again in a little while – what you have written is still there.",
    unstorable:
      "Something in what you wrote could not be saved. Remove unusual characters from the text and send it again.",
  },
};

/** The fields `api.submit_idea` checks, and `form` for what concerns no single field. */
type SubmissionField = keyof typeof submissionRuleMessages | "form";

/** A message key of {@link IdeaFieldMessages} whose value is a plain text. */
type TextKey = {
  [K in keyof IdeaFieldMessages]: IdeaFieldMessages[K] extends string ? K : never;
}[keyof IdeaFieldMessages];

/**
 * Which message answers each rule `api.submit_idea` raises (IS002: `detail` names the field,
 * `message` the rule). A rule the SQL raises that is missing here gets the field's fallback below,
 * and a test that sends each wrong answer to the database checks that none does.
 */
export const submissionRuleMessages = {
  title: { missing: "titleMissing", invalid: "titleMissing", too_long: "titleTooLong" },
  problem: { missing: "problemMissing", invalid: "problemMissing", too_long: "problemTooLong" },
  proposal: { missing: "proposalMissing", invalid: "proposalMissing", too_long: "proposalTooLong" },
  beneficiaries: { invalid: "beneficiariesInvalid" },
  expected_effects: { invalid: "expectedEffectsTooLong", too_long: "expectedEffectsTooLong" },
  area_id: { missing: "areaMissing", invalid: "areaMissing", too_long: "areaMissing" },
  tried: { invalid: "triedMissing", too_long: "triedMissing" },
  resources: { invalid: "resourcesTooLong", too_long: "resourcesTooLong" },
  municipality_code: {
    missing: "municipalityMissing",
    invalid: "municipalityMissing",
    too_long: "municipalityMissing",
  },
  workplace: { invalid: "workplaceTooLong", too_long: "workplaceTooLong" },
  bearer_name: { missing: "nameMissing", invalid: "nameMissing", too_long: "nameTooLong" },
  bearer_email: {
    missing: "emailInvalid",
    invalid: "emailInvalid",
    too_long: "emailTooLong",
    not_municipal_domain: "emailNotMunicipal",
  },
  bearer_phone: { invalid: "phoneInvalid", too_long: "phoneTooLong" },
  co_bearers: { invalid: "coBearersTooLong", too_long: "coBearersTooLong" },
  privacy_notice_read: { missing: "privacyNoticeNotRead" },
  idempotency_key: { missing: "submissionKeyMissing" },
  submission: { missing: "submissionMissing" },
} as const satisfies Record<string, Readonly<Record<string, TextKey>>>;

/** What a field's answer gets when the database names a rule this table does not know. */
const fieldFallbacks: Readonly<Record<Locale, Readonly<Record<SubmissionField, string>>>> = {
  sv: {
    title: "Kontrollera rubriken.",
    problem: "Kontrollera beskrivningen av problemet eller behovet.",
    proposal: "Kontrollera beskrivningen av idén.",
    beneficiaries: "Kontrollera vilka som har nytta av idén.",
    expected_effects: "Kontrollera beskrivningen av effekterna.",
    area_id: "Kontrollera verksamhetsområdet: välj ett i listan.",
    tried: "Kontrollera om idén har prövats: välj nej, delvis eller ja.",
    resources: "Kontrollera beskrivningen av resurser.",
    municipality_code: "Kontrollera kommunen: välj en i listan.",
    workplace: "Kontrollera arbetsplatsen.",
    bearer_name: "Kontrollera ditt namn.",
    bearer_email: "Kontrollera din e-postadress: använd adressen i jobbet i någon av kommunerna.",
    bearer_phone: "Kontrollera telefonnumret.",
    co_bearers: "Kontrollera namnen på medidébärarna.",
    privacy_notice_read: "Bekräfta att du har läst hur vi behandlar dina personuppgifter.",
    idempotency_key: "Ladda om formuläret och skicka igen.",
    submission: "Formuläret kom inte fram. Skicka igen.",
    form: "Kontrollera dina svar och skicka idén igen.",
  },
  en: {
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
    idempotency_key: "Reload the form and send it again.",
    submission: "The form did not arrive. Send it again.",
    form: "Check your answers and send the idea again.",
  },
};

/** Whether a field name from the database is one the submission has. */
export function isSubmissionField(field: string | undefined): field is SubmissionField {
  return field !== undefined && (field === "form" || Object.hasOwn(submissionRuleMessages, field));
}

/**
 * The message for a rule `api.submit_idea` raised about a field, in the answer's language; the
 * field's fallback when the rule is one this catalogue does not know (never an empty message).
 */
export function submissionRuleMessage(
  field: SubmissionField,
  rule: string,
  locale: Locale,
): string {
  if (field !== "form") {
    const rules: Readonly<Record<string, TextKey>> = submissionRuleMessages[field];
    const key = rules[rule];
    if (key) return ideaFieldMessages[locale][key];
  }
  return fieldFallbacks[locale][field];
}
