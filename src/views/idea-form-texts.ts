import type { beneficiaryValues, IdeaField, triedValues } from "../domain/idea/schema.ts";
import type { Locale } from "../domain/locale.ts";

/**
 * The idea form's words in each of the site's languages: labels, hints, headings and choices. The
 * error messages are with the schema (src/domain/idea/messages.ts). Kept apart from the view so the
 * browser script can take the few texts it shares with the view without the rest.
 */

/** The error summary's and error messages' fixed words (GOV.UK pattern), shared by view and script. */
export interface ErrorSummaryTexts {
  /** The summary's heading. */
  heading: string;
  /** The visually hidden word before each field's message. */
  errorPrefix: string;
  /** What the page title starts with while the form has errors. */
  titlePrefix: string;
}

export const errorSummaryTexts: Readonly<Record<Locale, ErrorSummaryTexts>> = {
  sv: { heading: "Något behöver rättas", errorPrefix: "Fel:", titlePrefix: "Fel: " },
  en: { heading: "There is a problem", errorPrefix: "Error:", titlePrefix: "Error: " },
};

/** Everything else the form says. */
export interface IdeaFormTexts {
  /** Field labels (a group's legend), in the order the error summary lists them. */
  labels: Readonly<Record<IdeaField, string>>;
  hints: Readonly<Partial<Record<IdeaField, string>>>;
  beneficiaries: Readonly<Record<(typeof beneficiaryValues)[number], string>>;
  tried: Readonly<Record<(typeof triedValues)[number], string>>;
  yes: string;
  no: string;
  areaPlaceholder: string;
  municipalityPlaceholder: string;
  headings: { idea: string; workplace: string; you: string; consents: string };
  sensitiveDataNote: string;
  honeypotLabel: string;
  privacyNoticeHref: string;
  privacyNoticeLink: string;
  submit: string;
  /** The line under the button, around a link to the privacy notice. */
  afterSubmit: { before: string; link: string; after: string };
}

export const ideaFormTexts: Readonly<Record<Locale, IdeaFormTexts>> = {
  sv: {
    labels: {
      title: "Rubrik",
      problem: "Vilket problem eller behov har du sett?",
      proposal: "Vad är din idé?",
      beneficiaries: "Vem har nytta av idén?",
      expected_effects: "Vilka effekter tror du att idén får?",
      area_id: "Verksamhetsområde",
      tried: "Har idén prövats?",
      resources: "Vad kan idén behöva?",
      municipality_code: "Kommun",
      workplace: "Arbetsplats (frivilligt)",
      bearer_name: "Ditt namn",
      bearer_email: "Din e-postadress i jobbet",
      bearer_phone: "Telefonnummer (frivilligt)",
      co_bearers: "Fler som har varit med och tagit fram idén (frivilligt)",
      privacy_notice_read: "Jag har läst hur ni behandlar mina personuppgifter",
      contact_consent: "Får vi kontakta dig om idén?",
      publish_consent: "Ni får publicera en sammanfattning av idén i idébanken",
    },
    hints: {
      title: "En kort mening som beskriver idén.",
      problem: "Beskriv vad som inte fungerar i dag, och för vem.",
      proposal: "Beskriv hur det skulle kunna bli bättre.",
      beneficiaries: "Välj en eller flera.",
      expected_effects:
        "Till exempel tid som sparas, bättre kvalitet eller lägre kostnader. Frivilligt.",
      resources: "Till exempel tid, pengar, teknik eller kunskap. Frivilligt.",
      bearer_email: "Vi skickar ett kvitto och en länk där du kan följa idén.",
      co_bearers: "Skriv bara namn, inga andra uppgifter.",
    },
    beneficiaries: {
      invanare: "Invånare",
      brukare_patienter: "Brukare eller patienter",
      elever: "Elever",
      medarbetare: "Medarbetare",
      foretag: "Företag",
      andra_kommuner: "Andra kommuner",
      annan: "Någon annan",
    },
    tried: { nej: "Nej", delvis: "Delvis", ja: "Ja" },
    yes: "Ja",
    no: "Nej",
    areaPlaceholder: "Välj verksamhetsområde",
    municipalityPlaceholder: "Välj kommun",
    headings: {
      idea: "Din idé",
      workplace: "Var du arbetar",
      you: "Om dig",
      consents: "Samtycken",
    },
    sensitiveDataNote:
      "Skriv inte känsliga uppgifter, till exempel om någons hälsa, och inga uppgifter om andra personer, som namn eller personnummer. Det du skickar blir en allmän handling som andra kan få läsa.",
    honeypotLabel: "Lämna det här fältet tomt",
    privacyNoticeHref: "/personuppgifter/",
    privacyNoticeLink: "Så behandlar vi dina personuppgifter",
    submit: "Skicka idén",
    afterSubmit: {
      before: "Genom att skicka idén lämnar du den till kommunen. Läs",
      link: "hur vi behandlar dina personuppgifter",
      after: ".",
    },
  },
  en: {
    labels: {
      title: "Title",
      problem: "What problem or need have you seen?",
      proposal: "What is your idea?",
      beneficiaries: "Who benefits from the idea?",
      expected_effects: "What effects do you think the idea will have?",
      area_id: "Area of activity",
      tried: "Has the idea been tried?",
      resources: "What might the idea need?",
      municipality_code: "Municipality",
      workplace: "Workplace (optional)",
      bearer_name: "Your name",
      bearer_email: "Your work e-mail address",
      bearer_phone: "Phone number (optional)",
      co_bearers: "Others who helped develop the idea (optional)",
      privacy_notice_read: "I have read how you process my personal data",
      contact_consent: "May we contact you about the idea?",
      publish_consent: "You may publish a summary of the idea in the idea bank",
    },
    hints: {
      title: "One short sentence that describes the idea.",
      problem: "Describe what does not work today, and for whom.",
      proposal: "Describe how it could be better.",
      beneficiaries: "Choose one or more.",
      expected_effects: "For example time saved, better quality or lower costs. Optional.",
      resources: "For example time, money, technology or knowledge. Optional.",
      bearer_email: "We will send you a receipt and a link where you can follow the idea.",
      co_bearers: "Write names only, nothing else about them.",
    },
    beneficiaries: {
      invanare: "Residents",
      brukare_patienter: "Service users or patients",
      elever: "Pupils",
      medarbetare: "Staff",
      foretag: "Businesses",
      andra_kommuner: "Other municipalities",
      annan: "Someone else",
    },
    tried: { nej: "No", delvis: "Partly", ja: "Yes" },
    yes: "Yes",
    no: "No",
    areaPlaceholder: "Choose an area of activity",
    municipalityPlaceholder: "Choose a municipality",
    headings: {
      idea: "Your idea",
      workplace: "Where you work",
      you: "About you",
      consents: "Consents",
    },
    sensitiveDataNote:
      "Do not write sensitive information, for example about someone's health, and nothing about other people, such as names or personal identity numbers. What you send becomes an official document that others may ask to read.",
    honeypotLabel: "Leave this field empty",
    privacyNoticeHref: "/en/privacy/",
    privacyNoticeLink: "How we process your personal data",
    submit: "Send the idea",
    afterSubmit: {
      before: "By sending the idea you submit it to the municipality. Read",
      link: "how we process your personal data",
      after: ".",
    },
  },
};
