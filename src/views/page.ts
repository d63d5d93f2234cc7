import { findTranslation, footerMenu, mainMenu } from "../config/navigation.ts";
import { siteConfig } from "../config/site.ts";
import type { Locale } from "../domain/locale.ts";
import { attr, html, type SafeHtml } from "./html.ts";

/**
 * The site's frame – skip link, header with the menu and the language switch, footer – written once
 * (decision 0008). The static pages' layout (src/layouts/BaseLayout.astro) inserts these same
 * fragments, and the pages functions render (answers to form posts, the status page, error pages)
 * are wrapped by {@link renderPage}, so both always look and behave the same.
 */

const frameTexts = {
  sv: {
    skip: "Gå direkt till innehållet",
    mainMenu: "Huvudmeny",
    footerMenu: "Om webbplatsen",
    email: "E-post:",
    runBy: `${siteConfig.name} drivs av ${siteConfig.organisation} för ${siteConfig.region}s kommuner.`,
  },
  en: {
    skip: "Skip to content",
    mainMenu: "Main menu",
    footerMenu: "About this site",
    email: "E-mail:",
    runBy: `${siteConfig.name} is run by ${siteConfig.organisation} for the municipalities of ${siteConfig.region}.`,
  },
} as const;

/** The frame's place: the page's language and its path (for the current menu item and the switch). */
export interface FrameOptions {
  lang: Locale;
  /** The page's path, e.g. `/skicka-ide/`; the language switch leads to its translation. */
  path: string;
}

/** The link to this page in the other language, or to the other language's start page. */
function languageSwitch({ lang, path }: FrameOptions) {
  const translation = findTranslation(path);
  return lang === "sv"
    ? { href: translation?.en ?? "/en/", label: "English", lang: "en" }
    : { href: translation?.sv ?? "/", label: "Svenska", lang: "sv" };
}

/** The skip link and the site header with its menu and language switch. */
export function renderSiteHeader(options: FrameOptions): SafeHtml {
  const { lang, path } = options;
  const texts = frameTexts[lang];
  const switchTo = languageSwitch(options);
  const current = (href: string) =>
    path === href ? "page" : path.startsWith(href) ? "true" : undefined;
  return html`<a class="skip-link" href="#main">${texts.skip}</a>
    <header class="site-header">
      <div class="container site-header__inner">
        <a class="site-header__name" href="${lang === "sv" ? "/" : "/en/"}">${siteConfig.name}</a>
        <nav aria-label="${texts.mainMenu}">
          <ul class="site-nav">
            ${mainMenu[lang].map(
              (link) =>
                html`<li><a href="${link.href}"${attr("aria-current", current(link.href))}>${link.label}</a></li>`,
            )}
            <li>
              <a
                class="language-switch"
                href="${switchTo.href}"
                hreflang="${switchTo.lang}"
                lang="${switchTo.lang}"
                >${switchTo.label}</a
              >
            </li>
          </ul>
        </nav>
      </div>
    </header>`;
}

/** The site footer: the footer menu and who runs the site. */
export function renderSiteFooter({ lang }: Pick<FrameOptions, "lang">): SafeHtml {
  const texts = frameTexts[lang];
  return html`<footer class="site-footer">
    <div class="container">
      <nav aria-label="${texts.footerMenu}">
        <ul>
          ${footerMenu[lang].map((link) => html`<li><a href="${link.href}">${link.label}</a></li>`)}
        </ul>
      </nav>
      <p>
        ${texts.runBy} ${texts.email}
        <a href="mailto:${siteConfig.contactEmail}">${siteConfig.contactEmail}</a>
      </p>
    </div>
  </footer>`;
}

/**
 * A whole page rendered by a function: the same head essentials, frame and stylesheet as the static
 * pages. Not indexed: these pages answer one person's request.
 */
export function renderPage(page: {
  title: string;
  lang?: Locale;
  /** The page's address, for the language switch; the language's start page when unknown. */
  path?: string;
  body: SafeHtml;
}): string {
  const lang = page.lang ?? "sv";
  const path = page.path ?? (lang === "sv" ? "/" : "/en/");
  return `<!doctype html>${html`<html lang="${lang}">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>${page.title} – ${siteConfig.name}</title>
      <meta name="robots" content="noindex" />
      <link rel="stylesheet" href="/styles/site.css" />
      <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      <meta name="color-scheme" content="light dark" />
    </head>
    <body>
      ${renderSiteHeader({ lang, path })}
      <main id="main" tabindex="-1">
        <div class="container">${page.body}</div>
      </main>
      ${renderSiteFooter({ lang })}
    </body>
  </html>`}`;
}
