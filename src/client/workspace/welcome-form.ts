import { fieldErrors, welcomeSchema } from "../../domain/admin/administration-schema.ts";
import { administrationTexts, welcomeTexts as t } from "../../domain/admin/messages.ts";
import { workspacePaths } from "../../config/navigation.ts";
import { callApi } from "./api.ts";
import { el, replaceContent } from "./dom.ts";
import { showFormProblems } from "./form-problems.ts";

const fieldIds: Record<string, string> = {
  password: "new-password",
  repeatPassword: "repeat-password",
};

/**
 * `<welcome-form>` on /granska/valkommen/?token=…: the invitation's link leads here; the invited
 * person chooses a password and is signed in (POST /api/auth/welcome exchanges the token and sets
 * the password), then goes to the workspace. Opening the link uses up nothing, so a mail program
 * that looks at links first does no harm.
 */
export class WelcomeForm extends HTMLElement {
  readonly #title = document.title;

  connectedCallback(): void {
    const form = this.querySelector<HTMLFormElement>("form")!;
    const token = new URLSearchParams(location.search).get("token") ?? "";
    form.hidden = false;
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.#submit(form, token);
    });
  }

  async #submit(form: HTMLFormElement, token: string): Promise<void> {
    const summary = this.querySelector<HTMLElement>("[data-error-summary]")!;
    const data = new FormData(form);
    const input = {
      token,
      password: String(data.get("password") ?? ""),
      repeatPassword: String(data.get("repeatPassword") ?? ""),
    };
    const show = (fields: Record<string, string>) =>
      showFormProblems(
        this,
        summary,
        Object.entries(fields).map(([field, text]) => ({ text, fieldId: fieldIds[field] })),
        this.#title,
        administrationTexts.errorSummaryTitle,
      );
    const parsed = welcomeSchema.safeParse(input);
    if (!parsed.success) {
      show(fieldErrors(parsed.error.issues));
      return;
    }
    const button = form.querySelector<HTMLButtonElement>("button[type=submit]")!;
    const busy = this.querySelector<HTMLElement>("[data-busy]")!;
    button.disabled = true;
    replaceContent(busy, t.saving);
    const answer = await callApi<{
      redirectTo?: string;
      message?: string;
      fields?: Record<string, string>;
    }>("/api/auth/welcome", { json: parsed.data, redirectOn401: false });
    button.disabled = false;
    replaceContent(busy);
    if (answer.status === 200) {
      const target = answer.body.redirectTo;
      location.assign(target?.startsWith("/") ? target : workspacePaths.home);
      return;
    }
    if (answer.status === 422 && answer.body?.fields) {
      show(answer.body.fields);
      return;
    }
    show({ form: answer.body?.message ?? t.linkExpired });
    if (answer.status === 410) {
      summary.append(el("p", {}, el("a", { href: workspacePaths.signIn }, "Gå till inloggningen")));
    }
  }
}

if (!customElements.get("welcome-form")) {
  customElements.define("welcome-form", WelcomeForm);
}
