import type { Config } from "@netlify/functions";
import { noteBodySchema } from "../../src/domain/review/schema.ts";
import { defineIdeaAction } from "../../src/server/review/idea-action.ts";

/**
 * POST /api/review/ideas/:reference/notes – an internal note: `{ body, reply_to?: <note id>,
 * mentions?: [<reviewer id>] }` (mentionable: `GET /api/review/reviewers?reference=…`). Each
 * mentioned reviewer gets an e-mail that says who mentioned them and links to the idea, never what
 * the note says. Never shown to the bearer. 200 `{ id, reference, reply_to, created_at, mentions }`.
 */
export default defineIdeaAction({
  method: "POST",
  fn: "add_internal_note",
  schema: noteBodySchema,
  call: ({ session, reference, body }) =>
    session.client.rpc("add_internal_note", {
      reference,
      body: body.body,
      ...(body.reply_to ? { reply_to: body.reply_to } : {}),
      ...(body.mentions?.length ? { mentions: body.mentions } : {}),
    }),
});

export const config: Config = {
  path: "/api/review/ideas/:reference/notes",
  rateLimit: { windowLimit: 60, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
