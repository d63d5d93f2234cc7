import type { GallringPreview, RetentionRule } from "../../domain/admin/answers.ts";
import { gallringTexts as t, personalDataTexts } from "../../domain/admin/messages.ts";
import {
  describeRetention,
  isRetentionCategory,
  retentionCategoryTexts,
} from "../../domain/admin/retention.ts";
import { callApi } from "./api.ts";
import { el, replaceContent } from "./dom.ts";

/** How many references the preview names per category before "och N till". */
const referencesShown = 20;

const dateTime = new Intl.DateTimeFormat("sv-SE", {
  dateStyle: "long",
  timeStyle: "short",
  timeZone: "Europe/Stockholm",
});

const nameOf = (category: string) =>
  isRetentionCategory(category) ? retentionCategoryTexts[category].name : category;

/**
 * `<retention-overview>`: the retention rules (read only: what each category holds, how long it is
 * kept and from when, whether the rule applies, its legal basis) and what the next gallring run
 * removes, by category with the ideas' references (GET /api/admin/gallring). Changing a rule is
 * `api.change_retention_rule`, for the admin screens to come.
 */
export class RetentionOverview extends HTMLElement {
  connectedCallback(): void {
    void this.#load();
  }

  async #load(): Promise<void> {
    const target = this.querySelector<HTMLElement>("[data-gallring]")!;
    const answer = await callApi<{ rules?: RetentionRule[]; preview?: GallringPreview }>(
      "/api/admin/gallring",
    );
    if (answer.status !== 200 || !answer.body.rules || !answer.body.preview) {
      replaceContent(
        target,
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
    const { rules, preview } = answer.body;
    const due = preview.categories.filter((category) => category.rows > 0);
    replaceContent(
      target,
      el(
        "div",
        { class: "table-wrapper" },
        el(
          "table",
          {},
          el("caption", {}, "Gallringsregler"),
          el(
            "thead",
            {},
            el(
              "tr",
              {},
              el("th", { scope: "col" }, "Uppgifter"),
              el("th", { scope: "col" }, "Sparas"),
              el("th", { scope: "col" }, "Regeln"),
              el("th", { scope: "col" }, "Rättslig grund"),
            ),
          ),
          el(
            "tbody",
            {},
            ...rules.map((rule) =>
              el(
                "tr",
                {},
                el(
                  "th",
                  { scope: "row" },
                  nameOf(rule.category),
                  el(
                    "span",
                    { class: "field__hint" },
                    isRetentionCategory(rule.category)
                      ? retentionCategoryTexts[rule.category].holds
                      : "",
                  ),
                ),
                el("td", {}, describeRetention(rule)),
                el("td", {}, rule.active ? t.active : t.inactive),
                el("td", {}, rule.legalBasis),
              ),
            ),
          ),
        ),
      ),
      el("h3", {}, "Nästa gallring"),
      el(
        "p",
        {},
        `Det här tar en körning bort fram till ${dateTime.format(new Date(preview.asOf))}. Varje borttagning loggas.`,
      ),
      due.length === 0
        ? el("p", {}, t.nothingDue)
        : el(
            "ul",
            {},
            ...due.map((category) =>
              el(
                "li",
                {},
                el("strong", {}, nameOf(category.category)),
                `: ${t.rows(category.rows)}`,
                category.onRequest > 0 ? ` (${t.onRequest(category.onRequest)})` : "",
                category.ideas.length > 0
                  ? ` – ${category.ideas.slice(0, referencesShown).join(", ")}${
                      category.ideas.length > referencesShown
                        ? ` och ${category.ideas.length - referencesShown} till`
                        : ""
                    }`
                  : "",
              ),
            ),
          ),
    );
  }
}

if (!customElements.get("retention-overview")) {
  customElements.define("retention-overview", RetentionOverview);
}
