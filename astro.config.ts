// Astro builds the public site as static files; Netlify Functions under netlify/functions/ serve /api/*.
// @netlify/vite-plugin lets `astro dev` run those functions too. Every emulation that needs the
// internet or that the project does not use is off, so development works offline (stack-facts 2.6).
import { defineConfig } from "astro/config";
import netlify from "@netlify/vite-plugin";
import sitemap from "@astrojs/sitemap";
import { pagefind } from "./src/integrations/pagefind.ts";
import { readEnv } from "./src/server/env.ts";

/** The public origin of the site; a region running its own sluice sets SITE_URL. */
const site = readEnv().SITE_URL ?? "https://innovationsslussen.example.se";

export default defineConfig({
  site,
  output: "static",
  // Links are written with a trailing slash; "always" would make `astro dev` refuse /api/health.
  trailingSlash: "ignore",
  integrations: [
    sitemap({ filter: (page) => !page.endsWith("/404/") && !page.includes("/granska/") }),
    pagefind(),
  ],
  build: {
    // External stylesheets only: the Content-Security-Policy allows no inline styles.
    inlineStylesheets: "never",
  },
  vite: {
    // Scripts and assets as files, never inlined: the Content-Security-Policy allows no inline script.
    build: { assetsInlineLimit: 0 },
    plugins: [
      netlify({
        edgeFunctions: { enabled: false },
        geolocation: { enabled: false },
        database: { enabled: false },
        images: { enabled: false },
        aiGateway: { enabled: false },
        blobs: { enabled: false },
      }),
    ],
  },
});
