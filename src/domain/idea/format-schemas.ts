import { z } from "zod";
import { referencePattern, statusTokenPattern } from "./formats.ts";

/** A well-formed reference (formats.ts), for the boundaries that parse one with zod. */
export const referenceSchema = z.string().trim().toUpperCase().regex(referencePattern);

/** A well-formed status token (formats.ts), for the boundaries that parse one with zod. */
export const statusTokenSchema = z.string().trim().regex(statusTokenPattern);
