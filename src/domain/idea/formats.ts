/**
 * The formats an idea's identifiers have, defined once for the server, the views, the e-mails and
 * the browser. Plain patterns and predicates: browser scripts import them without a schema library
 * (the zod schemas built from them are in format-schemas.ts).
 */

/**
 * An idea's reference, `IS-YYYY-NNNN` (four digits at least; a busy year may need five). The
 * database hands them out (private.allocate_reference), and its `app.ideas.reference` check uses the
 * same pattern.
 */
export const referencePattern = /^IS-\d{4}-\d{4,}$/;

/**
 * The bearer's private status token: base64url, 244 random bits from `api.submit_idea` (41
 * characters). The bounds accept any token of at least 128 bits and refuse absurd lengths before
 * the database is asked. The database stores only its SHA-256.
 */
export const statusTokenPattern = /^[A-Za-z0-9_-]{22,100}$/;

/** Whether a value from outside is a well-formed reference. */
export function isReference(value: unknown): value is string {
  return typeof value === "string" && referencePattern.test(value);
}

/** Whether a value from outside looks like a status token. */
export function isStatusToken(value: unknown): value is string {
  return typeof value === "string" && statusTokenPattern.test(value);
}
