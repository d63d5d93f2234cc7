import type { FieldErrors, IdeaField } from "../domain/idea/schema.ts";
import { defaultLocale, type Locale } from "../domain/locale.ts";
import { html, type SafeHtml } from "./html.ts";
import { errorSummaryTexts } from "./idea-form-texts.ts";

/*
 * The GOV.UK error pattern's two parts, apart from the rest of the form's view so the form's script
 * can render exactly the server's HTML without carrying the whole form.
 */

/** The id of the element an error links to: the field, or the first option of a group. */
export function fieldId(field: IdeaField): string {
  return field;
}

/**
 * A field's own error message (GOV.UK pattern: a visually hidden "Fel:" first). The server renders
 * it into the form; the form's script renders the very same HTML when it validates in the browser.
 */
export function renderFieldError(
  field: IdeaField,
  messages: readonly string[] | undefined,
  locale: Locale,
): SafeHtml {
  if (!messages?.length) return html``;
  return html`<p class="field__error" id="${field}-error"><span class="visually-hidden">${errorSummaryTexts[locale].errorPrefix}</span> ${messages.join(" ")}</p>`;
}

/** The error summary (GOV.UK pattern): a fixed heading and one link per field with an error. */
export function renderErrorSummary(errors: FieldErrors, locale: Locale = defaultLocale): SafeHtml {
  const entries = (Object.entries(errors) as [IdeaField | "form", string[]][]).filter(
    ([, messages]) => messages.length,
  );
  if (entries.length === 0) return html``;
  return html`<div
    class="error-summary"
    id="error-summary"
    tabindex="-1"
    aria-labelledby="error-summary-title"
  >
    <div role="alert">
      <h2 id="error-summary-title">${errorSummaryTexts[locale].heading}</h2>
      <ul>
        ${entries.map(([field, messages]) =>
          field === "form"
            ? html`<li>${messages.join(" ")}</li>`
            : html`<li><a href="#${fieldId(field)}">${messages.join(" ")}</a></li>`,
        )}
      </ul>
    </div>
  </div>`;
}
