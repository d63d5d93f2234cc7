import { z } from "zod";

/**
 * The bearer's private status token: base64url, 244 random bits from `api.submit_idea` (41
 * characters). The bounds accept any token of at least 128 bits and refuse absurd lengths before
 * the database is asked. The database stores only its SHA-256.
 */
export const statusTokenPattern = /^[A-Za-z0-9_-]{22,100}$/;

/** Whether a value from outside looks like a status token. Plain, so browser scripts stay small. */
export function isStatusToken(value: unknown): value is string {
  return typeof value === "string" && statusTokenPattern.test(value);
}

/** A well-formed status token, as a zod schema for the boundaries that parse one. */
export const statusTokenSchema = z.string().trim().regex(statusTokenPattern);
