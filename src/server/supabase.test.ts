import { describe, expect, test } from "vitest";
import { localSupabaseEnv, readSupabaseEnv } from "./supabase.ts";

const hosted = {
  SUPABASE_URL: "https://abcdefgh.supabase.co",
  SUPABASE_PUBLISHABLE_KEY: "sb_publishable_hosted",
  SUPABASE_SECRET_KEY: "sb_secret_hosted",
};

describe("readSupabaseEnv", () => {
  test("uses the configured project when all three settings are given", () => {
    expect(readSupabaseEnv({ ...hosted })).toEqual(hosted);
  });

  test("falls back to the local Supabase on a developer's machine when nothing is set", () => {
    expect(readSupabaseEnv({})).toEqual(localSupabaseEnv);
    expect(readSupabaseEnv({ NETLIFY_DEV: "true", NETLIFY: "true" })).toEqual(localSupabaseEnv);
    // What Netlify's local function runtime sets inside a function (checked with @netlify/dev 5).
    expect(
      readSupabaseEnv({
        AWS_LAMBDA_FUNCTION_NAME: "handler",
        NETLIFY_LOCAL: "true",
        CONTEXT: "dev",
      }),
    ).toEqual(localSupabaseEnv);
  });

  test("never falls back in a deployed function or a Netlify build", () => {
    expect(() => readSupabaseEnv({ AWS_LAMBDA_FUNCTION_NAME: "ideas" })).toThrow(
      "Supabase är inte konfigurerat:\n- SUPABASE_URL saknas eller är ingen adress.",
    );
    expect(() => readSupabaseEnv({ NETLIFY: "true" })).toThrow("SUPABASE_PUBLISHABLE_KEY saknas.");
  });

  test("a URL without its publishable key fails and names what is missing", () => {
    expect(() => readSupabaseEnv({ SUPABASE_URL: hosted.SUPABASE_URL })).toThrow(
      "Supabase är inte konfigurerat:\n- SUPABASE_PUBLISHABLE_KEY saknas.",
    );
  });

  test("the secret key may be left out where no function needs it", () => {
    const { SUPABASE_SECRET_KEY: _secret, ...withoutSecret } = hosted;
    expect(readSupabaseEnv(withoutSecret)).toEqual(withoutSecret);
  });

  test("a secret key in the publishable slot is refused", () => {
    expect(() =>
      readSupabaseEnv({ ...hosted, SUPABASE_PUBLISHABLE_KEY: "sb_secret_hosted" }),
    ).toThrow(
      "SUPABASE_PUBLISHABLE_KEY ska vara projektets publishable key (börjar med sb_publishable_).",
    );
  });
});
