import type { IdeaPageAnswer, ReviewIdea } from "../../../domain/review/answers.ts";
import { assessmentTexts } from "../../../domain/review/assessment-texts.ts";
import { dateTimeOf, longDateOf } from "../../../domain/review/dates.ts";
import { reviewFieldMessage } from "../../../domain/review/messages.ts";
import { callApi } from "../api.ts";
import { el, replaceContent, type Child } from "../dom.ts";
import { ideaShownEvent } from "../idea-events.ts";
import { whenSignedIn } from "../signed-in.ts";
import {
  clearErrors,
  errorSummaryElement,
  showErrorSummary,
  showFieldError,
  type FieldSlot,
  type FormError,
} from "./form-errors.ts";

/**
 * `<review-collaboration>` beside the assessment: the smallest good UI for working together on an
 * idea – a coordinator assigns a reviewer (from `GET /api/review/reviewers`) with a due date and
 * takes one off; everyone in scope writes internal notes, as replies and mentioning reviewers
 * (who get an e-mail without the note); and asks the bearer a question while the idea is in review.
 * Each form reports its errors the GOV.UK way and confirms with a focused notice; after an action
 * this island asks for the idea again itself, so an assessment being written beside it is kept.
 */

interface Reviewer {
  id: string;
  name: string;
  role: "reviewer" | "coordinator";
  municipality: { code: string; name: string } | null;
  is_me: boolean;
  assignment: { due_on: string; done_at: string | null; overdue: boolean } | null;
}

interface Note {
  id: number;
  replyTo: number | null;
  author: { id: string; name: string };
  body: string;
  createdAt: string;
  mentions: { id: string; name: string }[];
}

type Slots = Map<string, FieldSlot & { before: Element }>;

const t = assessmentTexts;

/** A field with a label, a hint and a control; its error slot under `name`. */
function field(
  slots: Slots,
  name: string,
  label: string,
  control: HTMLElement,
  hint?: string,
): HTMLElement {
  const hintId = hint ? `${control.id}-hint` : null;
  if (hintId) control.setAttribute("aria-describedby", hintId);
  const wrapper = el(
    "div",
    { class: "field" },
    el("label", { for: control.id }, label),
    hint ? el("p", { class: "field__hint", id: hintId }, hint) : null,
    control,
  );
  slots.set(name, { wrapper, described: control, errorId: `${control.id}-error`, before: control });
  return wrapper;
}

export class ReviewCollaboration extends HTMLElement {
  #idea: ReviewIdea | null = null;
  #isCoordinator = false;
  #status!: HTMLElement;
  #body!: HTMLElement;

  connectedCallback(): void {
    this.#status = el("div");
    this.#body = el("div");
    replaceContent(
      this,
      el("h2", { id: "collaboration-heading" }, t.collaborationHeading),
      this.#status,
      this.#body,
    );
    this.hidden = true;
    document.addEventListener(ideaShownEvent, (event) => {
      const answer = (event as CustomEvent<IdeaPageAnswer | null>).detail;
      if (answer) void this.#show(answer.idea);
    });
  }

  get #path(): string {
    return `/api/review/ideas/${encodeURIComponent(this.#idea?.reference ?? "")}`;
  }

  async #show(idea: ReviewIdea, confirmation?: string): Promise<void> {
    this.#idea = idea;
    const user = await whenSignedIn();
    this.#isCoordinator = user.role === "coordinator";
    const answer = await callApi<{ reviewers: Reviewer[] }>(
      `/api/review/reviewers?reference=${encodeURIComponent(idea.reference)}`,
    );
    const reviewers = answer.status === 200 ? answer.body.reviewers : [];
    const notes = (idea.notes as Note[] | undefined) ?? [];
    const open = idea.state === "in_review" || idea.state === "needs_info";
    this.hidden = false;

    replaceContent(
      this.#body,
      this.#isCoordinator ? this.#assignPart(reviewers) : null,
      this.#notesPart(notes, reviewers),
      open ? this.#questionPart(idea.state) : null,
    );
    replaceContent(this.#status);
    if (confirmation) {
      const notice = el(
        "div",
        { class: "notice confirmation", tabindex: "-1", "data-collaboration-confirmation": true },
        el("p", {}, confirmation),
      );
      replaceContent(this.#status, notice);
      notice.focus();
    }
  }

  async #reload(confirmation: string): Promise<void> {
    const answer = await callApi<{ idea: ReviewIdea }>(this.#path);
    if (answer.status === 200) await this.#show(answer.body.idea, confirmation);
  }

  /** A part with its heading, its error summary and a form. */
  #form(
    id: string,
    heading: string,
    intro: Child[],
    build: (slots: Slots) => Child[],
    submitLabel: string,
    send: (form: HTMLFormElement) => {
      method: "POST" | "DELETE";
      path: string;
      json?: unknown;
      errors: Record<string, string>;
      saving: string;
      confirmed: (body: unknown) => string;
    },
  ): HTMLElement {
    const slots: Slots = new Map();
    const summary = errorSummaryElement(`${id}-errors`);
    const submit = el("button", { type: "submit", class: "button" }, submitLabel);
    const form = el(
      "form",
      { novalidate: true, "aria-labelledby": `${id}-heading` },
      summary,
      ...build(slots),
      el("div", { class: "button-group" }, submit),
    );
    const showErrors = (errors: Record<string, string>, formMessage?: string) => {
      clearErrors(summary, slots.values());
      const list: FormError[] = formMessage ? [{ target: null, message: formMessage }] : [];
      for (const [name, message] of Object.entries(errors)) {
        const slot = slots.get(name);
        if (slot) showFieldError(slot, message, slot.before);
        list.push({ target: slot ? slot.described.id : null, message });
      }
      showErrorSummary(summary, list);
    };
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const request = send(form);
      if (Object.keys(request.errors).length) {
        showErrors(request.errors);
        return;
      }
      submit.disabled = true;
      replaceContent(this.#status, el("p", { role: "status" }, request.saving));
      void callApi<{ message?: string; fields?: Record<string, string> } | null>(request.path, {
        method: request.method,
        json: request.json,
      }).then(async (answer) => {
        submit.disabled = false;
        replaceContent(this.#status);
        if (answer.status === 200) {
          await this.#reload(request.confirmed(answer.body));
          return;
        }
        if (answer.status === 422 && answer.body?.fields) {
          const known = Object.entries(answer.body.fields).filter(([name]) => slots.has(name));
          if (known.length) {
            showErrors(Object.fromEntries(known));
            return;
          }
        }
        showErrors({}, answer.body?.message ?? t.unreachable);
      });
    });
    return el(
      "section",
      { class: "assessment-part", "aria-labelledby": `${id}-heading` },
      el("h3", { id: `${id}-heading` }, heading),
      ...intro,
      form,
    );
  }

  /** The coordinator's assignments: who is expected, take one off, assign one with a due date. */
  #assignPart(reviewers: readonly Reviewer[]): HTMLElement {
    const a = t.assign;
    const assigned = reviewers.filter((reviewer) => reviewer.assignment);
    const select = el(
      "select",
      { id: "assign-reviewer", name: "reviewer_id" },
      el("option", { value: "" }, a.choose),
      ...reviewers.map((reviewer) =>
        el(
          "option",
          { value: reviewer.id },
          a.option(
            reviewer.name,
            reviewer.municipality?.name ?? null,
            reviewer.assignment ? longDateOf(reviewer.assignment.due_on) : null,
          ),
        ),
      ),
    );
    const due = el("input", { type: "date", id: "assign-due", name: "due_on" });
    const list = el(
      "ul",
      { class: "idea-assignments" },
      ...assigned.map((reviewer) => {
        const remove = el(
          "button",
          { type: "button", class: "button button--secondary" },
          a.remove(reviewer.name),
        );
        remove.addEventListener("click", () => {
          remove.disabled = true;
          void callApi(`${this.#path}/assignments/${encodeURIComponent(reviewer.id)}`, {
            method: "DELETE",
          }).then((answer) => {
            remove.disabled = false;
            if (answer.status === 200) void this.#reload(a.removed(reviewer.name));
          });
        });
        return el(
          "li",
          {},
          el("strong", {}, reviewer.name),
          ` – ${longDateOf(reviewer.assignment!.due_on)} `,
          remove,
        );
      }),
    );
    return this.#form(
      "assign",
      a.heading,
      [
        el("p", {}, a.intro),
        el("h4", {}, a.expected),
        assigned.length ? list : el("p", {}, a.none),
      ],
      (slots) => [
        field(slots, "reviewer_id", a.reviewer, select),
        field(slots, "due_on", a.dueOn, due, a.dueOnHint),
      ],
      a.submit,
      () => {
        const errors: Record<string, string> = {};
        if (!select.value) errors.reviewer_id = reviewFieldMessage("reviewer_id", "missing");
        if (!due.value) errors.due_on = reviewFieldMessage("due_on", "missing");
        const name = reviewers.find((reviewer) => reviewer.id === select.value)?.name ?? "";
        return {
          method: "POST",
          path: `${this.#path}/assignments`,
          json: { reviewer_id: select.value, due_on: due.value },
          errors,
          saving: a.saving,
          confirmed: () => a.assigned(name, longDateOf(due.value)),
        };
      },
    );
  }

  /** The internal notes, a new one (or a reply) mentioning reviewers. */
  #notesPart(notes: readonly Note[], reviewers: readonly Reviewer[]): HTMLElement {
    const n = t.notes;
    const byId = new Map(notes.map((note) => [note.id, note]));
    const body = el("textarea", { id: "note-body", name: "body", rows: 4, maxlength: 4000 });
    const reply = el(
      "select",
      { id: "note-reply", name: "reply_to" },
      el("option", { value: "" }, n.replyNone),
      ...notes.map((note) =>
        el(
          "option",
          { value: note.id },
          n.replyOption(note.author.name, dateTimeOf(note.createdAt)),
        ),
      ),
    );
    const others = reviewers.filter((reviewer) => !reviewer.is_me);
    return this.#form(
      "notes",
      n.heading,
      [
        el("p", {}, n.intro),
        notes.length === 0
          ? el("p", {}, n.none)
          : el(
              "ol",
              { class: "messages" },
              ...notes.map((note) =>
                el(
                  "li",
                  { class: "message" },
                  el(
                    "p",
                    { class: "message__meta" },
                    n.byline(note.author.name, dateTimeOf(note.createdAt)),
                    note.replyTo && byId.get(note.replyTo)
                      ? ` · ${n.replyTo(byId.get(note.replyTo)!.author.name)}`
                      : "",
                  ),
                  el("p", { class: "pre-line" }, note.body),
                  note.mentions.length
                    ? el(
                        "p",
                        { class: "message__meta" },
                        n.mentions(note.mentions.map((mention) => mention.name).join(", ")),
                      )
                    : null,
                ),
              ),
            ),
      ],
      (slots) => {
        const mentionGroup = el(
          "div",
          { class: "choices" },
          ...others.map((reviewer) =>
            el(
              "div",
              { class: "choice" },
              el("input", {
                type: "checkbox",
                id: `mention-${reviewer.id}`,
                name: "mentions",
                value: reviewer.id,
              }),
              el("label", { for: `mention-${reviewer.id}` }, reviewer.name),
            ),
          ),
        );
        const fieldset = el(
          "fieldset",
          { "aria-describedby": "mentions-hint" },
          el("legend", {}, n.mentionLegend),
          el("p", { class: "field__hint", id: "mentions-hint" }, n.mentionHint),
          mentionGroup,
        );
        const mentionField = el("div", { class: "field" }, fieldset);
        slots.set("mentions", {
          wrapper: mentionField,
          described: fieldset,
          errorId: "mentions-error",
          before: mentionGroup,
        });
        return [
          field(slots, "body", n.body, body),
          notes.length ? field(slots, "reply_to", n.replyLabel, reply) : null,
          others.length ? mentionField : null,
        ];
      },
      n.submit,
      (form) => {
        const mentions = new FormData(form).getAll("mentions").map(String);
        const text = body.value.trim();
        return {
          method: "POST",
          path: `${this.#path}/notes`,
          json: {
            body: text,
            ...(reply.value ? { reply_to: Number(reply.value) } : {}),
            ...(mentions.length ? { mentions } : {}),
          },
          errors: (text ? {} : { body: reviewFieldMessage("body", "missing") }) as Record<
            string,
            string
          >,
          saving: n.saving,
          confirmed: () => n.saved,
        };
      },
    );
  }

  /** A question to the bearer, while the idea is in review. */
  #questionPart(state: string): HTMLElement {
    const q = t.question;
    const question = el("textarea", {
      id: "bearer-question",
      name: "question",
      rows: 4,
      maxlength: 4000,
    });
    return this.#form(
      "question",
      q.heading,
      [el("p", {}, q.intro)],
      (slots) => [field(slots, "question", q.label, question)],
      q.submit,
      () => {
        const text = question.value.trim();
        return {
          method: "POST",
          path: `${this.#path}/questions`,
          json: { question: text, expected: state },
          errors: (text ? {} : { question: reviewFieldMessage("question", "missing") }) as Record<
            string,
            string
          >,
          saving: q.saving,
          confirmed: () => q.sent,
        };
      },
    );
  }
}

if (!customElements.get("review-collaboration"))
  customElements.define("review-collaboration", ReviewCollaboration);
