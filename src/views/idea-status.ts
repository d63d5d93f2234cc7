import { z } from "zod";
import { beneficiaryValues, triedValues } from "../domain/idea/schema.ts";
import {
  ideaStateLabels,
  ideaStateLabelsEnglish,
  ideaStates,
  isDecisionState,
} from "../domain/idea/states.ts";
import type { Locale } from "../domain/locale.ts";
import { attr, html, type SafeHtml } from "./html.ts";
import { ideaFormTexts } from "./idea-form-texts.ts";

/** The bearer's view of an idea as `api.get_idea_status(token)` returns it. */
export const ideaStatusSchema = z.object({
  reference: z.string(),
  title: z.string(),
  received_at: z.string(),
  state: z.enum(ideaStates),
  state_label: z.string(),
  municipality_name: z.string(),
  area_name: z.string(),
  /** Everything the bearer wrote (the current version of the text). */
  problem: z.string().optional(),
  proposal: z.string().optional(),
  beneficiaries: z.array(z.enum(beneficiaryValues)).optional(),
  expected_effects: z.string().optional(),
  tried: z.enum(triedValues).optional(),
  resources: z.string().optional(),
  workplace: z.string().nullable().optional(),
  timeline: z.array(
    z.object({
      occurred_at: z.string(),
      state: z.enum(ideaStates),
      state_label: z.string(),
      /** The released decision message, on the step that carries one. */
      message: z.string().nullable().optional(),
    }),
  ),
  messages: z.array(
    z.object({
      direction: z.enum(["to_bearer", "from_bearer"]),
      body: z.string(),
      created_at: z.string(),
    }),
  ),
});

/** The bearer's view of an idea. */
export type IdeaStatus = z.infer<typeof ideaStatusSchema>;

/** The status page's words in each language. */
const statusTexts = {
  sv: {
    state: "Status",
    reference: "Diarienummer",
    received: "Inkommen",
    municipality: "Kommun",
    area: "Verksamhetsområde",
    history: "Så har det gått",
    decision: "Beslut och motivering",
    // The message on a step that is no decision: a duplicate link removed, the idea assessed again.
    message: "Meddelande från idéslussen",
    decisionInSwedish: "",
    questions: "Frågor och svar",
    noQuestions: "Granskarna har inte ställt några frågor än. Om de gör det får du ett mejl.",
    fromReviewers: "Fråga från granskarna",
    yourAnswer: "Ditt svar",
    replyLabel: "Ditt svar till granskarna",
    replyHint: "Skriv inga känsliga uppgifter om andra personer.",
    sendReply: "Skicka svaret",
    youWrote: "Det du skrev",
    unknownTitle: "Vi hittar ingen idé för den här länken",
    unknownText: "Kontrollera att du har kopierat hela länken från kvittot i din e-post.",
    tokenLabel: "Koden i din statuslänk",
    tokenHint: "Det är allt som står efter # i länken.",
    show: "Visa min idé",
    dateLocale: "sv-SE",
  },
  en: {
    state: "Status",
    reference: "Reference number",
    received: "Received",
    municipality: "Municipality",
    area: "Area of activity",
    history: "What has happened",
    decision: "Decision and explanation",
    message: "Message from the idea sluice",
    decisionInSwedish: "The reviewers write their explanation in Swedish.",
    questions: "Questions and answers",
    noQuestions: "The reviewers have not asked any questions yet. If they do, you get an e-mail.",
    fromReviewers: "Question from the reviewers",
    yourAnswer: "Your answer",
    replyLabel: "Your answer to the reviewers",
    replyHint: "Do not write sensitive information about other people.",
    sendReply: "Send the answer",
    youWrote: "What you wrote",
    unknownTitle: "We cannot find an idea for this link",
    unknownText: "Check that you have copied the whole link from the receipt in your e-mail.",
    tokenLabel: "The code in your status link",
    tokenHint: "It is everything after # in the link.",
    show: "Show my idea",
    dateLocale: "en-GB",
  },
} as const;

function formatDate(iso: string, locale: Locale): string {
  return new Date(iso).toLocaleDateString(statusTexts[locale].dateLocale, {
    year: "numeric",
    month: "long",
    day: "numeric",
    timeZone: "Europe/Stockholm",
  });
}

/** Paragraphs from plain text: blank lines separate paragraphs; nothing in the text is HTML. */
function paragraphs(text: string): SafeHtml {
  return html`${text
    .split(/\n{2,}/)
    .filter((part) => part.trim())
    .map((part) => html`<p>${part}</p>`)}`;
}

/** One part of what the bearer wrote, under the form's own question for it; nothing when empty. */
function written(label: string, content: string | SafeHtml | undefined | null): SafeHtml {
  if (content === undefined || content === null || content === "") return html``;
  return html`<h3>${label}</h3>
    ${typeof content === "string" ? paragraphs(content) : content}`;
}

/** Everything the bearer wrote, each part under the question the form asked. */
function renderWhatYouWrote(status: IdeaStatus, locale: Locale): SafeHtml {
  const form = ideaFormTexts[locale];
  const beneficiaries = status.beneficiaries?.length
    ? html`<ul>
        ${status.beneficiaries.map((value) => html`<li>${form.beneficiaries[value]}</li>`)}
      </ul>`
    : undefined;
  const parts = [
    written(form.labels.problem, status.problem),
    written(form.labels.proposal, status.proposal),
    written(form.labels.beneficiaries, beneficiaries),
    written(form.labels.expected_effects, status.expected_effects),
    written(form.labels.tried, status.tried ? form.tried[status.tried] : undefined),
    written(form.labels.resources, status.resources),
    written(form.labels.workplace, status.workplace),
  ];
  if (parts.every((part) => part.value === "")) return html``;
  return html`<h2>${statusTexts[locale].youWrote}</h2>
    ${parts}`;
}

/**
 * The status page's content for the holder of a status token, in the language of the page they
 * used: the state, the steps the bearer may see, released decisions, the conversation with the
 * reviewers with a reply form, and everything the bearer wrote. The token travels only in POST
 * bodies, never in a URL.
 */
export function renderIdeaStatus(
  status: IdeaStatus,
  token: string,
  locale: Locale,
  notice?: { kind: "success" | "error"; text: string },
): SafeHtml {
  const texts = statusTexts[locale];
  const labels = locale === "sv" ? ideaStateLabels : ideaStateLabelsEnglish;
  const askedQuestion = status.messages.some((message) => message.direction === "to_bearer");
  return html`<div class="prose">
    <h1>${status.title}</h1>
    ${notice ? html`<div class="notice${notice.kind === "error" ? " notice--error" : ""}" role="${notice.kind === "error" ? "alert" : "status"}"><p>${notice.text}</p></div>` : ""}
    <dl class="facts">
      <dt>${texts.state}</dt>
      <dd><span class="tag">${labels[status.state]}</span></dd>
      <dt>${texts.reference}</dt>
      <dd>${status.reference}</dd>
      <dt>${texts.received}</dt>
      <dd><time datetime="${status.received_at}">${formatDate(status.received_at, locale)}</time></dd>
      <dt>${texts.municipality}</dt>
      <dd>${status.municipality_name}</dd>
      <dt>${texts.area}</dt>
      <dd>${status.area_name}</dd>
    </dl>
    <h2>${texts.history}</h2>
    <ol class="timeline">
      ${status.timeline.map(
        (step) =>
          html`<li>
            <p>
              <strong>${labels[step.state]}</strong>
              <time datetime="${step.occurred_at}">${formatDate(step.occurred_at, locale)}</time>
            </p>
            ${
              step.message
                ? html`<div class="timeline__message">
                    <h3>${isDecisionState(step.state) ? texts.decision : texts.message}</h3>
                    ${texts.decisionInSwedish ? html`<p>${texts.decisionInSwedish}</p>` : ""}
                    <div lang="sv">${paragraphs(step.message)}</div>
                  </div>`
                : ""
            }
          </li>`,
      )}
    </ol>
    <h2>${texts.questions}</h2>
    ${
      status.messages.length === 0
        ? html`<p>${texts.noQuestions}</p>`
        : html`<ul class="messages">
            ${status.messages.map(
              (message) =>
                html`<li class="message message--${message.direction}">
                  <p class="message__meta">
                    ${message.direction === "to_bearer" ? texts.fromReviewers : texts.yourAnswer},
                    <time datetime="${message.created_at}">${formatDate(message.created_at, locale)}</time>
                  </p>
                  ${message.direction === "to_bearer" ? html`<div lang="sv">${paragraphs(message.body)}</div>` : paragraphs(message.body)}
                </li>`,
            )}
          </ul>`
    }
    ${
      askedQuestion || status.state === "needs_info"
        ? html`<form method="post" action="/api/status/reply" class="reply-form">
            <input type="hidden" name="token" value="${token}" />
            <input type="hidden" name="locale" value="${locale}" />
            <div class="field">
              <label for="reply-body">${texts.replyLabel}</label>
              <span class="field__hint" id="reply-body-hint">${texts.replyHint}</span>
              <textarea
                id="reply-body"
                name="body"
                rows="6"
                required
                maxlength="4000"
                aria-describedby="reply-body-hint"
              ></textarea>
            </div>
            <button class="button" type="submit">${texts.sendReply}</button>
          </form>`
        : ""
    }
    ${renderWhatYouWrote(status, locale)}
  </div>`;
}

/**
 * The form that opens the status page with the code from a status link: on the static status page
 * (where the page's script fills it in from the link's fragment and sends it) and on the page for a
 * link that leads nowhere.
 */
export function renderStatusTokenForm(locale: Locale, formId?: string): SafeHtml {
  const texts = statusTexts[locale];
  return html`<form method="post" action="/api/status" class="status-form"${attr("id", formId)}>
    <input type="hidden" name="locale" value="${locale}" />
    <div class="field">
      <label for="status-token">${texts.tokenLabel}</label>
      <span class="field__hint" id="status-token-hint">${texts.tokenHint}</span>
      <input
        type="text"
        id="status-token"
        name="token"
        autocomplete="off"
        spellcheck="false"
        aria-describedby="status-token-hint"
        required
      />
    </div>
    <button class="button" type="submit">${texts.show}</button>
  </form>`;
}

/** The page for a link that leads nowhere: the same answer for a wrong and an unknown token. */
export function renderUnknownStatusLink(locale: Locale): SafeHtml {
  const texts = statusTexts[locale];
  return html`<div class="prose">
    <h1>${texts.unknownTitle}</h1>
    <p>${texts.unknownText}</p>
    ${renderStatusTokenForm(locale)}
  </div>`;
}
