import { workspaceIdeaPath } from "../../config/navigation.ts";
import type {
  IdeaSummary,
  IdeaVersion,
  ReviewIdea,
  SimilarIdea,
} from "../../domain/review/answers.ts";
import { dateTimeOf, daysInWords, longDateOf } from "../../domain/review/dates.ts";
import { ideaPageTexts, similarityInWords } from "../../domain/review/idea-page-texts.ts";
import { ideaStateLabels } from "../../domain/idea/states.ts";
import { ideaFormTexts } from "../../views/idea-form-texts.ts";
import { el, type Child } from "./dom.ts";

/**
 * The idea page's sections, as DOM (decision 0009): every word the bearer or a reviewer wrote is
 * set as text. Each section is a `<section>` named by its `<h2>`, so screen reader users can move
 * between them; facts are description lists.
 */

const t = ideaPageTexts;
const formTexts = ideaFormTexts.sv;

/** A section with its heading. */
function section(id: string, heading: string, ...children: Child[]): HTMLElement {
  return el(
    "section",
    { class: "idea-section", "aria-labelledby": `${id}-heading` },
    el("h2", { id: `${id}-heading` }, heading),
    ...children,
  );
}

/** A description list of label → value; an empty value says so. */
function facts(rows: readonly [string, Child | Child[]][], className = "facts"): HTMLDListElement {
  return el(
    "dl",
    { class: className },
    ...rows.flatMap(([label, value]) => {
      const values = Array.isArray(value) ? value : [value];
      const empty = values.every((part) => part === null || part === undefined || part === "");
      return [el("dt", {}, label), el("dd", {}, ...(empty ? [t.text.empty] : values))];
    }),
  );
}

const time = (instant: string, text: string) => el("time", { datetime: instant }, text);

/** The facts about the idea: reference, state, where it comes from, how long it has waited. */
export function factsSection(idea: ReviewIdea): HTMLElement {
  const f = t.facts;
  const rows: [string, Child | Child[]][] = [
    [f.reference, idea.reference],
    [f.state, idea.stateLabel],
  ];
  if (idea.publicState !== idea.state)
    rows.push([f.publicState, ideaStateLabels[idea.publicState]]);
  rows.push(
    [f.municipality, idea.municipality.name],
    [f.area, idea.area.name],
    [f.receivedAt, time(idea.receivedAt, dateTimeOf(idea.receivedAt))],
    [f.waiting, daysInWords(idea.daysWaiting)],
    [f.shared, idea.sharedRegionally ? f.yes : f.no],
    [f.published, idea.publishedAt ? time(idea.publishedAt, longDateOf(idea.publishedAt)) : f.no],
  );
  if (idea.forwardedTo) rows.push([f.forwardedTo, idea.forwardedTo]);
  if (idea.followUpOn)
    rows.push([f.followUpOn, time(idea.followUpOn, longDateOf(idea.followUpOn))]);
  return section("idea-facts", f.heading, facts(rows));
}

/** Every field of one version of the text. */
function versionFields(version: IdeaVersion, withTitle = false): HTMLDListElement {
  const x = t.text;
  return facts(
    [
      ...(withTitle ? [[x.title, version.title] as [string, Child]] : []),
      [x.problem, version.problem],
      [x.proposal, version.proposal],
      [
        x.beneficiaries,
        version.beneficiaries
          .map(
            (value) =>
              formTexts.beneficiaries[value as keyof typeof formTexts.beneficiaries] ?? value,
          )
          .join(", "),
      ],
      [x.expectedEffects, version.expectedEffects],
      [x.tried, formTexts.tried[version.tried as keyof typeof formTexts.tried] ?? version.tried],
      [x.resources, version.resources],
      [x.workplace, version.workplace],
    ],
    "facts facts--text",
  );
}

/** The current text, and which version it is. */
export function textSection(idea: ReviewIdea): HTMLElement {
  const current = idea.current;
  return section(
    "idea-text",
    t.text.heading,
    el(
      "p",
      { class: "field__hint" },
      current.version === 1
        ? t.text.original
        : t.text.edited(current.version, current.createdBy, longDateOf(current.createdAt)),
    ),
    versionFields(current),
  );
}

/** The original and each later version, one `<details>` each (the original first). */
export function versionsSection(idea: ReviewIdea): HTMLElement {
  return section(
    "idea-versions",
    t.versions.heading,
    el("p", {}, t.versions.intro(idea.versions.length)),
    ...idea.versions.map((version) =>
      el(
        "details",
        { class: "idea-version" },
        el(
          "summary",
          {},
          version.version === 1
            ? t.versions.original(dateTimeOf(version.createdAt))
            : t.versions.later(version.version, version.createdBy, dateTimeOf(version.createdAt)),
        ),
        versionFields(version, true),
      ),
    ),
  );
}

/** The bearer's contact details, or why they are not shown. */
export function bearerSection(idea: ReviewIdea): HTMLElement {
  const b = t.bearer;
  if (!idea.bearerVisible) return section("idea-bearer", b.heading, el("p", {}, b.hidden));
  if (!idea.bearer) return section("idea-bearer", b.heading, el("p", {}, b.removed));
  const bearer = idea.bearer;
  return section(
    "idea-bearer",
    b.heading,
    facts([
      [b.name, bearer.name],
      [b.email, el("a", { href: `mailto:${bearer.email}` }, bearer.email)],
      [
        b.phone,
        bearer.phone
          ? el("a", { href: `tel:${bearer.phone.replace(/[^\d+]/g, "")}` }, bearer.phone)
          : b.none,
      ],
      [b.coBearers, bearer.coBearers || b.none],
      [b.contactConsent, bearer.contactConsent ? t.facts.yes : t.facts.no],
    ]),
  );
}

/** Who is assigned, by when, and who has finished. */
export function assignmentsSection(idea: ReviewIdea): HTMLElement {
  const a = t.assignments;
  if (idea.assignments.length === 0)
    return section("idea-assignments", a.heading, el("p", {}, a.none));
  return section(
    "idea-assignments",
    a.heading,
    el("p", {}, a.progress(idea.assessments.done, idea.assessments.expected)),
    el(
      "ul",
      { class: "idea-assignments" },
      ...idea.assignments.map((assignment) =>
        el(
          "li",
          {},
          el("strong", {}, assignment.reviewerName),
          assignment.isMe ? ` (${a.me})` : null,
          " – ",
          assignment.doneAt
            ? time(assignment.doneAt, a.done(longDateOf(assignment.doneAt)))
            : time(assignment.dueOn, a.due(longDateOf(assignment.dueOn))),
          assignment.overdue ? el("strong", { class: "tag tag--overdue" }, a.overdue) : null,
        ),
      ),
    ),
  );
}

/** The timeline: every move, who made it, when and why; a decision's message and its release. */
export function timelineSection(idea: ReviewIdea): HTMLElement {
  const x = t.timeline;
  if (idea.timeline.length === 0) return section("idea-timeline", x.heading, el("p", {}, x.none));
  return section(
    "idea-timeline",
    x.heading,
    el(
      "ol",
      { class: "timeline" },
      ...idea.timeline.map((event) =>
        el(
          "li",
          {},
          el(
            "p",
            { class: "message__meta" },
            time(event.occurredAt, dateTimeOf(event.occurredAt)),
            ` · ${x.actor(event)}`,
          ),
          el(
            "p",
            {},
            el(
              "strong",
              {},
              event.fromState
                ? x.move(ideaStateLabels[event.fromState], ideaStateLabels[event.toState])
                : x.received,
            ),
          ),
          event.reason ? el("p", { class: "pre-line" }, `${x.reason}: ${event.reason}`) : null,
          event.decision
            ? el(
                "div",
                { class: "timeline__message" },
                el("h3", {}, x.decision),
                el("p", { class: "pre-line" }, event.decision.message),
                el(
                  "p",
                  {},
                  event.decision.releasedAt
                    ? x.released(dateTimeOf(event.decision.releasedAt))
                    : x.unreleased,
                ),
              )
            : null,
        ),
      ),
    ),
  );
}

/** The questions to the bearer and their answers. */
export function messagesSection(idea: ReviewIdea): HTMLElement {
  const m = t.messages;
  if (idea.messages.length === 0) return section("idea-messages", m.heading, el("p", {}, m.none));
  return section(
    "idea-messages",
    m.heading,
    el(
      "ol",
      { class: "messages" },
      ...idea.messages.map((message) =>
        el(
          "li",
          { class: `message message--${message.direction}` },
          el(
            "p",
            { class: "message__meta" },
            message.direction === "to_bearer"
              ? m.question(message.authorName, dateTimeOf(message.createdAt))
              : m.answer(dateTimeOf(message.createdAt)),
          ),
          el("p", { class: "pre-line" }, message.body),
        ),
      ),
    ),
  );
}

/** Another idea by its summary: a link when the reviewer may open it, else its reference only. */
function summaryOf(idea: IdeaSummary): Child[] {
  return [
    idea.inScope
      ? el("a", { href: workspaceIdeaPath(idea.reference) }, idea.reference)
      : el("span", {}, idea.reference),
    ` – ${idea.title}`,
  ];
}

function summaryMeta(idea: IdeaSummary, ...more: string[]): string {
  return [idea.municipality.name, idea.stateLabel, ...more].join(" · ");
}

/** Links to other ideas (duplicates, related) and the municipalities' interest. */
export function connectionsSection(idea: ReviewIdea): HTMLElement {
  const c = t.connections;
  return section(
    "idea-connections",
    c.heading,
    el("h3", {}, c.links),
    idea.links.length === 0
      ? el("p", {}, c.noLinks)
      : el(
          "ul",
          {},
          ...idea.links.map((link) =>
            el(
              "li",
              {},
              `${c.link(link)} `,
              ...summaryOf(link.idea),
              ` (${summaryMeta(link.idea)})`,
            ),
          ),
        ),
    el("h3", {}, c.interest),
    idea.interest.length === 0
      ? el("p", {}, c.noInterest)
      : el(
          "ul",
          {},
          ...idea.interest.map((interest) =>
            el(
              "li",
              {},
              `${interest.municipality.name} ${c.interestKind(interest)} (`,
              time(interest.registeredAt, longDateOf(interest.registeredAt)),
              ")",
            ),
          ),
        ),
  );
}

/** Similar ideas across all municipalities, best first, with their similarity in words. */
export function similarSection(similar: readonly SimilarIdea[]): HTMLElement {
  const s = t.similar;
  return section(
    "idea-similar",
    s.heading,
    el("p", {}, s.intro),
    similar.length === 0
      ? el("p", {}, s.none)
      : el(
          "ol",
          { class: "similar-list" },
          ...similar.map((idea) =>
            el(
              "li",
              { "data-in-scope": String(idea.inScope) },
              el("p", {}, ...summaryOf(idea)),
              el(
                "p",
                { class: "message__meta" },
                summaryMeta(idea, `${s.similarity}: ${similarityInWords(idea.similarity)}`),
              ),
              idea.inScope ? null : el("p", {}, s.outOfScope(idea.municipality.name)),
            ),
          ),
        ),
  );
}
