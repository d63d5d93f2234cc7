import type { Locale } from "../locale.ts";

/**
 * What a person reads when their request cannot even be read or answered – before any of its
 * content matters – in each of the site's languages. The HTTP toolkit (src/server/http/) picks the
 * text by the error's stable code; the code goes to clients as `error`, the text as `message`.
 */
export const requestErrorCodes = [
  "forbidden_origin",
  "unsupported_media_type",
  "too_large",
  "bad_encoding",
  "bad_json",
  "unsupported_locale",
  "method_not_allowed",
  "not_found",
  "unavailable",
  "internal",
] as const;

/** A stable code for an error in the request itself or in answering it. */
export type RequestErrorCode = (typeof requestErrorCodes)[number];

/** Facts a message may name. */
export interface RequestErrorFacts {
  /** The method that was used, for `method_not_allowed`. */
  method?: string;
  /** The methods that are allowed, for `method_not_allowed`. */
  allowed?: string;
}

const bothLanguages = "Okänt språk i locale: använd sv eller en. Unknown locale: use sv or en.";

type Texts = Readonly<Record<RequestErrorCode, (facts: RequestErrorFacts) => string>>;

export const requestErrorMessages: Readonly<Record<Locale, Texts>> = {
  sv: {
    forbidden_origin: () =>
      "Det här kan bara skickas från webbplatsens egna sidor. Gå till sidan och försök igen där.",
    unsupported_media_type: () => "Skicka uppgifterna från webbplatsens formulär eller som JSON.",
    too_large: () => "Det du skickade är för långt. Korta texterna och försök igen.",
    bad_encoding: () => "Texten gick inte att läsa. Skicka den som UTF-8.",
    bad_json: () => "Uppgifterna kom inte fram som ett giltigt JSON-objekt. Skicka igen.",
    // The language asked for is the unknown, so the answer is in both.
    unsupported_locale: () => bothLanguages,
    method_not_allowed: ({ method, allowed }) =>
      `Metoden ${method ?? ""} stöds inte här. Använd ${allowed ?? "GET"}.`,
    not_found: () => "Sidan finns inte.",
    unavailable: () => "Tjänsten går inte att nå just nu. Försök igen om en liten stund.",
    internal: () => "Något gick fel hos oss. Försök igen om en stund.",
  },
  en: {
    forbidden_origin: () =>
      "This can only be sent from the website's own pages. Go to the page and try again there.",
    unsupported_media_type: () => "Send the information from the website's form or as JSON.",
    too_large: () => "What you sent is too long. Shorten the texts and try again.",
    bad_encoding: () => "The text could not be read. Send it as UTF-8.",
    bad_json: () => "The information did not arrive as a valid JSON object. Send it again.",
    unsupported_locale: () => bothLanguages,
    method_not_allowed: ({ method, allowed }) =>
      `The method ${method ?? ""} is not supported here. Use ${allowed ?? "GET"}.`,
    not_found: () => "The page does not exist.",
    unavailable: () => "The service cannot be reached right now. Try again in a little while.",
    internal: () => "Something went wrong on our side. Try again in a while.",
  },
};

/** The headings of the pages that show these errors to a person whose browser posted a form. */
export const requestErrorTitles: Readonly<Record<Locale, Record<"error" | "unavailable", string>>> =
  {
    sv: { error: "Det gick inte att skicka", unavailable: "Försök igen senare" },
    en: { error: "This could not be sent", unavailable: "Try again later" },
  };
