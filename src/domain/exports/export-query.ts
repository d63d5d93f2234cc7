import { parseQueueQuery, queueCallArguments } from "../review/queue-query.ts";
import type { QueueParameterProblem } from "../review/queue-query.ts";
import { exportQueryMessages } from "./messages.ts";

/**
 * `GET /api/admin/exports/ideas.csv|.xlsx`: the queue's filter (the same query parameters as
 * `GET /api/review/ideas`, so the queue page's link carries its current filter unchanged) and
 * `contact=true` when the coordinator ticked "include the bearers' contact details". The queue's
 * `cursor` and `limit` are about one page on screen and are ignored: the export holds every idea of
 * the filter.
 */
export interface ExportQuery {
  includeContact: boolean;
  /** The arguments `api.start_idea_export` and `api.list_idea_export_page` take. */
  filters: Record<string, string | boolean>;
  sort: string;
}

/** Reads an export's query string: the query, or the problem naming the parameter. */
export function parseExportQuery(
  params: URLSearchParams,
): { ok: true; query: ExportQuery } | { ok: false; problem: QueueParameterProblem } {
  const rest = new URLSearchParams();
  let contact: string | undefined;
  for (const [name, value] of params) {
    if (name === "cursor" || name === "limit") continue;
    if (name === "contact") {
      if (contact !== undefined || !["true", "false", ""].includes(value)) {
        return { ok: false, problem: { field: "contact", message: exportQueryMessages.contact } };
      }
      contact = value;
      continue;
    }
    rest.append(name, value);
  }
  const parsed = parseQueueQuery(rest);
  if (!parsed.ok) return parsed;
  const { filters, sort } = queueCallArguments(parsed.query);
  return { ok: true, query: { includeContact: contact === "true", filters, sort } };
}
