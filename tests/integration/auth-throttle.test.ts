import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sessionMessages, swedishClockTime } from "../../src/domain/session/messages.ts";
import { refusedSignInFloorMs } from "../../src/server/session/sign-in.ts";
import { startFunctionsStack, type FunctionsStack } from "../support/functions.ts";
import { CookieJar, signIn } from "../support/session.ts";

/*
 * The sign-in throttle (AS-15: 10 attempts per account, 30 per client address in 15 minutes, kept in
 * the database) and the timing of refused sign-ins (AS-14). Each test comes from client addresses
 * of its own (`context.ip`), as Netlify reports them. The local Auth, like hosted, allows 30
 * password sign-ins per 5 minutes from the functions' own address, so this file stays below that.
 */

let stack: FunctionsStack;

beforeAll(async () => {
  stack = await startFunctionsStack({ secretKey: true });
});

afterAll(async () => {
  await stack?.stop();
});

const skovde = "granskare.skovde@example.se";
const lidkoping = "granskare.lidkoping@example.se";
const coordinator = "samordnare@example.se";

async function sessionsOf(email: string): Promise<number> {
  const { rows } = await stack.db.query<{ count: number }>(
    "select count(*)::int as count from auth.sessions s join auth.users u on u.id = s.user_id where u.email = $1",
    [email],
  );
  return rows[0]!.count;
}

describe("the sign-in throttle", () => {
  test("the 11th attempt for one account within 15 minutes is refused with 429 before Auth is asked", async () => {
    const ip = "198.51.100.10";
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      const response = await signIn(
        stack.functions,
        new CookieJar(),
        skovde,
        `fel-lösenord-${attempt}`,
        ip,
      );
      expect(response.status, `attempt ${attempt}`).toBe(401);
    }
    const sessionsBefore = await sessionsOf(skovde);
    // Even the right password: Auth is not asked, no session is made.
    const refused = await signIn(
      stack.functions,
      new CookieJar(),
      skovde,
      undefined,
      "198.51.100.11",
    );
    expect(refused.status).toBe(429);
    const body = (await refused.json()) as { retryAfterSeconds: number; message: string };
    expect(body.retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect(body.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    expect(refused.headers.get("Retry-After")).toBe(String(body.retryAfterSeconds));
    const retryAt = new Date(Date.now() + body.retryAfterSeconds * 1000);
    expect([
      sessionMessages.throttled(retryAt),
      sessionMessages.throttled(new Date(retryAt.getTime() - 60_000)),
    ]).toContain(body.message);
    expect(body.message).toMatch(
      /^Du har försökt logga in för många gånger\. Vänta till klockan \d\d\.\d\d/,
    );
    expect(body).toEqual({
      error: "throttled",
      message: body.message,
      retryAfterSeconds: body.retryAfterSeconds,
    });
    expect(await sessionsOf(skovde)).toBe(sessionsBefore);
  });

  test("another account from the same address still signs in (allow twin)", async () => {
    const response = await signIn(
      stack.functions,
      new CookieJar(),
      lidkoping,
      undefined,
      "198.51.100.10",
    );
    expect(response.status).toBe(200);
  });

  test("the address is refused after 30 attempts in 15 minutes, whichever accounts they were for", async () => {
    const ip = "198.51.100.20";
    // 28 earlier attempts from this address, for other accounts (as rows the throttle wrote).
    await stack.db.query(
      `insert into app.sign_in_attempts (bucket)
       select (private.sign_in_buckets('x@example.se', $1))[2] from generate_series(1, 28)`,
      [ip],
    );
    // Allow twin: a right password from the address still signs in, and does not count against it.
    expect(
      (await signIn(stack.functions, new CookieJar(), coordinator, undefined, ip)).status,
    ).toBe(200);
    expect(
      (await signIn(stack.functions, new CookieJar(), "okand.1@example.se", "gissning-1", ip))
        .status,
    ).toBe(401);
    expect(
      (await signIn(stack.functions, new CookieJar(), "okand.2@example.se", "gissning-2", ip))
        .status,
    ).toBe(401);
    // 30 now: the next is refused, whoever it is for.
    const refused = await signIn(stack.functions, new CookieJar(), coordinator, undefined, ip);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: "throttled" });
    // Another address is not affected.
    expect(
      (await signIn(stack.functions, new CookieJar(), coordinator, undefined, "198.51.100.21"))
        .status,
    ).toBe(200);
  });

  test("the database keeps hashes only, never the addresses", async () => {
    const { rows } = await stack.db.query<{ bucket: string }>(
      "select bucket from app.sign_in_attempts",
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const { bucket } of rows) expect(bucket).toMatch(/^(account|client):[0-9a-f]{64}$/);
  });
});

describe("the timing of refused sign-ins (AS-14)", () => {
  test("a wrong password and an unknown address take the same time: at least the floor, medians within 50 ms", async () => {
    const wrongPassword: number[] = [];
    const unknownAddress: number[] = [];
    const time = async (email: string, password: string, ip: string) => {
      const started = performance.now();
      const response = await signIn(stack.functions, new CookieJar(), email, password, ip);
      const elapsed = performance.now() - started;
      expect(response.status).toBe(401);
      return elapsed;
    };
    for (let round = 0; round < 5; round += 1) {
      wrongPassword.push(await time(coordinator, `fel-${round}-lösenord`, `203.0.113.${round}`));
      unknownAddress.push(
        await time(
          `finns.inte.${round}@example.se`,
          `fel-${round}-lösenord`,
          `203.0.113.${100 + round}`,
        ),
      );
    }
    const median = (values: number[]) =>
      [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    for (const elapsed of [...wrongPassword, ...unknownAddress]) {
      expect(elapsed).toBeGreaterThanOrEqual(refusedSignInFloorMs - 5);
    }
    expect(Math.abs(median(wrongPassword) - median(unknownAddress))).toBeLessThan(50);
  });
});

describe("Swedish clock times", () => {
  test("are written with a full stop in Swedish time", () => {
    expect(swedishClockTime(new Date("2026-12-02T13:05:00Z"))).toBe("14.05");
  });
});
