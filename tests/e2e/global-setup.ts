import { execFileSync } from "node:child_process";
import type { TestProject } from "vitest/node";
import { startProductionServer } from "../../scripts/serve.ts";
import { projectRoot } from "../../scripts/serve.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** Where the production build is served for this run. */
    baseUrl: string;
  }
}

/**
 * Builds the site from the current sources and serves the build with its functions on a free port,
 * as `npm run build && npm run serve` would, so the browser tests see exactly what ships.
 */
export default async function setup(project: TestProject) {
  execFileSync("npx", ["astro", "build", "--silent"], { cwd: projectRoot, stdio: "inherit" });
  const server = await startProductionServer(0);
  project.provide("baseUrl", server.url);
  return () => server.stop();
}
