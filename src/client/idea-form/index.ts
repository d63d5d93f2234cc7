// Progressive enhancement of the idea form (/skicka-ide/, /en/submit-idea/). Without this script the
// form posts to /api/ideas and the server answers with the form again or the receipt. With it, each
// feature below, all in the form's language (its hidden `locale` field):
//   draft.ts                 the answers and the retry key kept in this browser
//   errors.ts                validation with the server's zod schema, shown with the server's view code
//   counters.ts              character counters
//   personnummer-warning.ts  a warning for text that looks like a personnummer
//   similar-ideas.ts         a hint of similar published ideas
//   submit.ts                sending as JSON with the retry key, then the receipt
import * as z from "zod/mini";
import { formToInput } from "../../domain/idea/form-input.ts";
import { parseIdeaSubmission, type FieldErrors, type IdeaField } from "../../domain/idea/schema.ts";
import type { Locale } from "../../domain/locale.ts";
import { addCharacterCounters } from "./counters.ts";
import { keepDraft } from "./draft.ts";
import { createErrorDisplay } from "./errors.ts";
import { warnAboutPersonnummer } from "./personnummer-warning.ts";
import { hintSimilarIdeas } from "./similar-ideas.ts";
import { sendAsJson } from "./submit.ts";
import { ideaFormScriptTexts } from "./texts.ts";
import { formEntries } from "./timing.ts";

// zod's fast path compiles code with `new Function`, which the site's CSP forbids.
z.config({ jitless: true });

const form = document.querySelector<HTMLFormElement>("form[data-idea-form]");

if (form) {
  const localeInput = form.elements.namedItem("locale") as HTMLInputElement | null;
  const locale: Locale = localeInput?.value === "en" ? "en" : "sv";
  const texts = ideaFormScriptTexts[locale];
  const keyInput = form.elements.namedItem("idempotency_key") as HTMLInputElement;
  form.noValidate = true;

  const draft = keepDraft(form, keyInput, texts.draftRestored);
  const errors = createErrorDisplay(form, locale);
  const validate = (): FieldErrors => {
    const result = parseIdeaSubmission(
      formToInput(new URLSearchParams(formEntries(form))).input,
      locale,
    );
    return result.success ? {} : result.errors;
  };

  // A field shows its message once the person has left it (a group: once focus leaves the group).
  form.addEventListener("focusout", (event) => {
    const wrapper = (event.target as Element).closest<HTMLElement>("[data-field]");
    const field = wrapper?.dataset.field;
    if (!wrapper || !field) return;
    const next = (event as FocusEvent).relatedTarget as Node | null;
    if (next && wrapper.contains(next)) return;
    errors.showField(field, validate()[field as IdeaField]);
  });

  addCharacterCounters(form, texts);
  warnAboutPersonnummer(form, texts);
  hintSimilarIdeas(form, texts, locale);
  sendAsJson(form, { locale, texts, errors, keyInput, validate, forgetDraft: draft.forget });
}
