import { sessionMessages } from "../../domain/session/messages.ts";
import { el, replaceContent } from "./dom.ts";

/** One problem for the error summary: its text, and the field it links to (if any). */
export interface Problem {
  text: string;
  fieldId?: string | undefined;
}

/**
 * Shows problems the GOV.UK way (CONVENTIONS "Forms"): the error summary at the top with a fixed
 * heading, each problem a link to its field, focus moved to the summary, "Fel:" before the page's
 * title; each field gets its own message (a visually hidden "Fel:" first), `aria-invalid` and
 * `aria-describedby`. The answers stay as they were typed. Text only, never markup.
 */
export function showFormProblems(
  root: HTMLElement,
  summary: HTMLElement,
  problems: readonly Problem[],
  title: string,
  heading: string,
): void {
  clearFormProblems(root, summary, title);
  const headingId = `${summary.id || "error-summary"}-title`;
  summary.setAttribute("aria-labelledby", headingId);
  replaceContent(
    summary,
    el(
      "div",
      { role: "alert" },
      el("h2", { id: headingId }, heading),
      el(
        "ul",
        {},
        ...problems.map((problem) =>
          el(
            "li",
            {},
            problem.fieldId ? el("a", { href: `#${problem.fieldId}` }, problem.text) : problem.text,
          ),
        ),
      ),
    ),
  );
  summary.hidden = false;
  document.title = `${sessionMessages.errorPrefix} ${title}`;
  for (const link of summary.querySelectorAll<HTMLAnchorElement>("a")) {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      document.getElementById(link.hash.slice(1))?.focus();
    });
  }
  for (const { fieldId, text } of problems) {
    if (!fieldId) continue;
    const input = root.querySelector<HTMLElement>(`#${CSS.escape(fieldId)}`);
    const wrapper = input?.closest(".field");
    if (!input || !wrapper) continue;
    wrapper.classList.add("field--error");
    const errorId = `${fieldId}-error`;
    const message = el(
      "span",
      { class: "field__error", id: errorId },
      el("span", { class: "visually-hidden" }, `${sessionMessages.errorPrefix} `),
      text,
    );
    const legend = wrapper.querySelector("legend");
    if (legend) legend.after(message);
    else input.before(message);
    const target = legend ? wrapper : input;
    target.setAttribute(
      "aria-describedby",
      [input.dataset.hint, errorId].filter(Boolean).join(" "),
    );
    if (!legend) input.setAttribute("aria-invalid", "true");
  }
  summary.focus();
}

/** Removes the summary and every field's message. */
export function clearFormProblems(root: HTMLElement, summary: HTMLElement, title: string): void {
  document.title = title;
  summary.hidden = true;
  replaceContent(summary);
  for (const message of root.querySelectorAll(".field__error")) message.remove();
  for (const wrapper of root.querySelectorAll(".field--error")) {
    wrapper.classList.remove("field--error");
    if (wrapper.tagName === "FIELDSET") wrapper.removeAttribute("aria-describedby");
  }
  for (const input of root.querySelectorAll<HTMLElement>("input, textarea, select")) {
    input.removeAttribute("aria-invalid");
    if (input.dataset.hint) input.setAttribute("aria-describedby", input.dataset.hint);
    else input.removeAttribute("aria-describedby");
  }
}

/** Shows a message in a status region and moves focus there (after a saved change). */
export function announce(status: HTMLElement, text: string, isError = false): void {
  status.classList.toggle("notice--error", isError);
  replaceContent(status, el("p", {}, text));
  status.hidden = false;
  status.focus();
}
