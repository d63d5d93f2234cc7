import * as z from "zod/mini";

/*
 * zod compiles a fast path for object schemas with `new Function` when it builds them, which the
 * site's Content-Security-Policy forbids (no 'unsafe-eval'): even the attempt is reported as a
 * violation. Import this module before any module that builds a schema, so zod never tries.
 */
z.config({ jitless: true });
