import {
  commentMaxLength,
  overallCommentId,
  recommendationInputId,
  recommendations,
  scoreCommentId,
  scoreInputId,
  type AssessmentFormValues,
  type Criterion,
  type Recommendation,
} from "../../../domain/review/assessment.ts";
import { assessmentTexts } from "../../../domain/review/assessment-texts.ts";
import { el } from "../dom.ts";
import { errorSummaryElement, type FieldSlot } from "./form-errors.ts";

/**
 * The assessment's two forms as DOM: the jäv question, and the score form (a score 1–5 per
 * criterion as radio buttons whose labels are the level descriptors, a comment per score, the
 * recommendation and an overall comment). Each field has a slot for its error, keyed by the field
 * name the API uses in a 422 (`scores.nytta.comment`, `recommendation`, `reason` …), and the
 * element in front of which the error message goes.
 */

const t = assessmentTexts;

/** A built form: its element, its error summary, and each field's error slot. */
export interface BuiltForm {
  form: HTMLFormElement;
  summary: HTMLElement;
  submit: HTMLButtonElement;
  slots: Map<string, FieldSlot & { before: Element }>;
}

function radio(name: string, id: string, value: string, label: string, checked: boolean) {
  return el(
    "div",
    { class: "choice" },
    el("input", { type: "radio", id, name, value, checked }),
    el("label", { for: id }, label),
  );
}

/** The jäv question: no, or yes with a reason (shown once "yes" is chosen). */
export function conflictForm(): BuiltForm & { reasonField: HTMLElement } {
  const c = t.conflict;
  const summary = errorSummaryElement("conflict-errors");
  const slots: BuiltForm["slots"] = new Map();

  const choices = el(
    "div",
    { class: "choices" },
    radio("has_conflict", "has-conflict-no", "no", c.no, false),
    radio("has_conflict", "has-conflict-yes", "yes", c.yes, false),
  );
  const hint = el("p", { class: "field__hint", id: "has-conflict-hint" }, c.yesHint);
  const fieldset = el(
    "fieldset",
    { "aria-describedby": "has-conflict-hint" },
    el("legend", {}, c.legend),
    hint,
    choices,
  );
  const questionField = el("div", { class: "field" }, fieldset);
  slots.set("has_conflict", {
    wrapper: questionField,
    described: fieldset,
    errorId: "has-conflict-error",
    before: choices,
  });

  const reason = el("textarea", {
    id: "conflict-reason",
    name: "reason",
    rows: 3,
    maxlength: 1000,
    "aria-describedby": "conflict-reason-hint",
  });
  const reasonField = el(
    "div",
    { class: "field", hidden: true },
    el("label", { for: "conflict-reason" }, c.reason),
    el("p", { class: "field__hint", id: "conflict-reason-hint" }, c.reasonHint),
    reason,
  );
  slots.set("reason", {
    wrapper: reasonField,
    described: reason,
    errorId: "conflict-reason-error",
    before: reason,
  });
  choices.addEventListener("change", () => {
    reasonField.hidden = !isChecked(choices, "yes");
  });

  const submit = el("button", { type: "submit", class: "button" }, c.submit);
  const form = el(
    "form",
    { class: "assessment-form", novalidate: true, "aria-labelledby": "conflict-heading" },
    el("h3", { id: "conflict-heading" }, c.heading),
    summary,
    el("p", {}, c.intro),
    questionField,
    reasonField,
    el("div", { class: "button-group" }, submit),
  );
  return { form, summary, submit, slots, reasonField };
}

/** Whether the option with this value is chosen. */
function isChecked(container: Element, value: string): boolean {
  return Boolean(container.querySelector<HTMLInputElement>(`input[value="${value}"]:checked`));
}

/** The jäv answer from its form: `{ has_conflict, reason? }`, or null when neither is chosen. */
export function conflictAnswerOf(form: HTMLFormElement): {
  hasConflict: boolean | null;
  reason: string;
} {
  const data = new FormData(form);
  const answer = data.get("has_conflict");
  return {
    hasConflict: answer === "yes" ? true : answer === "no" ? false : null,
    reason: String(data.get("reason") ?? "").trim(),
  };
}

/** The score form, filled with the reviewer's saved assessment (or nothing chosen). */
export function scoreForm(criteria: readonly Criterion[], values: AssessmentFormValues): BuiltForm {
  const f = t.form;
  const summary = errorSummaryElement("assessment-errors");
  const slots: BuiltForm["slots"] = new Map();

  const criterionFields = criteria.flatMap((criterion) => {
    const saved = values.scores[criterion.slug];
    const hintId = `criterion-${criterion.slug}-hint`;
    const choices = el(
      "div",
      { class: "choices" },
      ...criterion.levels.map((level) =>
        radio(
          `score-${criterion.slug}`,
          scoreInputId(criterion.slug, level.score),
          String(level.score),
          f.level(level.score, level.description),
          saved?.score === level.score,
        ),
      ),
    );
    const fieldset = el(
      "fieldset",
      { "aria-describedby": hintId },
      el("legend", {}, `${criterion.name} (${f.weight(criterion.weight).toLowerCase()})`),
      el("p", { class: "field__hint", id: hintId }, criterion.description),
      choices,
    );
    const scoreField = el("div", { class: "field" }, fieldset);
    slots.set(`scores.${criterion.slug}.score`, {
      wrapper: scoreField,
      described: fieldset,
      errorId: `${scoreInputId(criterion.slug)}-error`,
      before: choices,
    });

    const commentId = scoreCommentId(criterion.slug);
    const comment = el("textarea", {
      id: commentId,
      name: commentId,
      rows: 3,
      maxlength: commentMaxLength,
    });
    comment.value = saved?.comment ?? "";
    const commentField = el(
      "div",
      { class: "field" },
      el("label", { for: commentId }, f.comment(criterion.name)),
      comment,
    );
    slots.set(`scores.${criterion.slug}.comment`, {
      wrapper: commentField,
      described: comment,
      errorId: `${commentId}-error`,
      before: comment,
    });
    return [
      el(
        "div",
        { class: "assessment-criterion", "data-criterion": criterion.slug },
        scoreField,
        commentField,
      ),
    ];
  });

  const recommendationChoices = el(
    "div",
    { class: "choices" },
    ...recommendations.map((value) =>
      radio(
        "recommendation",
        recommendationInputId(value),
        value,
        f.recommendationLabels[value],
        values.recommendation === value,
      ),
    ),
  );
  const recommendationFieldset = el(
    "fieldset",
    {},
    el("legend", {}, f.recommendation),
    recommendationChoices,
  );
  const recommendationField = el("div", { class: "field" }, recommendationFieldset);
  slots.set("recommendation", {
    wrapper: recommendationField,
    described: recommendationFieldset,
    errorId: "recommendation-error",
    before: recommendationChoices,
  });

  const overall = el("textarea", {
    id: overallCommentId,
    name: "comment",
    rows: 4,
    maxlength: commentMaxLength,
    "aria-describedby": `${overallCommentId}-hint`,
  });
  overall.value = values.comment;
  const overallField = el(
    "div",
    { class: "field" },
    el("label", { for: overallCommentId }, f.overallComment),
    el("p", { class: "field__hint", id: `${overallCommentId}-hint` }, f.overallCommentHint),
    overall,
  );
  slots.set("comment", {
    wrapper: overallField,
    described: overall,
    errorId: `${overallCommentId}-error`,
    before: overall,
  });

  const submit = el("button", { type: "submit", class: "button" }, f.submit);
  const form = el(
    "form",
    { class: "assessment-form", novalidate: true, "aria-labelledby": "assessment-form-heading" },
    el("h3", { id: "assessment-form-heading" }, f.heading),
    summary,
    el("p", {}, f.intro),
    ...criterionFields,
    recommendationField,
    overallField,
    el("div", { class: "button-group" }, submit),
  );
  return { form, summary, submit, slots };
}

/** What the score form holds now. */
export function scoreValuesOf(
  form: HTMLFormElement,
  criteria: readonly Criterion[],
): AssessmentFormValues {
  const data = new FormData(form);
  const recommendation = data.get("recommendation");
  return {
    scores: Object.fromEntries(
      criteria.map((criterion) => {
        const score = Number(data.get(`score-${criterion.slug}`) ?? 0);
        return [
          criterion.slug,
          {
            score: score >= 1 && score <= 5 ? score : null,
            comment: String(data.get(scoreCommentId(criterion.slug)) ?? ""),
          },
        ];
      }),
    ),
    recommendation: (recommendations as readonly string[]).includes(String(recommendation))
      ? (recommendation as Recommendation)
      : null,
    comment: String(data.get("comment") ?? ""),
  };
}
