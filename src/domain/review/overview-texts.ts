/**
 * The words of the coordinator's overview page (/granska/oversikt/), Swedish like the whole
 * workspace. The page and its island (src/client/workspace/review-overview.ts) both read them.
 */
export const overviewTexts = {
  title: "Översikt",
  lead: "Hur idéerna rör sig genom slussen: var de är, var de kommer ifrån, hur länge de väntar och vad som behöver göras.",
  loading: "Hämtar översikten …",
  coordinatorsOnly: "Översikten är till för samordnare. Du ser dina idéer i granskningen.",
  unavailable: "Översikten kan inte visas just nu. Försök igen om en stund.",
  backToQueue: "Till granskningen",
  figures: {
    total: "Idéer i slussen",
    toFirstAssessment: "Mediantid till första bedömning",
    toDecision: "Mediantid till beslut",
    unreleased: "Beslut som inte är skickade",
    none: "Inga det senaste året",
    days: (days: number) => `${days.toLocaleString("sv-SE")} dagar`,
    periodNote:
      "Mediantiderna räknas från att idén kom in, för idéer som fick sin första bedömning eller sitt beslut de senaste tolv månaderna.",
  },
  charts: {
    funnel: { title: "Idéer per läge", labelHeading: "Läge" },
    municipalities: { title: "Idéer per kommun", labelHeading: "Kommun" },
    areas: { title: "Idéer per verksamhetsområde", labelHeading: "Verksamhetsområde" },
    overdue: {
      title: "Försenade bedömningar per granskare",
      labelHeading: "Granskare",
      valueHeading: "Försenade bedömningar",
      none: "Inga bedömningar är försenade.",
    },
    valueHeading: "Antal idéer",
    asTable: (title: string) => `${title}, som tabell`,
  },
  followUps: {
    heading: "Vidareförmedlade idéer att följa upp",
    intro: "Idéer vars uppföljningsdatum har passerat eller infaller inom en vecka.",
    none: "Inga vidareförmedlade idéer behöver följas upp den närmaste veckan.",
    idea: "Idé",
    forwardedTo: "Vidareförmedlad till",
    followUpOn: "Följs upp",
    overdue: "försenad",
    noDate: "Inget datum",
  },
  unreleased: {
    heading: "Beslut som väntar på att skickas",
    intro:
      "Idébäraren ser inte beslutet, och får inget mejl, förrän en samordnare har skickat det från idésidan.",
    none: "Alla beslut är skickade till idébärarna.",
    idea: "Idé",
    decision: "Beslut",
    decidedBy: "Beslutat av",
    waiting: "Väntat",
    days: (days: number) => (days === 1 ? "1 dag" : `${days} dagar`),
    more: (shown: number, total: number) => `Visar de ${shown} äldsta av ${total}.`,
  },
  updated: (time: string) => `Uppdaterad ${time}.`,
} as const;
