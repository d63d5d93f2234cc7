import {
  changedCriteria,
  meanInWords,
  type AssessmentAggregates,
  type AssessmentSave,
  type VisibleAssessment,
} from "../../../domain/review/assessment.ts";
import { assessmentTexts } from "../../../domain/review/assessment-texts.ts";
import { dateTimeOf } from "../../../domain/review/dates.ts";
import { el, type Child } from "../dom.ts";

/**
 * The read-only parts of the assessment, as DOM: the weighted means with the disagreement flag,
 * each visible assessment (others' only after one's own, as the API gives them), and the history
 * of one's own saves. Every word a reviewer wrote is set as text.
 */

const t = assessmentTexts;
const time = (instant: string) => el("time", { datetime: instant }, dateTimeOf(instant));
const recommendationLabel = (value: string | null) =>
  value
    ? (t.form.recommendationLabels[value as keyof typeof t.form.recommendationLabels] ?? value)
    : "–";

/** A part of the assessment with its `<h3>`. */
function part(id: string, heading: string, ...children: Child[]): HTMLElement {
  return el(
    "section",
    { class: "assessment-part", "aria-labelledby": `${id}-heading` },
    el("h3", { id: `${id}-heading` }, heading),
    ...children,
  );
}

/** The weighted means per criterion and overall, and where the scores differ by 2 or more. */
function meansTable(aggregates: AssessmentAggregates): HTMLElement {
  const o = t.others;
  return el(
    "div",
    { class: "table-wrapper" },
    el(
      "table",
      { class: "assessment-means" },
      el("caption", {}, o.caption),
      el(
        "thead",
        {},
        el(
          "tr",
          {},
          ...[o.criterion, o.mean, o.range, o.count, o.agreement].map((heading) =>
            el("th", { scope: "col" }, heading),
          ),
        ),
      ),
      el(
        "tbody",
        {},
        ...(aggregates.criteria ?? []).map((row) =>
          el(
            "tr",
            {},
            el("th", { scope: "row" }, row.name),
            el("td", {}, meanInWords(row.mean)),
            el("td", {}, row.min === null ? "–" : `${row.min}–${row.max}`),
            el("td", {}, row.count),
            el(
              "td",
              {},
              row.disagreement
                ? el("strong", { class: "tag tag--overdue" }, o.disagreement)
                : o.agree,
            ),
          ),
        ),
      ),
    ),
  );
}

/** One reviewer's assessment: scores with comments, recommendation, overall comment. */
function assessmentCard(assessment: VisibleAssessment): HTMLElement {
  const o = t.others;
  return el(
    "li",
    { class: "assessment-card" },
    el("h4", {}, o.reviewer(assessment.reviewer.name, assessment.isMe)),
    assessment.conflictOfInterest ? el("p", {}, el("strong", {}, o.conflictMarked)) : null,
    assessment.complete ? null : el("p", {}, o.incomplete),
    el(
      "dl",
      { class: "facts" },
      ...assessment.scores.flatMap((score) => [
        el("dt", {}, o.score(score.name, score.score)),
        el("dd", { class: "pre-line" }, score.comment),
      ]),
      el("dt", {}, o.recommendation),
      el("dd", {}, recommendationLabel(assessment.recommendation)),
      el("dt", {}, o.comment),
      el("dd", { class: "pre-line" }, assessment.comment || o.noComment),
    ),
    assessment.updatedAt
      ? el("p", { class: "message__meta" }, o.updatedAt(dateTimeOf(assessment.updatedAt)))
      : null,
  );
}

/**
 * Everyone's assessments the caller may see, with the means: only when the API says they are
 * visible (after one's own, or for a coordinator). Null otherwise.
 */
export function othersPart(
  aggregates: AssessmentAggregates,
  assessments: readonly VisibleAssessment[],
): HTMLElement | null {
  if (!aggregates.visible) return null;
  const o = t.others;
  const others = assessments.filter((assessment) => !assessment.isMe);
  return part(
    "assessment-others",
    o.heading,
    el("h4", {}, o.means),
    meansTable(aggregates),
    el("p", {}, el("strong", {}, o.overall(meanInWords(aggregates.overall)))),
    aggregates.completeAssessments === null
      ? null
      : el("p", {}, o.complete(aggregates.completeAssessments)),
    (aggregates.criteria ?? []).some((row) => row.disagreement)
      ? el("p", {}, o.disagreementHint)
      : null,
    others.length === 0 ? el("p", {}, o.none) : null,
    el("ul", { class: "assessment-cards" }, ...assessments.map(assessmentCard)),
  );
}

/** One's own assessment, read-only (after the decision), or that there is none. */
export function minePart(mine: VisibleAssessment | undefined): HTMLElement {
  return part(
    "assessment-mine",
    t.mine.heading,
    mine ? el("ul", { class: "assessment-cards" }, assessmentCard(mine)) : el("p", {}, t.mine.none),
  );
}

/** Every save of one's own assessment, newest first, the changed scores marked. */
export function historyPart(saves: readonly AssessmentSave[] | null): HTMLElement {
  const h = t.history;
  if (saves === null) return part("assessment-history", h.heading, el("p", {}, h.unreachable));
  if (saves.length === 0) return part("assessment-history", h.heading, el("p", {}, h.none));
  return part(
    "assessment-history",
    h.heading,
    el("p", {}, h.intro),
    el(
      "ol",
      { class: "timeline" },
      ...saves.map((save, index) => {
        const changed = changedCriteria(save, saves[index + 1]);
        return el(
          "li",
          {},
          el(
            "p",
            { class: "message__meta" },
            `${h.saved} `,
            time(save.savedAt),
            index === 0 ? ` ${h.current}` : "",
          ),
          el(
            "ul",
            {},
            ...save.scores.map((score) =>
              el(
                "li",
                {},
                el("strong", {}, h.score(score.name, score.score)),
                changed.has(score.criterion) ? ` (${h.changed})` : "",
                ` – ${score.comment}`,
              ),
            ),
            save.recommendation
              ? el("li", {}, h.recommendation(recommendationLabel(save.recommendation)))
              : null,
          ),
        );
      }),
    ),
  );
}
