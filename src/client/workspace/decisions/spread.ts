import { decisionTexts } from "../../../domain/review/decision-texts.ts";
import { longDateOf } from "../../../domain/review/dates.ts";
import { el } from "../dom.ts";
import type { DecisionContext } from "./context.ts";
import { button, choiceGroup, errorArea, textField, valueOf } from "./form-parts.ts";

/**
 * The idea page's ways of spreading an idea: the idea bank (`PUT`/`DELETE …/publication`,
 * coordinators, only with the bearer's consent), a municipality's interest (`POST`/`DELETE
 * …/interest`, any reviewer) and regional sharing (`POST …/sharing`, a coordinator or the idea's
 * own municipality's coach).
 */

const t = decisionTexts;

function part(id: string, heading: string, ...children: (Node | null)[]): HTMLElement {
  return el(
    "div",
    { class: "decision-part", id },
    el("h3", { id: `${id}-heading` }, heading),
    ...children,
  );
}

/** The idea bank: publish with a public summary, change it, or take the idea out. */
export function publicationSection(context: DecisionContext): HTMLElement | null {
  const { idea } = context;
  const can = idea.can;
  if (!can?.decide) return null;
  const status = el(
    "p",
    {},
    idea.publishedAt
      ? t.publication.published(longDateOf(idea.publishedAt))
      : t.publication.notPublished,
  );
  const children: (Node | null)[] = [status];
  if (!idea.publishConsent) children.push(el("p", {}, t.publication.noConsent));
  if (can.publish) {
    const form = el("form", { id: "decision-publish-form", novalidate: true });
    form.append(
      errorArea(),
      textField({
        id: "decision-public-summary",
        name: "public_summary",
        label: t.publication.summary,
        hint: t.publication.summaryHint,
        multiline: true,
        rows: 6,
        maxLength: 2000,
        value: idea.publicSummary ?? "",
      }),
      el(
        "div",
        { class: "button-group" },
        button(idea.publishedAt ? t.publication.saveSummary : t.publication.publish),
      ),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void context.act(
        form,
        {
          path: `${context.ideaPath}/publication`,
          method: "PUT",
          json: { public_summary: valueOf(form, "public_summary") },
        },
        idea.publishedAt ? t.done.summarySaved : t.done.published,
      );
    });
    children.push(form);
  }
  if (can.unpublish) {
    const form = el(
      "form",
      { id: "decision-unpublish-form", novalidate: true },
      errorArea(),
      el("div", { class: "button-group" }, button(t.publication.unpublish, { secondary: true })),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void context.act(
        form,
        { path: `${context.ideaPath}/publication`, method: "DELETE" },
        t.done.unpublished,
      );
    });
    children.push(form);
  }
  return part("decision-publication", t.publication.heading, ...children);
}

/** A municipality's interest: what is registered (each withdrawable), and a form to register. */
export function interestSection(context: DecisionContext): HTMLElement | null {
  const { idea } = context;
  if (!idea.can?.registerInterest) return null;
  const own = idea.interestMunicipality ?? null;
  const kinds = t.interest.kinds;
  const list =
    idea.interest.length === 0
      ? el("p", {}, t.interest.none)
      : el(
          "ul",
          { class: "decision-interest" },
          ...idea.interest.map((interest) => {
            const kind = kinds[interest.kind];
            const mayWithdraw = own === null || own.code === interest.municipality.code;
            const item = el("li", {}, t.interest.item(interest.municipality.name, kind));
            if (!mayWithdraw) return item;
            const form = el(
              "form",
              {
                class: "decision-inline-form",
                id: `decision-withdraw-${interest.municipality.code}-${interest.kind}`,
                novalidate: true,
              },
              errorArea(),
              el(
                "button",
                { type: "submit", class: "button button--secondary" },
                t.interest.withdraw,
                el(
                  "span",
                  { class: "visually-hidden" },
                  `: ${t.interest.withdrawWhat(interest.municipality.name, kind)}`,
                ),
              ),
            );
            form.addEventListener("submit", (event) => {
              event.preventDefault();
              void context.act(
                form,
                {
                  path: `${context.ideaPath}/interest`,
                  method: "DELETE",
                  json: {
                    kind: interest.kind,
                    ...(own ? {} : { municipality: interest.municipality.code }),
                  },
                },
                t.done.interestWithdrawn,
              );
            });
            item.append(" ", form);
            return item;
          }),
        );

  const form = el("form", { id: "decision-interest-form", novalidate: true });
  const municipality = own
    ? el("p", {}, t.interest.forOwn(own.name))
    : el(
        "div",
        { class: "field", "data-field-wrapper": "municipality" },
        el("label", { for: "decision-interest-municipality" }, t.interest.municipality),
        el(
          "select",
          { id: "decision-interest-municipality", name: "municipality" },
          el("option", { value: "" }, t.interest.chooseMunicipality),
          ...context.municipalities.map((m) => el("option", { value: m.code }, m.name)),
        ),
      );
  form.append(
    errorArea(),
    choiceGroup({
      id: "decision-interest-kind",
      name: "kind",
      legend: t.interest.kind,
      type: "radio",
      choices: (Object.keys(kinds) as (keyof typeof kinds)[]).map((kind) => ({
        value: kind,
        label: kinds[kind],
      })),
    }),
    municipality,
    el("div", { class: "button-group" }, button(t.interest.register)),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const kind = valueOf(form, "kind");
    const code = valueOf(form, "municipality");
    void context.act(
      form,
      {
        path: `${context.ideaPath}/interest`,
        method: "POST",
        json: { ...(kind ? { kind } : {}), ...(code ? { municipality: code } : {}) },
      },
      t.done.interestRegistered,
    );
  });
  return part(
    "decision-interest",
    t.interest.heading,
    el("p", {}, t.interest.intro),
    el("h4", {}, t.interest.current),
    list,
    form,
  );
}

/** Regional sharing: on or off, for those who answer for the idea. */
export function sharingSection(context: DecisionContext): HTMLElement | null {
  const { idea } = context;
  if (!idea.can?.share) return null;
  const shared = idea.sharedRegionally;
  const form = el(
    "form",
    { id: "decision-sharing-form", novalidate: true },
    errorArea(),
    el("p", {}, shared ? t.sharing.shared : t.sharing.notShared(idea.municipality.name)),
    el(
      "div",
      { class: "button-group" },
      button(shared ? t.sharing.unshare : t.sharing.share, { secondary: shared }),
    ),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void context.act(
      form,
      { path: `${context.ideaPath}/sharing`, method: "POST", json: { shared: !shared } },
      shared ? t.done.unshared : t.done.shared,
    );
  });
  return part("decision-sharing", t.sharing.heading, form);
}
