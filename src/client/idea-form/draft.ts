import { formMetaFields } from "../../domain/idea/form-input.ts";
import { debounce, formEntries } from "./timing.ts";

/**
 * The draft: what the person has written, kept in this browser only (localStorage), with the form's
 * retry key, so a reload or a lost answer never loses text and a retry never creates a second idea.
 */
const draftKey = "innovationsslussen:idea-draft";

interface Draft {
  entries: [string, string][];
  idempotencyKey: string;
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

/** Puts the saved answers back into the form's controls (hidden fields and the honeypot excepted). */
function restore(form: HTMLFormElement, draft: Draft): void {
  for (const element of form.elements) {
    if (!(
      element instanceof HTMLInputElement ||
      element instanceof HTMLTextAreaElement ||
      element instanceof HTMLSelectElement
    ))
      continue;
    if (element.type === "hidden" || element.name === "contact_fax") continue;
    const saved = draft.entries.filter(([name]) => name === element.name).map(([, value]) => value);
    if (
      element instanceof HTMLInputElement &&
      (element.type === "checkbox" || element.type === "radio")
    ) {
      element.checked = saved.includes(element.value);
    } else if (saved[0] !== undefined) {
      element.value = saved[0];
    }
  }
}

/**
 * Restores a draft once (saying so above the form), sets the retry key, and keeps the draft up to
 * date as the person types. Returns what the submission needs: the key and how to forget the draft.
 */
export function keepDraft(
  form: HTMLFormElement,
  keyInput: HTMLInputElement,
  restoredNotice: string,
): { forget(): void } {
  const draft = readDraft();
  keyInput.value = draft?.idempotencyKey ?? crypto.randomUUID();
  if (draft) {
    restore(form, draft);
    const note = document.createElement("p");
    note.className = "notice";
    note.setAttribute("role", "status");
    note.textContent = restoredNotice;
    form.prepend(note);
  }
  const save = debounce(() => {
    const entries = formEntries(form).filter(
      ([name]) => !(formMetaFields as readonly string[]).includes(name),
    );
    localStorage.setItem(
      draftKey,
      JSON.stringify({ entries, idempotencyKey: keyInput.value } satisfies Draft),
    );
  }, 400);
  form.addEventListener("input", save);
  form.addEventListener("change", save);
  return { forget: () => localStorage.removeItem(draftKey) };
}
