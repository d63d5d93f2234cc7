import type { Locale } from "../domain/locale.ts";

/**
 * The idea form and its receipt page in each language. The form's script and the submission
 * function send a person to the receipt in the language of the form they used.
 */
export const ideaFormPaths: Readonly<Record<Locale, { form: string; receipt: string }>> = {
  sv: { form: "/skicka-ide/", receipt: "/tack/" },
  en: { form: "/en/submit-idea/", receipt: "/en/thanks/" },
};

/** The bearer's status page in each language (the link in the receipt e-mail leads to it). */
export const statusPaths: Readonly<Record<Locale, string>> = { sv: "/status/", en: "/en/status/" };

/**
 * The site's routes that exist in both languages, for the language switch and hreflang links, and
 * the menus. Paths end with a slash, as every page is built as a folder with an index.html.
 */
export const translatedPaths: readonly { sv: string; en: string }[] = [
  { sv: "/", en: "/en/" },
  { sv: "/om-projektet/", en: "/en/about/" },
  { sv: "/ideprocessen/", en: "/en/idea-process/" },
  { sv: "/kontakt/", en: "/en/contact/" },
  { sv: "/tillganglighet/", en: "/en/accessibility/" },
  { sv: "/personuppgifter/", en: "/en/privacy/" },
  { sv: "/forvaltningsplan/", en: "/en/management-plan/" },
  { sv: ideaFormPaths.sv.form, en: ideaFormPaths.en.form },
  { sv: ideaFormPaths.sv.receipt, en: ideaFormPaths.en.receipt },
  { sv: statusPaths.sv, en: statusPaths.en },
];

/** The page's counterpart in the other language, if it has one. */
export function findTranslation(path: string): { sv: string; en: string } | undefined {
  return translatedPaths.find((pair) => pair.sv === path || pair.en === path);
}

/** A link in a menu. */
export interface MenuLink {
  href: string;
  label: string;
}

export const mainMenu: Readonly<Record<Locale, readonly MenuLink[]>> = {
  sv: [
    { href: ideaFormPaths.sv.form, label: "Skicka in en idé" },
    { href: "/om-projektet/", label: "Om projektet" },
    { href: "/ideprocessen/", label: "Idéprocessen" },
    { href: "/utbildning/", label: "Utbildning" },
    { href: "/verktygslada/", label: "Verktygslådan" },
    { href: "/idebank/", label: "Idébanken" },
    { href: "/statistik/", label: "Statistik" },
    { href: "/sok/", label: "Sök" },
  ],
  en: [
    { href: ideaFormPaths.en.form, label: "Submit an idea" },
    { href: "/en/about/", label: "About" },
    { href: "/en/idea-process/", label: "The idea process" },
    { href: "/en/contact/", label: "Contact" },
  ],
};

export const footerMenu: Readonly<Record<Locale, readonly MenuLink[]>> = {
  sv: [
    { href: "/kontakt/", label: "Kontakt" },
    { href: "/forvaltningsplan/", label: "Förvaltningsplan" },
    { href: "/personuppgifter/", label: "Så behandlar vi dina personuppgifter" },
    { href: "/tillganglighet/", label: "Tillgänglighetsredogörelse" },
    // Reviewers' way in from any page; discreet, so visitors' menus stay about the sluice.
    { href: "/granska/logga-in/", label: "Logga in för granskare" },
  ],
  en: [
    { href: "/en/contact/", label: "Contact" },
    { href: "/en/management-plan/", label: "Management plan" },
    { href: "/en/privacy/", label: "Privacy notice" },
    { href: "/en/accessibility/", label: "Accessibility statement" },
  ],
};

/**
 * The reviewers' workspace (Swedish only, not in the public menus): its start page and its sign-in
 * page. The session functions redirect to these.
 */
export const workspacePaths = {
  home: "/granska/",
  signIn: "/granska/logga-in/",
  /** One idea, by its reference in `?ref=` (the e-mails to reviewers link here). */
  idea: "/granska/ide/",
  /** The coordinators' overview of the sluice. */
  overview: "/granska/oversikt/",
  /** Where an invited person chooses a password (the invitation's link, `?token=`). */
  welcome: "/granska/valkommen/",
  /** The coordinators' audit trail: who did what, when. */
  auditLog: "/granska/admin/logg/",
} as const;

/** The coordinators' administration pages, in the workspace's navigation for coordinators. */
export const administrationMenu: readonly MenuLink[] = [
  { href: "/granska/oversikt/", label: "Översikt" },
  { href: "/granska/admin/granskare/", label: "Granskare" },
  { href: "/granska/admin/kriterier/", label: "Kriterier" },
  { href: "/granska/admin/kommuner/", label: "Kommuner och områden" },
  { href: "/granska/admin/personuppgifter/", label: "Personuppgifter" },
  { href: "/granska/admin/e-post/", label: "E-post som inte kom fram" },
  { href: "/granska/admin/logg/", label: "Logg" },
];

/** The workspace's page for one idea: `/granska/ide/?ref=IS-2026-0042`. */
export function workspaceIdeaPath(reference: string): string {
  return `${workspacePaths.idea}?ref=${encodeURIComponent(reference)}`;
}
