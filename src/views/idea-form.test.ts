import { describe, expect, test } from "vitest";
import { renderErrorSummary, renderIdeaForm, type IdeaFormOptions } from "./idea-form.ts";

const options: IdeaFormOptions = {
  municipalities: [{ code: "1496", name: "Skövde" }],
  areas: [{ id: "kultur-och-fritid", name: "Kultur och fritid" }],
};

/** The form's controls (opening tags), which carry the names, ids and HTML constraints. */
function controls(markup: string): string[] {
  return [...markup.matchAll(/<(input|textarea|select)\b[^>]*>/g)].map((match) =>
    match[0].replace(/\s+/g, " "),
  );
}

/** The form's visible text, without the choices that come from the database. */
function visibleText(markup: string): string {
  return markup
    .replace(/<select[\s\S]*?<\/select>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");
}

describe("the idea form view", () => {
  test("the English form has the Swedish form's controls and constraints, and says en in its locale field", () => {
    const sv = controls(renderIdeaForm({ options }).value);
    const en = controls(renderIdeaForm({ options, locale: "en" }).value);
    expect(sv[0]).toBe('<input type="hidden" name="locale" value="sv" />');
    expect(en[0]).toBe('<input type="hidden" name="locale" value="en" />');
    expect(en.slice(1)).toEqual(sv.slice(1));
    expect(en).toContain(
      '<input type="text" id="title" name="title" required maxlength="150" aria-describedby="title-hint" value="" />',
    );
  });

  test("the English form is in English: labels, choices, consents and the privacy link", () => {
    const markup = renderIdeaForm({ options, locale: "en" }).value;
    expect(markup).toContain('<label for="title">Title</label>');
    expect(markup).toContain("<legend>Who benefits from the idea?</legend>");
    expect(markup).toContain('<label for="beneficiaries-2">Service users or patients</label>');
    expect(markup).toContain('<label for="tried-2">Partly</label>');
    expect(markup).toContain('<option value="">Choose a municipality</option>');
    expect(markup).toContain('<a href="/en/privacy/">How we process your personal data</a>');
    expect(markup).toContain('<button class="button" type="submit">Send the idea</button>');
    expect(visibleText(markup)).not.toMatch(/[åäöÅÄÖ]/);
  });

  test("the Swedish form stays Swedish", () => {
    const markup = renderIdeaForm({ options }).value;
    expect(markup).toContain('<label for="title">Rubrik</label>');
    expect(markup).toContain(
      '<a href="/personuppgifter/">Så behandlar vi dina personuppgifter</a>',
    );
    expect(markup).toContain('<button class="button" type="submit">Skicka idén</button>');
  });

  test("errors show with the page's fixed words: the summary heading and the hidden prefix", () => {
    const errors = { title: ["Enter a title."], form: ["Check your answers."] };
    const en = renderIdeaForm({ options, errors, locale: "en" }).value.replace(/\s+/g, " ");
    expect(en).toContain('<h2 id="error-summary-title">There is a problem</h2>');
    expect(en).toContain('<li><a href="#title">Enter a title.</a></li>');
    expect(en).toContain('<span class="visually-hidden">Error:</span> Enter a title.</p>');
    const sv = renderErrorSummary({ title: ["Skriv en rubrik."] }).value;
    expect(sv).toContain('<h2 id="error-summary-title">Något behöver rättas</h2>');
  });
});
