import { describe, expect, test } from "vitest";
import { identifyRequest, localApiKeys } from "./api-keys.ts";

const browser =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";

describe("identifyRequest (Supabase's gateway)", () => {
  test("the publishable key alone is anon, the secret key alone is service_role", () => {
    expect(identifyRequest(new Headers({ apikey: localApiKeys.publishable }))).toEqual({
      kind: "key",
      role: "anon",
    });
    expect(identifyRequest(new Headers({ apikey: localApiKeys.secret }))).toEqual({
      kind: "key",
      role: "service_role",
    });
  });

  test("the key repeated as bearer (what supabase-js sends without a session) is just the key", () => {
    const headers = new Headers({
      apikey: localApiKeys.publishable,
      Authorization: `Bearer ${localApiKeys.publishable}`,
    });
    expect(identifyRequest(headers)).toEqual({ kind: "key", role: "anon" });
  });

  test("any other bearer is a user's token, passed on unverified", () => {
    const headers = new Headers({
      apikey: localApiKeys.publishable,
      Authorization: "Bearer eyJ.a.b",
    });
    expect(identifyRequest(headers)).toEqual({ kind: "token", keyRole: "anon", token: "eyJ.a.b" });
  });

  test("no key, an unknown key, or a different sb_ key as bearer are refused with 401", () => {
    expect(identifyRequest(new Headers())).toMatchObject({
      status: 401,
      body: { message: "No API key found in request" },
    });
    expect(identifyRequest(new Headers({ apikey: "sb_publishable_x" }))).toMatchObject({
      status: 401,
      body: { message: "Invalid API key" },
    });
    const mixed = new Headers({
      apikey: localApiKeys.publishable,
      Authorization: `Bearer ${localApiKeys.secret}`,
    });
    expect(identifyRequest(mixed)).toMatchObject({ status: 401 });
  });

  test("the secret key from a browser is refused; the publishable key from a browser is fine", () => {
    expect(
      identifyRequest(new Headers({ apikey: localApiKeys.secret, "User-Agent": browser })),
    ).toEqual({
      status: 401,
      body: { message: "Forbidden use of secret API key in browser" },
    });
    expect(
      identifyRequest(new Headers({ apikey: localApiKeys.publishable, "User-Agent": browser })),
    ).toEqual({
      kind: "key",
      role: "anon",
    });
  });
});
