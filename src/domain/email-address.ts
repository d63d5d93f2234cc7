import * as z from "zod/mini";

/** A plausible e-mail address: something, `@`, something with a dot, no spaces. Auth checks the rest. */
export const emailAddressPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The workspace's e-mail address field – sign-in, an invitation, a personal-data request: trimmed,
 * not empty, at most 254 characters (RFC 5321), {@link emailAddressPattern}, lower-cased; with the
 * caller's own messages for a missing and a malformed address. zod/mini: the browser uses it too.
 */
export function emailAddressSchema(messages: { missing: string; invalid: string }) {
  return z.pipe(
    z.pipe(
      z.string({ error: messages.missing }),
      z.transform((value: string) => value.trim()),
    ),
    z
      .string()
      .check(
        z.minLength(1, { error: messages.missing }),
        z.maxLength(254, { error: messages.invalid }),
        z.regex(emailAddressPattern, { error: messages.invalid }),
        z.toLowerCase(),
      ),
  );
}
