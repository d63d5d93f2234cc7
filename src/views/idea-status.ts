import { z } from "zod";
import { ideaStateLabels, ideaStates } from "../domain/idea/states.ts";
import { attr, html, type SafeHtml } from "./html.ts";

/** The bearer's view of an idea as `api.get_idea_status(token)` returns it. */
export const ideaStatusSchema = z.object({
  reference: z.string(),
  title: z.string(),
  received_at: z.string(),
  state: z.enum(ideaStates),
  state_label: z.string(),
  municipality_name: z.string(),
  area_name: z.string(),
  /** The bearer's own text, as first submitted. */
  problem: z.string().optional(),
  proposal: z.string().optional(),
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

function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString("sv-SE", {
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

/**
 * The status page's content for the holder of a status token: the state in Swedish, the steps the
 * bearer may see, released decisions, the conversation with the reviewers and a reply form. The
 * token travels only in POST bodies, never in a URL.
 */
export function renderIdeaStatus(
  status: IdeaStatus,
  token: string,
  notice?: { kind: "success" | "error"; text: string },
): SafeHtml {
  const askedQuestion = status.messages.some((message) => message.direction === "to_bearer");
  return html`<div class="prose">
    <h1>${status.title}</h1>
    ${notice ? html`<div class="notice${notice.kind === "error" ? " notice--error" : ""}" role="${notice.kind === "error" ? "alert" : "status"}"><p>${notice.text}</p></div>` : ""}
    <dl class="facts">
      <dt>Status</dt>
      <dd><span class="tag">${ideaStateLabels[status.state]}</span></dd>
      <dt>Diarienummer</dt>
      <dd>${status.reference}</dd>
      <dt>Inkommen</dt>
      <dd><time datetime="${status.received_at}">${formatDate(status.received_at)}</time></dd>
      <dt>Kommun</dt>
      <dd>${status.municipality_name}</dd>
      <dt>Verksamhetsområde</dt>
      <dd>${status.area_name}</dd>
    </dl>
    <h2>Så har det gått</h2>
    <ol class="timeline">
      ${status.timeline.map(
        (step) =>
          html`<li>
            <p>
              <strong>${ideaStateLabels[step.state]}</strong>
              <time datetime="${step.occurred_at}">${formatDate(step.occurred_at)}</time>
            </p>
            ${
              step.message
                ? html`<div class="timeline__message">
                    <h3>Beslut och motivering</h3>
                    ${paragraphs(step.message)}
                  </div>`
                : ""
            }
          </li>`,
      )}
    </ol>
    <h2>Frågor och svar</h2>
    ${
      status.messages.length === 0
        ? html`<p>Granskarna har inte ställt några frågor än. Om de gör det får du ett mejl.</p>`
        : html`<ul class="messages">
            ${status.messages.map(
              (message) =>
                html`<li class="message message--${message.direction}">
                  <p class="message__meta">
                    ${message.direction === "to_bearer" ? "Fråga från granskarna" : "Ditt svar"},
                    <time datetime="${message.created_at}">${formatDate(message.created_at)}</time>
                  </p>
                  ${paragraphs(message.body)}
                </li>`,
            )}
          </ul>`
    }
    ${
      askedQuestion || status.state === "needs_info"
        ? html`<form method="post" action="/api/status/reply" class="reply-form">
            <input type="hidden" name="token" value="${token}" />
            <div class="field">
              <label for="reply-body">Ditt svar till granskarna</label>
              <span class="field__hint" id="reply-body-hint"
                >Skriv inga känsliga uppgifter om andra personer.</span
              >
              <textarea
                id="reply-body"
                name="body"
                rows="6"
                required
                maxlength="4000"
                aria-describedby="reply-body-hint"
              ></textarea>
            </div>
            <button class="button" type="submit">Skicka svaret</button>
          </form>`
        : ""
    }
    ${
      status.problem || status.proposal
        ? html`<h2>Det du skrev</h2>
            ${
              status.problem
                ? html`<h3>Problem eller behov</h3>
                    ${paragraphs(status.problem)}`
                : ""
            }
            ${
              status.proposal
                ? html`<h3>Idén</h3>
                    ${paragraphs(status.proposal)}`
                : ""
            }`
        : ""
    }
  </div>`;
}

/** The page for a link that leads nowhere: the same answer for a wrong and an unknown token. */
export function renderUnknownStatusLink(): SafeHtml {
  return html`<div class="prose">
    <h1>Vi hittar ingen idé för den här länken</h1>
    <p>Kontrollera att du har kopierat hela länken från kvittot i din e-post.</p>
    <form method="post" action="/api/status" class="status-form">
      <div class="field">
        <label for="status-token">Koden i din statuslänk</label>
        <span class="field__hint" id="status-token-hint"
          >Det är allt som står efter # i länken.</span
        >
        <input
          type="text"
          id="status-token"
          name="token"
          autocomplete="off"
          spellcheck="false"
          aria-describedby="status-token-hint"
          ${attr("required", true)}
        />
      </div>
      <button class="button" type="submit">Visa min idé</button>
    </form>
  </div>`;
}
