import { createHash, createHmac, randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import {
  isEncodedRefreshToken,
  isWellFormedRefreshToken,
  newRefreshToken,
} from "./refresh-tokens.ts";

/** A v2 token built as supabase/auth's crypto.RefreshToken.Encode builds one. */
function hostedV2Token(counter: number): string {
  const message = [0, ...randomBytes(16)];
  let rest = counter;
  do {
    message.push((rest & 0x7f) | (rest >= 0x80 ? 0x80 : 0));
    rest = Math.floor(rest / 0x80);
  } while (rest > 0);
  const signed = Buffer.from(message);
  const signature = createHmac("sha256", randomBytes(32)).update(signed).digest().subarray(0, 16);
  const body = Buffer.concat([signed, signature]);
  const checksum = createHash("sha256").update(body).digest().subarray(0, 4);
  return Buffer.concat([body, checksum]).toString("base64url");
}

describe("newRefreshToken", () => {
  test("is 12 characters of lowercase base32, as hosted's legacy tokens", () => {
    const tokens = Array.from({ length: 200 }, newRefreshToken);
    for (const token of tokens) expect(token).toMatch(/^[a-z2-7]{12}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
  });
});

describe("isWellFormedRefreshToken", () => {
  test("accepts legacy tokens and hosted v2 tokens (51 characters for a small counter)", () => {
    expect(isWellFormedRefreshToken(newRefreshToken())).toBe(true);
    expect(isWellFormedRefreshToken("abcdefghijkl")).toBe(true);
    const v2 = hostedV2Token(0);
    expect(v2).toHaveLength(51);
    expect(isWellFormedRefreshToken(v2)).toBe(true);
    expect(isWellFormedRefreshToken(hostedV2Token(300))).toBe(true);
  });

  test.each([
    ["empty", ""],
    ["too short", "abc"],
    ["12 characters with capitals", "ABCDEFGHIJKL"],
    ["12 characters with a dash", "abcdef-hijkl"],
    ["the old local format (22 characters of base64url)", randomBytes(16).toString("base64url")],
    ["a sentence", "inte-en-riktig-token"],
  ])("refuses %s", (_name, token) => {
    expect(isWellFormedRefreshToken(token)).toBe(false);
  });

  test("refuses a v2 token with a wrong checksum or version", () => {
    const bytes = Buffer.from(hostedV2Token(1), "base64url");
    const flipped = Buffer.from(bytes);
    flipped[20] = flipped[20]! ^ 1;
    expect(isEncodedRefreshToken(flipped.toString("base64url"))).toBe(false);
    const version = Buffer.from(bytes);
    version[0] = 1;
    expect(isEncodedRefreshToken(version.toString("base64url"))).toBe(false);
  });
});
