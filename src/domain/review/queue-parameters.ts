import type { IdeaState } from "../idea/states.ts";

/**
 * The queue's query parameters, the same in the queue page's address (`/granska/?state=in_review`,
 * so a filtered view can be bookmarked and the back button works) and in the API's
 * (`GET /api/review/ideas?state=in_review`): the page passes its own parameters on. Names only, no
 * schema library, so the page's script can import them without one; the schema that parses them is
 * in queue-query.ts.
 */

/** The filters, in the order the filter form shows them. Absent or empty: no filter. */
export const queueFilterParameters = [
  "state",
  "municipality",
  "area",
  "assignedToMe",
  "awaitingMyAssessment",
  "overdue",
  "q",
] as const;

/** The yes/no filters: `true` filters, `false` or absent does not. */
export const queueFlagParameters = ["assignedToMe", "awaitingMyAssessment", "overdue"] as const;

/** Every parameter the queue takes: the filters, the sort, and the paging. */
export const queueParameters = [...queueFilterParameters, "sort", "cursor", "limit"] as const;

/** One of the queue's parameters. */
export type QueueParameter = (typeof queueParameters)[number];

/** One of the yes/no filters. */
export type QueueFlagParameter = (typeof queueFlagParameters)[number];

/** The orders the queue can be read in: newest first (the default), or longest waiting first. */
export const queueSorts = ["received", "waiting"] as const;

/** One of the queue's orders. */
export type QueueSort = (typeof queueSorts)[number];

/** Ideas per page when `limit` is not given, and the most one page may hold. */
export const queuePageSize = { default: 50, max: 100 } as const;

/** Whether a name is one of the queue's parameters. */
export function isQueueParameter(name: string): name is QueueParameter {
  return (queueParameters as readonly string[]).includes(name);
}

/** Whether a name is one of the yes/no filters. */
export function isQueueFlagParameter(name: string): name is QueueFlagParameter {
  return (queueFlagParameters as readonly string[]).includes(name);
}

/** A queue request, parsed: the filters given, the order, and where the page starts. */
export interface QueueQuery {
  state?: IdeaState | undefined;
  /** A municipality's official code (kommunkod), e.g. `1496`. */
  municipality?: string | undefined;
  /** An area's id, e.g. `vard-och-omsorg`. */
  area?: string | undefined;
  assignedToMe: boolean;
  awaitingMyAssessment: boolean;
  overdue: boolean;
  /** Swedish full-text search over title, problem and idea; at most 200 characters. */
  q?: string | undefined;
  sort: QueueSort;
  /** The previous page's `next`. */
  cursor?: string | undefined;
  limit: number;
}

/**
 * The field `api.list_review_queue` names in a refusal (decision 0007), as the parameter the person
 * or the page sent: a refusal about `search` is about `q`.
 */
export const queueParameterOfDatabaseField: Readonly<Record<string, QueueParameter>> = {
  state: "state",
  municipality: "municipality",
  area: "area",
  assigned_to_me: "assignedToMe",
  awaiting_my_assessment: "awaitingMyAssessment",
  overdue: "overdue",
  search: "q",
  sort: "sort",
  cursor: "cursor",
  page_size: "limit",
};
