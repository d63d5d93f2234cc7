import { ideaFormPaths } from "../../config/navigation.ts";
import { formToInput } from "../../domain/idea/form-input.ts";
import type { FieldErrors } from "../../domain/idea/schema.ts";
import type { Locale } from "../../domain/locale.ts";
import type { ErrorDisplay } from "./errors.ts";
import type { IdeaFormScriptTexts } from "./texts.ts";
import { formEntries } from "./timing.ts";

/** What sending needs from the rest of the script. */
export interface SubmitContext {
  locale: Locale;
  texts: IdeaFormScriptTexts;
  errors: ErrorDisplay;
  keyInput: HTMLInputElement;
  /** The answers' errors by the server's own schema; empty when all is well. */
  validate(): FieldErrors;
  /** Forgets the draft once the idea is received. */
  forgetDraft(): void;
}

/**
 * Sending: validate everything first; then POST JSON with the retry key, the language and how long
 * the form was open (measured here, on the page's monotonic clock); on success go to the receipt
 * with the reference and status token in the fragment; on failure keep every answer and show why.
 */
export function sendAsJson(form: HTMLFormElement, context: SubmitContext): void {
  const { locale, texts, errors, keyInput } = context;
  const shownAt = performance.now();
  const button = form.querySelector<HTMLButtonElement>("button[type=submit]");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const found = context.validate();
    if (Object.keys(found).length > 0) {
      errors.showAll(found);
      return;
    }
    const { input } = formToInput(new URLSearchParams(formEntries(form)));
    if (button) button.disabled = true;
    try {
      const response = await fetch("/api/ideas", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Idempotency-Key": keyInput.value },
        body: JSON.stringify({
          ...input,
          locale,
          fill_ms: Math.round(performance.now() - shownAt),
          contact_fax: (form.elements.namedItem("contact_fax") as HTMLInputElement).value,
        }),
      });
      const body = (await response.json()) as {
        reference?: string;
        statusUrl?: string | null;
        fields?: FieldErrors;
        message?: string;
      };
      if (response.status === 201 && body.reference) {
        context.forgetDraft();
        // Both in the fragment, which never reaches a server: the static receipt page's script
        // shows them. (`?ref=` is for forms sent without JavaScript; the server renders those.)
        const receipt = new URLSearchParams({ ref: body.reference });
        if (body.statusUrl) receipt.set("token", new URL(body.statusUrl).hash.slice(1));
        location.assign(`${ideaFormPaths[locale].receipt}#${receipt.toString()}`);
        return;
      }
      errors.showAll(body.fields ?? { form: [body.message ?? texts.somethingWentWrong] });
    } catch {
      errors.showSummary({ form: [texts.noConnection] });
    } finally {
      if (button) button.disabled = false;
    }
  });
}
