import { z } from "zod";

/**
 * `GET /api/admin/audit`: which page of the audit trail. All optional: `action` (a key such as
 * `ideas_export`), `reference` (an idea, IS-2026-0042), `before` (the previous page's `next`),
 * `limit` (1–200, default 50). Parsed with one schema; messages in Swedish, naming what to do.
 */
export const auditQuerySchema = z.strictObject({
  action: z
    .string()
    .regex(/^[a-z][a-z_]{0,59}$/, { error: "Välj en händelse i listan." })
    .optional(),
  reference: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^IS-\d{4}-\d{4,}$/, { error: "Skriv idéns referens, till exempel IS-2026-0042." })
    .optional(),
  before: z
    .string()
    .regex(/^\d{1,18}$/, {
      error: "Sidan i loggen finns inte. Börja om från den senaste händelsen.",
    })
    .transform(Number)
    .optional(),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, { error: "Visa mellan 1 och 200 händelser per sida." })
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(1, { error: "Visa mellan 1 och 200 händelser per sida." })
        .max(200, { error: "Visa mellan 1 och 200 händelser per sida." }),
    )
    .optional(),
});

/** A parsed audit query. */
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** Reads the audit page's query string; an empty value is no filter. */
export function parseAuditQuery(
  params: URLSearchParams,
): { ok: true; query: AuditQuery } | { ok: false; problem: { field: string; message: string } } {
  const values: Record<string, string> = {};
  for (const [name, value] of params) {
    if (value.trim() === "") continue;
    if (name in values)
      return { ok: false, problem: { field: name, message: "Ange varje parameter en gång." } };
    values[name] = value;
  }
  const parsed = auditQuerySchema.safeParse(values);
  if (parsed.success) return { ok: true, query: parsed.data };
  const issue = parsed.error.issues[0];
  const field = String(
    issue?.code === "unrecognized_keys" ? issue.keys[0] : (issue?.path[0] ?? ""),
  );
  const message =
    issue?.code === "unrecognized_keys"
      ? `Loggen känner inte till parametern ${field}. Ta bort den ur adressen.`
      : (issue?.message ?? "Kontrollera adressen och försök igen.");
  return { ok: false, problem: { field, message } };
}
