import type { Config } from "@netlify/functions";
import { personalDataFindingsSchema } from "../../src/domain/admin/answers.ts";
import {
  exportFormats,
  requestEmailSchema,
  type ExportFormat,
} from "../../src/domain/admin/schema.ts";
import { withCoordinatorSession } from "../../src/server/admin/coordinator-session.ts";
import { refusalResponse } from "../../src/server/http/refusal-response.ts";
import { adminRefusalMessage } from "../../src/domain/admin/messages.ts";
import { callDatabase } from "../../src/server/http/database-error.ts";
import { defineEndpoint } from "../../src/server/http/endpoint.ts";
import { errorResponse, htmlResponse, jsonResponse } from "../../src/server/http/responses.ts";
import { renderPersonalDataExport } from "../../src/views/personal-data-export.ts";

const purposes = { json: "export_json", html: "export_html" } as const;

function isExportFormat(value: string): value is ExportFormat {
  return (exportFormats as readonly string[]).includes(value);
}

/**
 * GET /api/admin/personal-data?email=…[&format=json|html] – a coordinator finds everything the
 * sluice holds about one e-mail address (GDPR Art. 15; LG-10), through `api.find_personal_data`,
 * which audits every search and export with a keyed hash of the address:
 *
 * - without `format`: 200 `{ findings }` for the personal-data page (audited as a search);
 * - `format=json`: the findings as a JSON file to download (audited as an export);
 * - `format=html`: the findings as a readable Swedish page to print or save (audited as an export).
 *
 * 422 `{ error: "invalid", field, message }` for a missing or malformed address or an unknown
 * format; 403 for anyone but a coordinator (checked here from the session, and again in SQL); 401
 * without a session; 503 when the database cannot be reached. The address is in the query string
 * because the export links must be plain links; the request log holds the path only, never the query.
 */
export default defineEndpoint({
  methods: ["GET"],
  handle: withCoordinatorSession<undefined>(async ({ session, url, request }) => {
    const email = requestEmailSchema.safeParse(url.searchParams.get("email") ?? "");
    if (!email.success) {
      return errorResponse(422, {
        error: "invalid",
        message:
          email.error.issues[0]?.message ??
          adminRefusalMessage({ code: "IS002", rule: "invalid", field: "email" }),
        ...{ field: "email" },
      });
    }
    const format = url.searchParams.get("format");
    if (format !== null && !isExportFormat(format)) {
      return errorResponse(422, {
        error: "invalid",
        message: adminRefusalMessage({ code: "IS002", rule: "unknown_value", field: "format" }),
        ...{ field: "format" },
      });
    }
    const result = await callDatabase(
      session.client.rpc("find_personal_data", {
        email: email.data,
        purpose: format ? purposes[format] : "search",
      }),
    );
    if (!result.ok) {
      return refusalResponse(result.failure, {
        request,
        fn: "find_personal_data",
        messages: adminRefusalMessage,
      });
    }
    const findings = personalDataFindingsSchema.parse(result.data);
    if (format === "html") return htmlResponse(renderPersonalDataExport(findings));
    if (format === "json") {
      const day = findings.generatedAt.slice(0, 10);
      return jsonResponse(findings, {
        headers: { "Content-Disposition": `attachment; filename="personuppgifter-${day}.json"` },
      });
    }
    return jsonResponse({ findings });
  }),
});

export const config: Config = {
  path: "/api/admin/personal-data",
};
