import type { FieldErrors } from "../../domain/idea/schema.ts";
import {
  renderErrorSummary,
  renderIdeaForm,
  type IdeaFormOptions,
  type IdeaFormValues,
} from "../../views/idea-form.ts";
import { html } from "../../views/html.ts";
import { renderPage } from "../../views/page.ts";
import { errorResponse, jsonResponse } from "../http/responses.ts";
import { withSecurityHeaders } from "../http/security-headers.ts";
import type { SubmitOutcome } from "./submit-idea.ts";

/** Seconds a client should wait before retrying when the database is unavailable. */
export const retryAfterSeconds = 30;

const unavailableMessage =
  "Vi kan inte ta emot idéer just nu. Din idé är inte skickad. Försök igen om en liten stund – det du har skrivit finns kvar.";

/** An HTML page from a function, never cached, with the security headers. */
export function htmlResponse(body: string, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("Content-Type", "text/html; charset=utf-8");
  headers.set("Cache-Control", "no-store");
  return withSecurityHeaders(new Response(body, { ...init, headers }));
}

/** The private status page's address, with the token in the fragment so it never reaches a server log. */
export function statusUrl(origin: string, token: string): string {
  return `${origin}/status/#${token}`;
}

/** The answer to a JSON submission (the enhanced form and API clients). */
export function jsonSubmissionResponse(
  outcome: SubmitOutcome,
  origin: string,
  discardedReference: string,
): Response {
  switch (outcome.kind) {
    case "received":
      return jsonResponse(
        {
          reference: outcome.reference,
          statusUrl: outcome.statusToken ? statusUrl(origin, outcome.statusToken) : null,
          replayed: outcome.replayed,
        },
        { status: 201 },
      );
    case "discarded":
      // The same shape as a real receipt, so a bot learns nothing (AS-19).
      return jsonResponse(
        { reference: discardedReference, statusUrl: null, replayed: false },
        { status: 201 },
      );
    case "bad_key":
      return errorResponse(400, { error: "idempotency_key", message: outcome.message });
    case "invalid":
      return jsonResponse({ error: "validation", fields: outcome.errors }, { status: 422 });
    case "key_reused":
      return errorResponse(422, { error: "idempotency_key_reused", message: outcome.message });
    case "throttled":
      return errorResponse(
        429,
        { error: "throttled", message: outcome.message },
        { headers: { "Retry-After": "3600" } },
      );
    case "unavailable":
      return errorResponse(
        503,
        { error: "unavailable", message: unavailableMessage },
        { headers: { "Retry-After": String(retryAfterSeconds) } },
      );
  }
}

/** Everything a form post's answer may need: the answers and, when they can be read, the form's choices. */
export interface FormContext {
  values: IdeaFormValues;
  idempotencyKey: string | undefined;
  options: IdeaFormOptions | undefined;
}

function formPage(
  title: string,
  context: FormContext,
  errors: FieldErrors,
  status: number,
  lead?: string,
): Response {
  const body = context.options
    ? html`<div class="prose-wide">
        <h1>${title}</h1>
        ${lead ? html`<p class="lead">${lead}</p>` : ""}
        ${renderIdeaForm({ options: context.options, values: context.values, errors, idempotencyKey: context.idempotencyKey })}
      </div>`
    : html`<div class="prose">
        <h1>${title}</h1>
        ${renderErrorSummary(errors)}
        <p>
          Gå tillbaka till formuläret med webbläsarens bakåtknapp. Det du har skrivit finns kvar
          där.
        </p>
      </div>`;
  return htmlResponse(renderPage({ title: `Fel: ${title}`, body }), { status });
}

/** The answer to a form posted without JavaScript: a redirect to the receipt, or the form again. */
export function formSubmissionResponse(
  outcome: SubmitOutcome,
  context: FormContext,
  discardedReference: string,
): Response {
  switch (outcome.kind) {
    case "received": {
      const fragment = outcome.statusToken ? `#${outcome.statusToken}` : "";
      return withSecurityHeaders(
        new Response(null, {
          status: 303,
          headers: {
            Location: `/tack/?ref=${encodeURIComponent(outcome.reference)}${fragment}`,
            "Cache-Control": "no-store",
          },
        }),
      );
    }
    case "discarded":
      return withSecurityHeaders(
        new Response(null, {
          status: 303,
          headers: { Location: `/tack/?ref=${discardedReference}`, "Cache-Control": "no-store" },
        }),
      );
    case "bad_key":
      return formPage("Skicka in en idé", context, { form: [outcome.message] }, 400);
    case "invalid":
      return formPage("Skicka in en idé", context, outcome.errors, 422);
    case "key_reused":
      return formPage("Skicka in en idé", context, { form: [outcome.message] }, 422);
    case "throttled":
      return formPage("Skicka in en idé", context, { form: [outcome.message] }, 429);
    case "unavailable": {
      const response = formPage(
        "Idén kunde inte skickas",
        { ...context, options: undefined },
        { form: [unavailableMessage] },
        503,
      );
      response.headers.set("Retry-After", String(retryAfterSeconds));
      return response;
    }
  }
}
