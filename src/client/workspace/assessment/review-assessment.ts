import type { IdeaPageAnswer } from "../../../domain/review/answers.ts";
import {
  assessmentBodyOf,
  assessmentFormErrors,
  fieldTarget,
  formValuesOf,
  type AssessmentOfIdea,
  type AssessmentSave,
  type Criterion,
  type FieldErrors,
} from "../../../domain/review/assessment.ts";
import { assessmentTexts } from "../../../domain/review/assessment-texts.ts";
import { dateTimeOf } from "../../../domain/review/dates.ts";
import { reviewFieldMessage } from "../../../domain/review/messages.ts";
import { callApi } from "../api.ts";
import { el, replaceContent, type Child } from "../dom.ts";
import { ideaShownEvent } from "../idea-events.ts";
import { historyPart, minePart, othersPart } from "./assessment-views.ts";
import {
  conflictAnswerOf,
  conflictForm,
  scoreForm,
  scoreValuesOf,
  type BuiltForm,
} from "./assessment-forms.ts";
import { clearErrors, showErrorSummary, showFieldError, type FormError } from "./form-errors.ts";

/**
 * `<review-assessment>` in the idea page's assessment section (decision 0013): the reviewer's part
 * of the assessment, built from what `GET /api/review/ideas/:reference` says the caller may see.
 *
 * - Before the first score, the jäv question (no, or yes with a reason) and what it means.
 * - The score form: a score 1–5 per criterion (`GET /api/review/criteria`) with the level
 *   descriptors as the options' labels, a comment per score, the recommendation and an overall
 *   comment; saved whole with `PUT …/assessment`, revisable until the decision. Errors in a focused
 *   summary linking to the fields; a saved assessment is confirmed, and focus goes there.
 * - The blind rule as the API gives it: before one's own assessment the page says that the others'
 *   show after it; after, their scores, comments, recommendations, the weighted means and the
 *   disagreement flag.
 * - The history of one's own saves (`GET …/assessment/history`).
 * - After the decision: everything read-only, and why.
 *
 * The idea comes from `<review-idea>` (its `review-idea:shown` event, idea-events.ts); after a save this island
 * asks for the idea again itself.
 */
export class ReviewAssessment extends HTMLElement {
  #reference = "";
  #criteria: Criterion[] | null = null;
  #status!: HTMLElement;
  #body!: HTMLElement;

  connectedCallback(): void {
    const t = assessmentTexts;
    this.#status = el("div", { "data-assessment-status": true });
    this.#body = el("div");
    replaceContent(
      this,
      el("h2", { id: "assessment-heading" }, t.heading),
      this.#status,
      this.#body,
    );
    document.addEventListener(ideaShownEvent, (event) => {
      const answer = (event as CustomEvent<IdeaPageAnswer | null>).detail;
      if (answer) void this.#show(answer.idea as unknown as AssessmentOfIdea);
    });
  }

  /** Shows the assessment of the idea; `confirmation` (after a save) gets focus. */
  async #show(idea: AssessmentOfIdea, confirmation?: Child): Promise<void> {
    const t = assessmentTexts;
    this.#reference = idea.reference;
    const section = this.closest("section");
    if (section) {
      section.hidden = false;
      section.setAttribute("aria-labelledby", "assessment-heading");
    }
    if (!this.#criteria) {
      replaceContent(this.#status, el("p", { role: "status" }, t.loading));
      const answer = await callApi<{ criteria: Criterion[] }>("/api/review/criteria");
      if (answer.status !== 200) {
        this.#problem(t.unreachable, () => void this.#show(idea));
        return;
      }
      this.#criteria = answer.body.criteria;
    }
    const criteria = this.#criteria;
    const status = idea.myAssessmentStatus;
    const mine = idea.visibleAssessments.find((assessment) => assessment.isMe);
    const hasSaved = status === "complete" || status === "incomplete";
    const history = hasSaved ? await this.#history() : [];

    const parts: Child[] = [];
    if (status === "conflict_of_interest") {
      parts.push(
        el(
          "div",
          { class: "notice" },
          el("p", {}, t.conflict.declared(idea.myConflictOfInterest?.reason ?? null)),
        ),
      );
    } else if (!idea.assessmentOpen) {
      parts.push(
        el(
          "div",
          { class: "notice" },
          el("p", {}, idea.state === "received" ? t.notInReview : t.decided(idea.stateLabel)),
        ),
      );
      if (idea.state === "received") parts.push(this.#startButton());
      else parts.push(minePart(mine));
    } else if (status === "not_declared") {
      parts.push(el("p", {}, t.blind), this.#conflictForm());
    } else if (idea.canAssess) {
      if (status !== "complete") parts.push(el("p", {}, t.blind));
      parts.push(this.#scoreForm(criteria, formValuesOf(criteria, mine)));
    }
    if (status !== "conflict_of_interest") {
      parts.push(othersPart(idea.aggregates, idea.visibleAssessments));
      if (hasSaved) parts.push(historyPart(history));
    }

    replaceContent(this.#status);
    if (confirmation) {
      const notice = el(
        "div",
        { class: "notice confirmation", tabindex: "-1", "data-assessment-confirmation": true },
        confirmation,
      );
      replaceContent(this.#status, notice);
      replaceContent(this.#body, ...parts);
      notice.focus();
    } else {
      replaceContent(this.#body, ...parts);
    }
  }

  /**
   * Starting the review of a received idea: the explicit action `POST …/state` `{ to: "in_review",
   * expected: "received" }`, recorded in the timeline. 409 (someone else was quicker) shows the
   * message and the idea as it is now.
   */
  #startButton(): HTMLElement {
    const t = assessmentTexts;
    const button = el("button", { type: "button", class: "button" }, t.startReview);
    button.addEventListener("click", () => {
      button.disabled = true;
      replaceContent(this.#status, el("p", { role: "status" }, t.startingReview));
      void callApi<{ message?: string } | null>(
        `/api/review/ideas/${encodeURIComponent(this.#reference)}/state`,
        { method: "POST", json: { to: "in_review", expected: "received" } },
      ).then((answer) => {
        button.disabled = false;
        if (answer.status === 200) return this.#reload(el("p", {}, t.reviewStarted));
        const message = answer.body?.message ?? t.unreachable;
        return this.#reload().then(() =>
          replaceContent(
            this.#status,
            el("div", { class: "notice notice--error", role: "alert" }, el("p", {}, message)),
          ),
        );
      });
    });
    return el("div", { class: "button-group" }, button);
  }

  /** The caller's own saves, newest first; null when they cannot be read. */
  async #history(): Promise<AssessmentSave[] | null> {
    const answer = await callApi<{ saves: AssessmentSave[] }>(
      `/api/review/ideas/${encodeURIComponent(this.#reference)}/assessment/history`,
    );
    return answer.status === 200 ? answer.body.saves : null;
  }

  /** Asks for the idea again and shows its assessment, with the confirmation focused. */
  async #reload(confirmation?: Child): Promise<void> {
    const answer = await callApi<{ idea: AssessmentOfIdea }>(
      `/api/review/ideas/${encodeURIComponent(this.#reference)}`,
    );
    if (answer.status !== 200) {
      this.#problem(assessmentTexts.unreachable, () => void this.#reload(confirmation));
      return;
    }
    await this.#show(answer.body.idea, confirmation);
  }

  #problem(message: string, retry: () => void): void {
    const button = el("button", { type: "button", class: "button" }, assessmentTexts.retry);
    button.addEventListener("click", retry);
    replaceContent(
      this.#status,
      el("div", { class: "notice notice--error", role: "alert" }, el("p", {}, message), button),
    );
  }

  /** Shows each field's error and the summary, focused. */
  #showErrors(built: BuiltForm, errors: FieldErrors, formMessage?: string): void {
    clearErrors(built.summary, built.slots.values());
    const list: FormError[] = formMessage ? [{ target: null, message: formMessage }] : [];
    for (const [field, message] of Object.entries(errors)) {
      const slot = built.slots.get(field);
      if (slot) showFieldError(slot, message, slot.before);
      list.push({
        target: fieldTarget(field, this.#criteria ?? []) ?? conflictTarget(field),
        message,
      });
    }
    showErrorSummary(built.summary, list);
  }

  #conflictForm(): HTMLElement {
    const built = conflictForm();
    built.form.addEventListener("submit", (event) => {
      event.preventDefault();
      const answer = conflictAnswerOf(built.form);
      const errors: FieldErrors = {};
      if (answer.hasConflict === null)
        errors.has_conflict = reviewFieldMessage("has_conflict", "missing");
      else if (answer.hasConflict && !answer.reason)
        errors.reason = reviewFieldMessage("reason", "missing", "sv", "conflict_of_interest");
      if (Object.keys(errors).length) {
        this.#showErrors(built, errors);
        return;
      }
      void this.#send(
        built,
        "POST",
        "conflict-of-interest",
        answer.hasConflict
          ? { has_conflict: true, reason: answer.reason }
          : { has_conflict: false },
        assessmentTexts.conflict.saving,
        () =>
          answer.hasConflict
            ? assessmentTexts.conflict.answeredYes
            : assessmentTexts.conflict.answeredNo,
      );
    });
    return built.form;
  }

  #scoreForm(criteria: readonly Criterion[], values: ReturnType<typeof formValuesOf>): HTMLElement {
    const built = scoreForm(criteria, values);
    built.form.addEventListener("submit", (event) => {
      event.preventDefault();
      const current = scoreValuesOf(built.form, criteria);
      const errors = assessmentFormErrors(criteria, current);
      if (Object.keys(errors).length) {
        this.#showErrors(built, errors);
        return;
      }
      void this.#send(
        built,
        "PUT",
        "assessment",
        assessmentBodyOf(criteria, current),
        assessmentTexts.form.saving,
        (body) =>
          assessmentTexts.form.saved(
            dateTimeOf(
              String((body as { saved_at?: string }).saved_at ?? new Date().toISOString()),
            ),
          ),
      );
    });
    return built.form;
  }

  /**
   * Sends one of the forms. 200: the idea again, with the confirmation focused. 422 with fields: each
   * field's error; any other refusal (jäv declared, decided, not in review): its message in the
   * summary, and the idea again when the refusal means the page is out of date.
   */
  async #send(
    built: BuiltForm,
    method: "POST" | "PUT",
    action: string,
    json: unknown,
    saving: string,
    confirmed: (body: unknown) => string,
  ): Promise<void> {
    built.submit.disabled = true;
    replaceContent(this.#status, el("p", { role: "status" }, saving));
    const answer = await callApi<{
      message?: string;
      rule?: string;
      fields?: Record<string, string>;
    } | null>(`/api/review/ideas/${encodeURIComponent(this.#reference)}/${action}`, {
      method,
      json,
    });
    built.submit.disabled = false;
    replaceContent(this.#status);
    if (answer.status === 200) {
      await this.#reload(el("p", {}, confirmed(answer.body)));
      return;
    }
    const body = answer.body;
    if (
      answer.status === 422 &&
      body?.fields &&
      Object.keys(body.fields).some((f) => built.slots.has(f))
    ) {
      this.#showErrors(built, body.fields);
      return;
    }
    const message =
      answer.status === 0
        ? assessmentTexts.unreachable
        : (body?.message ?? assessmentTexts.unreachable);
    this.#showErrors(built, {}, message);
    if (
      body?.rule === "decided" ||
      body?.rule === "conflict_of_interest" ||
      body?.rule === "not_in_review"
    ) {
      // The idea has moved on: show what holds now, with the refusal's message on top.
      await this.#reload(el("p", {}, message));
    }
  }
}

/** The jäv form's fields' targets. */
function conflictTarget(field: string): string | null {
  if (field === "has_conflict") return "has-conflict-no";
  if (field === "reason") return "conflict-reason";
  return null;
}

if (!customElements.get("review-assessment"))
  customElements.define("review-assessment", ReviewAssessment);
