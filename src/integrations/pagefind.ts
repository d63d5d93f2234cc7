import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { close, createIndex } from "pagefind";

/**
 * Builds the Pagefind search index over the finished site, after Astro has written dist/. Only the
 * `<main data-pagefind-body>` of each page is indexed, and each language gets its own index from
 * the page's `lang`. The index is static files under /pagefind/, so search needs no server.
 *
 * Pagefind's own Node API is called directly (a dozen lines) instead of through an integration
 * package, which would also bring a UI component that injects inline styles our CSP forbids.
 */
export function pagefind(): AstroIntegration {
  return {
    name: "pagefind",
    hooks: {
      "astro:build:done": async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const { index, errors } = await createIndex({});
        if (!index) throw new Error(`Pagefind kunde inte starta: ${errors.join(", ")}`);
        const indexed = await index.addDirectory({ path: outDir });
        if (indexed.errors.length > 0) throw new Error(indexed.errors.join(", "));
        const written = await index.writeFiles({ outputPath: `${outDir}/pagefind` });
        if (written.errors.length > 0) throw new Error(written.errors.join(", "));
        await close();
        logger.info(`Sökindex: ${indexed.page_count} sidor`);
      },
    },
  };
}
