import { decisionTexts } from "../../../domain/review/decision-texts.ts";
import { el, replaceContent, type Child } from "../dom.ts";

/**
 * The pieces the decisions' forms are made of, GOV.UK-style like the idea form (CONVENTIONS.md):
 * a label, a hint tied to the field with `aria-describedby`, the field's own error with a visually
 * hidden "Fel:", and an error summary at the top of the form whose links move to the fields. Every
 * id starts with `decision-`, so nothing clashes with the other sections of the idea page.
 */

const t = decisionTexts;

/** A text field or text area in its `.field` wrapper; the control is `#id`, named `name`. */
export function textField(options: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  value?: string;
  multiline?: boolean;
  rows?: number;
  type?: "text" | "search";
  required?: boolean;
  maxLength?: number;
}): HTMLElement {
  const { id, name, label, hint, value = "", multiline = false } = options;
  const attributes = {
    id,
    name,
    "aria-describedby": hint ? `${id}-hint` : null,
    required: options.required ?? false,
    maxlength: options.maxLength ?? null,
    "data-field": name,
  };
  const control = multiline
    ? el("textarea", { ...attributes, rows: options.rows ?? 5 })
    : el("input", { ...attributes, type: options.type ?? "text", value, autocomplete: "off" });
  if (multiline) (control as HTMLTextAreaElement).value = value;
  return el(
    "div",
    { class: "field", "data-field-wrapper": name },
    el("label", { for: id }, label),
    hint ? el("span", { class: "field__hint", id: `${id}-hint` }, hint) : null,
    control,
  );
}

/** A group of radio buttons or check boxes in a fieldset with a legend. */
export function choiceGroup(options: {
  id: string;
  name: string;
  legend: string;
  hint?: string;
  type: "radio" | "checkbox";
  choices: readonly { value: string; label: Child | Child[]; checked?: boolean }[];
}): HTMLElement {
  const { id, name, legend, hint, type, choices } = options;
  return el(
    "div",
    { class: "field", "data-field-wrapper": name },
    el(
      "fieldset",
      { id, "aria-describedby": hint ? `${id}-hint` : null, tabindex: -1 },
      el("legend", {}, legend),
      hint ? el("span", { class: "field__hint", id: `${id}-hint` }, hint) : null,
      el(
        "div",
        { class: "choices" },
        ...choices.map((choice, index) => {
          const inputId = `${id}-${index + 1}`;
          const label = Array.isArray(choice.label) ? choice.label : [choice.label];
          return el(
            "div",
            { class: "choice" },
            el("input", {
              type,
              id: inputId,
              name,
              value: choice.value,
              checked: choice.checked ?? false,
            }),
            el("label", { for: inputId }, ...label),
          );
        }),
      ),
    ),
  );
}

/** A button; `secondary` for the less important one of a pair. */
export function button(text: string, options: { secondary?: boolean; submit?: boolean } = {}) {
  return el(
    "button",
    {
      type: options.submit === false ? "button" : "submit",
      class: options.secondary ? "button button--secondary" : "button",
    },
    text,
  );
}

/** The place a form shows its errors: filled and focused by {@link showErrors}. */
export function errorArea(): HTMLElement {
  return el("div", { "data-decision-errors": "" });
}

/** Removes the form's error summary and its fields' errors. */
export function clearErrors(form: HTMLElement): void {
  const area = form.querySelector<HTMLElement>("[data-decision-errors]");
  if (area) replaceContent(area);
  for (const wrapper of form.querySelectorAll(".field--error")) {
    wrapper.classList.remove("field--error");
    wrapper.querySelector(".field__error")?.remove();
    const control = wrapper.querySelector("[aria-invalid]");
    control?.removeAttribute("aria-invalid");
    const describedBy = control?.getAttribute("aria-describedby")?.replace(/\s*\S+-error$/, "");
    if (control && describedBy) control.setAttribute("aria-describedby", describedBy);
    else control?.removeAttribute("aria-describedby");
  }
}

/**
 * Shows a refusal in the form: the summary at the top with the message, linked to the field it is
 * about when the form has it (the API's `field`, the body's name), the field's own message, and
 * focus on the summary. `extra` goes below the message (the stale state's "Ladda om idén").
 */
export function showErrors(
  form: HTMLElement,
  message: string,
  field?: string,
  ...extra: Child[]
): void {
  clearErrors(form);
  const wrapper = field
    ? form.querySelector<HTMLElement>(`[data-field-wrapper="${CSS.escape(field)}"]`)
    : null;
  const control = wrapper?.querySelector<HTMLElement>("input, textarea, select, fieldset");
  if (wrapper && control) {
    wrapper.classList.add("field--error");
    const errorId = `${control.id}-error`;
    const error = el(
      "p",
      { class: "field__error", id: errorId },
      el("span", { class: "visually-hidden" }, `${t.errors.prefix} `),
      message,
    );
    const legendOrLabel = wrapper.querySelector("legend, label");
    const hint = wrapper.querySelector(".field__hint");
    (hint ?? legendOrLabel)?.after(error);
    control.setAttribute(
      "aria-describedby",
      [control.getAttribute("aria-describedby"), errorId].filter(Boolean).join(" "),
    );
    if (control.tagName !== "FIELDSET") control.setAttribute("aria-invalid", "true");
  }
  const area = form.querySelector<HTMLElement>("[data-decision-errors]");
  if (!area) return;
  const summary = el(
    "div",
    { class: "error-summary", tabindex: -1 },
    el("h3", { id: `${form.id}-errors-heading` }, t.errors.heading),
    el(
      "ul",
      {},
      el(
        "li",
        {},
        wrapper && control ? el("a", { href: `#${control.id}` }, message) : el("span", {}, message),
      ),
    ),
    ...extra,
  );
  summary.addEventListener("click", (event) => {
    const link = (event.target as Element).closest("a");
    if (!link) return;
    event.preventDefault();
    const target = form.querySelector<HTMLElement>(link.getAttribute("href") ?? "");
    const first =
      target?.tagName === "FIELDSET" ? target.querySelector<HTMLElement>("input") : target;
    first?.focus();
  });
  replaceContent(area, summary);
  summary.focus();
}

/** The values of the form's controls named `name` that are checked (or the one value). */
export function valuesOf(form: HTMLFormElement, name: string): string[] {
  return new FormData(form).getAll(name).map(String);
}

/** The one value of the form's control named `name`, trimmed; "" when none. */
export function valueOf(form: HTMLFormElement, name: string): string {
  const value = new FormData(form).get(name);
  return typeof value === "string" ? value.trim() : "";
}
