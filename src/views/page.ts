import { footerMenu, mainMenu } from "../config/navigation.ts";
import { siteConfig } from "../config/site.ts";
import type { Locale } from "../domain/locale.ts";
import { html, type SafeHtml } from "./html.ts";

/**
 * The page frame for HTML that a function renders (the idea form's answers and errors when
 * JavaScript is off, the 503 page): the same landmarks, menus, stylesheet and footer links as the
 * static pages' BaseLayout, built from the same navigation data.
 */
export function renderPage(page: { title: string; lang?: Locale; body: SafeHtml }): string {
  const lang = page.lang ?? "sv";
  const sv = lang === "sv";
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
      <a class="skip-link" href="#main">${sv ? "Gå direkt till innehållet" : "Skip to content"}</a>
      <header class="site-header">
        <div class="container site-header__inner">
          <a class="site-header__name" href="${sv ? "/" : "/en/"}">${siteConfig.name}</a>
          <nav aria-label="${sv ? "Huvudmeny" : "Main menu"}">
            <ul class="site-nav">
              ${mainMenu[lang].map((link) => html`<li><a href="${link.href}">${link.label}</a></li>`)}
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" tabindex="-1">
        <div class="container">${page.body}</div>
      </main>
      <footer class="site-footer">
        <div class="container">
          <nav aria-label="${sv ? "Om webbplatsen" : "About this site"}">
            <ul>
              ${footerMenu[lang].map((link) => html`<li><a href="${link.href}">${link.label}</a></li>`)}
            </ul>
          </nav>
          <p>
            ${sv ? `${siteConfig.name} drivs av ${siteConfig.organisation} för ${siteConfig.region}s kommuner.` : `${siteConfig.name} is run by ${siteConfig.organisation} for the municipalities of ${siteConfig.region}.`}
            ${sv ? "E-post:" : "E-mail:"}
            <a href="mailto:${siteConfig.contactEmail}">${siteConfig.contactEmail}</a>
          </p>
        </div>
      </footer>
    </body>
  </html>`}`;
}
