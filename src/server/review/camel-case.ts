/**
 * The database's JSON answers use snake_case keys (`received_at`); the site's API answers in
 * camelCase (`receivedAt`), like every other JSON it writes. This renames keys only, at every depth;
 * values – text people wrote among them – are never touched.
 */

/** `received_at` → `receivedAt`. */
export function camelCase(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** A JSON value with every object key in camelCase. */
export function camelCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelCaseKeys);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [camelCase(key), camelCaseKeys(inner)]),
    );
  }
  return value;
}
