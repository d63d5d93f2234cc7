/**
 * The site's languages: Swedish first, English for the public pages (SPEC "Public site"). Swedish
 * pages live at `/`, English ones under `/en/`.
 */
export const locales = ["sv", "en"] as const;

/** One of the site's languages, as an HTML `lang` value. */
export type Locale = (typeof locales)[number];

/** The language a request or page has when it says nothing else. */
export const defaultLocale: Locale = "sv";
