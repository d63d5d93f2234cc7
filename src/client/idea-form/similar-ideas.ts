import { ideaSlug } from "../../domain/idea-bank/slug.ts";
import type { Locale } from "../../domain/locale.ts";
import type { IdeaFormScriptTexts } from "./texts.ts";
import { debounce } from "./timing.ts";

/**
 * A hint of similar published ideas under the idea's text, so an idea that already exists can
 * spread instead of being developed twice. Never a block: when the search fails, nothing shows.
 */
export function hintSimilarIdeas(
  form: HTMLFormElement,
  texts: IdeaFormScriptTexts,
  locale: Locale,
): void {
  const region = document.createElement("section");
  region.className = "similar-ideas";
  region.setAttribute("aria-live", "polite");
  form.querySelector('[data-field="proposal"]')?.after(region);
  const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();

  const lookUp = debounce(async () => {
    const title = value("title");
    const text = [value("problem"), value("proposal")].join("\n\n").trim();
    if ((title + text).length < 10) return;
    try {
      const response = await fetch("/api/ideas/similar", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ title, text: text || title }),
      });
      if (!response.ok) return;
      const { ideas } = (await response.json()) as {
        ideas: { reference: string; title: string }[];
      };
      region.replaceChildren();
      if (ideas.length === 0) return;
      const heading = document.createElement("h3");
      heading.textContent = texts.similarIdeasHeading;
      const intro = document.createElement("p");
      intro.textContent = texts.similarIdeasIntro;
      const list = document.createElement("ul");
      for (const idea of ideas) {
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = `/idebank/${ideaSlug(idea.reference)}/`;
        link.textContent = idea.title;
        // The idea bank is in Swedish; on another page, say so for screen readers (WCAG 3.1.2).
        if (locale !== "sv") link.lang = "sv";
        item.append(link);
        list.append(item);
      }
      region.append(heading, intro, list);
    } catch {
      // A hint only: without it the form works the same.
    }
  }, 800);

  form.addEventListener("input", (event) => {
    const name = (event.target as HTMLInputElement).name;
    if (["title", "problem", "proposal"].includes(name)) lookUp();
  });
}
