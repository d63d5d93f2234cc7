import {
  fieldErrors,
  inviteReviewerSchema,
  reviewerRoles,
} from "../../domain/admin/administration-schema.ts";
import type { Places, ReviewerAccount } from "../../domain/admin/answers.ts";
import { administrationTexts as t, personalDataTexts } from "../../domain/admin/messages.ts";
import { callApi } from "./api.ts";
import { el, replaceContent } from "./dom.ts";
import { announce, showFormProblems, type Problem } from "./form-problems.ts";

/** The invitation form's fields by the names the schema and the endpoint use. */
const inviteFieldIds: Record<string, string> = {
  name: "invite-name",
  email: "invite-email",
  role: "invite-role-reviewer",
  municipalityCode: "invite-scope",
};

type Municipality = Places["municipalities"][number];

/**
 * `<reviewer-admin>` on /granska/admin/granskare/: a coordinator invites a reviewer (POST
 * /api/admin/invitations: name, address, role, scope), and sees every account (GET
 * /api/admin/reviewers) with its role, scope and whether it is active; each row changes role and
 * scope and deactivates or reactivates (POST /api/admin/reviewers/:id). Every answer's message goes
 * to the live region, which takes focus; a refusal (yourself, the last coordinator) is said there.
 */
export class ReviewerAdmin extends HTMLElement {
  #status!: HTMLElement;
  #summary!: HTMLElement;
  #form!: HTMLFormElement;
  #list!: HTMLElement;
  #municipalities: Municipality[] = [];
  readonly #title = document.title;

  connectedCallback(): void {
    this.#status = this.querySelector("[data-status]")!;
    this.#summary = this.querySelector("[data-error-summary]")!;
    this.#form = this.querySelector("form[data-invite]")!;
    this.#list = this.querySelector("[data-accounts]")!;
    this.#form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.#invite();
    });
    void this.#load();
  }

  async #load(): Promise<void> {
    const places = await callApi<Places>("/api/admin/places");
    if (places.status === 200) {
      this.#municipalities = places.body.municipalities;
      const select = this.querySelector<HTMLSelectElement>("#invite-scope")!;
      const chosen = select.value;
      replaceContent(
        select,
        el("option", { value: "" }, t.regional),
        ...this.#municipalities
          .filter((m) => m.active)
          .map((m) => el("option", { value: m.code }, m.name)),
      );
      select.value = chosen;
    }
    await this.#loadAccounts();
  }

  async #loadAccounts(): Promise<void> {
    const answer = await callApi<{ reviewers?: ReviewerAccount[] }>("/api/admin/reviewers");
    if (answer.status !== 200 || !answer.body.reviewers) {
      replaceContent(
        this.#list,
        el(
          "p",
          {},
          answer.status === 403
            ? personalDataTexts.coordinatorsOnly
            : personalDataTexts.unavailable,
        ),
      );
      return;
    }
    const { reviewers } = answer.body;
    replaceContent(
      this.#list,
      el(
        "div",
        { class: "table-wrapper" },
        el(
          "table",
          {},
          el("caption", {}, `Konton (${reviewers.length})`),
          el(
            "thead",
            {},
            el(
              "tr",
              {},
              ...["Namn och e-post", "Roll", "Kommun", "Status", "Åtgärd"].map((heading) =>
                el("th", { scope: "col" }, heading),
              ),
            ),
          ),
          el("tbody", {}, ...reviewers.map((reviewer) => this.#row(reviewer))),
        ),
      ),
    );
  }

  #row(reviewer: ReviewerAccount): HTMLTableRowElement {
    const role = el(
      "select",
      { "aria-label": `Roll för ${reviewer.name}`, "data-role": true },
      ...reviewerRoles.map((value) =>
        el("option", { value, selected: value === reviewer.role }, t.roleLabels[value]),
      ),
    );
    const scopeOptions = this.#municipalities.filter(
      (m) => m.active || m.code === reviewer.municipality?.code,
    );
    const scope = el(
      "select",
      { "aria-label": `Kommun för ${reviewer.name}`, "data-scope": true },
      el("option", { value: "", selected: reviewer.municipality === null }, t.regional),
      ...scopeOptions.map((m) =>
        el("option", { value: m.code, selected: m.code === reviewer.municipality?.code }, m.name),
      ),
    );
    const save = el(
      "button",
      {
        type: "button",
        class: "button button--secondary",
        "aria-label": `${t.save}: ${reviewer.name}`,
      },
      t.save,
    );
    const toggle = el(
      "button",
      {
        type: "button",
        class: "button button--secondary",
        "aria-label": `${reviewer.active ? t.deactivate : t.reactivate}: ${reviewer.name}`,
      },
      reviewer.active ? t.deactivate : t.reactivate,
    );
    const status = reviewer.active
      ? reviewer.signedIn
        ? t.active
        : t.invitedNotSignedIn
      : t.inactive;
    const change = (active: boolean) =>
      void this.#change(
        reviewer,
        {
          role: role.value,
          municipalityCode: scope.value === "" ? null : scope.value,
          active,
        },
        [save, toggle],
      );
    save.addEventListener("click", () => change(reviewer.active));
    toggle.addEventListener("click", () => change(!reviewer.active));
    return el(
      "tr",
      { "data-reviewer": reviewer.email ?? reviewer.userId },
      el("td", {}, el("strong", {}, reviewer.name), el("br"), reviewer.email ?? "–"),
      el("td", {}, role),
      el("td", {}, scope),
      el("td", {}, status),
      el("td", {}, el("div", { class: "button-group" }, save, toggle)),
    );
  }

  async #change(
    reviewer: ReviewerAccount,
    change: { role: string; municipalityCode: string | null; active: boolean },
    buttons: HTMLButtonElement[],
  ): Promise<void> {
    for (const button of buttons) button.disabled = true;
    const answer = await callApi<{ message?: string }>(`/api/admin/reviewers/${reviewer.userId}`, {
      json: change,
    });
    for (const button of buttons) button.disabled = false;
    if (answer.status === 200) {
      const message =
        !reviewer.active && change.active ? t.reactivated(reviewer.name) : answer.body.message;
      await this.#loadAccounts();
      announce(this.#status, message ?? t.changed(reviewer.name));
      return;
    }
    announce(this.#status, answer.body?.message ?? personalDataTexts.unavailable, true);
  }

  async #invite(): Promise<void> {
    const data = new FormData(this.#form);
    const input = {
      name: String(data.get("name") ?? ""),
      email: String(data.get("email") ?? ""),
      role: data.get("role") ?? undefined,
      municipalityCode: data.get("municipalityCode") ? String(data.get("municipalityCode")) : null,
    };
    const parsed = inviteReviewerSchema.safeParse(input);
    if (!parsed.success) {
      this.#showProblems(fieldErrors(parsed.error.issues));
      return;
    }
    const button = this.#form.querySelector<HTMLButtonElement>("button[type=submit]")!;
    button.disabled = true;
    replaceContent(button, t.saving);
    const answer = await callApi<{ message?: string; fields?: Record<string, string> }>(
      "/api/admin/invitations",
      { json: parsed.data },
    );
    button.disabled = false;
    replaceContent(button, "Skicka inbjudan");
    if (answer.status === 201) {
      this.#summary.hidden = true;
      document.title = this.#title;
      this.#form.reset();
      await this.#loadAccounts();
      announce(this.#status, answer.body.message ?? "");
      return;
    }
    if (answer.status === 422 && answer.body?.fields) {
      this.#showProblems(answer.body.fields);
      return;
    }
    this.#showProblems({ form: answer.body?.message ?? personalDataTexts.unavailable });
  }

  #showProblems(fields: Record<string, string>): void {
    const problems: Problem[] = Object.entries(fields).map(([field, text]) => ({
      text,
      fieldId: inviteFieldIds[field],
    }));
    showFormProblems(this, this.#summary, problems, this.#title, t.errorSummaryTitle);
  }
}

if (!customElements.get("reviewer-admin")) {
  customElements.define("reviewer-admin", ReviewerAdmin);
}
