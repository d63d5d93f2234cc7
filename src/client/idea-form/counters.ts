import type { IdeaFormScriptTexts } from "./texts.ts";
import { debounce } from "./timing.ts";

/**
 * Character counters, as GOV.UK's: under every field with a limit, the count updates at once for
 * the eye, and is announced to screen readers after a pause in typing.
 */
export function addCharacterCounters(form: HTMLFormElement, texts: IdeaFormScriptTexts): void {
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
    visible.textContent = text();
    control.addEventListener("input", () => {
      visible.textContent = text();
      visible.classList.toggle("field__counter--over", control.value.length > max);
      announce();
    });
  }
}
