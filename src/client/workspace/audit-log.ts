import type { AuditEvent, AuditPage } from "../../domain/admin/answers.ts";
import {
  auditActionLabel,
  auditActorLabels,
  auditTexts as t,
  describeAuditDetails,
  personalDataTexts,
} from "../../domain/admin/messages.ts";
import { callApi } from "./api.ts";
import { el, replaceContent } from "./dom.ts";
import { whenSignedIn } from "./signed-in.ts";

const dateTime = new Intl.DateTimeFormat("sv-SE", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "Europe/Stockholm",
});

/**
 * `<audit-log>` on /granska/admin/logg/: the audit trail for coordinators (GET /api/admin/audit),
 * newest first, 50 at a time: when, who (name and role, or the system), what, the idea, and the
 * facts. The filter form is a plain GET form (the address holds `?action=`); "Visa äldre händelser"
 * adds the next page and moves focus to its first row. A reviewer who is not a coordinator (403) is
 * told the page is for coordinators.
 */
export class AuditLog extends HTMLElement {
  #status!: HTMLElement;
  #target!: HTMLElement;
  #more!: HTMLButtonElement;
  #body: HTMLTableSectionElement | undefined;
  #caption: HTMLElement | undefined;
  #action = "";
  #next: number | null = null;
  #shown = 0;

  connectedCallback(): void {
    this.#status = this.querySelector("[data-audit-status]")!;
    this.#target = this.querySelector("[data-audit-events]")!;
    this.#more = this.querySelector("[data-audit-more]")!;
    this.#action = new URLSearchParams(location.search).get("action") ?? "";
    const select = this.querySelector<HTMLSelectElement>("select[name=action]");
    if (select) select.value = this.#action;
    this.#more.addEventListener("click", () => void this.#load(true));
    void whenSignedIn().then(() => this.#load(false));
  }

  async #load(older: boolean): Promise<void> {
    const query = new URLSearchParams();
    if (this.#action) query.set("action", this.#action);
    if (older && this.#next !== null) query.set("before", String(this.#next));
    this.#more.disabled = true;
    const answer = await callApi<AuditPage | { message?: string }>(`/api/admin/audit?${query}`);
    this.#more.disabled = false;
    if (answer.status !== 200 || !answer.body || !("items" in answer.body)) {
      const message =
        answer.status === 403
          ? personalDataTexts.coordinatorsOnly
          : ((answer.body as { message?: string } | null)?.message ??
            personalDataTexts.unavailable);
      replaceContent(this.#target, el("p", { class: "notice notice--error" }, message));
      this.#more.hidden = true;
      return;
    }
    const page = answer.body;
    this.#next = page.next;
    this.#more.hidden = page.next === null;
    const rows = page.items.map((event) => this.#row(event));
    if (!older || !this.#body) {
      this.#shown = 0;
      if (rows.length === 0) {
        replaceContent(this.#target, el("p", {}, t.none));
        replaceContent(this.#status, t.none);
        return;
      }
      this.#body = el("tbody", {}, ...rows);
      this.#caption = el("caption", {});
      replaceContent(
        this.#target,
        el(
          "div",
          { class: "table-wrapper" },
          el(
            "table",
            {},
            this.#caption,
            el("thead", {}, el("tr", {}, ...t.headings.map((h) => el("th", { scope: "col" }, h)))),
            this.#body,
          ),
        ),
      );
    } else {
      this.#body.append(...rows);
      rows[0]?.querySelector<HTMLElement>("th")?.focus();
    }
    this.#shown += rows.length;
    replaceContent(this.#caption!, t.caption(this.#shown));
    replaceContent(
      this.#status,
      `${t.shown(this.#shown)}${page.next === null ? ` ${t.allShown}` : ""}`,
    );
  }

  #row(event: AuditEvent): HTMLTableRowElement {
    const actor = auditActorLabels[event.actorKind] ?? event.actorKind;
    return el(
      "tr",
      {},
      el(
        "th",
        { scope: "row", tabindex: "-1" },
        el("time", { datetime: event.occurredAt }, dateTime.format(new Date(event.occurredAt))),
      ),
      el("td", {}, event.actorName ? `${event.actorName} (${actor})` : actor),
      el("td", {}, auditActionLabel(event.action)),
      el("td", {}, event.ideaReference ?? "–"),
      el("td", {}, describeAuditDetails(event.action, event.details)),
    );
  }
}

if (!customElements.get("audit-log")) {
  customElements.define("audit-log", AuditLog);
}
