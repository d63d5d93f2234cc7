import { queueFilterParameters, queuePageSize, type QueueParameter } from "./queue-parameters.ts";

/**
 * What the queue's API answers (422) when a parameter cannot be read, in Swedish (the workspace is
 * Swedish only). Each message names the parameter, because the usual cause is an edited or old
 * bookmark: the queue page shows the message with a way back to the unfiltered queue. Refusals
 * the database makes about values that are well formed but unknown (a municipality code no
 * municipality has) come from the review catalogue, messages.ts.
 */
export const queueParameterMessages = {
  /** A name that is no parameter of the queue. */
  unknown: (name: string) =>
    `Adressen har en parameter som listan inte känner till: ${name}. Ta bort den. Listan känner bara till ${[...queueFilterParameters, "sort", "cursor", "limit"].join(", ")}.`,
  /** The same parameter twice. */
  repeated: (name: QueueParameter) => `Parametern ${name} finns flera gånger. Ange den en gång.`,
  state: "Parametern state ska vara ett läge i idéprocessen, till exempel in_review.",
  municipality:
    "Parametern municipality ska vara en kommunkod med fyra siffror, till exempel 1496.",
  area: "Parametern area ska vara ett verksamhetsområde, till exempel vard-och-omsorg.",
  flag: (name: QueueParameter) => `Parametern ${name} kan bara vara true eller false.`,
  q: "Parametern q, sökningen, får vara högst 200 tecken.",
  sort: "Parametern sort ska vara received (nyast först) eller waiting (längst väntan först).",
  cursor:
    "Parametern cursor ska vara värdet next från föregående sida. Börja om från första sidan.",
  limit: `Parametern limit ska vara ett heltal från 1 till ${queuePageSize.max}.`,
} as const;
