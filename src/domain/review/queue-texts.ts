import type { QueueSort } from "./queue-parameters.ts";

/**
 * What the queue page (`/granska/`) says, in Swedish (the workspace is Swedish only): the filter
 * form (rendered by the page), the table, the counts and every state of the list (the page's
 * script). Pure: no I/O.
 */

/** "1 idé", "12 idéer". */
export function ideasInWords(count: number): string {
  return count === 1 ? "1 idé" : `${count} idéer`;
}

export const queueTexts = {
  filters: {
    heading: "Filtrera idéerna",
    state: "Läge",
    allStates: "Alla lägen",
    municipality: "Kommun",
    allMunicipalities: "Alla kommuner",
    area: "Verksamhetsområde",
    allAreas: "Alla verksamhetsområden",
    only: "Visa bara",
    assignedToMe: "Tilldelade mig",
    awaitingMyAssessment: "Väntar på min bedömning",
    overdue: "Försenade",
    q: "Sök",
    qHint: "Sök bland rubriker, problem och idéer, till exempel: digitala lås.",
    sort: "Sortera",
    sorts: {
      received: "Nyast först",
      waiting: "Längst väntan först",
    } satisfies Record<QueueSort, string>,
    submit: "Visa idéer",
    clear: "Ta bort alla filter",
  },

  counts: {
    heading: "Antal idéer per läge",
    hint: "Välj ett läge för att bara visa de idéerna.",
    all: "Alla lägen",
  },

  table: {
    /** "Idéer, nyast först. Visar 50 av 162." */
    caption: (sort: QueueSort, shown: number, total: number | null) =>
      `Idéer, ${sort === "waiting" ? "längst väntan först" : "nyast först"}.${total === null ? "" : ` Visar ${shown} av ${total}.`}`,
    reference: "Diarienummer",
    title: "Rubrik",
    municipality: "Kommun",
    area: "Område",
    state: "Läge",
    receivedAt: "Inkom",
    waiting: "Väntat",
    assignees: "Granskare",
    dueOn: "Sista dag",
    shared: "Delas regionalt",
    noAssignees: "Ingen tilldelad",
    done: "klar",
    progress: (done: number, expected: number) => `${done} av ${expected} klara`,
    noDueDate: "–",
    overdue: "Försenad",
  },

  /** The live region: how many ideas match, and what happened. */
  status: {
    loading: "Hämtar idéer …",
    total: (total: number) =>
      total === 0 ? "Inga idéer matchar filtret." : `${ideasInWords(total)} matchar filtret.`,
    /** More matches than are counted one by one: no total, no counts per state. */
    moreThan: (limit: number) =>
      `Fler än ${limit.toLocaleString("sv-SE")} idéer matchar. Lägg till ett sökord eller ett filter för att se hur många det är i varje läge.`,
    showing: (shown: number, total: number | null) =>
      total === null
        ? `Visar ${ideasInWords(shown)}.`
        : `Visar ${shown} av ${ideasInWords(total)}.`,
    more: (added: number, shown: number, total: number | null) =>
      `${ideasInWords(added)} till. ${queueTexts.status.showing(shown, total)}`,
  },

  more: "Visa fler idéer",
  loadingMore: "Hämtar fler idéer …",

  empty: {
    filtered: "Inga idéer matchar filtret. Ta bort ett filter eller sök på något annat.",
    unfiltered: "Det finns inga idéer att granska just nu.",
    clear: "Visa alla idéer",
  },

  error: {
    heading: "Idéerna kunde inte visas",
    unreachable: "Granskningen går inte att nå just nu. Försök igen om en liten stund.",
    retry: "Försök igen",
    clear: "Visa alla idéer utan filter",
  },
} as const;
