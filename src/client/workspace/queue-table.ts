import { workspaceIdeaPath } from "../../config/navigation.ts";
import type { QueueIdea, QueuePage, StateCount } from "../../domain/review/answers.ts";
import { daysInWords, shortDateOf } from "../../domain/review/dates.ts";
import { queueTexts } from "../../domain/review/queue-texts.ts";
import type { QueueSort } from "../../domain/review/queue-parameters.ts";
import { el, type Child } from "./dom.ts";

/**
 * The queue's table and its counts per state, as DOM (decision 0009: text only, never HTML). The
 * table keeps its semantics when a narrow screen stacks its rows: each part carries its ARIA role
 * explicitly (browsers drop a table's roles when CSS changes its `display`), and each cell its
 * column's name for the label the stacked layout shows (`data-label`, site.css).
 */

const t = queueTexts.table;

/** The columns, in order: their header and the cell of one idea. */
const columns: readonly {
  label: string;
  className?: string;
  cell: (idea: QueueIdea) => Child[];
}[] = [
  {
    label: t.title,
    cell: (idea) => [
      idea.title,
      idea.sharedRegionally ? el("span", { class: "tag queue-table__shared" }, t.shared) : null,
    ],
  },
  { label: t.municipality, cell: (idea) => [idea.municipality.name] },
  { label: t.area, cell: (idea) => [idea.area.name] },
  { label: t.state, cell: (idea) => [idea.stateLabel] },
  {
    label: t.receivedAt,
    cell: (idea) => [el("time", { datetime: idea.receivedAt }, shortDateOf(idea.receivedAt))],
  },
  { label: t.waiting, className: "number", cell: (idea) => [daysInWords(idea.daysWaiting)] },
  { label: t.assignees, cell: assigneesOf },
  { label: t.dueOn, cell: dueDateOf },
];

function assigneesOf(idea: QueueIdea): Child[] {
  if (idea.assignees.length === 0) return [t.noAssignees];
  return [
    el(
      "ul",
      { class: "queue-table__assignees" },
      ...idea.assignees.map((assignee) =>
        el("li", {}, assignee.name, assignee.done ? ` (${t.done})` : null),
      ),
    ),
    el("span", {}, t.progress(idea.assessments.done, idea.assessments.expected)),
  ];
}

function dueDateOf(idea: QueueIdea): Child[] {
  if (!idea.dueOn) return [t.noDueDate];
  return [
    el("time", { datetime: idea.dueOn }, shortDateOf(idea.dueOn)),
    // A word, not only a colour (WCAG 1.4.1).
    idea.overdue ? el("strong", { class: "tag tag--overdue" }, t.overdue) : null,
  ];
}

/** One idea as a row: its reference (a link to its page) heads the row. */
export function queueRow(idea: QueueIdea): HTMLTableRowElement {
  return el(
    "tr",
    { role: "row" },
    el(
      "th",
      { scope: "row", role: "rowheader", "data-label": t.reference },
      el("div", {}, el("a", { href: workspaceIdeaPath(idea.reference) }, idea.reference)),
    ),
    ...columns.map((column) =>
      el(
        "td",
        { role: "cell", "data-label": column.label, class: column.className },
        el("div", {}, ...column.cell(idea)),
      ),
    ),
  );
}

/** The table with a caption, column headers and the page's rows; more rows go into its body. */
export function queueTable(
  page: QueuePage,
  sort: QueueSort,
): { table: HTMLTableElement; body: HTMLTableSectionElement; caption: HTMLElement } {
  const caption = el("caption", {}, t.caption(sort, page.ideas.length, page.total));
  const body = el("tbody", { role: "rowgroup" }, ...page.ideas.map(queueRow));
  const table = el(
    "table",
    { class: "queue-table", role: "table" },
    caption,
    el(
      "thead",
      { role: "rowgroup" },
      el(
        "tr",
        { role: "row" },
        el("th", { scope: "col", role: "columnheader" }, t.reference),
        ...columns.map((column) =>
          el("th", { scope: "col", role: "columnheader", class: column.className }, column.label),
        ),
      ),
    ),
    body,
  );
  return { table, body, caption };
}

/**
 * The counts per state ("Inkommen 12 · Under bedömning 4 …") as links that filter on the state,
 * with "Alla lägen" first; the current state is marked (`aria-current`), not by colour alone.
 */
export function stateCountLinks(
  counts: readonly StateCount[],
  current: string | null,
  hrefFor: (state: string | null) => string,
): HTMLUListElement {
  const total = counts.reduce((sum, count) => sum + count.count, 0);
  const link = (state: string | null, label: string, count: number) =>
    el(
      "li",
      {},
      el(
        "a",
        {
          href: hrefFor(state),
          "data-state": state ?? "",
          "aria-current": (current ?? null) === state ? "true" : null,
        },
        `${label} `,
        el("span", { class: "queue-counts__count" }, count),
      ),
    );
  return el(
    "ul",
    { class: "queue-counts" },
    link(null, queueTexts.counts.all, total),
    ...counts.map((count) => link(count.state, count.label, count.count)),
  );
}
