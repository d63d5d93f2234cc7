import type { IdeaState } from "../idea/states.ts";

/**
 * What the idea page's decisions and actions say (`<idea-decisions>`,
 * src/client/workspace/decisions/): state moves and decisions, release, duplicates, forwarding,
 * the idea bank, later states, municipalities' interest and regional sharing. Swedish klarspråk,
 * the workspace's language; the refusals' own sentences come from the API
 * (src/domain/review/messages.ts). Pure: no I/O.
 */

/** A state's label inside a sentence: "”Under bedömning”". */
const quoted = (label: string) => `”${label}”`;

export const decisionTexts = {
  heading: "Beslut och åtgärder",

  /** Shown after an action, at the top of the section, which then has focus. */
  done: {
    moved: (label: string) => `Klart. Idén är nu ${quoted(label)}.`,
    decided: (label: string) =>
      `Beslutet ${quoted(label)} är sparat. Idébäraren ser det inte förrän du släpper det.`,
    released:
      "Beslutet är släppt. Idébäraren ser det nu på sin statussida och får ett e-postmeddelande om det.",
    unlinked: "Dubblettmarkeringen är borttagen. Idén granskas igen.",
    published:
      "Idén är publicerad. Idébanken visar den när webbplatsen har byggts om, inom ett par minuter.",
    summarySaved: "Sammanfattningen är sparad. Idébanken visar den inom ett par minuter.",
    unpublished: "Idén är borttagen ur idébanken. Den försvinner därifrån inom ett par minuter.",
    interestRegistered: "Intresset är anmält.",
    interestWithdrawn: "Intresset är tillbakadraget.",
    shared: "Idén delas nu med hela regionen.",
    unshared: "Idén delas inte längre med regionen.",
  },

  errors: {
    heading: "Något behöver rättas",
    prefix: "Fel:",
    /** A stale state (409): the API's sentence names who changed the idea; this offers a reload. */
    reload: "Ladda om idén",
    unreachable: "Det gick inte att nå granskningen. Kontrollera anslutningen och försök igen.",
    chooseMove: "Välj vad du vill göra med idén.",
    chooseOriginal: "Välj vilken idé som är originalet.",
  },

  moves: {
    heading: "Ändra läge",
    now: (label: string) => `Idén är nu ${quoted(label)}.`,
    none: "Du kan inte ändra idéns läge just nu.",
    waitForRelease:
      "Släpp beslutet först. Idén kan inte ändra läge förrän idébäraren har fått beskedet.",
    legend: "Vad vill du göra?",
    /** What each move is called; the same state has other words from other states. */
    label: (from: IdeaState, to: IdeaState): string => {
      if (to === "in_review")
        return from === "received" || from === "needs_info"
          ? "Börja granska idén"
          : from === "parked"
            ? "Ta upp idén igen och granska den"
            : "Öppna granskningen igen";
      return (
        (
          {
            assessed: "Markera idén som bedömd",
            accepted: "Beslut: vidare till utveckling",
            parked: "Beslut: vilande",
            declined: "Beslut: avslagen",
            forwarded: "Beslut: vidareförmedlad till en annan aktör",
            duplicate: "Beslut: dubblett av en annan idé",
            in_development: "Utvecklingen har börjat",
            implemented: "Idén är införd",
            spread: "Idén har spridits till fler kommuner",
          } as Partial<Record<IdeaState, string>>
        )[to] ?? to
      );
    },
    reason: "Motivering",
    reasonOptional: "Motivering (frivillig)",
    reasonHint:
      "Skriv varför. Motiveringen är intern: granskare och samordnare ser den, idébäraren gör det inte.",
    message: "Meddelande till idébäraren",
    messageHint:
      "Texten kommer från mallen för beslutet. Ändra den så att den passar idén innan du sparar.",
    forwardedTo: "Vidareförmedlas till",
    forwardedToHint:
      "Skriv vilken aktör i innovationsstödsystemet som tar emot idén, till exempel Almi Företagspartner Skaraborg.",
    followUpOn: "Följs upp senast",
    followUpOnHint:
      "Dagen då ni tar reda på hur det har gått, senast två år fram. Skriv som 2027-03-31.",
    municipalities: "Kommuner som har infört idén",
    municipalitiesHint: {
      implemented: "Välj de kommuner som har infört idén.",
      spread: "Välj minst en kommun som inte redan har infört idén.",
    },
    submit: "Spara",
    submitDecision: "Spara beslutet",
    /** What the bearer sees after the move, said before it is made. */
    bearerSees: {
      decision:
        "Det här ser idébäraren: ingenting ännu. Beslutet sparas först internt. När en samordnare släpper det visas beslutet och meddelandet på idébärarens statussida, och idébäraren får ett e-postmeddelande.",
      move: (label: string) =>
        `Det här ser idébäraren: läget ${quoted(label)} på sin statussida, så fort du sparar. Motiveringen ser idébäraren inte.`,
    },
  },

  duplicate: {
    legend: "Vilken idé är originalet?",
    hint: "De liknande idéerna visas först. Hittar du inte originalet kan du söka efter det.",
    option: (reference: string, title: string, meta: string) => `${reference} – ${title} (${meta})`,
    search: "Sök efter originalet",
    searchHint: "Sök på ord i rubriken eller texten.",
    searchButton: "Sök",
    searching: "Söker …",
    found: (count: number) =>
      count === 0
        ? "Inga idéer matchar sökningen. Sök på något annat."
        : count === 1
          ? "1 idé matchar sökningen. Den finns bland valen ovan."
          : `${count} idéer matchar sökningen. De finns bland valen ovan.`,
    similarLabel: "liknande",
  },

  release: {
    heading: "Beslut som inte är släppt",
    decided: (by: string | null, label: string, at: string) =>
      `${by ?? "En samordnare"} beslutade ${quoted(label)} ${at}.`,
    bearerSeesNow: (publicLabel: string) =>
      `Idébäraren har inte fått något besked. På statussidan ser idébäraren fortfarande läget ${quoted(publicLabel)}.`,
    reason: "Motivering (intern)",
    message: "Meddelandet som idébäraren får",
    whenReleased:
      "När du släpper beslutet visas beslutet och meddelandet på idébärarens statussida direkt, och idébäraren får ett e-postmeddelande.",
    onlyCoordinator: "En samordnare släpper beslutet.",
    button: "Släpp beslutet till idébäraren",
  },

  unlink: {
    heading: "Dubblett",
    linkedTo: "Idén är markerad som dubblett av",
    reason: "Varför tas dubblettmarkeringen bort?",
    message: "Meddelande till idébäraren",
    toldHint:
      "Idébäraren har fått beskedet att idén är en dubblett. Meddelandet visas på statussidan och skickas med e-post så fort du sparar.",
    notTold:
      "Idébäraren har inte fått beskedet om dubbletten. Beslutet dras tillbaka och idébäraren ser bara att idén granskas igen.",
    button: "Ta bort dubblettmarkeringen",
    history: "Tidigare kopplingar",
    historyItem: (
      reference: string,
      by: string | null,
      at: string,
      removedBy: string | null,
      removedAt: string,
    ) =>
      `Dubblett av ${reference}, markerad ${at}${by ? ` av ${by}` : ""}, borttagen ${removedAt}${removedBy ? ` av ${removedBy}` : ""}.`,
  },

  publication: {
    heading: "Idébanken",
    published: (at: string) => `Idén är publicerad i idébanken sedan ${at}.`,
    notPublished: "Idén är inte publicerad i idébanken.",
    noConsent:
      "Idébäraren har inte samtyckt till att idén publiceras, så den kan inte publiceras i idébanken.",
    summary: "Sammanfattning för idébanken",
    summaryHint:
      "Alla kan läsa sammanfattningen. Beskriv vad idén går ut på, utan namn och personuppgifter.",
    publish: "Publicera i idébanken",
    saveSummary: "Spara sammanfattningen",
    unpublish: "Ta bort ur idébanken",
  },

  interest: {
    heading: "Kommunens intresse",
    intro: "Anmäl om en kommun vill vara med, vill medfinansiera eller redan har infört idén.",
    kind: "Vilket intresse?",
    kinds: {
      join: "Vill vara med",
      co_fund: "Vill medfinansiera",
      implemented: "Har infört idén",
    },
    municipality: "För vilken kommun?",
    chooseMunicipality: "Välj kommun",
    forOwn: (name: string) => `Du anmäler intresse för ${name}.`,
    register: "Anmäl intresse",
    current: "Anmält intresse",
    none: "Ingen kommun har anmält intresse ännu.",
    item: (municipality: string, kind: string) => `${municipality}: ${kind.toLowerCase()}`,
    withdraw: "Dra tillbaka",
    withdrawWhat: (municipality: string, kind: string) => `${municipality}, ${kind.toLowerCase()}`,
  },

  sharing: {
    heading: "Dela regionalt",
    shared: "Idén delas med hela regionen: alla kommuners idécoacher kan se den.",
    notShared: (municipality: string) =>
      `Idén syns bara för ${municipality}s idécoacher och för regionens granskare och samordnare.`,
    share: "Dela med hela regionen",
    unshare: "Sluta dela med regionen",
  },
} as const;
