import { isSignInNoticeCode, sessionMessages as t } from "../../domain/session/messages.ts";
import {
  magicLinkSchema,
  signInFieldErrors,
  signInSchema,
  type SignInField,
} from "../../domain/session/schema.ts";
import { callApi } from "./api.ts";
import { el, replaceContent } from "./dom.ts";
import { FormErrors } from "./form-errors.ts";

/** One problem to list in the error summary: its text, and the field it links to, if any. */
interface Problem {
  text: string;
  field?: SignInField;
}

/**
 * `<sign-in-form>` on /granska/logga-in/: signs a reviewer in with e-mail and password, or asks
 * for a sign-in link by e-mail, with the GOV.UK error summary (focused, each error a link to its
 * field) and each field's own message. It validates with the same schema as the server, sends
 * JSON, and shows the notice the address names (`?meddelande=idle` …). The form is in the static
 * page, hidden until this script runs; without JavaScript the layout says the workspace needs it.
 */
export class SignInForm extends HTMLElement {
  #form!: HTMLFormElement;
  #notice!: HTMLElement;
  #errors!: FormErrors;
  #busy = false;

  connectedCallback(): void {
    this.#form = this.querySelector("form")!;
    this.#notice = this.querySelector("[data-notice]")!;
    this.#errors = new FormErrors(this, this.querySelector("[data-error-summary]")!, {
      heading: t.errorSummaryHeading,
      prefix: t.errorPrefix,
    });
    this.#form.hidden = false;
    this.#form.addEventListener("submit", (event) => {
      event.preventDefault();
      const wantsLink = (event.submitter as HTMLButtonElement | null)?.value === "link";
      void (wantsLink ? this.#sendLink() : this.#signIn());
    });
    const code = new URLSearchParams(location.search).get("meddelande");
    if (isSignInNoticeCode(code)) {
      if (t.noticeIsError[code]) this.#showProblems([{ text: t.notices[code] }]);
      else this.#showNotice(t.notices[code]);
    }
  }

  #value(name: string): string {
    return (this.#form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? "";
  }

  async #signIn(): Promise<void> {
    const parsed = signInSchema.safeParse({
      email: this.#value("email"),
      password: this.#value("password"),
    });
    if (!parsed.success) return this.#showFieldErrors(signInFieldErrors(parsed.error.issues));
    const answer = await this.#send("/api/auth/login", parsed.data, t.signingIn);
    if (!answer) return;
    const body = answer.body as { redirectTo?: string; message?: string } | null;
    if (answer.status === 200 && body?.redirectTo?.startsWith("/")) {
      location.assign(body.redirectTo);
      return;
    }
    const message = body?.message ?? t.unavailable;
    // A wrong address or password: the summary leads back to the address.
    this.#showProblems([
      answer.status === 401 ? { text: message, field: "email" } : { text: message },
    ]);
    const password = this.#form.elements.namedItem("password") as HTMLInputElement | null;
    if (password && answer.status === 401) password.value = "";
  }

  async #sendLink(): Promise<void> {
    const parsed = magicLinkSchema.safeParse({ email: this.#value("email") });
    if (!parsed.success) return this.#showFieldErrors(signInFieldErrors(parsed.error.issues));
    const answer = await this.#send("/api/auth/magic-link", parsed.data, t.sendingLink);
    if (!answer) return;
    const message = (answer.body as { message?: string } | null)?.message ?? t.unavailable;
    if (answer.status === 202) this.#showNotice(message);
    else this.#showProblems([{ text: message }]);
  }

  /** Sends one request at a time, with the pressed button saying what happens. */
  async #send(path: string, json: unknown, busyText: string) {
    if (this.#busy) return null;
    this.#busy = true;
    const buttons = [...this.#form.querySelectorAll("button")];
    for (const button of buttons) button.disabled = true;
    const status = this.querySelector<HTMLElement>("[data-busy]");
    if (status) replaceContent(status, busyText);
    try {
      return await callApi(path, { json, redirectOn401: false });
    } finally {
      for (const button of buttons) button.disabled = false;
      if (status) replaceContent(status);
      this.#busy = false;
    }
  }

  #showFieldErrors(errors: Partial<Record<SignInField, string>>): void {
    const problems = (["email", "password"] as const)
      .filter((field) => errors[field])
      .map((field) => ({ text: errors[field]!, field }));
    this.#showProblems(problems);
  }

  /** The error summary (focused) and each field's own message; the notice goes. */
  #showProblems(problems: Problem[]): void {
    this.#clear();
    this.#errors.show(
      problems.map(({ text, field }) => ({
        text,
        fieldId: field,
        // A wrong address or password names no field as wrong: both are marked, neither is blamed.
        markField: text !== t.wrongCredentials,
      })),
    );
  }

  #showNotice(text: string): void {
    this.#clear();
    replaceContent(this.#notice, el("p", {}, text));
    this.#notice.hidden = false;
    this.#notice.focus();
  }

  #clear(): void {
    this.#errors.clear();
    this.#notice.hidden = true;
    replaceContent(this.#notice);
  }
}

if (!customElements.get("sign-in-form")) customElements.define("sign-in-form", SignInForm);
