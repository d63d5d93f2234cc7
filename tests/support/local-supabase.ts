import { join } from "node:path";
import { createScratchDatabase } from "../../supabase/local/database.ts";
import { findLinks, type CaughtMessage } from "../../supabase/local/mail-catcher.ts";
import { defaultStateDir, startLocalSupabase as startServer } from "../../supabase/local/server.ts";

/** A local Supabase started for one test file, with a database of its own. */
export interface TestSupabase {
  /** SUPABASE_URL for supabase-js. */
  url: string;
  /** The fixed local publishable key (role anon). */
  publishableKey: string;
  /** The fixed local secret key (role service_role). Never from a browser. */
  secretKey: string;
  /** A superuser connection URL to the same database, for fixtures and catalog checks. */
  databaseUrl: string;
  /** The mail catcher (web UI and Mailpit-style API), see {@link findMail}. */
  mailUrl: string;
  /** The mail catcher's SMTP port, for code under test that sends e-mail. */
  smtpPort: number;
  /** Requests waiting for PGlite's single connection (0 on PostgreSQL), to wait for an event, not a time. */
  waitingForDatabase(): number;
  /** Stops everything and throws the database away. */
  stop(): Promise<void>;
}

/** Options for {@link startLocalSupabase}. */
export interface TestSupabaseOptions {
  /**
   * A PostgreSQL server to run on; defaults to `process.env.DATABASE_URL`. A uniquely named database
   * is created on it and dropped by `stop()`. Without either, PGlite runs in memory.
   */
  databaseUrl?: string | undefined;
  /**
   * A file to write Auth's ES256 signing key to (an array of private JWKs, the shape of the CLI's
   * signing_keys.json), for tests that must mint tokens themselves, e.g. an expired one. By default
   * the key lives in memory only.
   */
  signingKeyPath?: string | undefined;
}

/**
 * Starts the whole local Supabase in-process on free ports (port 0) with a fresh database:
 * bootstrap, every migration and the seed applied, demo accounts ready. PGlite in memory by default
 * (a cached snapshot of the fresh database makes this about two seconds); with `DATABASE_URL` set,
 * a new database on that PostgreSQL server. Call `stop()` in `afterAll`.
 */
export async function startLocalSupabase(options: TestSupabaseOptions = {}): Promise<TestSupabase> {
  const serverUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  const scratch = serverUrl ? await createScratchDatabase(serverUrl) : null;
  try {
    const local = await startServer({
      apiPort: 0,
      dbPort: 0,
      mailPort: 0,
      smtpPort: 0,
      databaseUrl: scratch?.url,
      dataDir: null,
      signingKeyPath: options.signingKeyPath ?? null,
      snapshotDir: join(defaultStateDir, "snapshots"),
    });
    return {
      url: local.url,
      publishableKey: local.publishableKey,
      secretKey: local.secretKey,
      databaseUrl: local.databaseUrl,
      mailUrl: local.mailUrl,
      smtpPort: local.smtpPort,
      waitingForDatabase: () => local.waitingForDatabase(),
      async stop() {
        await local.stop();
        await scratch?.drop();
      },
    };
  } catch (error) {
    await scratch?.drop();
    throw error;
  }
}

/**
 * Waits (up to `timeoutMs`) for the newest e-mail to `to` in the mail catcher and returns it with
 * its text, HTML and links. Uses the Mailpit API subset, so it also works against `supabase start`.
 */
export async function findMail(
  mailUrl: string,
  to: string,
  timeoutMs = 5_000,
): Promise<CaughtMessage> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const search = await fetch(`${mailUrl}/api/v1/search?query=${encodeURIComponent(`to:${to}`)}`);
    const { messages } = (await search.json()) as { messages: { ID: string }[] };
    const newest = messages[0];
    if (newest) {
      const response = await fetch(`${mailUrl}/api/v1/message/${newest.ID}`);
      const message = (await response.json()) as Omit<CaughtMessage, "Links"> & {
        Links?: string[];
      };
      // Mailpit (`supabase start`) does not list links; find them the same way.
      return { ...message, Links: message.Links ?? findLinks(message.HTML, message.Text) };
    }
    if (Date.now() > deadline) throw new Error(`No e-mail to ${to} arrived within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
