import type { DeadEmail } from "../../domain/admin/answers.ts";
import {
  deadEmailTexts as t,
  emailTemplateLabel,
  personalDataTexts,
} from "../../domain/admin/messages.ts";
import { callApi } from "./api.ts";
import { el, replaceContent } from "./dom.ts";

const dateTime = new Intl.DateTimeFormat("sv-SE", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "Europe/Stockholm",
});

/**
 * `<dead-email-list>` on /granska/admin/e-post/: the e-mails the outbox sender gave up on (GET
 * /api/admin/dead-emails), each with its masked recipient, type, idea, attempts and the stored
 * reason, and a button that sends it again (POST /api/admin/dead-emails/:id/retry, audited). After a
 * retry the row goes, the live region says what happens, and focus moves to it.
 */
export class DeadEmailList extends HTMLElement {
  #status!: HTMLElement;

  connectedCallback(): void {
    this.#status = this.querySelector("[data-status]")!;
    void this.#load();
  }

  async #load(): Promise<void> {
    const target = this.querySelector<HTMLElement>("[data-emails]")!;
    const answer = await callApi<{ emails?: DeadEmail[] }>("/api/admin/dead-emails");
    if (answer.status !== 200 || !answer.body.emails) {
      replaceContent(
        target,
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
    const { emails } = answer.body;
    if (emails.length === 0) {
      replaceContent(target, el("p", {}, t.none));
      return;
    }
    replaceContent(
      target,
      el(
        "div",
        { class: "table-wrapper" },
        el(
          "table",
          {},
          el("caption", {}, `E-post som inte gick att skicka (${emails.length})`),
          el(
            "thead",
            {},
            el(
              "tr",
              {},
              ...["Skapad", "Mottagare", "Typ", "Idé", "Försök", "Orsak", "Åtgärd"].map((heading) =>
                el("th", { scope: "col" }, heading),
              ),
            ),
          ),
          el("tbody", {}, ...emails.map((email) => this.#row(email))),
        ),
      ),
      el("p", { class: "field__hint" }, t.newStatusLink),
    );
  }

  #row(email: DeadEmail): HTMLTableRowElement {
    const label = emailTemplateLabel(email.template);
    const button = el(
      "button",
      {
        type: "button",
        class: "button button--secondary",
        "aria-label": `${t.retry}: ${label}${email.reference ? ` för ${email.reference}` : ""}`,
      },
      t.retry,
    );
    const row = el(
      "tr",
      {},
      el("td", {}, dateTime.format(new Date(email.createdAt))),
      el("td", {}, email.recipient),
      el("td", {}, label),
      el("td", {}, email.reference ?? "–"),
      el("td", { class: "number" }, t.attempts(email.attempts)),
      el("td", {}, el("code", {}, email.lastError ?? "–")),
      el("td", {}, button),
    );
    button.addEventListener("click", () => void this.#retry(email, row, button));
    return row;
  }

  async #retry(email: DeadEmail, row: HTMLTableRowElement, button: HTMLButtonElement) {
    button.disabled = true;
    replaceContent(button, t.retrying);
    const answer = await callApi<{ message?: string }>(`/api/admin/dead-emails/${email.id}/retry`, {
      json: {},
    });
    replaceContent(
      this.#status,
      el("p", {}, answer.body?.message ?? personalDataTexts.unavailable),
    );
    this.#status.hidden = false;
    if (answer.status === 200 || answer.status === 404) row.remove();
    else {
      button.disabled = false;
      replaceContent(button, t.retry);
    }
    this.#status.focus();
  }
}

if (!customElements.get("dead-email-list")) {
  customElements.define("dead-email-list", DeadEmailList);
}
