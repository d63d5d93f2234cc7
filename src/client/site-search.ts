// Site search on /sok/: runs the query from the form (or the URL's ?q=) against the static
// Pagefind index and lists the results. Without JavaScript the page explains that search needs it.

interface PagefindResult {
  data: () => Promise<{ url: string; excerpt: string; meta: { title?: string } }>;
}

interface Pagefind {
  search: (query: string) => Promise<{ results: PagefindResult[] }>;
}

const form = document.querySelector<HTMLFormElement>("#site-search");
const input = document.querySelector<HTMLInputElement>("#site-search-query");
const statusLine = document.querySelector<HTMLElement>("#site-search-status");
const list = document.querySelector<HTMLOListElement>("#site-search-results");
const noScriptNote = document.querySelector<HTMLElement>("#site-search-needs-js");

let pagefind: Promise<Pagefind> | undefined;

/** Loads Pagefind once; the index is built into /pagefind/ after the site. */
function loadPagefind(): Promise<Pagefind> {
  const url = "/pagefind/pagefind.js";
  pagefind ??= import(/* @vite-ignore */ url) as Promise<Pagefind>;
  return pagefind;
}

/** Puts an excerpt into the element, with Pagefind's <mark> highlights and every other tag as text. */
function renderExcerpt(target: HTMLElement, excerpt: string): void {
  const parts = excerpt.split(/<mark>(.*?)<\/mark>/g);
  parts.forEach((part, index) => {
    const text = new DOMParser().parseFromString(part, "text/html").body.textContent ?? "";
    if (index % 2 === 1) {
      const mark = document.createElement("mark");
      mark.textContent = text;
      target.append(mark);
    } else {
      target.append(text);
    }
  });
}

async function search(query: string): Promise<void> {
  if (!statusLine || !list) return;
  list.replaceChildren();
  if (query.trim() === "") {
    statusLine.textContent = "Skriv ett eller flera ord att söka efter.";
    return;
  }
  statusLine.textContent = "Söker …";
  const { results } = await (await loadPagefind()).search(query);
  const pages = await Promise.all(results.slice(0, 20).map((result) => result.data()));
  statusLine.textContent =
    pages.length === 0
      ? `Inga träffar på ”${query}”. Pröva ett annat ord.`
      : `${results.length === 1 ? "1 träff" : `${results.length} träffar`} på ”${query}”.`;
  for (const page of pages) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = page.url;
    link.textContent = page.meta.title ?? page.url;
    const excerpt = document.createElement("p");
    renderExcerpt(excerpt, page.excerpt);
    item.append(link, excerpt);
    list.append(item);
  }
}

if (form && input) {
  noScriptNote?.setAttribute("hidden", "");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const url = new URL(location.href);
    url.searchParams.set("q", input.value);
    history.replaceState(null, "", url);
    void search(input.value);
  });
  const initial = new URLSearchParams(location.search).get("q");
  if (initial) {
    input.value = initial;
    void search(initial);
  }
}

export {};
