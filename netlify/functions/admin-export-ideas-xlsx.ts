import type { Config } from "@netlify/functions";
import { defineIdeaExport } from "../../src/server/exports/idea-export-endpoint.ts";

/**
 * GET /api/admin/exports/ideas.xlsx – the ideas of the queue's filter as an Excel workbook
 * (ExcelJS streaming writer, cells neutralised against formulas), streamed; coordinators only,
 * audited. Query parameters as /api/admin/exports/ideas.csv; with `contact=true` the first sheet
 * says the file holds personal data. 403 for anyone but a coordinator; 422; 401; 503.
 */
export default defineIdeaExport("xlsx");

export const config: Config = {
  path: "/api/admin/exports/ideas.xlsx",
};
