import type { QueuePage } from "../../../domain/review/answers.ts";
import type { DecisionTemplates } from "../../../domain/review/decision-answers.ts";
import {
  fieldsOfMove,
  isDecision,
  movesFrom,
  needsReason,
} from "../../../domain/review/decision-moves.ts";
import { decisionTexts } from "../../../domain/review/decision-texts.ts";
import { dateTimeOf } from "../../../domain/review/dates.ts";
import { similarityInWords } from "../../../domain/review/idea-page-texts.ts";
import { ideaStateLabels, type IdeaState } from "../../../domain/idea/states.ts";
import { callApi } from "../api.ts";
import { el, replaceContent } from "../dom.ts";
import type { DecisionContext } from "./context.ts";
import {
  button,
  choiceGroup,
  clearErrors,
  errorArea,
  showErrors,
  textField,
  valueOf,
  valuesOf,
} from "./form-parts.ts";

/**
 * The idea page's state moves and decisions (`POST …/state`), the release of a pending decision
 * (`POST …/release`) and the removal of a duplicate link (`POST …/unlink`).
 */

const t = decisionTexts;

/** A part of the section: an `<h3>` and what follows. */
function part(id: string, heading: string, ...children: (Node | null)[]): HTMLElement {
  return el(
    "div",
    { class: "decision-part", id },
    el("h3", { id: `${id}-heading` }, heading),
    ...children,
  );
}

/** The template for a decision, filled in for the idea (coordinators only get them). */
function templateFor(templates: DecisionTemplates | undefined, to: IdeaState): string {
  if (!templates || !isDecision(to)) return "";
  return templates[to] ?? "";
}

/** "Ändra läge": the moves the caller may make, with a reason; decisions with their message. */
export function stateSection(context: DecisionContext): HTMLElement {
  const { idea } = context;
  const from = idea.state;
  const pending = Boolean(idea.pendingDecision);
  const moves = movesFrom(from, {
    coordinator: idea.can?.decide ?? false,
    decisionPending: pending,
  });
  const now = el("p", {}, t.moves.now(ideaStateLabels[from]));
  if (pending)
    return part("decision-move", t.moves.heading, now, el("p", {}, t.moves.waitForRelease));
  if (moves.length === 0)
    return part("decision-move", t.moves.heading, now, el("p", {}, t.moves.none));

  const form = el("form", { id: "decision-move-form", novalidate: true });
  const single = moves.length === 1 ? moves[0]! : null;
  const choice = single
    ? el("input", { type: "hidden", name: "to", value: single })
    : choiceGroup({
        id: "decision-to",
        name: "to",
        legend: t.moves.legend,
        type: "radio",
        choices: moves.map((to) => ({ value: to, label: t.moves.label(from, to) })),
      });
  const reason = textField({
    id: "decision-reason",
    name: "reason",
    label: single && !needsReason(from, single) ? t.moves.reasonOptional : t.moves.reason,
    hint: t.moves.reasonHint,
    multiline: true,
    rows: 3,
    maxLength: 2000,
  });
  const message = textField({
    id: "decision-message",
    name: "message",
    label: t.moves.message,
    hint: t.moves.messageHint,
    multiline: true,
    rows: 12,
    maxLength: 4000,
  });
  const original = originalChoice(context);
  const forwardedTo = textField({
    id: "decision-forwarded-to",
    name: "forwarded_to",
    label: t.moves.forwardedTo,
    hint: t.moves.forwardedToHint,
    maxLength: 200,
  });
  const followUpOn = textField({
    id: "decision-follow-up-on",
    name: "follow_up_on",
    label: t.moves.followUpOn,
    hint: t.moves.followUpOnHint,
  });
  const municipalities = choiceGroup({
    id: "decision-municipalities",
    name: "municipalities",
    legend: t.moves.municipalities,
    hint: t.moves.municipalitiesHint[from === "implemented" ? "spread" : "implemented"],
    type: "checkbox",
    choices: context.municipalities.map((m) => ({
      value: m.code,
      label: m.name,
      checked: idea.interest.some(
        (interest) => interest.kind === "implemented" && interest.municipality.code === m.code,
      ),
    })),
  });
  const bearerSees = el("p", { class: "notice", id: "decision-bearer-sees" });
  const submit = button(t.moves.submit);
  const blocks = {
    message,
    duplicate_of: original,
    forwarded_to: forwardedTo,
    follow_up_on: followUpOn,
    municipalities,
  } as const;

  let lastTemplate = "";
  const chosen = (): IdeaState | null => {
    const value = valueOf(form, "to");
    return value ? (value as IdeaState) : null;
  };
  const update = () => {
    const to = chosen();
    const needs = to ? fieldsOfMove(to) : [];
    for (const [name, block] of Object.entries(blocks))
      block.hidden = !needs.includes(name as keyof typeof blocks);
    reason.hidden = to === null;
    bearerSees.hidden = to === null;
    if (!to) return;
    const textarea = message.querySelector("textarea")!;
    // The message starts as the decision's template; one the coordinator has edited is kept.
    const template = templateFor(idea.decisionTemplates, to);
    if (isDecision(to) && (textarea.value === "" || textarea.value === lastTemplate)) {
      textarea.value = template;
      lastTemplate = template;
    }
    replaceContent(
      bearerSees,
      isDecision(to) ? t.moves.bearerSees.decision : t.moves.bearerSees.move(ideaStateLabels[to]),
    );
    replaceContent(
      submit,
      single
        ? t.moves.label(from, single)
        : isDecision(to)
          ? t.moves.submitDecision
          : t.moves.submit,
    );
  };
  form.addEventListener("change", (event) => {
    if ((event.target as HTMLInputElement).name === "to") update();
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearErrors(form);
    const to = chosen();
    if (!to) return showErrors(form, t.errors.chooseMove, "to");
    const needs = fieldsOfMove(to);
    const body: Record<string, unknown> = { to, expected: from };
    const reasonText = valueOf(form, "reason");
    if (reasonText) body.reason = reasonText;
    for (const name of needs) {
      if (name === "municipalities") body.municipalities = valuesOf(form, name);
      else {
        const value = valueOf(form, name);
        if (value) body[name] = value;
      }
    }
    if (to === "duplicate" && !body.duplicate_of)
      return showErrors(form, t.errors.chooseOriginal, "duplicate_of");
    const label = ideaStateLabels[to];
    void context.act(
      form,
      { path: `${context.ideaPath}/state`, method: "POST", json: body },
      isDecision(to) ? t.done.decided(label) : t.done.moved(label),
    );
  });

  form.append(
    errorArea(),
    choice,
    reason,
    original,
    forwardedTo,
    followUpOn,
    municipalities,
    message,
    bearerSees,
    el("div", { class: "button-group" }, submit),
  );
  update();
  return part("decision-move", t.moves.heading, now, form);
}

/**
 * The original of a duplicate: the similar ideas first (the idea answer has them), then what a
 * search finds (`GET /api/review/ideas?q=`), each a radio button.
 */
function originalChoice(context: DecisionContext): HTMLElement {
  const { idea, similar } = context;
  const group = choiceGroup({
    id: "decision-duplicate-of",
    name: "duplicate_of",
    legend: t.duplicate.legend,
    hint: t.duplicate.hint,
    type: "radio",
    choices: similar
      .filter((other) => other.reference !== idea.reference)
      .map((other) => ({
        value: other.reference,
        label: t.duplicate.option(
          other.reference,
          other.title,
          [
            other.municipality.name,
            other.stateLabel,
            `${t.duplicate.similarLabel}: ${similarityInWords(other.similarity).toLowerCase()}`,
          ].join(", "),
        ),
      })),
  });
  const choices = group.querySelector(".choices")!;
  const search = textField({
    id: "decision-duplicate-search",
    name: "duplicate_search",
    label: t.duplicate.search,
    hint: t.duplicate.searchHint,
    type: "search",
    maxLength: 200,
  });
  const searchButton = button(t.duplicate.searchButton, { secondary: true, submit: false });
  const status = el("p", { role: "status", id: "decision-duplicate-status" });
  const run = async () => {
    const input = search.querySelector("input")!;
    const q = input.value.trim();
    if (!q) return;
    replaceContent(status, t.duplicate.searching);
    const answer = await callApi<QueuePage | { message?: string }>(
      `/api/review/ideas?${new URLSearchParams({ q, limit: "10" }).toString()}`,
    );
    if (answer.status !== 200) {
      replaceContent(
        status,
        (answer.body as { message?: string } | null)?.message ?? t.errors.unreachable,
      );
      return;
    }
    const found = (answer.body as QueuePage).ideas.filter(
      (other) => other.reference !== idea.reference,
    );
    const offered = new Set(
      [...choices.querySelectorAll<HTMLInputElement>("input")].map((input) => input.value),
    );
    let index = choices.children.length;
    for (const other of found) {
      if (offered.has(other.reference)) continue;
      index += 1;
      const inputId = `decision-duplicate-of-${index}`;
      choices.append(
        el(
          "div",
          { class: "choice" },
          el("input", { type: "radio", id: inputId, name: "duplicate_of", value: other.reference }),
          el(
            "label",
            { for: inputId },
            t.duplicate.option(
              other.reference,
              other.title,
              [other.municipality.name, other.stateLabel].join(", "),
            ),
          ),
        ),
      );
    }
    replaceContent(status, t.duplicate.found(found.length));
  };
  searchButton.addEventListener("click", () => void run());
  search.querySelector("input")!.addEventListener("keydown", (event) => {
    // Enter searches; it must not send the decision.
    if (event.key === "Enter") {
      event.preventDefault();
      void run();
    }
  });
  const wrapper = el(
    "div",
    { "data-field-wrapper": "duplicate_of-block" },
    group,
    search,
    el("div", { class: "button-group" }, searchButton),
    status,
  );
  return wrapper;
}

/** The decision that waits to be released: what the bearer sees now, and the release. */
export function releaseSection(context: DecisionContext): HTMLElement | null {
  const { idea } = context;
  const pending = idea.pendingDecision;
  if (!pending) return null;
  const facts = el(
    "dl",
    { class: "facts" },
    el("dt", {}, t.release.reason),
    el("dd", { class: "pre-line" }, pending.reason ?? ""),
    el("dt", {}, t.release.message),
    el("dd", { class: "pre-line" }, pending.message),
  );
  const intro = [
    el(
      "p",
      {},
      t.release.decided(
        pending.decidedBy,
        ideaStateLabels[pending.state],
        dateTimeOf(pending.decidedAt),
      ),
    ),
    el("p", {}, t.release.bearerSeesNow(ideaStateLabels[idea.publicState])),
  ];
  if (!idea.can?.release)
    return part(
      "decision-release",
      t.release.heading,
      ...intro,
      facts,
      el("p", {}, t.release.onlyCoordinator),
    );
  const form = el(
    "form",
    { id: "decision-release-form", novalidate: true },
    errorArea(),
    el("p", {}, t.release.whenReleased),
    el("div", { class: "button-group" }, button(t.release.button)),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void context.act(
      form,
      { path: `${context.ideaPath}/release`, method: "POST" },
      t.done.released,
    );
  });
  return part("decision-release", t.release.heading, ...intro, facts, form);
}

/** A duplicate's link, its removal (coordinators), and the links removed before. */
export function duplicateSection(context: DecisionContext): HTMLElement | null {
  const { idea } = context;
  const removed = (idea.linkHistory ?? []).filter(
    (link) => link.kind === "duplicate_of" && link.direction === "to" && link.removedAt,
  );
  const active = idea.links.find((link) => link.kind === "duplicate_of" && link.direction === "to");
  if (idea.state !== "duplicate" && removed.length === 0) return null;
  const children: (Node | null)[] = [];
  if (idea.state === "duplicate" && active)
    children.push(
      el("p", {}, `${t.unlink.linkedTo} ${active.idea.reference} – ${active.idea.title}.`),
    );
  if (idea.state === "duplicate" && idea.can?.unlink && !idea.pendingDecision) {
    // Was the bearer told? Then the removal needs a message, released at once (decision 0015).
    const last = [...idea.timeline].reverse().find((event) => event.toState === "duplicate");
    const told = Boolean(last?.decision?.releasedAt);
    const form = el("form", { id: "decision-unlink-form", novalidate: true });
    form.append(
      errorArea(),
      textField({
        id: "decision-unlink-reason",
        name: "reason",
        label: t.unlink.reason,
        multiline: true,
        rows: 3,
        maxLength: 2000,
      }),
      told
        ? textField({
            id: "decision-unlink-message",
            name: "message",
            label: t.unlink.message,
            hint: t.unlink.toldHint,
            multiline: true,
            rows: 8,
            maxLength: 4000,
            value: idea.decisionTemplates?.duplicateRemoved ?? "",
          })
        : el("p", { class: "notice" }, t.unlink.notTold),
      el("div", { class: "button-group" }, button(t.unlink.button)),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const body: Record<string, unknown> = {
        expected: "duplicate",
        reason: valueOf(form, "reason"),
      };
      const message = valueOf(form, "message");
      if (told && message) body.message = message;
      void context.act(
        form,
        { path: `${context.ideaPath}/unlink`, method: "POST", json: body },
        t.done.unlinked,
      );
    });
    children.push(form);
  }
  if (removed.length > 0)
    children.push(
      el("h4", {}, t.unlink.history),
      el(
        "ul",
        {},
        ...removed.map((link) =>
          el(
            "li",
            {},
            t.unlink.historyItem(
              link.idea.reference,
              link.createdBy,
              dateTimeOf(link.createdAt),
              link.removedBy,
              dateTimeOf(link.removedAt!),
            ),
          ),
        ),
      ),
    );
  return part("decision-duplicate", t.unlink.heading, ...children);
}
