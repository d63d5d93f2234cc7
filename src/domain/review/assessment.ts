import { reviewFieldMessage } from "./messages.ts";

/**
 * The assessment on the idea page, as the workspace reads it (decision 0013): the criteria from
 * `GET /api/review/criteria`, the assessment keys of `GET /api/review/ideas/:reference` (camelCase),
 * the caller's own history from `GET /api/review/ideas/:reference/assessment/history`, and the pure
 * rules the assessment form follows: which field a refusal names, which element it links to, what
 * is missing before anything is sent. Pure: no I/O, no DOM.
 */

/**
 * The four recommendations, in the order the form offers them: the values of `recommendationValues`
 * in schema.ts (a test holds them equal), written out so the page's script carries no schema.
 */
export const recommendations = ["vidare", "vilande", "avsla", "vidareformedla"] as const;
/** A recommendation's value. */
export type Recommendation = (typeof recommendations)[number];

/** One criterion in force, with its five level descriptors (`GET /api/review/criteria`). */
export interface Criterion {
  slug: string;
  name: string;
  description: string;
  weight: number;
  version: number;
  levels: { score: number; description: string }[];
}

/** One reviewer's assessment the caller may see (`visibleAssessments`). */
export interface VisibleAssessment {
  reviewer: { id: string; name: string };
  isMe: boolean;
  conflictOfInterest: boolean;
  complete: boolean;
  scores: {
    criterion: string;
    name: string;
    version: number;
    weight: number;
    score: number;
    comment: string;
    updatedAt: string;
  }[];
  recommendation: Recommendation | null;
  comment: string | null;
  submittedAt: string | null;
  updatedAt: string | null;
}

/** The weighted means and the disagreement flag (`aggregates`); numbers only when `visible`. */
export interface AssessmentAggregates {
  visible: boolean;
  criteria:
    | {
        criterion: string;
        name: string;
        mean: number | null;
        count: number;
        min: number | null;
        max: number | null;
        disagreement: boolean;
      }[]
    | null;
  overall: number | null;
  completeAssessments: number | null;
  done: number;
  expected: number;
}

/** Where the caller stands (`myAssessmentStatus`). */
export type MyAssessmentStatus =
  "not_declared" | "not_started" | "incomplete" | "complete" | "conflict_of_interest";

/** The assessment keys of the idea page's answer. */
export interface AssessmentOfIdea {
  reference: string;
  state: string;
  stateLabel: string;
  assessmentOpen: boolean;
  myAssessmentStatus: MyAssessmentStatus;
  canAssess: boolean;
  myConflictOfInterest: { hasConflict: boolean; reason: string | null; declaredAt: string } | null;
  visibleAssessments: VisibleAssessment[];
  aggregates: AssessmentAggregates;
}

/** One save of the caller's own assessment, newest first (`GET …/assessment/history`). */
export interface AssessmentSave {
  savedAt: string;
  recommendation: Recommendation | null;
  comment: string | null;
  scores: { criterion: string; name: string; score: number; comment: string }[];
}

/** What the form holds: per criterion slug a score (or none) and a comment. */
export interface AssessmentFormValues {
  scores: Record<string, { score: number | null; comment: string }>;
  recommendation: Recommendation | null;
  comment: string;
}

/** A field's error: the field as the API names it (`scores.nytta.comment`) and its message. */
export type FieldErrors = Record<string, string>;

/** The id of a criterion's first score option, the target of its error link. */
export const scoreInputId = (slug: string, score = 1) => `score-${slug}-${score}`;
/** The id of a criterion's comment. */
export const scoreCommentId = (slug: string) => `comment-${slug}`;
/** The id of the first recommendation option. */
export const recommendationInputId = (value: Recommendation = recommendations[0]) =>
  `recommendation-${value}`;
/** The id of the overall comment. */
export const overallCommentId = "assessment-comment";

/**
 * The element an error about `field` links to: a criterion's first score option or its comment,
 * the first recommendation, the overall comment; `scores` (the whole list) goes to the first
 * criterion's first score.
 */
export function fieldTarget(field: string, criteria: readonly Criterion[]): string | null {
  const criterionField = /^scores\.([^.]+)\.(score|comment)$/.exec(field);
  if (criterionField) {
    const [, slug, part] = criterionField as unknown as [string, string, string];
    return part === "score" ? scoreInputId(slug) : scoreCommentId(slug);
  }
  if (field === "scores") return criteria[0] ? scoreInputId(criteria[0].slug) : null;
  if (field === "recommendation") return recommendationInputId();
  if (field === "comment") return overallCommentId;
  return null;
}

/** Characters a comment may hold, as the database allows (`api.save_assessment`). */
export const commentMaxLength = 4000;

/**
 * What the form lacks before it is sent, in the form's order, with the texts the API would give
 * (so the summary reads the same whether the page or the server found it): a score and a comment on
 * every criterion, a recommendation, comments within 4000 characters. Empty when it may be sent.
 */
export function assessmentFormErrors(
  criteria: readonly Criterion[],
  values: AssessmentFormValues,
): FieldErrors {
  const errors: FieldErrors = {};
  for (const criterion of criteria) {
    const given = values.scores[criterion.slug];
    const scoreField = `scores.${criterion.slug}.score`;
    const commentField = `scores.${criterion.slug}.comment`;
    if (!given?.score || given.score < 1 || given.score > 5)
      errors[scoreField] = reviewFieldMessage(scoreField, "missing");
    const comment = given?.comment.trim() ?? "";
    if (!comment) errors[commentField] = reviewFieldMessage(commentField, "missing");
    else if (comment.length > commentMaxLength)
      errors[commentField] = reviewFieldMessage(commentField, "too_long");
  }
  if (!values.recommendation)
    errors.recommendation = reviewFieldMessage("recommendation", "missing");
  if (values.comment.trim().length > commentMaxLength)
    errors.comment = reviewFieldMessage("comment", "too_long");
  return errors;
}

/** The body of `PUT …/assessment` from the form, in the criteria's order. */
export function assessmentBodyOf(criteria: readonly Criterion[], values: AssessmentFormValues) {
  const comment = values.comment.trim();
  return {
    scores: criteria.map((criterion) => ({
      criterion: criterion.slug,
      score: values.scores[criterion.slug]?.score ?? 0,
      comment: (values.scores[criterion.slug]?.comment ?? "").trim(),
    })),
    recommendation: values.recommendation,
    ...(comment ? { comment } : {}),
  };
}

/** The form's starting values: the caller's saved assessment, or nothing chosen. */
export function formValuesOf(
  criteria: readonly Criterion[],
  mine: VisibleAssessment | undefined,
): AssessmentFormValues {
  return {
    scores: Object.fromEntries(
      criteria.map((criterion) => {
        const saved = mine?.scores.find((score) => score.criterion === criterion.slug);
        return [criterion.slug, { score: saved?.score ?? null, comment: saved?.comment ?? "" }];
      }),
    ),
    recommendation: mine?.recommendation ?? null,
    comment: mine?.comment ?? "",
  };
}

/** A weighted mean as Sweden writes it: "3,5" (two decimals at most, no trailing zeros). */
export function meanInWords(mean: number | null): string {
  if (mean === null) return "–";
  return new Intl.NumberFormat("sv-SE", { maximumFractionDigits: 2 }).format(mean);
}

/**
 * Which scores changed from one save to the one before it (by criterion), for the history: a save
 * that changed nothing is still listed (every save is kept), with nothing marked.
 */
export function changedCriteria(
  save: AssessmentSave,
  previous: AssessmentSave | undefined,
): Set<string> {
  if (!previous) return new Set();
  return new Set(
    save.scores
      .filter((score) => {
        const before = previous.scores.find((old) => old.criterion === score.criterion);
        return (
          before !== undefined && (before.score !== score.score || before.comment !== score.comment)
        );
      })
      .map((score) => score.criterion),
  );
}
