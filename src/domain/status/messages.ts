import type { Locale } from "../locale.ts";

/**
 * What the bearer's status page says when something is wrong or done, per language. The database's
 * refusals (PT404 `not_found` for a token that opens nothing; IS002 `missing`/`too_long` for the
 * answer, decision 0007) are answered with these texts.
 */
export interface StatusMessages {
  /** A wrong, unknown or revoked token: the same answer for each. */
  unknownLink: string;
  unknownLinkTitle: string;
  unavailable: string;
  unavailableTitle: string;
  replyMissing: string;
  replyTooLong: string;
  replySent: string;
}

export const statusMessages: Readonly<Record<Locale, StatusMessages>> = {
  sv: {
    unknownLink:
      "Vi hittar ingen idé för den här länken. Kontrollera att du har kopierat hela länken.",
    unknownLinkTitle: "Vi hittar ingen idé",
    unavailable: "Vi kan inte visa din idé just nu. Försök igen om en liten stund.",
    unavailableTitle: "Försök igen senare",
    replyMissing: "Skriv ditt svar.",
    replyTooLong: "Svaret får vara högst 4000 tecken.",
    replySent: "Tack! Ditt svar är skickat till granskarna.",
  },
  en: {
    unknownLink: "We cannot find an idea for this link. Check that you have copied the whole link.",
    unknownLinkTitle: "We cannot find an idea",
    unavailable: "We cannot show your idea right now. Try again in a little while.",
    unavailableTitle: "Try again later",
    replyMissing: "Write your answer.",
    replyTooLong: "Your answer must be 4,000 characters or fewer.",
    replySent: "Thank you! Your answer has been sent to the reviewers.",
  },
};

/** The message for a rule the database raised about the bearer's answer (IS002, field `body`). */
export function replyRuleMessage(rule: string, locale: Locale): string {
  return rule === "too_long"
    ? statusMessages[locale].replyTooLong
    : statusMessages[locale].replyMissing;
}
