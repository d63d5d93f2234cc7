import { adminRefusalMessage } from "../../domain/admin/messages.ts";
import { parseExportQuery } from "../../domain/exports/export-query.ts";
import { exportFileName, type IdeaExportRow } from "../../domain/exports/idea-export.ts";
import { queueParameterOfDatabaseField } from "../../domain/review/queue-parameters.ts";
import { withCoordinatorSession } from "../admin/coordinator-session.ts";
import { callDatabase, DatabaseBug } from "../http/database-error.ts";
import { defineEndpoint, type EndpointHandler } from "../http/endpoint.ts";
import { invalidBodyResponse, refusalResponse } from "../http/refusal-response.ts";
import { log } from "../log.ts";
import { ideaCsvStream, ideaXlsxStream } from "./idea-export-stream.ts";

/**
 * Rows per call of `api.list_idea_export_page`: PostgREST answers at most 1 000 rows (`max_rows`,
 * as hosted Supabase), so a page is exactly that.
 */
export const exportPageSize = 1000;

const contentTypes = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

/**
 * `GET /api/admin/exports/ideas.csv` and `.xlsx` (coordinators only): the ideas of the queue's
 * filter, streamed. The export is recorded in the audit trail (`api.start_idea_export`: filter,
 * row count, format, whether contact details are in it) before the first row is sent; a refusal
 * (403 for a reviewer, 422 naming the parameter, 401, 503) comes before any byte of the file.
 */
export function defineIdeaExport(format: "csv" | "xlsx"): EndpointHandler {
  return defineEndpoint({
    methods: ["GET"],
    handle: withCoordinatorSession<undefined>(async ({ session, url, request, requestId }) => {
      const parsed = parseExportQuery(url.searchParams);
      if (!parsed.ok) return invalidBodyResponse([parsed.problem]);
      const { filters, sort, includeContact } = parsed.query;
      const refusal = (failure: Parameters<typeof refusalResponse>[0], fn: string) =>
        refusalResponse(failure, {
          request,
          fn,
          messages: adminRefusalMessage,
          fieldNames: queueParameterOfDatabaseField,
        });

      const started = await callDatabase(
        session.client.rpc("start_idea_export", {
          filters,
          sort,
          format,
          include_contact: includeContact,
        }),
      );
      if (!started.ok) return refusal(started.failure, "start_idea_export");

      const readPage = async (after: string | null) => {
        const page = await callDatabase(
          session.client.rpc("list_idea_export_page", {
            filters,
            sort,
            include_contact: includeContact,
            page_size: exportPageSize,
            ...(after ? { after } : {}),
          }),
        );
        if (!page.ok) throw new DatabaseBug("list_idea_export_page", page.failure);
        return page.data as IdeaExportRow[];
      };
      const options = {
        readPage,
        pageSize: exportPageSize,
        includeContact,
        onEnd: ({ rows, error }: { rows: number; error?: unknown }) => {
          if (error) log.error("export_failed", { requestId, format, rows, error: String(error) });
          else log.info("export_done", { requestId, format, rows });
        },
      };
      const day = new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Stockholm" });
      return new Response(format === "csv" ? ideaCsvStream(options) : ideaXlsxStream(options), {
        headers: {
          "Content-Type": contentTypes[format],
          "Content-Disposition": `attachment; filename="${exportFileName(format, includeContact, day)}"`,
          "Cache-Control": "no-store",
        },
      });
    }),
  });
}
