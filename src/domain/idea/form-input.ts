/**
 * Reading the idea form's fields into the idea schema's JSON shape. The server does this for plain
 * form posts and the browser does it before validating, so both see the same input.
 */

/**
 * Fields that are not the idea: the page's language, the retry key, the time the form was shown and
 * the honeypot.
 */
export const formMetaFields = ["locale", "idempotency_key", "fill_ms", "contact_fax"] as const;

const multiValueFields = new Set(["beneficiaries"]);
const checkboxFields = new Set(["privacy_notice_read", "publish_consent"]);

/** "ja" → true, "nej" → false, anything else → undefined (the schema then names the field). */
function yesNo(value: string | null): boolean | undefined {
  return value === "ja" ? true : value === "nej" ? false : undefined;
}

/** Reads a form post into the schema's JSON shape: repeated fields become arrays, ja/nej booleans. */
export function formToInput(form: URLSearchParams): {
  input: Record<string, unknown>;
  values: Record<string, string | string[]>;
} {
  const input: Record<string, unknown> = {};
  const values: Record<string, string | string[]> = {};
  for (const name of new Set(form.keys())) {
    if ((formMetaFields as readonly string[]).includes(name)) continue;
    const all = form.getAll(name);
    values[name] = multiValueFields.has(name) ? all : (all[0] ?? "");
    if (multiValueFields.has(name)) input[name] = all;
    else if (checkboxFields.has(name)) input[name] = form.get(name) === "ja";
    else if (name === "contact_consent") input[name] = yesNo(form.get(name));
    else input[name] = all[0];
  }
  for (const name of checkboxFields) input[name] ??= false;
  input.beneficiaries ??= [];
  return { input, values };
}
