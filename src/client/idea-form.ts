// Progressive enhancement of the idea form (/skicka-ide/, /en/submit-idea/). Without this script the
// form posts to /api/ideas and the server answers with the form again or the receipt. With it:
// validation with the same zod schema as the server, on blur and on submit, the GOV.UK error
// summary, character counters, a draft kept in this browser, a warning for personnummer, and a hint
// of similar published ideas, all in the form's language (its hidden `locale` field). The retry key
// is made once per form and kept with the draft, so a retry after a lost answer never creates a
// second idea.
import * as z from "zod/mini";
import { ideaFormPaths } from "../config/navigation.ts";
import { formMetaFields, formToInput } from "../domain/idea/form-input.ts";
import { findPersonnummer } from "../domain/idea/personnummer.ts";
import { parseIdeaSubmission, type FieldErrors, type IdeaField } from "../domain/idea/schema.ts";
import { ideaSlug } from "../domain/idea-bank/slug.ts";
import type { Locale } from "../domain/locale.ts";
import { errorSummaryTexts } from "../views/idea-form-texts.ts";
import { ideaFormScriptTexts } from "./idea-form-texts.ts";

// zod's fast path compiles code with `new Function`, which the site's CSP forbids.
z.config({ jitless: true });

const draftKey = "innovationsslussen:idea-draft";
const form = document.querySelector<HTMLFormElement>("form[data-idea-form]");

interface Draft {
  entries: [string, string][];
  idempotencyKey: string;
}

function debounce<A extends unknown[]>(action: (...args: A) => void, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (...args: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => action(...args), ms);
  };
}

function readDraft(): Draft | undefined {
  try {
    const draft = JSON.parse(localStorage.getItem(draftKey) ?? "null") as Draft | null;
    return draft && Array.isArray(draft.entries) && typeof draft.idempotencyKey === "string"
      ? draft
      : undefined;
  } catch {
    return undefined;
  }
}

function formEntries(target: HTMLFormElement): [string, string][] {
  return [...new FormData(target).entries()].map(([name, value]) => [name, String(value)]);
}

if (form) {
  const localeInput = form.elements.namedItem("locale") as HTMLInputElement | null;
  const locale: Locale = localeInput?.value === "en" ? "en" : "sv";
  const texts = ideaFormScriptTexts[locale];
  const summaryTexts = errorSummaryTexts[locale];
  const keyInput = form.elements.namedItem("idempotency_key") as HTMLInputElement;
  // On the page's own monotonic clock: the server compares nothing with its own time.
  const shownAt = performance.now();
  const touched = new Set<string>();
  form.noValidate = true;

  // The draft: restore it once, then keep it up to date.
  const draft = readDraft();
  keyInput.value = draft?.idempotencyKey ?? crypto.randomUUID();
  if (draft) {
    for (const element of form.elements) {
      if (!(
        element instanceof HTMLInputElement ||
        element instanceof HTMLTextAreaElement ||
        element instanceof HTMLSelectElement
      ))
        continue;
      if (element.type === "hidden" || element.name === "contact_fax") continue;
      const saved = draft.entries
        .filter(([name]) => name === element.name)
        .map(([, value]) => value);
      if (
        element instanceof HTMLInputElement &&
        (element.type === "checkbox" || element.type === "radio")
      ) {
        element.checked = saved.includes(element.value);
      } else if (saved[0] !== undefined) {
        element.value = saved[0];
      }
    }
    const note = document.createElement("p");
    note.className = "notice";
    note.setAttribute("role", "status");
    note.textContent = texts.draftRestored;
    form.prepend(note);
  }
  const saveDraft = debounce(() => {
    const entries = formEntries(form).filter(
      ([name]) => !(formMetaFields as readonly string[]).includes(name),
    );
    localStorage.setItem(
      draftKey,
      JSON.stringify({ entries, idempotencyKey: keyInput.value } satisfies Draft),
    );
  }, 400);

  // Validation with the server's schema; a field shows its message once the person has left it.
  function currentErrors(): FieldErrors {
    const result = parseIdeaSubmission(
      formToInput(new URLSearchParams(formEntries(form!))).input,
      locale,
    );
    return result.success ? {} : result.errors;
  }

  function showFieldError(field: string, messages: string[] | undefined) {
    const wrapper = form!.querySelector<HTMLElement>(`[data-field="${field}"]`);
    if (!wrapper) return;
    const control =
      wrapper.querySelector<HTMLElement>("fieldset") ??
      wrapper.querySelector<HTMLElement>("input, textarea, select");
    wrapper.querySelector(".field__error")?.remove();
    wrapper.classList.toggle("field--error", Boolean(messages?.length));
    const describedBy = (control?.getAttribute("aria-describedby") ?? "")
      .split(" ")
      .filter((id) => id && id !== `${field}-error`);
    if (messages?.length) {
      const error = document.createElement("p");
      error.className = "field__error";
      error.id = `${field}-error`;
      const prefix = document.createElement("span");
      prefix.className = "visually-hidden";
      prefix.textContent = summaryTexts.errorPrefix;
      error.append(prefix, ` ${messages.join(" ")}`);
      const anchor =
        wrapper.querySelector(".field__hint:not(p)") ?? wrapper.querySelector("label, legend");
      anchor?.after(error);
      describedBy.push(error.id);
    }
    if (control) {
      if (describedBy.length) control.setAttribute("aria-describedby", describedBy.join(" "));
      else control.removeAttribute("aria-describedby");
      if (control.matches("input, textarea, select")) {
        if (messages?.length) control.setAttribute("aria-invalid", "true");
        else control.removeAttribute("aria-invalid");
      }
    }
  }

  function showSummary(errors: FieldErrors) {
    document.querySelector("#error-summary")?.remove();
    const entries = Object.entries(errors).filter(([, messages]) => messages?.length);
    if (entries.length === 0) return;
    const summary = document.createElement("div");
    summary.className = "error-summary";
    summary.id = "error-summary";
    summary.tabIndex = -1;
    summary.setAttribute("aria-labelledby", "error-summary-title");
    const alert = document.createElement("div");
    alert.setAttribute("role", "alert");
    const heading = document.createElement("h2");
    heading.id = "error-summary-title";
    heading.textContent = summaryTexts.heading;
    const list = document.createElement("ul");
    for (const [field, messages] of entries) {
      const item = document.createElement("li");
      if (field === "form") {
        item.textContent = messages!.join(" ");
      } else {
        const link = document.createElement("a");
        link.href = `#${field}`;
        link.textContent = messages!.join(" ");
        link.addEventListener("click", (event) => {
          event.preventDefault();
          const target = document.getElementById(field);
          target?.closest("[data-field]")?.scrollIntoView();
          target?.focus();
        });
        item.append(link);
      }
      list.append(item);
    }
    alert.append(heading, list);
    summary.append(alert);
    form!.before(summary);
    const prefix = summaryTexts.titlePrefix;
    document.title =
      prefix +
      (document.title.startsWith(prefix) ? document.title.slice(prefix.length) : document.title);
    summary.focus();
  }

  function showAllErrors(errors: FieldErrors) {
    for (const wrapper of form!.querySelectorAll<HTMLElement>("[data-field]")) {
      const field = wrapper.dataset.field as IdeaField;
      showFieldError(field, errors[field]);
    }
    showSummary(errors);
  }

  form.addEventListener("focusout", (event) => {
    const target = event.target as HTMLInputElement;
    const wrapper = target.closest<HTMLElement>("[data-field]");
    if (!wrapper?.dataset.field) return;
    // A group counts as left when focus moves outside it.
    const next = (event as FocusEvent).relatedTarget as Node | null;
    if (next && wrapper.contains(next)) return;
    touched.add(wrapper.dataset.field);
    const errors = currentErrors();
    showFieldError(wrapper.dataset.field, errors[wrapper.dataset.field as IdeaField]);
  });

  // Character counters, as GOV.UK's: the visible count updates at once, the announced one after a pause.
  for (const control of form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
    "textarea[maxlength], input[type=text][maxlength]",
  )) {
    const max = control.maxLength;
    const visible = document.createElement("p");
    visible.className = "field__counter";
    visible.setAttribute("aria-hidden", "true");
    const announced = document.createElement("p");
    announced.className = "visually-hidden";
    announced.setAttribute("aria-live", "polite");
    control.after(visible, announced);
    const text = () => {
      const left = max - control.value.length;
      return left >= 0 ? texts.charactersLeft(left) : texts.charactersOver(-left);
    };
    const announce = debounce(() => (announced.textContent = text()), 1000);
    const update = () => {
      visible.textContent = text();
      visible.classList.toggle("field__counter--over", control.value.length > max);
      announce();
    };
    visible.textContent = text();
    control.addEventListener("input", update);
  }

  // A warning for text that looks like a personnummer (LG-07); it never blocks.
  for (const control of form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
    "textarea, input[type=text]",
  )) {
    const warning = document.createElement("p");
    warning.className = "field__warning";
    warning.setAttribute("role", "status");
    control.after(warning);
    control.addEventListener(
      "input",
      debounce(() => {
        const found = findPersonnummer(control.value);
        warning.textContent = found.length ? texts.personnummerWarning(found) : "";
      }, 300),
    );
  }

  // A hint of similar published ideas, so an idea that already exists can spread instead (never a block).
  const similarRegion = document.createElement("section");
  similarRegion.className = "similar-ideas";
  similarRegion.setAttribute("aria-live", "polite");
  form.querySelector('[data-field="proposal"]')?.after(similarRegion);
  const lookUpSimilar = debounce(async () => {
    const fields = ["title", "problem", "proposal"].map(
      (name) => (form!.elements.namedItem(name) as HTMLInputElement).value,
    );
    const text = fields.join(" ").trim();
    if (text.length < 10) return;
    try {
      const response = await fetch("/api/ideas/similar", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ text }),
      });
      if (!response.ok) return;
      const { ideas } = (await response.json()) as {
        ideas: { reference: string; title: string }[];
      };
      similarRegion.replaceChildren();
      if (ideas.length === 0) return;
      const heading = document.createElement("h3");
      heading.textContent = texts.similarIdeasHeading;
      const intro = document.createElement("p");
      intro.textContent = texts.similarIdeasIntro;
      const list = document.createElement("ul");
      for (const idea of ideas) {
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = `/idebank/${ideaSlug(idea.reference)}/`;
        link.textContent = idea.title;
        // The idea bank is in Swedish; on another page, say so for screen readers (WCAG 3.1.2).
        if (locale !== "sv") link.lang = "sv";
        item.append(link);
        list.append(item);
      }
      similarRegion.append(heading, intro, list);
    } catch {
      // A hint only: without it the form works the same.
    }
  }, 800);

  form.addEventListener("input", (event) => {
    saveDraft();
    const name = (event.target as HTMLInputElement).name;
    if (["title", "problem", "proposal"].includes(name)) lookUpSimilar();
  });
  form.addEventListener("change", saveDraft);

  // Submitting: validate everything; send JSON with the retry key; keep everything on failure.
  const button = form.querySelector<HTMLButtonElement>("button[type=submit]");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const errors = currentErrors();
    if (Object.keys(errors).length > 0) {
      showAllErrors(errors);
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
        localStorage.removeItem(draftKey);
        // Both in the fragment, which never reaches a server: the static receipt page's script
        // shows them. (`?ref=` is for forms sent without JavaScript; the server renders those.)
        const receipt = new URLSearchParams({ ref: body.reference });
        if (body.statusUrl) receipt.set("token", new URL(body.statusUrl).hash.slice(1));
        location.assign(`${ideaFormPaths[locale].receipt}#${receipt.toString()}`);
        return;
      }
      showAllErrors(body.fields ?? { form: [body.message ?? texts.somethingWentWrong] });
    } catch {
      showSummary({ form: [texts.noConnection] });
    } finally {
      if (button) button.disabled = false;
    }
  });
}
