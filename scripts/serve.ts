// `npm run serve`: the production build (dist/) with its functions, as Netlify would serve them, on
// http://localhost:8888. Used for demos and by the end-to-end tests. Run `npm run build` first.
import { createServer, type Server } from "node:http";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { NetlifyDev } from "@netlify/dev";
import { readEnv } from "../src/server/env.ts";

export const projectRoot = fileURLToPath(new URL("..", import.meta.url));

/**
 * Starts Netlify's local request chain in-process: functions by `config.path`, netlify.toml headers
 * and redirects, and static files from the publish directory. Every emulation that needs the
 * internet is off (stack-facts 2.6), so it runs offline.
 */
export async function startNetlifyDev(): Promise<NetlifyDev> {
  const netlifyDev = new NetlifyDev({
    projectRoot,
    skipGitignore: true,
    serverAddress: null,
    aiGateway: { enabled: false },
    blobs: { enabled: false },
    database: { enabled: false },
    edgeFunctions: { enabled: false },
    geolocation: { enabled: false },
    images: { enabled: false },
  });
  await netlifyDev.start();
  return netlifyDev;
}

/** A running production-like server and how to stop it. */
export interface ProductionServer {
  url: string;
  stop: () => Promise<void>;
}

/** Serves dist/ and netlify/functions/ through Netlify's local request chain on the given port. */
export async function startProductionServer(port = 8888): Promise<ProductionServer> {
  if (!existsSync(`${projectRoot}/dist/index.html`)) {
    throw new Error("dist/ saknas. Kör `npm run build` först.");
  }
  const netlifyDev = await startNetlifyDev();
  const notFoundPage = await readFile(`${projectRoot}/dist/404.html`, "utf8").catch(
    () => "Sidan finns inte.",
  );

  const server: Server = createServer(async (req, res) => {
    try {
      const match = await netlifyDev.handleAndIntrospectNodeRequest(req);
      const response =
        match?.response ??
        new Response(notFoundPage, {
          status: 404,
          headers: { "Content-Type": "text/html; charset=utf-8" },
        });
      for (const [name, value] of response.headers) {
        if (name !== "set-cookie") res.setHeader(name, value);
      }
      const cookies = response.headers.getSetCookie();
      if (cookies.length > 0) res.setHeader("set-cookie", cookies);
      res.writeHead(response.status);
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      console.error(error);
      res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("Serverfel");
    }
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  return {
    url: `http://localhost:${actualPort}`,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await netlifyDev.stop();
    },
  };
}

if (import.meta.main) {
  const port = readEnv().PORT ?? 8888;
  const server = await startProductionServer(port);
  console.log(`Produktionsbygget körs på ${server.url}`);
  const stop = () => void server.stop().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
