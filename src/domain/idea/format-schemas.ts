// zod/mini, not zod: the workspace's client islands import these through src/domain/review, and
// the classic zod's string formats would then land in the chunk the idea form shares with them,
// past the form page's 20 KB budget (tests/e2e/submit-idea.test.ts).
import * as z from "zod/mini";
import { referencePattern, statusTokenPattern } from "./formats.ts";

/** A well-formed reference (formats.ts), for the boundaries that parse one with zod. */
export const referenceSchema = z
  .string()
  .check(z.trim(), z.toUpperCase(), z.regex(referencePattern));

/** A well-formed status token (formats.ts), for the boundaries that parse one with zod. */
export const statusTokenSchema = z.string().check(z.trim(), z.regex(statusTokenPattern));
