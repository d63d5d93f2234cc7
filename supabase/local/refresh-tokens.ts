import { createHash, randomBytes } from "node:crypto";

/*
 * The two refresh-token formats hosted Supabase Auth hands out (supabase/auth
 * internal/models/refresh_token.go, internal/crypto/refresh_tokens.go):
 *
 * - legacy ("v1"): 12 random characters of lowercase base32 (a–z, 2–7), stored in
 *   auth.refresh_tokens and rotated row by row. This is what the local Auth issues.
 * - newer ("v2"): about 51 characters of base64url, a signed message holding the session id and a
 *   counter, with a 4-byte checksum. Hosted projects are being moved to it; the local Auth never
 *   issues it, but recognises its shape so a well-formed one is "not found" and not "invalid".
 *
 * GoTrue refuses anything that is neither before it touches the database: 400 `validation_failed`.
 */

const legacyLength = 12;
const legacyPattern = /^[a-z0-9]{12}$/;
const checksumLength = 4;
const signatureLength = 16;
/** Version byte, session id, a one-byte counter, signature and checksum. */
const minimumEncodedLength = 1 + 16 + 1 + signatureLength + checksumLength;

/**
 * A new refresh token in the legacy format: 12 characters of lowercase base32, as GoTrue's
 * `SecureAlphanumeric(12)` makes them. Sessions and cookies built on hosted Supabase see tokens
 * of this length (or the newer ~51-character ones), so the local Auth does not hand out longer ones.
 */
export function newRefreshToken(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  // 8 random bytes are 64 bits; 12 base32 characters use 60 of them.
  let bits = randomBytes(8).readBigUInt64BE();
  let token = "";
  for (let index = 0; index < legacyLength; index += 1) {
    token += alphabet[Number(bits & 31n)];
    bits >>= 5n;
  }
  return token;
}

/** Reads an unsigned LEB128 varint (Go's `binary.Uvarint`); null when it is cut off or too long. */
function readUvarint(bytes: Uint8Array, start: number): { value: bigint; length: number } | null {
  let value = 0n;
  for (let index = 0; index < 10 && start + index < bytes.length; index += 1) {
    const byte = bytes[start + index]!;
    value |= BigInt(byte & 0x7f) << BigInt(7 * index);
    if (byte < 0x80) return { value, length: index + 1 };
  }
  return null;
}

/**
 * Whether `token` has the shape of a hosted v2 refresh token: base64url of version 0, a 16-byte
 * session id, a varint counter, a 16-byte signature and a checksum (the first four bytes of the
 * SHA-256 of everything before it). The signature cannot be checked without the session's key.
 */
export function isEncodedRefreshToken(token: string): boolean {
  if (!/^[A-Za-z0-9_-]+$/.test(token) || token.length % 4 === 1) return false;
  const bytes = Buffer.from(token, "base64url");
  if (bytes.length < minimumEncodedLength || bytes[0] !== 0) return false;
  const body = bytes.subarray(0, bytes.length - checksumLength);
  const checksum = createHash("sha256").update(body).digest().subarray(0, checksumLength);
  if (!checksum.equals(bytes.subarray(bytes.length - checksumLength))) return false;
  const counter = readUvarint(body, 17);
  if (!counter) return false;
  return body.length - 17 - counter.length === signatureLength;
}

/**
 * GoTrue's `RefreshTokenGrantParams.Validate`: shorter than 12 characters, 12 characters that are
 * not lowercase letters and digits, or a longer string that is not a v2 token, is refused with 400
 * `validation_failed` "Refresh token is not valid" before any lookup.
 */
export function isWellFormedRefreshToken(token: string): boolean {
  if (token.length < legacyLength) return false;
  if (token.length === legacyLength) return legacyPattern.test(token);
  return isEncodedRefreshToken(token);
}
