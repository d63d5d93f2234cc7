// zod/mini, because the sign-in page's script validates with the same schema before it sends.
import * as z from "zod/mini";
import { emailAddressSchema } from "../email-address.ts";
import { sessionMessages } from "./messages.ts";

const m = sessionMessages;

/** The e-mail address a reviewer signs in with: trimmed, lower-case, at most 254 characters. */
const emailSchema = emailAddressSchema({ missing: m.emailMissing, invalid: m.emailInvalid });

/**
 * `POST /api/auth/login`: e-mail and password. The password is taken as typed (no trimming: a space
 * may be part of it) and only checked for presence and Auth's upper bound; its rules are Auth's.
 */
export const signInSchema = z.strictObject({
  /** The reviewer's e-mail address. */
  email: emailSchema,
  /** The password, exactly as typed. */
  password: z
    .string({ error: m.passwordMissing })
    .check(
      z.minLength(1, { error: m.passwordMissing }),
      z.maxLength(1024, { error: m.wrongCredentials }),
    ),
});

/** A sign-in, parsed. */
export type SignIn = z.infer<typeof signInSchema>;

/** `POST /api/auth/magic-link`: the e-mail address the sign-in link goes to. */
export const magicLinkSchema = z.strictObject({
  /** The reviewer's e-mail address. */
  email: emailSchema,
});

/** The fields of the sign-in form, for error summaries that link to them. */
export type SignInField = "email" | "password";

/**
 * The first message per field from a failed parse, in the form's field order, for the error
 * summary and the fields' own messages.
 */
export function signInFieldErrors(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): Partial<Record<SignInField, string>> {
  const errors: Partial<Record<SignInField, string>> = {};
  for (const issue of issues) {
    const field = issue.path[0];
    if ((field === "email" || field === "password") && !errors[field])
      errors[field] = issue.message;
  }
  return errors;
}
