import { el, replaceContent } from "./dom.ts";

/**
 * One problem for the error summary: its text, and the id of the field it links to, if any.
 * `markField: false` links to the field without marking it wrong (a wrong address or password
 * blames neither field).
 */
export interface FormProblem {
  text: string;
  fieldId?: string | undefined;
  markField?: boolean;
}

/**
 * The workspace forms' one way of showing errors (GOV.UK's error summary): a summary at the top,
 * focused, whose links move focus to their fields; each field's own message (after the legend of a
 * group of choices, before a single input) tied to it with `aria-describedby`, `aria-invalid` on a
 * single input; and the page title prefixed, for screen reader users switching tabs. `clear` undoes
 * all of it. A field's hint keeps its place in `aria-describedby` through `data-hint` on the input.
 */
export class FormErrors {
  readonly #root: HTMLElement;
  readonly #summary: HTMLElement;
  readonly #texts: { heading: string; prefix: string };
  readonly #title = document.title;

  /**
   * `root` holds the fields; `summary` is the (hidden) element the summary goes in, labelled by
   * the heading this writes with the id `<summary's id>-title` (or `error-summary-title`).
   */
  constructor(root: HTMLElement, summary: HTMLElement, texts: { heading: string; prefix: string }) {
    this.#root = root;
    this.#summary = summary;
    this.#texts = texts;
  }

  show(problems: readonly FormProblem[]): void {
    this.clear();
    const titleId = this.#summary.id ? `${this.#summary.id}-title` : "error-summary-title";
    replaceContent(
      this.#summary,
      el(
        "div",
        { role: "alert" },
        el("h2", { id: titleId }, this.#texts.heading),
        el(
          "ul",
          {},
          ...problems.map(({ text, fieldId }) =>
            el("li", {}, fieldId ? el("a", { href: `#${fieldId}` }, text) : text),
          ),
        ),
      ),
    );
    this.#summary.hidden = false;
    document.title = `${this.#texts.prefix} ${this.#title}`;
    for (const link of this.#summary.querySelectorAll<HTMLAnchorElement>("a")) {
      link.addEventListener("click", (event) => {
        event.preventDefault();
        document.getElementById(link.hash.slice(1))?.focus();
      });
    }
    for (const { text, fieldId, markField = true } of problems) {
      const input =
        fieldId && markField ? this.#root.querySelector<HTMLElement>(`#${fieldId}`) : null;
      const wrapper = input?.closest(".field");
      if (!input || !wrapper) continue;
      wrapper.classList.add("field--error");
      const errorId = `${fieldId}-error`;
      const message = el(
        "span",
        { class: "field__error", id: errorId },
        el("span", { class: "visually-hidden" }, `${this.#texts.prefix} `),
        text,
      );
      const legend = wrapper.querySelector("legend");
      if (legend) legend.after(message);
      else input.before(message);
      (legend ? wrapper : input).setAttribute(
        "aria-describedby",
        [input.dataset.hint, errorId].filter(Boolean).join(" "),
      );
      if (!legend) input.setAttribute("aria-invalid", "true");
    }
    this.#summary.focus();
  }

  clear(): void {
    document.title = this.#title;
    this.#summary.hidden = true;
    replaceContent(this.#summary);
    for (const message of this.#root.querySelectorAll(".field__error")) message.remove();
    for (const wrapper of this.#root.querySelectorAll(".field--error")) {
      wrapper.classList.remove("field--error");
      if (wrapper.tagName === "FIELDSET") wrapper.removeAttribute("aria-describedby");
    }
    for (const input of this.#root.querySelectorAll<HTMLElement>("input, textarea, select")) {
      input.removeAttribute("aria-invalid");
      if (input.dataset.hint) input.setAttribute("aria-describedby", input.dataset.hint);
      else input.removeAttribute("aria-describedby");
    }
  }
}
