import type { IdeaPageAnswer } from "../../domain/review/answers.ts";
import { ideaPageTexts as t, parseIdeaReference } from "../../domain/review/idea-page-texts.ts";
import { callApi } from "./api.ts";
import { el, replaceContent, type Child } from "./dom.ts";
import {
  assignmentsSection,
  bearerSection,
  connectionsSection,
  factsSection,
  messagesSection,
  similarSection,
  textSection,
  timelineSection,
  versionsSection,
} from "./idea-sections.ts";
import { ideaReloadEvent, ideaShownEvent } from "./idea-events.ts";
import { queueViewHref } from "./queue-view.ts";
import { whenSignedIn } from "./signed-in.ts";

/**
 * `<review-idea>` on /granska/ide/?ref=IS-2026-0042: one idea, from `GET
 * /api/review/ideas/:reference`. The page is static, so the reference is read from the address. The
 * `<h1>` and the tab's title name the idea once it is loaded; until then, or instead, they say what
 * is going on: loading, a missing or malformed reference, an idea that does not exist or is outside
 * the reviewer's scope (one answer for both), or a service that cannot be reached (with "Försök
 * igen"). The assessment and the actions come in the page's marked, still empty section.
 */
export class ReviewIdea extends HTMLElement {
  #heading!: HTMLElement;
  #status!: HTMLElement;
  #reference!: HTMLElement;
  #main!: HTMLElement;
  #history!: HTMLElement;
  /** The tab title's end, " – Innovationsslussen". */
  #titleSuffix = "";

  connectedCallback(): void {
    this.#heading = this.querySelector("[data-idea-heading]")!;
    this.#status = this.querySelector("[data-idea-status]")!;
    this.#reference = this.querySelector("[data-idea-reference]")!;
    this.#main = this.querySelector("[data-idea-main]")!;
    this.#history = this.querySelector("[data-idea-history]")!;
    this.#titleSuffix = document.title.startsWith(t.title)
      ? document.title.slice(t.title.length)
      : "";
    // Back to the queue as the reviewer last filtered it in this tab.
    this.querySelector<HTMLAnchorElement>("[data-back-link]")?.setAttribute(
      "href",
      queueViewHref(),
    );

    const reference = parseIdeaReference(new URLSearchParams(location.search).get("ref"));
    if (!reference.ok) {
      this.#showProblem(t.referenceProblemHeading, [el("p", {}, reference.message), this.#back()]);
      return;
    }
    void whenSignedIn().then(() => this.#load(reference.value, false));
    // A section that changed the idea (src/client/workspace/decisions/) asks for it again.
    document.addEventListener(ideaReloadEvent, () => void this.#load(reference.value, false));
  }

  async #load(reference: string, retried: boolean): Promise<void> {
    replaceContent(this.#status, el("p", {}, t.loading));
    const answer = await callApi<IdeaPageAnswer | { message?: string }>(
      `/api/review/ideas/${encodeURIComponent(reference)}`,
    );
    if (answer.status === 200) {
      this.#show(answer.body as IdeaPageAnswer);
      if (retried) this.#heading.focus();
      return;
    }
    const message = (answer.body as { message?: string } | null)?.message;
    if (answer.status === 404) {
      this.#showProblem(t.notFoundHeading, [el("p", {}, t.notFound(reference)), this.#back()]);
    } else if (answer.status === 422) {
      this.#showProblem(t.referenceProblemHeading, [
        el("p", {}, message ?? t.referenceMalformed),
        this.#back(),
      ]);
    } else {
      const retry = el("button", { type: "button", class: "button" }, t.retry);
      retry.addEventListener("click", () => void this.#load(reference, true));
      this.#showProblem(t.errorHeading, [
        el("p", {}, answer.status === 0 ? t.unreachable : (message ?? t.unreachable)),
        el("div", { class: "button-group" }, retry),
      ]);
    }
    if (retried) this.#heading.focus();
  }

  #back(): HTMLElement {
    return el("p", {}, el("a", { href: queueViewHref() }, t.backToQueue));
  }

  /** A page state instead of the idea: its heading as the page's `<h1>` and title. */
  #showProblem(heading: string, content: Child[]): void {
    replaceContent(this.#heading, heading);
    document.title = `${heading}${this.#titleSuffix}`;
    this.#reference.hidden = true;
    replaceContent(this.#main);
    replaceContent(this.#history);
    replaceContent(this.#status, el("div", { class: "notice notice--error" }, ...content));
    document.dispatchEvent(new CustomEvent(ideaShownEvent, { detail: null }));
  }

  #show(answer: IdeaPageAnswer): void {
    const { idea, similar } = answer;
    replaceContent(this.#heading, idea.current.title);
    document.title = `${t.documentTitle(idea.current.title, idea.reference)}${this.#titleSuffix}`;
    replaceContent(this.#reference, `${t.facts.reference} ${idea.reference}`);
    this.#reference.hidden = false;
    replaceContent(this.#status);
    replaceContent(
      this.#main,
      factsSection(idea),
      textSection(idea),
      versionsSection(idea),
      bearerSection(idea),
      assignmentsSection(idea),
    );
    replaceContent(
      this.#history,
      timelineSection(idea),
      messagesSection(idea),
      connectionsSection(idea),
      similarSection(similar),
    );
    document.dispatchEvent(new CustomEvent(ideaShownEvent, { detail: answer }));
  }
}

if (!customElements.get("review-idea")) customElements.define("review-idea", ReviewIdea);
