import { randomInt } from "node:crypto";

/** A reference in the real format for a discarded bot submission, so the bot cannot tell (AS-19). */
export function fakeReference(now = new Date()): string {
  return `IS-${now.getUTCFullYear()}-${String(randomInt(1000, 10000))}`;
}
