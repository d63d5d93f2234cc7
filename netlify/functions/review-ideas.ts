import type { Config } from "@netlify/functions";
import { queueParameterOfDatabaseField } from "../../src/domain/review/queue-parameters.ts";
import { parseQueueQuery, queueCallArguments } from "../../src/domain/review/queue-query.ts";
import { callDatabase } from "../../src/server/http/database-error.ts";
import { defineEndpoint } from "../../src/server/http/endpoint.ts";
import { jsonResponse } from "../../src/server/http/responses.ts";
import { invalidBodyResponse, refusalResponse } from "../../src/server/http/refusal-response.ts";
import { toQueuePage } from "../../src/server/review/review-answers.ts";
import { withReviewerSession } from "../../src/server/session/reviewer-session.ts";

/**
 * GET /api/review/ideas – the signed-in reviewer's queue, one page at a time, as
 * `api.list_review_queue` pages it (keyset cursor, in SQL). Query parameters (all optional;
 * src/domain/review/queue-parameters.ts): `state`, `municipality`, `area`, `assignedToMe`,
 * `awaitingMyAssessment`, `overdue` (`true`), `q` (search), `sort` (`received` | `waiting`),
 * `cursor` (the previous page's `next`), `limit` (1–100, default 50).
 *
 * 200 `{ ideas: [{ reference, title, state, stateLabel, municipality: { code, name }, area: { id,
 * name }, receivedAt, stateChangedAt, daysWaiting, assignees: [{ name, done }], assessments: { done,
 * expected }, dueOn, overdue, assignedToMe, sharedRegionally, mean }], next, counts: [{ state, label,
 * count }] | null, total | null }`; 422 `{ error: "invalid", message, field, fields }` naming the
 * parameter; 401 without a session; 503 when the database cannot be reached.
 */
export default defineEndpoint({
  methods: ["GET"],
  handle: withReviewerSession<undefined>(async ({ session, url }) => {
    const parsed = parseQueueQuery(url.searchParams);
    if (!parsed.ok) return invalidBodyResponse([parsed.problem]);
    const result = await callDatabase(
      session.client.rpc("list_review_queue", queueCallArguments(parsed.query)),
    );
    if (!result.ok) {
      return refusalResponse(result.failure, {
        fn: "list_review_queue",
        fieldNames: queueParameterOfDatabaseField,
      });
    }
    return jsonResponse(toQueuePage(result.data));
  }),
});

export const config: Config = {
  path: "/api/review/ideas",
};
