import type { Loader } from "astro/loaders";
import { z } from "astro/zod";
import { ideaSlug, publishedIdeaSchema } from "../../domain/idea-bank/schema.ts";
import { BuildDataError, readPublicData } from "./public-api.ts";

/** The most `api.list_published_ideas` returns per call (and PostgREST's max_rows). */
const pageSize = 1000;

/** What the loader needs of each row to ask for the next page. */
const pageKey = z.object({ published_at: z.string(), reference: z.string() });

/**
 * Every published idea, page by page: PostgREST returns at most max_rows (1 000) rows per call, so
 * a single call would silently drop the rest of a larger idea bank (decision 0018). `undefined` when
 * the data is optional and its first page could not be read (see readPublicData).
 */
export async function readAllPublishedIdeas(): Promise<unknown[] | undefined> {
  const ideas: unknown[] = [];
  let after: z.infer<typeof pageKey> | null = null;
  for (;;) {
    const page = await readPublicData(
      "list_published_ideas",
      z.array(z.unknown()),
      "optional",
      after
        ? {
            after_published_at: after.published_at,
            after_reference: after.reference,
            page_size: pageSize,
          }
        : { page_size: pageSize },
    );
    if (page === undefined) {
      if (ideas.length === 0) return undefined;
      // Part of the idea bank is worse than none: the rest would disappear from the site unnoticed.
      throw new BuildDataError(
        `Bygget läste ${ideas.length} publicerade idéer men inte nästa sida av api.list_published_ideas.`,
      );
    }
    ideas.push(...page);
    if (page.length < pageSize) return ideas;
    after = pageKey.parse(page.at(-1));
  }
}

/**
 * An Astro content loader for the idea bank: reads `api.list_published_ideas()` at build time, page
 * by page, so every published idea gets its own static page. The site is rebuilt to show a new publication: a
 * coordinator's publication, unpublication or a change of interest in a published idea asks for a
 * build, and src/server/build-hook/ calls the Netlify build hook once a minute at most.
 */
export function publishedIdeasLoader(): Loader {
  return {
    name: "published-ideas",
    schema: publishedIdeaSchema,
    async load({ store, parseData, logger }) {
      const ideas = await readAllPublishedIdeas();
      store.clear();
      for (const raw of ideas ?? []) {
        const id = ideaSlug(publishedIdeaSchema.parse(raw).reference);
        const data = await parseData({ id, data: raw as Record<string, unknown> });
        store.set({ id, data });
      }
      logger.info(`${store.keys().length} publicerade idéer`);
    },
  };
}
