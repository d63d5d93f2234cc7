import type { IdeaPageAnswer, MunicipalityRef } from "../../../domain/review/answers.ts";
import type { DecisionIdea } from "../../../domain/review/decision-answers.ts";
import { decisionTexts as t } from "../../../domain/review/decision-texts.ts";
import { callApi } from "../api.ts";
import { el, replaceContent } from "../dom.ts";
import { ideaReloadEvent, ideaShownEvent } from "../idea-events.ts";
import type { ActionRequest, DecisionContext } from "./context.ts";
import { button, showErrors } from "./form-parts.ts";
import { publicationSection, interestSection, sharingSection } from "./spread.ts";
import { duplicateSection, releaseSection, stateSection } from "./state-change.ts";

/**
 * `<idea-decisions>` on the idea page: what the caller may do with the idea besides assessing it –
 * move it on (start the review, mark it assessed, reopen, later states), decide with a message to
 * the bearer (coordinators), release a decision, unlink a duplicate, publish in the idea bank,
 * register a municipality's interest and share the idea with the region. It draws itself from the
 * answer `<review-idea>` shows (the `review-idea:shown` event) and asks `<review-idea>` to load the
 * idea again after each change, so the whole page – timeline, facts – agrees with the database.
 * After an action focus moves to the sentence saying what happened; after a refusal, to the form's
 * error summary.
 */
export class IdeaDecisions extends HTMLElement {
  #municipalities: MunicipalityRef[] = [];
  /** What the last action did, shown (and focused) when the idea has been loaded again. */
  #done: string | null = null;
  /** Focus the section's heading when the idea has been loaded again (after "Ladda om idén"). */
  #focusHeading = false;
  #busy = false;

  connectedCallback(): void {
    // The municipalities come with the page (read when the site was built), as the queue's filter's.
    const options = this.querySelector("template[data-municipalities]");
    if (options instanceof HTMLTemplateElement)
      this.#municipalities = [...options.content.querySelectorAll("option")].map((option) => ({
        code: option.value,
        name: option.textContent ?? option.value,
      }));
    document.addEventListener(ideaShownEvent, (event) =>
      this.#render((event as CustomEvent<IdeaPageAnswer | null>).detail),
    );
  }

  #render(answer: IdeaPageAnswer | null): void {
    const template = this.querySelector("template[data-municipalities]");
    if (!answer) {
      this.hidden = true;
      replaceContent(this, template);
      return;
    }
    const idea = answer.idea as DecisionIdea;
    const context: DecisionContext = {
      idea,
      similar: answer.similar,
      municipalities: this.#municipalities,
      ideaPath: `/api/review/ideas/${encodeURIComponent(idea.reference)}`,
      act: (form, request, done) => this.#act(form, request, done),
    };
    const heading = el("h2", { id: "idea-decisions-heading", tabindex: -1 }, t.heading);
    const done = this.#done
      ? el("div", { class: "notice", role: "status", tabindex: -1 }, el("p", {}, this.#done))
      : null;
    this.#done = null;
    replaceContent(
      this,
      template,
      el(
        "section",
        { class: "idea-section", "aria-labelledby": "idea-decisions-heading" },
        heading,
        done,
        releaseSection(context),
        stateSection(context),
        duplicateSection(context),
        publicationSection(context),
        interestSection(context),
        sharingSection(context),
      ),
    );
    this.hidden = false;
    if (done) done.focus();
    else if (this.#focusHeading) heading.focus();
    this.#focusHeading = false;
  }

  async #act(
    form: HTMLFormElement,
    request: ActionRequest,
    done: string | ((answer: unknown) => string),
  ): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    try {
      const answer = await callApi<{ message?: string; field?: string } | null>(request.path, {
        method: request.method,
        ...(request.json === undefined ? {} : { json: request.json }),
      });
      if (answer.status >= 200 && answer.status < 300) {
        this.#done = typeof done === "string" ? done : done(answer.body);
        document.dispatchEvent(new CustomEvent(ideaReloadEvent));
        return;
      }
      const message = answer.body?.message ?? t.errors.unreachable;
      if (answer.status === 409) {
        // Someone else changed the idea first: the API's sentence names them; the page offers to
        // show the idea as it is now.
        const reload = button(t.errors.reload, { submit: false });
        reload.addEventListener("click", () => {
          this.#focusHeading = true;
          document.dispatchEvent(new CustomEvent(ideaReloadEvent));
        });
        showErrors(form, message, undefined, el("div", { class: "button-group" }, reload));
        return;
      }
      showErrors(form, answer.status === 0 ? t.errors.unreachable : message, answer.body?.field);
    } finally {
      this.#busy = false;
    }
  }
}

if (!customElements.get("idea-decisions")) customElements.define("idea-decisions", IdeaDecisions);
