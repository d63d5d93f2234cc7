import { z } from "zod";

/**
 * An idea's reference, `IS-YYYY-NNNN` (four digits at least; a busy year may need five). The
 * database hands them out (private.allocate_reference) and its `app.ideas.reference` check uses the
 * same pattern; everything else – forms, views, e-mails, the browser – checks it here.
 */
export const referencePattern = /^IS-\d{4}-\d{4,}$/;

/** Whether a value from outside is a well-formed reference. Plain, so browser scripts stay small. */
export function isReference(value: unknown): value is string {
  return typeof value === "string" && referencePattern.test(value);
}

/** A well-formed reference, as a zod schema for the boundaries that parse one. */
export const referenceSchema = z.string().trim().toUpperCase().regex(referencePattern);
