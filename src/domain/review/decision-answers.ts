import type { IdeaState } from "../idea/states.ts";
import type { IdeaSummary, MunicipalityRef, ReviewIdea } from "./answers.ts";

/**
 * The keys of `GET /api/review/ideas/:reference` that the idea page's decisions and actions read
 * (migration 20261202370500, in camelCase). Types only, like answers.ts: the page trusts its own API.
 */

/** What the caller may do on the idea; the functions check the same rules. */
export interface DecisionAbilities {
  decide: boolean;
  release: boolean;
  unlink: boolean;
  publish: boolean;
  unpublish: boolean;
  share: boolean;
  registerInterest: boolean;
}

/** The decision waiting to be released, if any. */
export interface PendingDecision {
  state: IdeaState;
  label: string;
  message: string;
  reason: string | null;
  decidedAt: string;
  decidedBy: string | null;
}

/** A link to or from the idea, removed ones included. */
export interface LinkHistoryEntry {
  kind: "duplicate_of" | "related";
  direction: "to" | "from";
  idea: IdeaSummary;
  createdAt: string;
  createdBy: string | null;
  removedAt: string | null;
  removedBy: string | null;
}

/** The message templates a coordinator starts from, filled in for the idea. */
export type DecisionTemplates = Partial<
  Record<
    "accepted" | "parked" | "declined" | "forwarded" | "duplicate" | "duplicateRemoved",
    string
  >
>;

/** The idea as the decisions island reads it. */
export interface DecisionIdea extends ReviewIdea {
  can?: DecisionAbilities;
  pendingDecision?: PendingDecision | null;
  linkHistory?: LinkHistoryEntry[];
  decisionTemplates?: DecisionTemplates;
  /** The municipality a coach's interest is registered for; null for regional staff. */
  interestMunicipality?: MunicipalityRef | null;
}
