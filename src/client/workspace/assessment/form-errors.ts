import { assessmentTexts as t } from "../../../domain/review/assessment-texts.ts";
import { el, replaceContent } from "../dom.ts";

/**
 * The GOV.UK error pattern for the assessment's forms, as DOM (the same markup and classes as
 * src/views/error-summary.ts renders for the idea form): a summary with a fixed heading and one link
 * per error to its field, focused; each field's own message with a visually hidden "Fel:" first,
 * named by the field's `aria-describedby`.
 */

/** One error: the element it links to (null: about the whole form) and its message. */
export interface FormError {
  target: string | null;
  message: string;
}

/** Where a field shows its error: its wrapper, the element that names it, and where the text goes. */
export interface FieldSlot {
  wrapper: HTMLElement;
  /** The fieldset or control whose `aria-describedby` names the message. */
  described: HTMLElement;
  /** The id the message gets. */
  errorId: string;
}

/** Fills the summary (an element the form keeps at its top) and moves focus to it. */
export function showErrorSummary(summary: HTMLElement, errors: readonly FormError[]): void {
  replaceContent(
    summary,
    el(
      "div",
      { role: "alert" },
      el("h2", { id: `${summary.id}-title` }, t.errorSummary.heading),
      el(
        "ul",
        {},
        ...errors.map(({ target, message }) =>
          el("li", {}, target ? el("a", { href: `#${target}` }, message) : message),
        ),
      ),
    ),
  );
  summary.hidden = false;
  summary.focus();
}

/** A summary, hidden until there are errors. Links move focus to their field (not only scroll). */
export function errorSummaryElement(id: string): HTMLElement {
  const summary = el("div", {
    class: "error-summary",
    id,
    tabindex: "-1",
    "aria-labelledby": `${id}-title`,
    hidden: true,
  });
  summary.addEventListener("click", (event) => {
    const link = (event.target as Element).closest("a");
    const target = link?.getAttribute("href")?.slice(1);
    const field = target ? document.getElementById(target) : null;
    if (!field) return;
    event.preventDefault();
    field.focus();
    field.scrollIntoView({ block: "center" });
  });
  return summary;
}

/** Removes every field's error and hides the summary. */
export function clearErrors(summary: HTMLElement, slots: Iterable<FieldSlot>): void {
  summary.hidden = true;
  replaceContent(summary);
  for (const slot of slots) {
    slot.wrapper.classList.remove("field--error");
    document.getElementById(slot.errorId)?.remove();
    const ids = (slot.described.getAttribute("aria-describedby") ?? "")
      .split(" ")
      .filter((id) => id && id !== slot.errorId);
    if (ids.length) slot.described.setAttribute("aria-describedby", ids.join(" "));
    else slot.described.removeAttribute("aria-describedby");
    if (slot.described.matches("textarea, input")) slot.described.removeAttribute("aria-invalid");
  }
}

/** Shows a field's own error message, before the control (after its legend or label and hint). */
export function showFieldError(slot: FieldSlot, message: string, before: Element): void {
  slot.wrapper.classList.add("field--error");
  before.before(
    el(
      "p",
      { class: "field__error", id: slot.errorId },
      el("span", { class: "visually-hidden" }, t.errorSummary.errorPrefix),
      ` ${message}`,
    ),
  );
  const ids = (slot.described.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean);
  slot.described.setAttribute("aria-describedby", [...ids, slot.errorId].join(" "));
  if (slot.described.matches("textarea, input"))
    slot.described.setAttribute("aria-invalid", "true");
}
