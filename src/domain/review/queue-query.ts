import { z } from "zod";
import { ideaStates } from "../idea/states.ts";
import { queueParameterMessages as m } from "./queue-messages.ts";
import {
  isQueueParameter,
  queuePageSize,
  queueSorts,
  type QueueFlagParameter,
  type QueueParameter,
  type QueueQuery,
} from "./queue-parameters.ts";

/**
 * `GET /api/review/ideas`: the queue's query parameters (queue-parameters.ts names them), parsed
 * with one schema. Every value arrives as text; an empty value is no filter. The schema checks the
 * form of each value (a state of the lifecycle, four digits for a municipality code, a page size of
 * 1–100); whether that municipality or area exists is the database's to say
 * (`api.list_review_queue`), which checks every filter again anyway.
 */

/** Text, trimmed; an empty value becomes `undefined` (no filter). */
const text = () =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined);

/** A yes/no filter: `true`, or `false` / empty / absent. */
const flag = (name: QueueFlagParameter) =>
  z
    .enum(["true", "false", ""], { error: m.flag(name) })
    .optional()
    .transform((value) => value === "true");

export const queueQuerySchema = z.strictObject({
  /** One lifecycle state, e.g. `in_review`. */
  state: text().pipe(z.enum(ideaStates, { error: m.state }).optional()),
  /** A municipality's official code, e.g. `1496`; a coach gets another municipality's shared ideas. */
  municipality: text().pipe(
    z
      .string()
      .regex(/^\d{4}$/, { error: m.municipality })
      .optional(),
  ),
  /** An area's id, e.g. `vard-och-omsorg`. */
  area: text().pipe(
    z
      .string()
      .max(60, { error: m.area })
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: m.area })
      .optional(),
  ),
  /** `true`: ideas the caller is assigned to. */
  assignedToMe: flag("assignedToMe"),
  /** `true`: ideas the caller is assigned to and has not finished assessing. */
  awaitingMyAssessment: flag("awaitingMyAssessment"),
  /** `true`: ideas with an open assignment (anyone's) past its due date. */
  overdue: flag("overdue"),
  /** Swedish full-text search over title, problem and idea (words, "a phrase", `or`, `-word`). */
  q: text().pipe(z.string().max(200, { error: m.q }).optional()),
  /** `received` (newest first, the default) or `waiting` (longest in its current state first). */
  sort: text().pipe(
    z
      .enum(queueSorts, { error: m.sort })
      .optional()
      .transform((value) => value ?? "received"),
  ),
  /** The previous page's `next`: opaque, base64url. */
  cursor: text().pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,512}={0,2}$/, { error: m.cursor })
      .optional(),
  ),
  /** Ideas per page, 1–100 (50). */
  limit: text().pipe(
    z
      .string()
      .regex(/^\d{1,3}$/, { error: m.limit })
      .transform(Number)
      .pipe(z.number().int().min(1, { error: m.limit }).max(queuePageSize.max, { error: m.limit }))
      .optional()
      .transform((value) => value ?? queuePageSize.default),
  ),
}) satisfies z.ZodType<QueueQuery, Record<string, string | undefined>>;

/** A parameter that cannot be read: which one, and what to do, in Swedish. */
export interface QueueParameterProblem {
  field: string;
  message: string;
}

/**
 * Reads the queue's parameters from a query string: a name the queue does not know, a parameter
 * given twice, or a value of the wrong form is a problem naming the parameter; otherwise the query.
 */
export function parseQueueQuery(
  params: URLSearchParams,
): { ok: true; query: QueueQuery } | { ok: false; problem: QueueParameterProblem } {
  const values: Partial<Record<QueueParameter, string>> = {};
  for (const [name, value] of params) {
    if (!isQueueParameter(name))
      return { ok: false, problem: { field: name, message: m.unknown(name) } };
    if (values[name] !== undefined)
      return { ok: false, problem: { field: name, message: m.repeated(name) } };
    values[name] = value;
  }
  const parsed = queueQuerySchema.safeParse(values);
  if (parsed.success) return { ok: true, query: parsed.data };
  const issue = parsed.error.issues[0];
  const field = String(issue?.path[0] ?? "");
  return { ok: false, problem: { field, message: issue?.message ?? m.unknown(field) } };
}

/** The arguments of `api.list_review_queue` for a parsed query: only the filters given. */
export function queueCallArguments(query: QueueQuery) {
  return {
    filters: {
      ...(query.state ? { state: query.state } : {}),
      ...(query.municipality ? { municipality: query.municipality } : {}),
      ...(query.area ? { area: query.area } : {}),
      ...(query.assignedToMe ? { assigned_to_me: true } : {}),
      ...(query.awaitingMyAssessment ? { awaiting_my_assessment: true } : {}),
      ...(query.overdue ? { overdue: true } : {}),
      ...(query.q ? { search: query.q } : {}),
    },
    sort: query.sort,
    page_size: query.limit,
    ...(query.cursor ? { cursor: query.cursor } : {}),
  };
}
