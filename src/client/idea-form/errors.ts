import type { FieldErrors, IdeaField } from "../../domain/idea/schema.ts";
import type { Locale } from "../../domain/locale.ts";
import { renderErrorSummary, renderFieldError } from "../../views/error-summary.ts";
import { errorSummaryTexts } from "../../views/idea-form-texts.ts";
import type { SafeHtml } from "../../views/html.ts";

/**
 * Shows errors the way the server does (GOV.UK pattern), from the same view code
 * (src/views/error-summary.ts): each field's own message and the summary at the top, focused.
 */
export interface ErrorDisplay {
  /** One field's messages, or none to clear them. */
  showField(field: string, messages: readonly string[] | undefined): void;
  /** Every field's messages and the summary. */
  showAll(errors: FieldErrors): void;
  /** Only the summary (an error about the form as a whole). */
  showSummary(errors: FieldErrors): void;
}

/** The one element the view's HTML describes. The HTML is escaped by the view's template tag. */
function elementFrom(markup: SafeHtml): Element | null {
  const template = document.createElement("template");
  // SafeHtml comes only from the views' template tag, which escapes every value it inserts.
  // eslint-disable-next-line no-restricted-properties
  template.innerHTML = markup.toString();
  return template.content.firstElementChild;
}

export function createErrorDisplay(form: HTMLFormElement, locale: Locale): ErrorDisplay {
  const titlePrefix = errorSummaryTexts[locale].titlePrefix;

  function showField(field: string, messages: readonly string[] | undefined) {
    const wrapper = form.querySelector<HTMLElement>(`[data-field="${field}"]`);
    if (!wrapper) return;
    const control =
      wrapper.querySelector<HTMLElement>("fieldset") ??
      wrapper.querySelector<HTMLElement>("input, textarea, select");
    wrapper.querySelector(".field__error")?.remove();
    wrapper.classList.toggle("field--error", Boolean(messages?.length));
    const describedBy = (control?.getAttribute("aria-describedby") ?? "")
      .split(" ")
      .filter((id) => id && id !== `${field}-error`);
    const error = elementFrom(renderFieldError(field as IdeaField, messages, locale));
    if (error) {
      const anchor =
        wrapper.querySelector(".field__hint:not(p)") ?? wrapper.querySelector("label, legend");
      anchor?.after(error);
      describedBy.push(error.id);
    }
    if (!control) return;
    if (describedBy.length) control.setAttribute("aria-describedby", describedBy.join(" "));
    else control.removeAttribute("aria-describedby");
    if (control.matches("input, textarea, select")) {
      if (error) control.setAttribute("aria-invalid", "true");
      else control.removeAttribute("aria-invalid");
    }
  }

  function showSummary(errors: FieldErrors) {
    document.querySelector("#error-summary")?.remove();
    const summary = elementFrom(renderErrorSummary(errors, locale));
    if (!(summary instanceof HTMLElement)) return;
    // A link moves focus to its field, which the browser's own jump to the anchor would not do.
    summary.addEventListener("click", (event) => {
      const link = (event.target as Element).closest("a");
      if (!link) return;
      event.preventDefault();
      const target = document.getElementById(link.hash.slice(1));
      target?.closest("[data-field]")?.scrollIntoView();
      target?.focus();
    });
    form.before(summary);
    document.title =
      titlePrefix +
      (document.title.startsWith(titlePrefix)
        ? document.title.slice(titlePrefix.length)
        : document.title);
    summary.focus();
  }

  function showAll(errors: FieldErrors) {
    for (const wrapper of form.querySelectorAll<HTMLElement>("[data-field]")) {
      const field = wrapper.dataset.field as IdeaField;
      showField(field, errors[field]);
    }
    showSummary(errors);
  }

  return { showField, showAll, showSummary };
}
