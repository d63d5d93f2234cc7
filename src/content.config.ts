// Content collections: the innovation-leadership course, the toolbox of methods, the text pages in
// Swedish and English, and the idea bank built from the database at build time.
import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";
import { z } from "astro/zod";
import { publishedIdeasLoader } from "./content/loaders/published-ideas.ts";
import { publishedIdeaSchema } from "./domain/idea-bank/schema.ts";

/** A module of the innovation-leadership course for unit managers. */
const course = defineCollection({
  loader: glob({ pattern: "*.md", base: "./src/content/course" }),
  schema: z.object({
    title: z.string(),
    /** Position in the course, 1 first. */
    order: z.number().int().positive(),
    summary: z.string().max(160),
    /** How long the module takes, as written text ("45 minuter"). */
    duration: z.string(),
    /** What the manager can do after the module. */
    goals: z.array(z.string()).min(1),
  }),
});

/** A method in the toolbox, with the fields of its printable template. */
const toolbox = defineCollection({
  loader: glob({ pattern: "*.md", base: "./src/content/toolbox" }),
  schema: z.object({
    title: z.string(),
    order: z.number().int().positive(),
    summary: z.string().max(160),
    purpose: z.string(),
    whenToUse: z.string(),
    duration: z.string(),
    participants: z.string(),
    steps: z.array(z.string()).min(1),
    template: z.object({
      title: z.string(),
      intro: z.string(),
      fields: z
        .array(
          z.object({
            label: z.string(),
            hint: z.string().optional(),
            /** How many blank lines to print for writing. */
            lines: z.number().int().min(1).max(10),
          }),
        )
        .min(1),
    }),
  }),
});

/** Text pages; the id is `sv/om-projektet` or `en/about`, which gives the page's path. */
const pages = defineCollection({
  loader: glob({ pattern: "{sv,en}/*.md", base: "./src/content/pages" }),
  schema: z.object({
    title: z.string(),
    description: z.string().max(160),
  }),
});

/** Ideas published to the idea bank, read from the database's `api` schema at build time. */
const ideas = defineCollection({ loader: publishedIdeasLoader(), schema: publishedIdeaSchema });

export const collections = { course, toolbox, pages, ideas };
