import {
  areaSchema,
  fieldErrors,
  municipalitySchema,
  splitDomains,
} from "../../domain/admin/administration-schema.ts";
import type { Places } from "../../domain/admin/answers.ts";
import { administrationTexts as t, personalDataTexts } from "../../domain/admin/messages.ts";
import { callApi } from "./api.ts";
import { el, replaceContent } from "./dom.ts";
import { announce, clearFormProblems, showFormProblems } from "./form-problems.ts";

const municipalityFieldIds: Record<string, string> = {
  code: "municipality-code",
  name: "municipality-name",
  emailDomains: "municipality-domains",
  active: "municipality-active",
};
const areaFieldIds: Record<string, string> = {
  name: "area-name",
  sortOrder: "area-order",
  active: "area-active",
};

/**
 * `<places-admin>` on /granska/admin/kommuner/: the municipalities (name, official code, staff e-mail
 * domains, active) and areas (name, order, active) as tables (GET /api/admin/places), each row with
 * a button that puts it in the form below to change it; the forms add or change one (POST
 * /api/admin/municipalities, /api/admin/areas). The idea form offers the active ones at once.
 */
export class PlacesAdmin extends HTMLElement {
  #status!: HTMLElement;
  readonly #title = document.title;

  connectedCallback(): void {
    this.#status = this.querySelector("[data-status]")!;
    const municipalityForm = this.querySelector<HTMLFormElement>("form[data-municipality]")!;
    const areaForm = this.querySelector<HTMLFormElement>("form[data-area]")!;
    municipalityForm.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.#saveMunicipality(municipalityForm);
    });
    areaForm.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.#saveArea(areaForm);
    });
    for (const form of [municipalityForm, areaForm]) {
      form.addEventListener("reset", () => {
        const code = form.querySelector<HTMLInputElement>("#municipality-code");
        if (code) code.readOnly = false;
        const id = form.querySelector<HTMLInputElement>("input[name=id]");
        if (id) id.value = "";
      });
    }
    void this.#load();
  }

  async #load(): Promise<void> {
    const answer = await callApi<Places>("/api/admin/places");
    const municipalities = this.querySelector<HTMLElement>("[data-municipalities]")!;
    const areas = this.querySelector<HTMLElement>("[data-areas]")!;
    if (answer.status !== 200 || !answer.body?.municipalities) {
      const text =
        answer.status === 403 ? personalDataTexts.coordinatorsOnly : personalDataTexts.unavailable;
      replaceContent(municipalities, el("p", {}, text));
      replaceContent(areas, el("p", {}, text));
      return;
    }
    const state = (active: boolean) => (active ? "Aktiv" : "Inaktiv");
    replaceContent(
      municipalities,
      this.#table(
        `Kommuner (${answer.body.municipalities.length})`,
        ["Kommun", "Kommunkod", "E-postdomäner", "Status", "Åtgärd"],
        answer.body.municipalities.map((m) => ({
          cells: [m.name, m.code, m.emailDomains.join(", "), state(m.active)],
          label: m.name,
          edit: () => this.#editMunicipality(m),
        })),
      ),
    );
    replaceContent(
      areas,
      this.#table(
        `Verksamhetsområden (${answer.body.areas.length})`,
        ["Område", "Ordning", "Status", "Åtgärd"],
        answer.body.areas.map((a) => ({
          cells: [a.name, String(a.sortOrder), state(a.active)],
          label: a.name,
          edit: () => this.#editArea(a),
        })),
      ),
    );
  }

  #table(
    caption: string,
    headings: string[],
    rows: { cells: string[]; label: string; edit: () => void }[],
  ): HTMLElement {
    return el(
      "div",
      { class: "table-wrapper" },
      el(
        "table",
        {},
        el("caption", {}, caption),
        el("thead", {}, el("tr", {}, ...headings.map((h) => el("th", { scope: "col" }, h)))),
        el(
          "tbody",
          {},
          ...rows.map((row) => {
            const button = el(
              "button",
              {
                type: "button",
                class: "button button--secondary",
                "aria-label": `Ändra ${row.label}`,
              },
              "Ändra",
            );
            button.addEventListener("click", row.edit);
            return el(
              "tr",
              {},
              el("th", { scope: "row" }, row.cells[0]!),
              ...row.cells.slice(1).map((cell) => el("td", {}, cell)),
              el("td", {}, button),
            );
          }),
        ),
      ),
    );
  }

  #editMunicipality(m: Places["municipalities"][number]): void {
    const code = this.querySelector<HTMLInputElement>("#municipality-code")!;
    code.value = m.code;
    code.readOnly = true;
    this.querySelector<HTMLInputElement>("#municipality-name")!.value = m.name;
    this.querySelector<HTMLInputElement>("#municipality-domains")!.value =
      m.emailDomains.join(", ");
    this.querySelector<HTMLInputElement>("#municipality-active")!.checked = m.active;
    this.querySelector<HTMLInputElement>("#municipality-name")!.focus();
  }

  #editArea(a: Places["areas"][number]): void {
    this.querySelector<HTMLInputElement>("form[data-area] input[name=id]")!.value = a.id;
    this.querySelector<HTMLInputElement>("#area-name")!.value = a.name;
    this.querySelector<HTMLInputElement>("#area-order")!.value = String(a.sortOrder);
    this.querySelector<HTMLInputElement>("#area-active")!.checked = a.active;
    this.querySelector<HTMLInputElement>("#area-name")!.focus();
  }

  async #saveMunicipality(form: HTMLFormElement): Promise<void> {
    const data = new FormData(form);
    const input = {
      code: String(data.get("code") ?? "").trim(),
      name: String(data.get("name") ?? ""),
      emailDomains: splitDomains(String(data.get("emailDomains") ?? "")),
      active: data.get("active") === "on",
    };
    await this.#save(
      form,
      municipalitySchema.safeParse(input),
      "/api/admin/municipalities",
      municipalityFieldIds,
    );
  }

  async #saveArea(form: HTMLFormElement): Promise<void> {
    const data = new FormData(form);
    const orderText = String(data.get("sortOrder") ?? "").trim();
    const input = {
      id: String(data.get("id") ?? "") || null,
      name: String(data.get("name") ?? ""),
      sortOrder: /^[0-9]+$/.test(orderText) ? Number(orderText) : Number.NaN,
      active: data.get("active") === "on",
    };
    await this.#save(form, areaSchema.safeParse(input), "/api/admin/areas", areaFieldIds);
  }

  async #save(
    form: HTMLFormElement,
    parsed:
      | { success: true; data: unknown }
      | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } },
    path: string,
    fieldIds: Record<string, string>,
  ): Promise<void> {
    const summary = form.parentElement!.querySelector<HTMLElement>("[data-error-summary]")!;
    const show = (fields: Record<string, string>) =>
      showFormProblems(
        form,
        summary,
        Object.entries(fields).map(([field, text]) => ({
          text,
          fieldId: fieldIds[field.split(".")[0]!],
        })),
        this.#title,
        t.errorSummaryTitle,
      );
    if (!parsed.success) {
      show(fieldErrors(parsed.error.issues));
      return;
    }
    const button = form.querySelector<HTMLButtonElement>("button[type=submit]")!;
    button.disabled = true;
    const answer = await callApi<{ message?: string; fields?: Record<string, string> }>(path, {
      json: parsed.data,
    });
    button.disabled = false;
    if (answer.status === 200 || answer.status === 201) {
      clearFormProblems(form, summary, this.#title);
      form.reset();
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

if (!customElements.get("places-admin")) {
  customElements.define("places-admin", PlacesAdmin);
}
