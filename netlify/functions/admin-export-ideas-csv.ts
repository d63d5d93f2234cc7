import type { Config } from "@netlify/functions";
import { defineIdeaExport } from "../../src/server/exports/idea-export-endpoint.ts";

/**
 * GET /api/admin/exports/ideas.csv – the ideas of the queue's filter as CSV (UTF-8 with BOM, `;`,
 * cells neutralised against formulas), streamed; coordinators only, audited. Query parameters: the
 * queue's (`state`, `municipality`, `area`, `assignedToMe`, `awaitingMyAssessment`, `overdue`, `q`,
 * `sort`) and `contact=true` for the bearers' contact details (the file is then named and marked as
 * holding personal data). 403 for anyone but a coordinator; 422 naming the parameter; 401; 503.
 */
export default defineIdeaExport("csv");

export const config: Config = {
  path: "/api/admin/exports/ideas.csv",
};
