import type { QueuePage } from "../../domain/review/answers.ts";
import { queueFilterParameters, type QueueSort } from "../../domain/review/queue-parameters.ts";
import { queueTexts as t } from "../../domain/review/queue-texts.ts";
import { callApi, type ApiAnswer } from "./api.ts";
import { el, replaceContent } from "./dom.ts";
import { queueRow, queueTable, stateCountLinks } from "./queue-table.ts";
import { rememberQueueView } from "./queue-view.ts";
import { whenSignedIn } from "./signed-in.ts";

/** An error answer from the API. */
interface ErrorBody {
  message?: string;
  field?: string;
}

/**
 * `<review-queue>` on /granska/: the reviewer's queue. The page's static markup holds the filter
 * form (a plain GET form, so it works by keyboard like any form); this element
 *
 * - reads the view from the page's address (`?state=in_review&q=lås`, the API's own parameters,
 *   src/domain/review/queue-parameters.ts), so a filtered view can be bookmarked and shared, and
 *   puts each new view there (`history.pushState`), so the back button goes back to the last one;
 * - asks `GET /api/review/ideas` with the same parameters and shows the answer: the counts per
 *   state as links that filter, a table of the ideas, "Visa fler idéer" with the next page's cursor;
 * - says in a polite live region how many ideas match, that it is loading, or what went wrong, and
 *   offers to try again (503, no network) or to show everything (a parameter it cannot read).
 *
 * Focus: a new view keeps focus where the person acted (the form, or the state they chose); more
 * ideas move focus to the first new row's link; a retry, or a link in the empty or error state,
 * moves it to the results.
 */
export class ReviewQueue extends HTMLElement {
  #form!: HTMLFormElement;
  #status!: HTMLElement;
  #countsSection!: HTMLElement;
  #results!: HTMLElement;
  #more!: HTMLButtonElement;
  /** The view shown: the page's query parameters. */
  #view = new URLSearchParams();
  #sort: QueueSort = "received";
  #next: string | null = null;
  #total: number | null = null;
  #body: HTMLTableSectionElement | undefined;
  #caption: HTMLElement | undefined;
  /** Each load's number; an answer to an older one is dropped. */
  #loads = 0;

  connectedCallback(): void {
    this.#form = this.querySelector("form[data-queue-filters]")!;
    this.#status = this.querySelector("[data-queue-status]")!;
    this.#countsSection = this.querySelector("[data-queue-counts]")!;
    this.#results = this.querySelector("[data-queue-results]")!;
    this.#more = this.querySelector("[data-queue-more]")!;

    this.#form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.#go(this.#formView());
    });
    this.addEventListener("click", (event) => {
      const link = (event.target as Element | null)?.closest("a[data-queue-view]");
      if (!link || !this.contains(link) || event.ctrlKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      // A link in the results (empty or error state) goes away with them: focus moves to the new
      // results instead of being lost.
      this.#go(
        new URLSearchParams(new URL((link as HTMLAnchorElement).href).search),
        this.#results.contains(link),
      );
    });
    this.#more.addEventListener("click", () => void this.#loadMore());
    window.addEventListener("popstate", () => void this.#show(this.#addressView()));
    void whenSignedIn().then(() => this.#show(this.#addressView()));
  }

  /** The view in the page's address. */
  #addressView(): URLSearchParams {
    return new URLSearchParams(location.search);
  }

  /** The view the filter form describes: only filters that are set, the sort unless the default. */
  #formView(): URLSearchParams {
    const view = new URLSearchParams();
    for (const [name, value] of new FormData(this.#form)) {
      const text = typeof value === "string" ? value.trim() : "";
      if (!text || (name === "sort" && text === "received")) continue;
      view.append(name, text);
    }
    return view;
  }

  /** Shows a new view and puts it in the address, so it can be bookmarked and gone back to. */
  #go(view: URLSearchParams, focusResults = false): void {
    const search = view.toString();
    if (search !== location.search.slice(1))
      history.pushState(null, "", search ? `?${search}` : location.pathname);
    void this.#show(view, focusResults);
  }

  /** Fills the form in from a view, so it shows the filters in force. */
  #fillForm(view: URLSearchParams): void {
    for (const name of [...queueFilterParameters, "sort"]) {
      const field = this.#form.elements.namedItem(name);
      if (field instanceof HTMLInputElement && field.type === "checkbox")
        field.checked = view.get(name) === "true";
      else if (field instanceof HTMLInputElement || field instanceof HTMLSelectElement)
        field.value = view.get(name) ?? (name === "sort" ? "received" : "");
    }
  }

  /** The address of a view with one state chosen (null: every state). */
  #hrefWithState(state: string | null): string {
    const view = new URLSearchParams(this.#view);
    view.delete("cursor");
    if (state) view.set("state", state);
    else view.delete("state");
    const search = view.toString();
    return search ? `?${search}` : location.pathname;
  }

  /** The first page of a view: counts, table or empty state, and the live region's sentence. */
  async #show(view: URLSearchParams, focusResults = false): Promise<void> {
    this.#view = view;
    this.#sort = view.get("sort") === "waiting" ? "waiting" : "received";
    this.#fillForm(view);
    rememberQueueView(view.toString());
    const load = ++this.#loads;
    this.#busy(true);
    this.#setStatus(t.status.loading);
    // A "Visa fler" still on its way belongs to the old view: its answer is dropped (#loads).
    this.#more.hidden = true;
    this.#more.disabled = false;
    replaceContent(this.#more, t.more);
    const answer = await callApi<QueuePage | ErrorBody>(`/api/review/ideas?${view}`);
    if (load !== this.#loads) return;
    this.#busy(false);
    if (answer.status !== 200) {
      this.#showError(answer as ApiAnswer<ErrorBody | null>);
      return;
    }
    const page = answer.body as QueuePage;
    this.#next = page.next;
    this.#total = page.total;
    this.#showCounts(page);
    if (page.ideas.length === 0) {
      this.#body = undefined;
      replaceContent(this.#results, this.#emptyState());
    } else {
      const { table, body, caption } = queueTable(page, this.#sort);
      this.#body = body;
      this.#caption = caption;
      replaceContent(this.#results, table);
    }
    this.#more.hidden = !page.next;
    this.#setStatus(
      page.moreThan === null
        ? t.status.total(page.total ?? page.ideas.length)
        : t.status.moreThan(page.moreThan),
    );
    if (focusResults) this.#results.focus();
  }

  #showCounts(page: QueuePage): void {
    if (page.moreThan !== null) {
      // Too many matches to count by state: no counts rather than old ones.
      this.#countsSection.hidden = true;
      return;
    }
    if (!page.counts) return;
    const focused = document.activeElement;
    const hadFocus = focused instanceof HTMLElement && this.#countsSection.contains(focused);
    const list = stateCountLinks(page.counts, this.#view.get("state"), (state) =>
      this.#hrefWithState(state),
    );
    for (const link of list.querySelectorAll("a")) link.setAttribute("data-queue-view", "");
    const old = this.#countsSection.querySelector("ul");
    if (old) old.replaceWith(list);
    else this.#countsSection.append(list);
    this.#countsSection.hidden = false;
    // The person chose a state here: keep focus on it, now marked as the current one.
    if (hadFocus) list.querySelector<HTMLElement>('a[aria-current="true"]')?.focus();
  }

  #emptyState(): HTMLElement {
    const filtered = [...this.#view.keys()].some((name) => name !== "sort");
    if (!filtered) return el("p", { class: "notice" }, t.empty.unfiltered);
    return el(
      "div",
      { class: "notice" },
      el("p", {}, t.empty.filtered),
      el("p", {}, el("a", { href: location.pathname, "data-queue-view": "" }, t.empty.clear)),
    );
  }

  #showError(answer: ApiAnswer<ErrorBody | null>): void {
    const message =
      answer.status === 0 ? t.error.unreachable : (answer.body?.message ?? t.error.unreachable);
    // A parameter the queue cannot read (an old bookmark): trying again would not help.
    const badAddress = answer.status === 422;
    const retry = el("button", { type: "button", class: "button" }, t.error.retry);
    retry.addEventListener("click", () => void this.#show(this.#view, true));
    this.#countsSection.hidden = true;
    this.#body = undefined;
    replaceContent(
      this.#results,
      el(
        "div",
        { class: "notice notice--error" },
        el("h3", { class: "notice__heading" }, t.error.heading),
        el("p", {}, message),
        el(
          "div",
          { class: "button-group" },
          badAddress
            ? el("a", { href: location.pathname, "data-queue-view": "" }, t.error.clear)
            : retry,
        ),
      ),
    );
    this.#setStatus(`${t.error.heading}. ${message}`);
  }

  /** "Visa fler idéer": the next page after the table's last row. */
  async #loadMore(): Promise<void> {
    if (!this.#next || !this.#body) return;
    const view = new URLSearchParams(this.#view);
    view.set("cursor", this.#next);
    const load = ++this.#loads;
    this.#more.disabled = true;
    replaceContent(this.#more, t.loadingMore);
    this.#setStatus(t.loadingMore);
    const answer = await callApi<QueuePage | ErrorBody>(`/api/review/ideas?${view}`);
    if (load !== this.#loads) return;
    this.#more.disabled = false;
    replaceContent(this.#more, t.more);
    if (answer.status !== 200) {
      const body = answer.body as ErrorBody | null;
      const message =
        answer.status === 0 ? t.error.unreachable : (body?.message ?? t.error.unreachable);
      this.#setStatus(`${t.error.heading}. ${message}`);
      return;
    }
    const page = answer.body as QueuePage;
    const rows = page.ideas.map(queueRow);
    this.#body.append(...rows);
    this.#next = page.next;
    const shown = this.#body.rows.length;
    if (this.#caption)
      replaceContent(this.#caption, t.table.caption(this.#sort, shown, this.#total));
    this.#more.hidden = !page.next;
    this.#setStatus(t.status.more(rows.length, shown, this.#total));
    // Keyboard users continue where the new ideas begin.
    rows[0]?.querySelector("a")?.focus();
  }

  #busy(busy: boolean): void {
    this.#results.setAttribute("aria-busy", String(busy));
  }

  #setStatus(text: string): void {
    replaceContent(this.#status, text);
  }
}

if (!customElements.get("review-queue")) customElements.define("review-queue", ReviewQueue);
