import type { PersonalDataFindings } from "../domain/admin/answers.ts";
import { emailStatusLabels, emailTemplateLabel } from "../domain/admin/messages.ts";
import { html, type SafeHtml } from "./html.ts";
import { renderPage } from "./page.ts";

/**
 * The personal-data export as a readable Swedish page (GDPR Art. 15, LG-10): what the sluice holds
 * about one e-mail address, written to the person, for a coordinator to check, print or save as PDF
 * and hand out. Every value is escaped by the `html` tag (AS-03). The JSON export holds the same.
 */

const dateTime = new Intl.DateTimeFormat("sv-SE", {
  dateStyle: "long",
  timeStyle: "short",
  timeZone: "Europe/Stockholm",
});
const dateOnly = new Intl.DateTimeFormat("sv-SE", {
  dateStyle: "long",
  timeZone: "Europe/Stockholm",
});

/** "27 november 2026 kl. 09:05" */
function when(iso: string | null | undefined): string {
  if (!iso) return "";
  const instant = new Date(iso);
  return Number.isNaN(instant.getTime()) ? iso : dateTime.format(instant).replace(" ", " kl. ");
}

function day(iso: string): string {
  const instant = new Date(iso);
  return Number.isNaN(instant.getTime()) ? iso : dateOnly.format(instant);
}

/** What each audited action means to the person. */
const auditActionTexts: Readonly<Record<string, string>> = {
  personal_data_search: "Någon på idéslussen sökte fram dina uppgifter för att besvara en begäran.",
  personal_data_export: "Dina uppgifter togs ut som ett utdrag.",
  personal_data_decision: "Ett beslut om dina uppgifter registrerades.",
};

function row(label: string, value: SafeHtml | string | null | undefined): SafeHtml {
  return html`<dt>${label}</dt>
    <dd>${value === null || value === undefined || value === "" ? "–" : value}</dd>`;
}

/** Paragraphs as the person wrote them (line breaks kept by CSS `white-space: pre-line`). */
function text(value: string): SafeHtml {
  return html`<p class="written-text">${value}</p>`;
}

function renderIdea(idea: PersonalDataFindings["ideas"][number]): SafeHtml {
  const { bearer, original } = idea;
  return html`<section class="export-idea" aria-labelledby="idea-${idea.reference}">
    <h3 id="idea-${idea.reference}">${idea.reference}: ${idea.title}</h3>
    <dl class="facts">
      ${row("Diarienummer", idea.reference)} ${row("Kom in", when(idea.receivedAt))}
      ${row("Kommun", idea.municipality.name)} ${row("Status", idea.stateLabel)}
      ${row("Publicerad i idébanken", idea.published ? "Ja" : "Nej")}
    </dl>
    <h4>Dina kontaktuppgifter</h4>
    <dl class="facts">
      ${row("Namn", bearer.name)} ${row("E-postadress", bearer.email)} ${row("Telefon", bearer.phone)}
      ${row("Medidébärare", bearer.coBearers)}
      ${row("Språk i e-post", bearer.locale === "en" ? "Engelska" : "Svenska")}
      ${row("Du läste informationen om personuppgifter", when(bearer.privacyNoticeReadAt))}
      ${row("Vi får kontakta dig", idea.consents.contact ? "Ja" : "Nej")}
      ${row("En sammanfattning får publiceras", idea.consents.publish ? "Ja" : "Nej")}
      ${
        bearer.restrictedAt
          ? row("Behandlingen är begränsad sedan", when(bearer.restrictedAt))
          : html``
      }
    </dl>
    ${
      original
        ? html`<h4>Texten som du skickade in</h4>
          ${
            original.gallradAt
              ? html`<p>Texten gallrades ${when(original.gallradAt)} enligt gallringsbeslutet.</p>`
              : html`<dl class="facts">
                ${row("Rubrik", original.title)} ${row("Problem eller behov", text(original.problem))}
                ${row("Idén", text(original.proposal))}
                ${row("Förväntade effekter", original.expectedEffects ? text(original.expectedEffects) : "")}
                ${row("Resurser", original.resources ? text(original.resources) : "")}
                ${row("Arbetsplats", original.workplace)}
              </dl>`
          }`
        : html``
    }
    <h4>Frågor och svar</h4>
    ${
      idea.messages.length === 0
        ? html`<p>Inga frågor eller svar.</p>`
        : html`<ul>
          ${idea.messages.map(
            (message) =>
              html`<li>
                <strong>${message.direction === "to_bearer" ? "Fråga till dig" : "Ditt svar"}</strong>,
                ${when(message.createdAt)}: ${text(message.body)}
              </li>`,
          )}
        </ul>`
    }
    <h4>E-post till dig om idén</h4>
    ${
      idea.emails.length === 0
        ? html`<p>Ingen e-post finns sparad.</p>`
        : html`<ul>
          ${idea.emails.map(
            (email) =>
              html`<li>
                ${emailTemplateLabel(email.template)}, ${when(email.createdAt)}:
                ${emailStatusLabels[email.status] ?? email.status}
              </li>`,
          )}
        </ul>`
    }
  </section>`;
}

/** The whole export page. */
export function renderPersonalDataExport(findings: PersonalDataFindings): string {
  const possible = findings.coBearerOn.length + findings.noteMentions.length;
  const body = html`<div class="prose personal-data-export">
    <h1>Dina personuppgifter i Innovationsslussen</h1>
    <p class="lead">
      Utdrag för <strong>${findings.email}</strong>, taget ${when(findings.generatedAt)}${
        findings.scope ? html` ur ${findings.scope.name}s ärenden` : html``
      }.
    </p>
    <div class="notice">
      <h2 class="notice__heading">Till den som lämnar ut utdraget</h2>
      <p>
        Kontrollera de möjliga träffarna på namnet (${possible}) och gör en sekretessprövning innan
        utdraget lämnas ut: anteckningar och meddelanden kan innehålla uppgifter om andra. Ta sedan
        bort den här rutan.
      </p>
    </div>

    <h2>Om uppgifterna</h2>
    <p>
      En idé som skickas in till idéslussen blir en allmän handling hos kommunen när den kommer in.
      Därför sparas idéns text, diarienummer, inkomstdatum och beslut, även om du begär att dina
      uppgifter ska raderas. Dina kontaktuppgifter – namn, e-postadress och telefonnummer – tas bort
      när de inte längre behövs, enligt kommunernas gallringsbeslut, eller när en begäran om radering
      har beviljats.
    </p>

    <h2>Idéer du har skickat in (${findings.ideas.length})</h2>
    ${
      findings.ideas.length === 0
        ? html`<p>Det finns inga idéer från den här e-postadressen.</p>`
        : findings.ideas.map(renderIdea)
    }
    ${
      findings.coBearerOn.length > 0
        ? html`<h2>Idéer där ditt namn finns bland medidébärarna (möjliga träffar)</h2>
          <ul>
            ${findings.coBearerOn.map(
              (match) =>
                html`<li>${match.reference}: ${match.title}. Medidébärare: ${match.coBearers}</li>`,
            )}
          </ul>`
        : html``
    }
    ${
      findings.noteMentions.length > 0
        ? html`<h2>Interna anteckningar som nämner ditt namn (möjliga träffar)</h2>
          <ul>
            ${findings.noteMentions.map(
              (note) =>
                html`<li>${note.reference}, ${when(note.createdAt)}: ${text(note.body)}</li>`,
            )}
          </ul>`
        : html``
    }
    ${
      findings.otherEmails.length > 0
        ? html`<h2>Annan e-post till dig</h2>
          <ul>
            ${findings.otherEmails.map(
              (email) =>
                html`<li>
                  ${emailTemplateLabel(email.template)}${email.reference ? html` (${email.reference})` : html``},
                  ${when(email.createdAt)}: ${emailStatusLabels[email.status] ?? email.status}
                </li>`,
            )}
          </ul>`
        : html``
    }
    ${
      findings.reviewer
        ? html`<h2>Ditt konto som granskare</h2>
          <dl class="facts">
            ${row("Namn", findings.reviewer.name)}
            ${row("Roll", findings.reviewer.role === "coordinator" ? "Samordnare" : "Granskare")}
            ${row("Kommun", findings.reviewer.municipality?.name ?? "Alla kommuner")}
            ${row("Aktivt", findings.reviewer.active ? "Ja" : "Nej")}
            ${row("Skapat", when(findings.reviewer.createdAt))}
            ${row(
              "Det du har gjort i granskningen",
              `${findings.reviewer.activity.events} händelser, ${findings.reviewer.activity.notes} anteckningar, ${findings.reviewer.activity.messages} frågor till idébärare, ${findings.reviewer.activity.scores} poäng, ${findings.reviewer.activity.assignments} uppdrag; nämnd i ${findings.reviewer.activity.mentionedInNotes} anteckningar`,
            )}
          </dl>`
        : html``
    }
    ${
      findings.decisions.length > 0
        ? html`<h2>Beslut om dina uppgifter</h2>
          <ul>
            ${findings.decisions.map(
              (decision) =>
                html`<li>
                  ${decision.decision === "erasure" ? "Radering" : "Begränsning"} beslutad
                  ${day(decision.decidedAt)} för ${decision.ideas.join(", ")}:
                  ${
                    decision.carriedOutAt
                      ? `genomförd ${day(decision.carriedOutAt)}`
                      : "genomförs vid nästa gallring"
                  }.
                  ${text(decision.reason)}
                </li>`,
            )}
          </ul>`
        : html``
    }
    ${
      findings.auditEvents.length > 0
        ? html`<h2>Loggade händelser om dina uppgifter</h2>
          <ul>
            ${findings.auditEvents.map(
              (event) =>
                html`<li>${when(event.occurredAt)}: ${auditActionTexts[event.action] ?? event.action}</li>`,
            )}
          </ul>`
        : html``
    }

    <h2>Dina rättigheter</h2>
    <p>
      Du har rätt att få veta vilka uppgifter vi har om dig, att få fel rättade och i vissa fall att
      få uppgifter raderade eller behandlingen begränsad. Uppgifter i allmänna handlingar raderas bara
      enligt kommunernas gallringsbeslut. Läs mer på <a href="/personuppgifter/">sidan om
      personuppgifter</a>. Du kan klaga hos Integritetsskyddsmyndigheten (IMY), imy.se.
    </p>
  </div>`;
  return renderPage({ title: "Dina personuppgifter", lang: "sv", body });
}
