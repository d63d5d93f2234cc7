import type { Config } from "@netlify/functions";
import { z } from "zod";
import { locales } from "../../src/domain/locale.ts";
import { defineEndpoint } from "../../src/server/http/endpoint.ts";
import { htmlResponse } from "../../src/server/http/responses.ts";
import { html } from "../../src/views/html.ts";
import { renderPage } from "../../src/views/page.ts";
import { receiptTitle, renderReceipt } from "../../src/views/receipt.ts";

const localeSchema = z.enum(locales);

/**
 * GET /api/receipt/:locale?ref=IS-2026-0042 – the receipt page with its reference, for a form sent
 * without JavaScript: netlify.toml rewrites `/tack/?ref=…` and `/en/thanks/?ref=…` here, so the
 * address stays the receipt's. The static page cannot read its address without a script. A
 * reference that is not well formed is left out; the status link is only in the receipt e-mail.
 */
export default defineEndpoint({
  methods: ["GET"],
  handle: ({ url, context, locale: pageLocale }) => {
    // Through the rewrite the request keeps the receipt's own address (and no route parameters),
    // so the language is the page's; called directly, it comes from the path /api/receipt/:locale.
    const locale = localeSchema.catch(pageLocale).parse(context.params?.locale ?? pageLocale);
    const reference = url.searchParams.get("ref") ?? undefined;
    const body = html`<div class="prose">${renderReceipt({ locale, reference })}</div>`;
    return htmlResponse(
      renderPage({ title: receiptTitle(locale), lang: locale, path: url.pathname, body }),
    );
  },
});

export const config: Config = {
  path: "/api/receipt/:locale",
};
