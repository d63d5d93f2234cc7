import { criterionRevisionSchema, fieldErrors } from "../../domain/admin/administration-schema.ts";
import type { CriterionWithVersions } from "../../domain/admin/answers.ts";
import { administrationTexts as t, personalDataTexts } from "../../domain/admin/messages.ts";
import { callApi } from "./api.ts";
import { el, replaceContent } from "./dom.ts";
import { announce, clearFormProblems, showFormProblems } from "./form-problems.ts";

const dateTime = new Intl.DateTimeFormat("sv-SE", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "Europe/Stockholm",
});

/** "1,5" as a person writes it in Swedish → 1.5; NaN when it is no number. */
function parseWeight(text: string): number {
  const normal = text.trim().replace(",", ".");
  return /^[0-9]+(\.[0-9]+)?$/.test(normal) ? Number(normal) : Number.NaN;
}

/**
 * `<criteria-admin>` on /granska/admin/kriterier/: each criterion's wording and weight as a form
 * (GET /api/admin/criteria); saving makes a new version (POST /api/admin/criteria/:slug/versions).
 * Scores already given keep the version they were given against, so the page says how many scores
 * each version has, and lists the older versions.
 */
export class CriteriaAdmin extends HTMLElement {
  #status!: HTMLElement;
  #list!: HTMLElement;
  readonly #title = document.title;

  connectedCallback(): void {
    this.#status = this.querySelector("[data-status]")!;
    this.#list = this.querySelector("[data-criteria]")!;
    void this.#load();
  }

  async #load(): Promise<void> {
    const answer = await callApi<{ criteria?: CriterionWithVersions[] }>("/api/admin/criteria");
    if (answer.status !== 200 || !answer.body.criteria) {
      replaceContent(
        this.#list,
        el(
          "p",
          {},
          answer.status === 403
            ? personalDataTexts.coordinatorsOnly
            : personalDataTexts.unavailable,
        ),
      );
      return;
    }
    replaceContent(
      this.#list,
      ...answer.body.criteria.map((criterion) => this.#section(criterion)),
    );
  }

  #section(criterion: CriterionWithVersions): HTMLElement {
    const [current, ...older] = criterion.versions;
    const id = (field: string) => `${criterion.slug}-${field}`;
    const summary = el("div", {
      class: "error-summary",
      id: id("errors"),
      tabindex: "-1",
      hidden: true,
    });
    const field = (label: string, control: HTMLElement, hint?: string) =>
      el(
        "div",
        { class: "field" },
        el("label", { for: control.id }, label),
        hint ? el("span", { class: "field__hint", id: `${control.id}-hint` }, hint) : null,
        control,
      );
    const nameInput = el("input", {
      type: "text",
      id: id("name"),
      name: "name",
      value: current!.name,
      maxlength: 100,
    });
    const description = el("textarea", { id: id("description"), name: "description", rows: 3 });
    description.value = current!.description;
    const levels = current!.levels.map((level, index) => {
      const input = el("textarea", { id: id(`level-${index + 1}`), name: "level", rows: 2 });
      input.value = level;
      return input;
    });
    const weight = el("input", {
      type: "text",
      inputmode: "decimal",
      id: id("weight"),
      name: "weight",
      value: String(current!.weight).replace(".", ","),
      "aria-describedby": `${id("weight")}-hint`,
      "data-hint": `${id("weight")}-hint`,
      class: "input--short",
    });
    const button = el("button", { type: "submit", class: "button" }, "Spara som ny version");
    const form = el(
      "form",
      { class: "admin-form", novalidate: true },
      field("Namn", nameInput),
      field("Beskrivning", description),
      el(
        "fieldset",
        { class: "field" },
        el("legend", {}, "Vad poängen betyder"),
        ...levels.map((input, index) => field(`Poäng ${index + 1}`, input)),
      ),
      field(
        "Vikt",
        weight,
        "Hur mycket kriteriet väger i medelvärdet, mellan 0,1 och 10. Lika vikt för alla är 1.",
      ),
      el("div", { class: "button-group" }, button),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.#save(criterion, form, summary, button, {
        name: nameInput.value,
        description: description.value,
        levels: levels.map((input) => input.value),
        weight: parseWeight(weight.value),
      });
    });
    const headingId = id("heading");
    return el(
      "section",
      { "aria-labelledby": headingId, class: "criterion-admin" },
      el("h2", { id: headingId }, current!.name),
      el(
        "p",
        {},
        `Version ${current!.version}, gäller sedan ${dateTime.format(new Date(current!.validFrom))}. `,
        current!.scores === 1
          ? "1 poäng har getts mot den."
          : `${current!.scores} poäng har getts mot den.`,
      ),
      summary,
      form,
      older.length > 0
        ? el(
            "details",
            {},
            el("summary", {}, `Tidigare versioner (${older.length})`),
            el(
              "ul",
              {},
              ...older.map((version) =>
                el(
                  "li",
                  {},
                  `Version ${version.version}: ${version.name}, vikt ${String(version.weight).replace(".", ",")}, `,
                  `${version.scores} poäng, från ${dateTime.format(new Date(version.validFrom))}`,
                ),
              ),
            ),
          )
        : null,
    );
  }

  async #save(
    criterion: CriterionWithVersions,
    form: HTMLFormElement,
    summary: HTMLElement,
    button: HTMLButtonElement,
    input: { name: string; description: string; levels: string[]; weight: number },
  ): Promise<void> {
    const fieldIds = (field: string) => {
      const [name, index] = field.split(".");
      if (name === "levels") return `${criterion.slug}-level-${Number(index ?? 0) + 1}`;
      return `${criterion.slug}-${name}`;
    };
    const show = (fields: Record<string, string>) =>
      showFormProblems(
        form,
        summary,
        Object.entries(fields).map(([field, text]) => ({ text, fieldId: fieldIds(field) })),
        this.#title,
        t.errorSummaryTitle,
      );
    const parsed = criterionRevisionSchema.safeParse(input);
    if (!parsed.success) {
      show(fieldErrors(parsed.error.issues));
      return;
    }
    button.disabled = true;
    const answer = await callApi<{ message?: string; fields?: Record<string, string> }>(
      `/api/admin/criteria/${criterion.slug}/versions`,
      { json: parsed.data },
    );
    button.disabled = false;
    if (answer.status === 201) {
      clearFormProblems(form, summary, this.#title);
      await this.#load();
      announce(this.#status, answer.body.message ?? "");
      return;
    }
    if (answer.status === 422 && answer.body?.fields) {
      show(answer.body.fields);
      return;
    }
    show({ form: answer.body?.message ?? personalDataTexts.unavailable });
  }
}

if (!customElements.get("criteria-admin")) {
  customElements.define("criteria-admin", CriteriaAdmin);
}
