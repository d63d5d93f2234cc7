import type { Loader } from "astro/loaders";
import { z } from "astro/zod";
import { ideaSlug, publishedIdeaSchema } from "../../domain/idea-bank/schema.ts";
import { readPublicData } from "./public-api.ts";

/**
 * An Astro content loader for the idea bank: reads `api.list_published_ideas()` at build time, so
 * every published idea gets its own static page. The site is rebuilt to show a new publication: a
 * coordinator's publication, unpublication or a change of interest in a published idea asks for a
 * build, and src/server/build-hook/ calls the Netlify build hook once a minute at most.
 */
export function publishedIdeasLoader(): Loader {
  return {
    name: "published-ideas",
    schema: publishedIdeaSchema,
    async load({ store, parseData, logger }) {
      const ideas = await readPublicData("list_published_ideas", z.array(z.unknown()), "optional");
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
