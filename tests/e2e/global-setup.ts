import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";
import { projectRoot, startProductionServer } from "../../scripts/serve.ts";
import { startLocalSupabase } from "../support/local-supabase.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** Where the production build is served for this run. */
    baseUrl: string;
    /** A superuser connection to the run's database, for checking what was stored. */
    databaseUrl: string;
    /** The local mail catcher's address. */
    mailUrl: string;
  }
}

/**
 * Starts a local Supabase with the demo data, builds the site from the current sources against it
 * (so the idea bank, statistics and form choices are real), and serves the build with its functions
 * on a free port, as `npm run build && npm run serve` would. The browser tests see what ships.
 */
export default async function setup(project: TestProject) {
  const local = await startLocalSupabase();
  process.env.SUPABASE_URL = local.url;
  process.env.SUPABASE_PUBLISHABLE_KEY = local.publishableKey;
  // The functions send receipts to this run's mail catcher, as `npm run dev` sends to its own.
  process.env.SUPABASE_SECRET_KEY = local.secretKey;
  process.env.SMTP_URL = `smtp://127.0.0.1:${local.smtpPort}`;
  // Asynchronously: the local Supabase runs in this process and must answer the build's requests.
  const { stderr } = await promisify(execFile)("npx", ["astro", "build", "--silent"], {
    cwd: projectRoot,
    env: process.env,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (stderr.trim()) console.warn(stderr);
  const server = await startProductionServer(0);
  project.provide("baseUrl", server.url);
  project.provide("databaseUrl", local.databaseUrl);
  project.provide("mailUrl", local.mailUrl);
  return async () => {
    await server.stop();
    await local.stop();
  };
}
