import { ideaFormPaths } from "../../config/navigation.ts";
import { submissionMessages } from "../../domain/idea/messages.ts";
import type { FieldErrors } from "../../domain/idea/schema.ts";
import { defaultLocale, type Locale } from "../../domain/locale.ts";
import {
  renderErrorSummary,
  renderIdeaForm,
  type IdeaFormOptions,
  type IdeaFormValues,
} from "../../views/idea-form.ts";
import { html } from "../../views/html.ts";
import { errorSummaryTexts } from "../../views/idea-form-texts.ts";
import { renderPage } from "../../views/page.ts";
import { errorResponse, jsonResponse } from "../http/responses.ts";
import { withSecurityHeaders } from "../http/security-headers.ts";
import type { SubmitOutcome } from "./submit-idea.ts";

/** Seconds a client should wait before retrying when the database is unavailable. */
export const retryAfterSeconds = 30;

/** The words of the pages a form post may get back, per language. */
const pageTexts: Readonly<
  Record<Locale, { formTitle: string; unavailableTitle: string; goBack: string }>
> = {
  sv: {
    formTitle: "Skicka in en idé",
    unavailableTitle: "Idén kunde inte skickas",
    goBack:
      "Gå tillbaka till formuläret med webbläsarens bakåtknapp. Det du har skrivit finns kvar där.",
  },
  en: {
    formTitle: "Submit an idea",
    unavailableTitle: "Your idea could not be sent",
    goBack:
      "Go back to the form with your browser's back button. What you have written is still there.",
  },
};

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

/** The answer to a JSON submission (the enhanced form and API clients), in the request's language. */
export function jsonSubmissionResponse(
  outcome: SubmitOutcome,
  origin: string,
  discardedReference: string,
  locale: Locale = defaultLocale,
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
        { error: "unavailable", message: submissionMessages[locale].unavailable },
        { headers: { "Retry-After": String(retryAfterSeconds) } },
      );
  }
}

/** Everything a form post's answer may need: the answers and, when they can be read, the form's choices. */
export interface FormContext {
  /** The language of the form that was posted. */
  locale: Locale;
  values: IdeaFormValues;
  idempotencyKey: string | undefined;
  options: IdeaFormOptions | undefined;
}

function formPage(
  title: string,
  context: FormContext,
  errors: FieldErrors,
  status: number,
): Response {
  const { locale } = context;
  const body = context.options
    ? html`<div class="prose-wide">
        <h1>${title}</h1>
        ${renderIdeaForm({ options: context.options, values: context.values, errors, idempotencyKey: context.idempotencyKey, locale })}
      </div>`
    : html`<div class="prose">
        <h1>${title}</h1>
        ${renderErrorSummary(errors, locale)}
        <p>${pageTexts[locale].goBack}</p>
      </div>`;
  return htmlResponse(
    renderPage({ title: `${errorSummaryTexts[locale].titlePrefix}${title}`, lang: locale, body }),
    { status },
  );
}

/**
 * The answer to a form posted without JavaScript: a redirect to the receipt, or the form again, in
 * the language of the form that was posted.
 */
export function formSubmissionResponse(
  outcome: SubmitOutcome,
  context: FormContext,
  discardedReference: string,
): Response {
  const receipt = ideaFormPaths[context.locale].receipt;
  const { formTitle, unavailableTitle } = pageTexts[context.locale];
  switch (outcome.kind) {
    case "received": {
      const fragment = outcome.statusToken ? `#${outcome.statusToken}` : "";
      return withSecurityHeaders(
        new Response(null, {
          status: 303,
          headers: {
            Location: `${receipt}?ref=${encodeURIComponent(outcome.reference)}${fragment}`,
            "Cache-Control": "no-store",
          },
        }),
      );
    }
    case "discarded":
      return withSecurityHeaders(
        new Response(null, {
          status: 303,
          headers: {
            Location: `${receipt}?ref=${discardedReference}`,
            "Cache-Control": "no-store",
          },
        }),
      );
    case "bad_key":
      return formPage(formTitle, context, { form: [outcome.message] }, 400);
    case "invalid":
      return formPage(formTitle, context, outcome.errors, 422);
    case "key_reused":
      return formPage(formTitle, context, { form: [outcome.message] }, 422);
    case "throttled":
      return formPage(formTitle, context, { form: [outcome.message] }, 429);
    case "unavailable": {
      const response = formPage(
        unavailableTitle,
        { ...context, options: undefined },
        { form: [submissionMessages[context.locale].unavailable] },
        503,
      );
      response.headers.set("Retry-After", String(retryAfterSeconds));
      return response;
    }
  }
}
