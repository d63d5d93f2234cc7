/**
 * The retention categories of the gallring job (supabase/migrations/20261202360100_…): what each
 * holds and how a rule reads in Swedish ("2 år från ärendets sista händelse"). The rules themselves –
 * periods, legal basis, active or not – are data in the database; only the words are here. Pure.
 */

/** The data categories a retention rule may cover, in the order the pages show them. */
export const retentionCategories = [
  "bearer_contact",
  "messages",
  "internal_notes",
  "unpublished_idea_text",
  "email_outbox",
  "audit_events",
] as const;

/** One of the categories. */
export type RetentionCategory = (typeof retentionCategories)[number];

/** Whether a value from the database is a category this code knows. */
export function isRetentionCategory(value: unknown): value is RetentionCategory {
  return (retentionCategories as readonly unknown[]).includes(value);
}

/** When a category's clock starts. */
export const retentionAnchors = ["received", "decided", "last_activity", "created"] as const;

/** One of the anchors. */
export type RetentionAnchor = (typeof retentionAnchors)[number];

/** Each category's name and what it holds, for coordinators. */
export const retentionCategoryTexts: Readonly<
  Record<RetentionCategory, { name: string; holds: string }>
> = {
  bearer_contact: {
    name: "Idébärarens kontaktuppgifter",
    holds: "Namn, e-postadress, telefonnummer och medidébärare.",
  },
  messages: {
    name: "Frågor och svar",
    holds: "Granskarnas frågor till idébäraren och idébärarens svar.",
  },
  internal_notes: {
    name: "Interna anteckningar",
    holds: "Granskarnas anteckningar om idén, med svar och omnämnanden.",
  },
  unpublished_idea_text: {
    name: "Text i opublicerade idéer",
    holds:
      "Rubrik och beskrivningar i idéer som aldrig har publicerats, i alla versioner. Diarienummer, inkomstdatum och beslut finns alltid kvar.",
  },
  email_outbox: {
    name: "Kopior av e-post",
    holds: "E-post som har skickats eller som inte gick att skicka.",
  },
  audit_events: {
    name: "Loggen",
    holds: "Loggen över gallring, begäranden om personuppgifter och andra ändringar.",
  },
};

/** When the clock starts, as the end of a sentence: "2 år …från ärendets sista händelse". */
export function anchorText(anchor: string, category?: string): string {
  switch (anchor) {
    case "received":
      return "från att idén kom in";
    case "decided":
      return "från beslutet";
    case "last_activity":
      return "från ärendets sista händelse";
    case "created":
      return category === "email_outbox"
        ? "från att e-posten skickades eller gavs upp"
        : "från att händelsen loggades";
    default:
      return "";
  }
}

const units: Readonly<Record<string, [string, string]>> = {
  Y: ["år", "år"],
  M: ["månad", "månader"],
  W: ["vecka", "veckor"],
  D: ["dag", "dagar"],
  H: ["timme", "timmar"],
  MIN: ["minut", "minuter"],
  S: ["sekund", "sekunder"],
};

/**
 * An ISO 8601 duration as PostgreSQL writes an interval (`intervalstyle = iso_8601`: `P2Y`, `P90D`,
 * `P1Y6M`, `PT0S`) in Swedish words: "2 år", "90 dagar", "1 år och 6 månader", "0 dagar". A value
 * that is no duration is returned as it is.
 */
export function formatPeriod(duration: string): string {
  const match =
    /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(
      duration,
    );
  if (!match) return duration;
  const parts = (["Y", "M", "W", "D", "H", "MIN", "S"] as const)
    .map((unit, index) => [unit, Number(match[index + 1] ?? 0)] as const)
    .filter(([, amount]) => amount > 0)
    .map(([unit, amount]) => `${amount} ${units[unit]![amount === 1 ? 0 : 1]}`);
  if (parts.length === 0) return "0 dagar";
  if (parts.length === 1) return parts[0]!;
  return `${parts.slice(0, -1).join(", ")} och ${parts.at(-1)}`;
}

/** A rule as a phrase: "2 år från ärendets sista händelse". */
export function describeRetention(rule: {
  category?: string;
  keepFor: string;
  after: string;
}): string {
  return `${formatPeriod(rule.keepFor)} ${anchorText(rule.after, rule.category)}`;
}
