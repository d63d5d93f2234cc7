import type { Locale } from "../../domain/locale.ts";

/**
 * What the idea form's script says, in each of the site's languages. The error messages come with
 * the schema (src/domain/idea/messages.ts) and the error summary's words with the view
 * (src/views/idea-form-texts.ts).
 */
export interface IdeaFormScriptTexts {
  /** Shown above the form when a draft from this browser was filled in. */
  draftRestored: string;
  /** The character counter (GOV.UK wording) while within the limit. */
  charactersLeft: (count: number) => string;
  /** The character counter once over the limit. */
  charactersOver: (count: number) => string;
  /** The warning for text that looks like a personnummer (LG-07); it never blocks. */
  personnummerWarning: (found: readonly string[]) => string;
  similarIdeasHeading: string;
  similarIdeasIntro: string;
  /** When the server answered with something the script does not understand. */
  somethingWentWrong: string;
  /** When the server could not be reached at all. */
  noConnection: string;
}

export const ideaFormScriptTexts: Readonly<Record<Locale, IdeaFormScriptTexts>> = {
  sv: {
    draftRestored:
      "Vi har fyllt i det du skrev förra gången. Det sparas bara i den här webbläsaren.",
    charactersLeft: (count) => `Du har ${count} tecken kvar`,
    charactersOver: (count) => `Du har ${count} tecken för mycket`,
    personnummerWarning: (found) =>
      `Det ser ut som ett personnummer: ${found.join(", ")}. Ta bort det innan du skickar idén.`,
    similarIdeasHeading: "Liknande idéer som redan finns i idébanken",
    similarIdeasIntro: "Titta gärna på dem. Du kan ändå skicka din idé.",
    somethingWentWrong: "Något gick fel. Försök igen om en stund.",
    noConnection:
      "Vi fick ingen kontakt med servern. Det du har skrivit finns kvar. Försök igen om en stund.",
  },
  en: {
    draftRestored: "We have filled in what you wrote last time. It is saved only in this browser.",
    charactersLeft: (count) => `You have ${count} ${count === 1 ? "character" : "characters"} left`,
    charactersOver: (count) =>
      `You have ${count} ${count === 1 ? "character" : "characters"} too many`,
    personnummerWarning: (found) =>
      `This looks like a personal identity number: ${found.join(", ")}. Remove it before you send the idea.`,
    similarIdeasHeading: "Similar ideas already in the idea bank",
    similarIdeasIntro: "Have a look at them (they are in Swedish). You can still send your idea.",
    somethingWentWrong: "Something went wrong. Try again in a little while.",
    noConnection:
      "We could not reach the server. What you have written is still here. Try again in a little while.",
  },
};
