import type { ApiClient } from "../supabase.ts";
import { errorResponse, jsonResponse } from "../http/responses.ts";
import { htmlResponse, retryAfterSeconds } from "../ideas/submission-response.ts";
import { html } from "../../views/html.ts";
import {
  ideaStatusSchema,
  renderIdeaStatus,
  renderUnknownStatusLink,
  type IdeaStatus,
} from "../../views/idea-status.ts";
import { renderPage } from "../../views/page.ts";

/** What reading an idea's status by its token gave. */
export type StatusLookup =
  { kind: "found"; status: IdeaStatus } | { kind: "unknown" } | { kind: "unavailable" };

/** Reads the bearer's view of an idea. A wrong token and an unknown one give the same answer. */
export async function lookUpStatus(database: ApiClient, token: string): Promise<StatusLookup> {
  try {
    const { data, error, status } = await database.rpc("get_idea_status", { token });
    if (error) {
      if (error.code === "PT404") return { kind: "unknown" };
      if (status === 0 || status >= 500 || !error.code) return { kind: "unavailable" };
      throw new Error(`api.get_idea_status: ${error.code} ${error.message}`);
    }
    return { kind: "found", status: ideaStatusSchema.parse(data) };
  } catch (error) {
    if (
      error instanceof TypeError ||
      (error instanceof DOMException && error.name === "TimeoutError")
    )
      return { kind: "unavailable" };
    throw error;
  }
}

const unknownMessage =
  "Vi hittar ingen idé för den här länken. Kontrollera att du har kopierat hela länken.";
const unavailableMessage = "Vi kan inte visa din idé just nu. Försök igen om en liten stund.";

/** The answer for a status lookup, as JSON or as the status page. */
export function statusResponse(
  lookup: StatusLookup,
  format: "json" | "form",
  token: string,
  notice?: { kind: "success" | "error"; text: string },
): Response {
  if (format === "json") {
    if (lookup.kind === "found")
      return jsonResponse({ ...lookup.status, notice: notice?.text ?? null });
    if (lookup.kind === "unknown")
      return errorResponse(404, { error: "not_found", message: unknownMessage });
    return errorResponse(
      503,
      { error: "unavailable", message: unavailableMessage },
      { headers: { "Retry-After": String(retryAfterSeconds) } },
    );
  }
  if (lookup.kind === "found") {
    return htmlResponse(
      renderPage({
        title: lookup.status.title,
        body: renderIdeaStatus(lookup.status, token, notice),
      }),
    );
  }
  if (lookup.kind === "unknown") {
    return htmlResponse(
      renderPage({ title: "Vi hittar ingen idé", body: renderUnknownStatusLink() }),
      { status: 404 },
    );
  }
  return htmlResponse(
    renderPage({
      title: "Försök igen senare",
      body: html`<div class="prose">
        <h1>Försök igen senare</h1>
        <p>${unavailableMessage}</p>
      </div>`,
    }),
    { status: 503, headers: { "Retry-After": String(retryAfterSeconds) } },
  );
}
