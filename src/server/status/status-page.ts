import { statusPaths } from "../../config/navigation.ts";
import type { Locale } from "../../domain/locale.ts";
import { statusMessages } from "../../domain/status/messages.ts";
import { html } from "../../views/html.ts";
import {
  ideaStatusSchema,
  renderIdeaStatus,
  renderUnknownStatusLink,
  type IdeaStatus,
} from "../../views/idea-status.ts";
import { renderPage } from "../../views/page.ts";
import { callDatabase, DatabaseBug } from "../http/database-error.ts";
import {
  errorResponse,
  htmlResponse,
  jsonResponse,
  unavailableHeaders,
} from "../http/responses.ts";
import type { ApiClient } from "../supabase.ts";

/** What reading an idea's status by its token gave. */
export type StatusLookup =
  { kind: "found"; status: IdeaStatus } | { kind: "unknown" } | { kind: "unavailable" };

/** Reads the bearer's view of an idea. A wrong token and an unknown one give the same answer. */
export async function lookUpStatus(database: ApiClient, token: string): Promise<StatusLookup> {
  const result = await callDatabase(database.rpc("get_idea_status", { token }));
  if (result.ok) return { kind: "found", status: ideaStatusSchema.parse(result.data) };
  if (result.failure.kind === "not_found") return { kind: "unknown" };
  if (result.failure.kind === "unavailable") return { kind: "unavailable" };
  throw new DatabaseBug("get_idea_status", result.failure);
}

/** A notice at the top of the status page: the answer was sent, or what to correct. */
export interface StatusNotice {
  kind: "success" | "error";
  text: string;
}

/** The answer for a status lookup, as JSON or as the status page, in the page's language. */
export function statusResponse(
  lookup: StatusLookup,
  format: "json" | "form",
  token: string,
  locale: Locale,
  notice?: StatusNotice,
): Response {
  const messages = statusMessages[locale];
  const path = statusPaths[locale];
  if (format === "json") {
    if (lookup.kind === "found")
      return jsonResponse({ ...lookup.status, notice: notice?.text ?? null });
    if (lookup.kind === "unknown")
      return errorResponse(404, { error: "not_found", message: messages.unknownLink });
    return errorResponse(
      503,
      { error: "unavailable", message: messages.unavailable },
      { headers: unavailableHeaders },
    );
  }
  if (lookup.kind === "found") {
    return htmlResponse(
      renderPage({
        title: lookup.status.title,
        lang: locale,
        path,
        body: renderIdeaStatus(lookup.status, token, locale, notice),
      }),
    );
  }
  if (lookup.kind === "unknown") {
    return htmlResponse(
      renderPage({
        title: messages.unknownLinkTitle,
        lang: locale,
        path,
        body: renderUnknownStatusLink(locale),
      }),
      { status: 404 },
    );
  }
  return htmlResponse(
    renderPage({
      title: messages.unavailableTitle,
      lang: locale,
      path,
      body: html`<div class="prose">
        <h1>${messages.unavailableTitle}</h1>
        <p>${messages.unavailable}</p>
      </div>`,
    }),
    { status: 503, headers: unavailableHeaders },
  );
}
