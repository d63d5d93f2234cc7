/**
 * What reviewers read about signing in, staying signed in and signing out. The workspace is Swedish
 * only (SPEC "Users"), so there is one language; the texts live here, not in the pages, scripts or
 * functions, so the wording is changed in one place. Pure: no I/O.
 */

/** Why a person is on the sign-in page, as the `meddelande` query parameter names it. */
export const signInNoticeCodes = [
  "signed_out",
  "idle",
  "lifetime",
  "ended",
  "link_expired",
  "link_other_browser",
  "link_failed",
  "not_reviewer",
] as const;

/** A reason to show a notice on the sign-in page. */
export type SignInNoticeCode = (typeof signInNoticeCodes)[number];

/** Whether a query parameter names a notice the sign-in page knows. */
export function isSignInNoticeCode(value: unknown): value is SignInNoticeCode {
  return (signInNoticeCodes as readonly unknown[]).includes(value);
}

/** Why a session ended, as `api.touch_reviewer_session` says it. */
export type SessionEndReason = "signed_out" | "idle" | "lifetime" | "not_reviewer";

/** The time of day in Sweden, "14.35", as Swedish writes it (Språkrådet: a full stop). */
export function swedishClockTime(instant: Date): string {
  return new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Stockholm",
    hour: "2-digit",
    minute: "2-digit",
  })
    .format(instant)
    .replace(":", ".");
}

/** "1 minut", "5 minuter". */
export function minutesInWords(minutes: number): string {
  return minutes === 1 ? "1 minut" : `${minutes} minuter`;
}

export const sessionMessages = {
  // The sign-in form's fields.
  emailMissing: "Skriv din e-postadress.",
  emailInvalid: "Skriv e-postadressen i rätt format, till exempel namn@kommun.se.",
  passwordMissing: "Skriv ditt lösenord.",

  /** A wrong address or a wrong password: one answer for both, so neither can be told apart (AS-14). */
  wrongCredentials:
    "E-postadressen eller lösenordet stämmer inte. Kontrollera att du har skrivit rätt och försök igen.",
  /** Too many attempts for the account or from the address (AS-15). */
  throttled: (retryAt: Date) =>
    `Du har försökt logga in för många gånger. Vänta till klockan ${swedishClockTime(retryAt)} och försök sedan igen, eller be samordnaren om hjälp.`,
  /** The password was right, but the account is no active reviewer. */
  notReviewer:
    "Ditt konto har inte tillgång till granskningen. Kontakta samordnaren om du behöver det.",
  unavailable: "Inloggningen fungerar inte just nu. Försök igen om en liten stund.",

  /** A sign-in link was asked for: the same answer whether the address has an account or not. */
  linkSent: (email: string) =>
    `Om ${email} hör till ett konto för granskare har vi nu skickat en inloggningslänk dit. Länken gäller i en timme. Öppna den i den här webbläsaren.`,

  /** The sign-in page's notices, by the reason in its address. */
  notices: {
    signed_out: "Du är utloggad.",
    idle: "Du loggades ut eftersom du inte hade gjort något på en stund. Logga in igen för att fortsätta.",
    lifetime: "Din inloggning har gått ut. Logga in igen för att fortsätta.",
    ended: "Du är inte inloggad längre. Logga in igen för att fortsätta.",
    link_expired:
      "Inloggningslänken har gått ut eller har redan använts. Be om en ny länk eller logga in med lösenord.",
    link_other_browser:
      "Inloggningslänken måste öppnas i samma webbläsare som du bad om den i. Be om en ny länk här.",
    link_failed:
      "Det gick inte att logga in med länken. Be om en ny länk eller logga in med lösenord.",
    not_reviewer:
      "Ditt konto har inte tillgång till granskningen. Kontakta samordnaren om du behöver det.",
  } satisfies Record<SignInNoticeCode, string>,

  /** Whether a notice reports a problem (an error summary) or just a fact (a notice). */
  noticeIsError: {
    signed_out: false,
    idle: false,
    lifetime: false,
    ended: false,
    link_expired: true,
    link_other_browser: true,
    link_failed: true,
    not_reviewer: true,
  } satisfies Record<SignInNoticeCode, boolean>,

  /** The error summary's fixed heading (GOV.UK). */
  errorSummaryHeading: "Det finns ett problem",
  /** Before a field's own error message, for screen readers. */
  errorPrefix: "Fel:",
  signingIn: "Loggar in …",
  sendingLink: "Skickar länken …",

  // The workspace shell.
  loading: "Hämtar dina uppgifter …",
  signedInAs: "Inloggad som",
  signOut: "Logga ut",
  signingOut: "Loggar ut …",
  /** A reviewer's role and scope, in words. */
  roleAndScope: (
    role: "reviewer" | "coordinator",
    municipality: { code: string; name: string } | null,
  ): string => {
    if (role === "coordinator") return "Samordnare för alla kommuner";
    return municipality
      ? `Idécoach i ${municipality.name}`
      : "Regional granskare för alla kommuner";
  },
  sessionUnavailable: "Granskningen går inte att nå just nu. Ladda om sidan om en liten stund.",

  // The idle warning (WCAG 2.2.1: warned, and able to extend).
  idleWarningHeading: "Vill du fortsätta vara inloggad?",
  idleWarning: (minutes: number) =>
    `Du har inte gjort något på en stund. Om du inte fortsätter loggas du ut om ${minutesInWords(minutes)}, för att ingen annan ska kunna använda din inloggning.`,
  idleWarningSoon: "Du loggas ut om mindre än en minut.",
  stayInButton: "Fortsätt vara inloggad",
  stayedIn: "Du är fortfarande inloggad.",
} as const;

/** The sign-in page's address with a notice, e.g. `/granska/logga-in/?meddelande=idle`. */
export function signInPageWithNotice(signInPath: string, code: SignInNoticeCode): string {
  return `${signInPath}?meddelande=${code}`;
}

/**
 * What a request without a usable session is told (the `message` of a 401 or 503 from a reviewer
 * endpoint), by why: none sent, ended (signed out elsewhere, revoked), not an active reviewer,
 * idle, past its lifetime; or the service cannot be reached.
 */
export const sessionRefusalMessages = {
  none: "Du behöver logga in för att använda granskningen.",
  ended: "Du är inte inloggad längre. Logga in igen.",
  signed_out: "Du är inte inloggad längre. Logga in igen.",
  not_reviewer: sessionMessages.notReviewer,
  idle: "Du loggades ut eftersom du inte hade gjort något på en stund. Logga in igen.",
  lifetime: "Din inloggning har gått ut. Logga in igen.",
  unavailable: "Granskningen går inte att nå just nu. Försök igen om en liten stund.",
} as const;
