/**
 * Invisible control characters (C0 and DEL, but not tab and line breaks), which can arrive with
 * pasted text. Free text is cleaned of them like of surrounding spaces: PostgreSQL cannot store
 * U+0000 at all, and none of them means anything in what a person writes.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** The text without invisible control characters; tabs and line breaks stay. */
export function removeControlCharacters(text: string): string {
  return text.replace(controlCharacters, "");
}
