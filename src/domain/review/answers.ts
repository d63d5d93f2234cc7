import type { IdeaState } from "../idea/states.ts";

/**
 * What the review endpoints answer, as the workspace's pages read it. The database answers in
 * snake_case (`received_at`); the functions turn every key into camelCase (`receivedAt`), as every
 * JSON answer of the site's API is written, and add the Swedish label of each state. Types only:
 * the functions parse the database's answer with zod (src/server/review/), the pages trust their
 * own API.
 */

/** A municipality, by its official code (kommunkod). */
export interface MunicipalityRef {
  code: string;
  name: string;
}

/** An area of activity (verksamhetsområde). */
export interface AreaRef {
  id: string;
  name: string;
}

/** One idea in the queue: `GET /api/review/ideas`. */
export interface QueueIdea {
  reference: string;
  title: string;
  state: IdeaState;
  /** The state's Swedish label, "Under bedömning". */
  stateLabel: string;
  municipality: MunicipalityRef;
  area: AreaRef;
  /** When the idea arrived (ISO 8601). */
  receivedAt: string;
  /** When it entered its current state (ISO 8601). */
  stateChangedAt: string;
  /** Whole days in its current state. */
  daysWaiting: number;
  /** The assigned reviewers, each with whether they have finished their assessment. */
  assignees: { name: string; done: boolean }[];
  /** Finished assessments of all assigned: "2 av 3 klara". */
  assessments: { done: number; expected: number };
  /** The earliest due date among open assignments (YYYY-MM-DD), or null. */
  dueOn: string | null;
  /** Whether that due date has passed. */
  overdue: boolean;
  /** Whether the caller is among the assignees. */
  assignedToMe: boolean;
  sharedRegionally: boolean;
  /** The overall weighted mean where the caller may see it (decision 0013), else null. */
  mean?: number | null;
}

/** Ideas per state for the current filters without the state filter. */
export interface StateCount {
  state: IdeaState;
  label: string;
  count: number;
}

/** One page of the queue. */
export interface QueuePage {
  ideas: QueueIdea[];
  /** The cursor of the next page (`?cursor=`), null on the last page. */
  next: string | null;
  /** Per state, every state in lifecycle order; on the first page only (null on later pages). */
  counts: StateCount[] | null;
  /** The ideas that match all filters; on the first page only (null on later pages). */
  total: number | null;
  /**
   * When a search, "assigned to me", "awaiting my assessment" or "overdue" matches more ideas than
   * are counted one by one (1 000): that number, and counts and total are null – the queue says
   * "more than 1 000" instead. Null otherwise.
   */
  moreThan: number | null;
}

/** What a reviewer may see of any idea, in their scope or not (`private.review_summary_of`). */
export interface IdeaSummary {
  reference: string;
  title: string;
  municipality: MunicipalityRef;
  state: IdeaState;
  stateLabel: string;
  /** Whether the caller may open it; false: another municipality's idea, not shared. */
  inScope: boolean;
}

/** A similar idea, from any municipality: its summary and how similar it is. */
export interface SimilarIdea extends IdeaSummary {
  /** 0.3–1, two decimals (docs/data-model.md, "Similar ideas"). */
  similarity: number;
}

/** One version of the idea's text; version 1 is the original as received. */
export interface IdeaVersion {
  version: number;
  title: string;
  problem: string;
  proposal: string;
  /** Values of the form's choice (`invanare`, `brukare_patienter` …). */
  beneficiaries: string[];
  expectedEffects: string;
  /** `nej`, `delvis` or `ja`. */
  tried: string;
  resources: string;
  workplace: string | null;
  createdAt: string;
  /** The reviewer who saved the version; null for the original (the bearer, through the form). */
  createdBy: string | null;
}

/** The bearer's contact details (only for those who may see them). */
export interface IdeaBearer {
  name: string;
  email: string;
  phone: string | null;
  coBearers: string | null;
  contactConsent: boolean;
}

/** One event of the idea's timeline. */
export interface TimelineEvent {
  occurredAt: string;
  actorKind: "bearer" | "reviewer" | "coordinator" | "system";
  /** The reviewer's or coordinator's name; null for the bearer and the system. */
  actorName: string | null;
  fromState: IdeaState | null;
  toState: IdeaState;
  reason: string | null;
  visibleToBearer: boolean;
  /** For a decision: the message to the bearer, and when it was released to them (null: not yet). */
  decision: { message: string; releasedAt: string | null } | null;
}

/** A question to the bearer, or the bearer's answer. */
export interface IdeaMessage {
  direction: "to_bearer" | "from_bearer";
  /** The reviewer who asked; null for the bearer's answer. */
  authorName: string | null;
  body: string;
  createdAt: string;
}

/** A reviewer assigned to the idea. */
export interface IdeaAssignment {
  reviewerName: string;
  dueOn: string;
  doneAt: string | null;
  overdue: boolean;
  isMe: boolean;
  /** For a coordinator to take the reviewer off (DELETE …/assignments/:reviewer). */
  reviewerId?: string;
}

/** A link to another idea: this one is a duplicate of / related to it (`to`), or it of this one (`from`). */
export interface IdeaLink {
  kind: "duplicate_of" | "related";
  direction: "to" | "from";
  createdAt: string;
  idea: IdeaSummary;
}

/** A municipality's interest: it wants to join, co-fund, or has implemented the idea. */
export interface IdeaInterest {
  municipality: MunicipalityRef;
  kind: "join" | "co_fund" | "implemented";
  registeredAt: string;
}

/** Everything the idea page shows of one idea: `api.get_review_idea`, in camelCase. */
export interface ReviewIdea {
  reference: string;
  receivedAt: string;
  state: IdeaState;
  stateLabel: string;
  /** What the bearer and the public see: the previous state while a decision is unreleased. */
  publicState: IdeaState;
  stateChangedAt: string;
  daysWaiting: number;
  municipality: MunicipalityRef;
  area: AreaRef;
  sharedRegionally: boolean;
  publishConsent: boolean;
  publicSummary: string | null;
  publishedAt: string | null;
  forwardedTo: string | null;
  followUpOn: string | null;
  /** The current text: the last of `versions`. */
  current: IdeaVersion;
  versions: IdeaVersion[];
  /** Whether the caller may see the bearer (false: a coach who sees a shared idea). */
  bearerVisible: boolean;
  /** Null when the caller may not see the bearer, or gallring has removed them. */
  bearer: IdeaBearer | null;
  timeline: TimelineEvent[];
  messages: IdeaMessage[];
  assignments: IdeaAssignment[];
  assessments: { done: number; expected: number };
  links: IdeaLink[];
  interest: IdeaInterest[];
  /**
   * Everything else `api.get_review_idea` returns, passed on in camelCase: the assessment's keys
   * (`visibleAssessments`, `aggregates`, `myAssessmentStatus`, `canAssess`, `notes`, `conflicts` …,
   * docs/data-model.md), which the assessment's island reads.
   */
  [key: string]: unknown;
}

/** `GET /api/review/ideas/:reference`. */
export interface IdeaPageAnswer {
  idea: ReviewIdea;
  /** Similar ideas across all municipalities, best first (at most five). */
  similar: SimilarIdea[];
}
