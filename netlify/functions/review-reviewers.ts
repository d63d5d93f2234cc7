import type { Config } from "@netlify/functions";
import { reviewRefusalMessage } from "../../src/domain/review/messages.ts";
import { parseReference } from "../../src/domain/review/schema.ts";
import { callDatabase } from "../../src/server/http/database-error.ts";
import { defineEndpoint } from "../../src/server/http/endpoint.ts";
import { jsonResponse } from "../../src/server/http/responses.ts";
import { refusalResponse } from "../../src/server/http/refusal-response.ts";
import { withReviewerSession } from "../../src/server/session/reviewer-session.ts";

/**
 * GET /api/review/reviewers?reference=IS-2026-0042 – who can be assigned to the idea (a coordinator)
 * or mentioned in its notes (anyone in scope): active reviewers who have it in scope and no jäv.
 * 200 `{ reviewers: [{ id, name, role, municipality: { code, name } | null, is_me, assignment:
 * { due_on, done_at, overdue } | null }] }`; 422 without a reference; 404 outside the caller's scope.
 */
export default defineEndpoint({
  methods: ["GET"],
  handle: withReviewerSession<undefined>(async ({ session, url }) => {
    const given = url.searchParams.get("reference");
    if (!given?.trim()) {
      const message = reviewRefusalMessage(
        { code: "IS002", rule: "missing", field: "reference" },
        "sv",
      );
      return jsonResponse(
        {
          error: "invalid",
          rule: "missing",
          message,
          field: "reference",
          fields: { reference: message },
        },
        { status: 422 },
      );
    }
    const reference = parseReference(given);
    const result = await callDatabase(
      session.client.rpc("list_idea_reviewers", { reference: reference ?? given.slice(0, 40) }),
    );
    if (!result.ok) return refusalResponse(result.failure, { fn: "list_idea_reviewers" });
    return jsonResponse(result.data);
  }),
});

export const config: Config = {
  path: "/api/review/reviewers",
};
