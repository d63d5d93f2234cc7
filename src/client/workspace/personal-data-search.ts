import type { PersonalDataFindings, RecordedDecision } from "../../domain/admin/answers.ts";
import {
  emailStatusLabels,
  emailTemplateLabel,
  personalDataTexts as t,
} from "../../domain/admin/messages.ts";
import {
  decisionFieldErrors,
  personalDataDecisionSchema,
  requestEmailSchema,
} from "../../domain/admin/schema.ts";
import { sessionMessages } from "../../domain/session/messages.ts";
import { callApi } from "./api.ts";
import { el, replaceContent, type Child } from "./dom.ts";
import { FormErrors, type FormProblem } from "./form-errors.ts";

const dateTime = new Intl.DateTimeFormat("sv-SE", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "Europe/Stockholm",
});
const when = (iso: string | null) => (iso ? dateTime.format(new Date(iso)) : "–");

/** A definition list of facts, `–` for what is empty. */
function facts(rows: [string, Child][]): HTMLDListElement {
  return el(
    "dl",
    { class: "facts" },
    ...rows.flatMap(([label, value]) => [
      el("dt", {}, label),
      el("dd", {}, value === null || value === undefined || value === "" ? "–" : value),
    ]),
  );
}

/**
 * `<personal-data-search>` on /granska/admin/personuppgifter/: a coordinator searches for one
 * e-mail address (GET /api/admin/personal-data, audited), sees what the sluice holds – the ideas
 * with contact details, questions and answers, e-mails, possible matches by name in notes and among
 * co-bearers, a reviewer account, earlier decisions – gets the export links (JSON, a Swedish page)
 * and records a decision on the request (POST /api/admin/personal-data/decisions). Errors follow
 * the GOV.UK pattern: a focused summary whose links lead to the fields, and each field's message.
 */
export class PersonalDataSearch extends HTMLElement {
  #errors!: FormErrors;
  #findings!: HTMLElement;
  #decision!: HTMLElement;
  #decisionNotice!: HTMLElement;
  #busy = false;
  #email = "";

  connectedCallback(): void {
    this.#errors = new FormErrors(this, this.querySelector("[data-error-summary]")!, {
      heading: t.errorSummaryTitle,
      prefix: sessionMessages.errorPrefix,
    });
    this.#findings = this.querySelector("[data-findings]")!;
    this.#decision = this.querySelector("[data-decision]")!;
    this.#decisionNotice = this.querySelector("[data-decision-notice]")!;
    this.querySelector<HTMLFormElement>("[data-search]")!.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.#search();
    });
    this.querySelector<HTMLFormElement>("[data-decision-form]")!.addEventListener(
      "submit",
      (event) => {
        event.preventDefault();
        void this.#decide();
      },
    );
  }

  #field(id: string): HTMLInputElement | HTMLTextAreaElement {
    return this.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${id}`)!;
  }

  async #search(): Promise<void> {
    const parsed = requestEmailSchema.safeParse(this.#field("person-email").value);
    if (!parsed.success) {
      this.#showProblems([{ text: parsed.error.issues[0]!.message, fieldId: "person-email" }]);
      return;
    }
    const answer = await this.#send(
      () =>
        callApi<{ findings?: PersonalDataFindings; message?: string }>(
          `/api/admin/personal-data?email=${encodeURIComponent(parsed.data)}`,
        ),
      t.searching,
    );
    if (!answer) return;
    if (answer.status !== 200 || !answer.body.findings) {
      this.#showProblems([
        {
          text:
            answer.status === 403 ? t.coordinatorsOnly : (answer.body?.message ?? t.unavailable),
          ...(answer.status === 422 ? { fieldId: "person-email" } : {}),
        },
      ]);
      return;
    }
    this.#clear();
    this.#email = parsed.data;
    this.#showFindings(answer.body.findings);
  }

  async #decide(): Promise<void> {
    const form = this.querySelector<HTMLFormElement>("[data-decision-form]")!;
    const chosen = form.querySelector<HTMLInputElement>('input[name="decision"]:checked');
    const parsed = personalDataDecisionSchema.safeParse({
      email: this.#email,
      decision: chosen?.value,
      reason: this.#field("decision-reason").value,
    });
    if (!parsed.success) {
      const errors = decisionFieldErrors(parsed.error.issues);
      const problems: FormProblem[] = [];
      if (errors.email) problems.push({ text: errors.email, fieldId: "person-email" });
      if (errors.decision) problems.push({ text: errors.decision, fieldId: "decision-erasure" });
      if (errors.reason) problems.push({ text: errors.reason, fieldId: "decision-reason" });
      this.#showProblems(problems);
      return;
    }
    const answer = await this.#send(
      () =>
        callApi<{ decision?: RecordedDecision; message?: string }>(
          "/api/admin/personal-data/decisions",
          { json: parsed.data },
        ),
      t.saving,
    );
    if (!answer) return;
    if (answer.status !== 201) {
      this.#showProblems([{ text: answer.body?.message ?? t.unavailable }]);
      return;
    }
    this.#clear();
    form.reset();
    replaceContent(this.#decisionNotice, el("p", {}, answer.body.message ?? ""));
    this.#decisionNotice.hidden = false;
    this.#decisionNotice.focus();
  }

  /** One request at a time; the live region says what is happening. */
  async #send<T>(request: () => Promise<T>, busyText: string): Promise<T | null> {
    if (this.#busy) return null;
    this.#busy = true;
    const buttons = [...this.querySelectorAll("button")];
    for (const button of buttons) button.disabled = true;
    const status = this.querySelector<HTMLElement>("[data-busy]");
    if (status) replaceContent(status, busyText);
    try {
      return await request();
    } finally {
      for (const button of buttons) button.disabled = false;
      if (status) replaceContent(status);
      this.#busy = false;
    }
  }

  #showFindings(findings: PersonalDataFindings): void {
    const possible = findings.coBearerOn.length + findings.noteMentions.length;
    const link = (format: "json" | "html", text: string) =>
      el(
        "a",
        {
          href: `/api/admin/personal-data?email=${encodeURIComponent(findings.email)}&format=${format}`,
          ...(format === "json" ? { download: true } : {}),
        },
        text,
      );
    const parts: Child[] = [
      el("h2", { id: "findings-heading" }, `Det här finns om ${findings.email}`),
      el(
        "p",
        {},
        findings.ideas.length === 0 && possible === 0 && !findings.reviewer
          ? t.nothingFound(findings.email)
          : t.foundSummary(findings.ideas.length, possible),
      ),
      el(
        "ul",
        {},
        el("li", {}, link("json", t.exportJson)),
        el("li", {}, link("html", t.exportHtml)),
      ),
      el("p", { class: "field__hint" }, t.exportNote),
    ];
    for (const idea of findings.ideas) {
      parts.push(
        el("h3", {}, `${idea.reference}: ${idea.title}`),
        facts([
          ["Kom in", when(idea.receivedAt)],
          ["Kommun", idea.municipality.name],
          ["Status", idea.stateLabel],
          ["Namn", idea.bearer.name],
          ["E-postadress", idea.bearer.email],
          ["Telefon", idea.bearer.phone],
          ["Medidébärare", idea.bearer.coBearers],
          ["Begränsad sedan", idea.bearer.restrictedAt ? when(idea.bearer.restrictedAt) : null],
          ["Frågor och svar", String(idea.messages.length)],
          [
            "E-post",
            idea.emails
              .map(
                (email) =>
                  `${emailTemplateLabel(email.template)} (${emailStatusLabels[email.status] ?? email.status})`,
              )
              .join(", "),
          ],
        ]),
      );
    }
    if (possible > 0) {
      parts.push(
        el("h3", {}, "Möjliga träffar på namnet"),
        el("p", {}, t.possibleMatch),
        el(
          "ul",
          {},
          ...findings.coBearerOn.map((match) =>
            el("li", {}, `${match.reference}: medidébärare – ${match.coBearers}`),
          ),
          ...findings.noteMentions.map((note) =>
            el(
              "li",
              {},
              `${note.reference}, anteckning ${when(note.createdAt)}: `,
              el("span", { class: "written-text" }, note.body),
            ),
          ),
        ),
      );
    }
    if (findings.reviewer) {
      parts.push(
        el("h3", {}, "Konto som granskare"),
        facts([
          ["Namn", findings.reviewer.name],
          ["Roll", findings.reviewer.role === "coordinator" ? "Samordnare" : "Granskare"],
          ["Kommun", findings.reviewer.municipality?.name ?? "Alla kommuner"],
          ["Aktivt", findings.reviewer.active ? "Ja" : "Nej"],
        ]),
      );
    }
    if (findings.decisions.length > 0) {
      parts.push(
        el("h3", {}, "Tidigare beslut"),
        el(
          "ul",
          {},
          ...findings.decisions.map((decision) =>
            el(
              "li",
              {},
              `${t.decisionNames[decision.decision]} ${when(decision.decidedAt)} för ${decision.ideas.join(", ")}: ${
                decision.carriedOutAt ? `genomförd ${when(decision.carriedOutAt)}` : t.waiting
              }.`,
            ),
          ),
        ),
      );
    }
    replaceContent(this.#findings, ...parts);
    this.#findings.hidden = false;
    this.#decision.hidden = findings.ideas.length === 0;
    this.#decisionNotice.hidden = true;
    this.#findings.focus();
  }

  /** The error summary (focused) and each field's own message. */
  #showProblems(problems: FormProblem[]): void {
    this.#errors.show(problems);
  }

  #clear(): void {
    this.#errors.clear();
  }
}

if (!customElements.get("personal-data-search")) {
  customElements.define("personal-data-search", PersonalDataSearch);
}
