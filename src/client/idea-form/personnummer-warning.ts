import { findPersonnummer } from "../../domain/idea/personnummer.ts";
import type { IdeaFormScriptTexts } from "./texts.ts";
import { debounce } from "./timing.ts";

/** A warning under any text that looks like a personnummer (LG-07). It never blocks sending. */
export function warnAboutPersonnummer(form: HTMLFormElement, texts: IdeaFormScriptTexts): void {
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
}
