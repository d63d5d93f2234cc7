import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

/** A request handler in the Fetch API's terms; the client's address comes along for rate limits. */
export type Handler = (request: Request, clientIp: string) => Promise<Response>;

/** Bodies larger than this are refused with 413: nothing the project sends comes close. */
export const maxBodyBytes = 1_000_000;

/** A JSON response with the given status and extra headers. */
export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", ...headers },
  });
}

/** Thrown when a request body is larger than {@link maxBodyBytes}. */
export class BodyTooLargeError extends Error {}

async function readBody(message: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of message) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBodyBytes) throw new BodyTooLargeError("Request body too large");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function toRequest(message: IncomingMessage, body: Buffer, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  const method = message.method ?? "GET";
  return new Request(new URL(message.url ?? "/", origin), {
    method,
    headers,
    ...(method === "GET" || method === "HEAD" || body.length === 0
      ? {}
      : { body: new Uint8Array(body) }),
  });
}

async function send(response: Response, target: ServerResponse, method: string): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const setCookies = response.headers.getSetCookie();
  if (setCookies.length > 0) headers["set-cookie"] = setCookies;
  target.writeHead(response.status, headers);
  target.end(
    method === "HEAD" || !response.body ? undefined : Buffer.from(await response.arrayBuffer()),
  );
}

/** A started HTTP server. */
export interface HttpServer {
  port: number;
  stop(): Promise<void>;
}

/**
 * Serves `handler` on host:port with node:http. Port 0 picks a free port (tests). An exception in
 * the handler becomes a plain 500, logged, never a crashed server.
 */
export async function serveHttp(
  handler: Handler,
  options: { host: string; port: number; log: (line: string) => void },
): Promise<HttpServer> {
  let origin = "";
  const server: Server = createServer((message, target) => {
    void (async () => {
      const method = message.method ?? "GET";
      try {
        const body = await readBody(message);
        const response = await handler(
          toRequest(message, body, origin),
          message.socket.remoteAddress ?? "",
        );
        await send(response, target, method);
      } catch (error) {
        if (error instanceof BodyTooLargeError) {
          await send(json(413, { message: "Request body too large" }), target, method);
          return;
        }
        options.log(`500 ${method} ${message.url}: ${(error as Error).stack ?? String(error)}`);
        if (!target.headersSent)
          await send(
            json(500, { message: "Internal error in the local Supabase" }),
            target,
            method,
          );
        else target.destroy();
      }
    })();
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  origin = `http://${options.host}:${port}`;
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
