// First: the schemas below are built when their module loads, and must not try `new Function`.
import "./zod-without-eval.ts";
import { workspaceIdeaPath } from "../../config/navigation.ts";
import { ideaStateLabels } from "../../domain/idea/states.ts";
import { overviewSchema, type Overview } from "../../domain/review/overview.ts";
import { overviewTexts as t } from "../../domain/review/overview-texts.ts";
import { callApi } from "./api.ts";
import { barChart } from "./bar-chart.ts";
import { dataTable, el, replaceContent } from "./dom.ts";

const dateFormat = new Intl.DateTimeFormat("sv-SE", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "Europe/Stockholm",
});
const timeFormat = new Intl.DateTimeFormat("sv-SE", {
  dateStyle: "long",
  timeStyle: "short",
  timeZone: "Europe/Stockholm",
});

/** A date (YYYY-MM-DD) as Swedish text; noon UTC is the same day in Stockholm all year. */
function formatDay(day: string): string {
  return dateFormat.format(new Date(`${day}T12:00:00Z`));
}

/** The link to an idea's page: its reference, then its title. */
function ideaLink(reference: string, title: string): HTMLElement {
  return el("a", { href: workspaceIdeaPath(reference) }, `${reference} `, el("span", {}, title));
}

function figure(term: string, value: string | number): HTMLElement {
  return el("div", {}, el("dt", {}, term), el("dd", {}, value));
}

function median(days: number | null): string {
  return days === null ? t.figures.none : t.figures.days(days);
}

/**
 * `<review-overview>`: the coordinator's overview (/granska/oversikt/). It reads
 * `GET /api/review/overview` once and shows the key figures, the charts – each an accessible SVG
 * with the same numbers as a table, as on /statistik/ – the forwarded ideas due for follow-up and
 * the decisions not yet released, each linking to its idea. A reviewer who is not a coordinator
 * (403) is told the page is for coordinators; an outage says to try again later.
 */
export class ReviewOverview extends HTMLElement {
  connectedCallback(): void {
    void this.#load();
  }

  async #load(): Promise<void> {
    const status = this.querySelector<HTMLElement>("[data-overview-status]");
    const content = this.querySelector<HTMLElement>("[data-overview-content]");
    if (!status || !content) return;
    const answer = await callApi("/api/review/overview");
    const parsed = answer.status === 200 ? overviewSchema.safeParse(answer.body) : undefined;
    if (!parsed?.success) {
      status.classList.add("notice");
      replaceContent(status, answer.status === 403 ? t.coordinatorsOnly : t.unavailable);
      return;
    }
    status.hidden = true;
    replaceContent(content, ...this.#render(parsed.data));
  }

  #render(overview: Overview): HTMLElement[] {
    const { charts } = t;
    const asChart = (
      id: string,
      chart: { title: string; labelHeading: string },
      rows: { label: string; value: number }[],
      valueHeading: string = charts.valueHeading,
    ) =>
      barChart({
        id,
        ...chart,
        valueHeading,
        caption: charts.asTable(chart.title),
        rows,
      });
    return [
      el(
        "dl",
        { class: "key-figures" },
        figure(t.figures.total, overview.ideas_total),
        figure(t.figures.toFirstAssessment, median(overview.median_days.to_first_assessment)),
        figure(t.figures.toDecision, median(overview.median_days.to_decision)),
        figure(t.figures.unreleased, overview.unreleased_decisions.count),
      ),
      el("p", {}, t.figures.periodNote),
      this.#unreleased(overview),
      this.#followUps(overview),
      asChart(
        "per-lage",
        charts.funnel,
        overview.funnel.map((row) => ({ label: ideaStateLabels[row.state], value: row.count })),
      ),
      overview.overdue_assessments.length > 0
        ? asChart(
            "forsenade",
            charts.overdue,
            overview.overdue_assessments.map((row) => ({
              label: row.reviewer.name,
              value: row.count,
            })),
            charts.overdue.valueHeading,
          )
        : el(
            "section",
            { class: "chart", "aria-labelledby": "forsenade-heading" },
            el("h2", { id: "forsenade-heading" }, charts.overdue.title),
            el("p", {}, charts.overdue.none),
          ),
      asChart(
        "per-kommun",
        charts.municipalities,
        overview.per_municipality.map((row) => ({ label: row.name, value: row.count })),
      ),
      asChart(
        "per-omrade",
        charts.areas,
        overview.per_area.map((row) => ({ label: row.name, value: row.count })),
      ),
      el(
        "p",
        { class: "card__meta" },
        t.updated(timeFormat.format(new Date(overview.generated_at))),
      ),
    ];
  }

  #unreleased(overview: Overview): HTMLElement {
    const { unreleased: texts } = t;
    const { count, items } = overview.unreleased_decisions;
    return el(
      "section",
      { "aria-labelledby": "ej-skickade-heading" },
      el("h2", { id: "ej-skickade-heading" }, texts.heading),
      el("p", {}, texts.intro),
      items.length === 0
        ? el("p", {}, texts.none)
        : dataTable({
            caption: texts.heading,
            hideCaption: true,
            columns: [
              { heading: texts.idea },
              { heading: texts.decision },
              { heading: texts.decidedBy },
              { heading: texts.waiting, numeric: true },
            ],
            rows: items.map((item) => [
              ideaLink(item.reference, item.title),
              ideaStateLabels[item.state],
              item.decided_by ?? "",
              texts.days(item.days_waiting),
            ]),
          }),
      count > items.length ? el("p", {}, texts.more(items.length, count)) : false,
    );
  }

  #followUps(overview: Overview): HTMLElement {
    const { followUps: texts } = t;
    const { items } = overview.follow_ups;
    return el(
      "section",
      { "aria-labelledby": "uppfoljning-heading" },
      el("h2", { id: "uppfoljning-heading" }, texts.heading),
      el("p", {}, texts.intro),
      items.length === 0
        ? el("p", {}, texts.none)
        : dataTable({
            caption: texts.heading,
            hideCaption: true,
            columns: [
              { heading: texts.idea },
              { heading: texts.forwardedTo },
              { heading: texts.followUpOn },
            ],
            rows: items.map((item) => [
              ideaLink(item.reference, item.title),
              item.forwarded_to ?? "",
              [
                item.follow_up_on ? formatDay(item.follow_up_on) : texts.noDate,
                item.overdue ? el("span", { class: "tag" }, texts.overdue) : false,
              ],
            ]),
          }),
    );
  }
}

customElements.define("review-overview", ReviewOverview);
