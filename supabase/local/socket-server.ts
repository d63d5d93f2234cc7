import { createServer, type Server, type Socket } from "node:net";
import { PGLiteSocketHandler, type PGLiteSocketHandlerOptions } from "@electric-sql/pglite-socket";
import type { PgliteDatabase } from "./database.ts";

/** The PostgreSQL wire port in front of PGlite, for psql and the Supabase CLI. */
export interface SocketServer {
  port: number;
  stop(): Promise<void>;
}

const readyForQuery = 0x5a; // 'Z'
const idle = 0x49; // 'I'
const terminate = 0x58; // 'X'
const parse = 0x50; // 'P'
const close = 0x43; // 'C'

/** The name of a prepared statement a Parse ('P') or Close ('C' + 'S') message names, if any. */
function statementName(message: Uint8Array): { kind: "parse" | "close"; name: string } | null {
  if (message[0] === parse) {
    const end = message.indexOf(0, 5);
    const name = Buffer.from(message.subarray(5, end)).toString("utf8");
    return name ? { kind: "parse", name } : null;
  }
  if (message[0] === close && message[5] === 0x53) {
    const end = message.indexOf(0, 6);
    const name = Buffer.from(message.subarray(6, end)).toString("utf8");
    return name ? { kind: "close", name } : null;
  }
  return null;
}

/**
 * Serialises the wire clients and the HTTP API on PGlite's single backend. It replaces
 * pglite-socket's own queue (which serialises only the socket clients among themselves) with the
 * database's {@link ConnectionLease}: a client takes the lease with its first message and gives it
 * back when PostgreSQL reports it idle again (ReadyForQuery 'I'), so its transactions, and its
 * extended-protocol message sequences, never interleave with an API request.
 */
class LeasedQueryQueue {
  #db: PgliteDatabase;
  #owner: number | null = null;
  #release: (() => void) | null = null;
  #chains = new Map<number, Promise<unknown>>();
  #statements = new Map<number, Set<string>>();
  /** Connections currently open; the last one to close resets the session state. */
  open = 0;

  constructor(db: PgliteDatabase) {
    this.#db = db;
  }

  enqueue(
    handlerId: number,
    message: Uint8Array,
    onData: (data: Uint8Array) => void,
  ): Promise<number> {
    // One message at a time per connection, in order: pglite-socket may call us again before the
    // previous message of the same connection has finished.
    const previous = this.#chains.get(handlerId) ?? Promise.resolve();
    const next = previous.catch(() => {}).then(() => this.#process(handlerId, message, onData));
    this.#chains.set(handlerId, next);
    return next;
  }

  async #process(
    handlerId: number,
    message: Uint8Array,
    onData: (data: Uint8Array) => void,
  ): Promise<number> {
    if (this.#owner !== handlerId) {
      this.#release = await this.#db.lease.acquire();
      this.#owner = handlerId;
    }
    const named = statementName(message);
    if (named) {
      const names = this.#statements.get(handlerId) ?? new Set<string>();
      if (named.kind === "parse") names.add(named.name);
      else names.delete(named.name);
      this.#statements.set(handlerId, names);
    }
    let bytes = 0;
    let tail = new Uint8Array(0);
    try {
      await this.#db.pglite.runExclusive(() =>
        this.#db.pglite.execProtocolRawStream(message, {
          onRawData: (chunk) => {
            bytes += chunk.length;
            const joined = new Uint8Array(tail.length + chunk.length);
            joined.set(tail);
            joined.set(chunk, tail.length);
            tail = joined.slice(-6);
            onData(chunk);
          },
        }),
      );
    } finally {
      const nowIdle =
        tail.length === 6 && tail[0] === readyForQuery && tail[4] === 5 && tail[5] === idle;
      // Terminate ('X') does not hand the lease back: the connection's close does, after rolling
      // back whatever it left open (clearTransactionIfNeeded).
      if (nowIdle && message[0] !== terminate) this.#handBack();
    }
    return bytes;
  }

  #handBack(): void {
    this.#owner = null;
    const release = this.#release;
    this.#release = null;
    release?.();
  }

  getQueueLength(): number {
    return 0;
  }

  clearQueueForHandler(): void {
    // Nothing waits in a queue here: each connection's messages are a promise chain, which
    // clearTransactionIfNeeded lets finish before it cleans up.
  }

  /**
   * A connection went away. Like a real backend ending, its open transaction is rolled back and its
   * prepared statements are forgotten; when it was the last connection, all session state is reset.
   */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    await this.#chains.get(handlerId)?.catch(() => {});
    if (this.#owner !== handlerId) {
      this.#release = await this.#db.lease.acquire();
      this.#owner = handlerId;
    }
    try {
      const { pglite } = this.#db;
      // Sync ends an unfinished extended-protocol sequence; rollback ends an open transaction.
      await pglite.runExclusive(() => pglite.execProtocolRaw(new Uint8Array([0x53, 0, 0, 0, 4])));
      if (pglite.isInTransaction()) await pglite.exec("rollback");
      for (const name of this.#statements.get(handlerId) ?? []) {
        await pglite.exec(`deallocate "${name.replaceAll('"', '""')}"`).catch(() => {});
      }
      if (this.open === 0) await pglite.exec("discard all");
    } finally {
      this.#statements.delete(handlerId);
      this.#chains.delete(handlerId);
      this.#handBack();
    }
  }
}

/**
 * Serves PGlite on a TCP port with the PostgreSQL wire protocol (no TLS, no password check; bound
 * to 127.0.0.1 only). Several clients may connect; they share PGlite's one backend, so session
 * settings made by one are seen by the others until the last one disconnects.
 */
export async function startSocketServer(
  db: PgliteDatabase,
  options: { host: string; port: number; maxConnections?: number },
): Promise<SocketServer> {
  const queue = new LeasedQueryQueue(db);
  const handlers = new Set<PGLiteSocketHandler>();
  const server: Server = createServer((socket: Socket) => {
    if (handlers.size >= (options.maxConnections ?? 16)) {
      socket.end();
      return;
    }
    // pglite-socket types its queue as its own class; ours has the same public methods.
    const handler = new PGLiteSocketHandler({
      queryQueue: queue as unknown as PGLiteSocketHandlerOptions["queryQueue"],
      closeOnDetach: true,
    });
    handlers.add(handler);
    queue.open += 1;
    const forget = () => {
      if (handlers.delete(handler)) queue.open -= 1;
    };
    handler.addEventListener("close", forget);
    handler.addEventListener("error", forget);
    void handler.attach(socket).catch(() => {
      forget();
      socket.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    port,
    async stop() {
      for (const handler of handlers) await handler.detach(true);
      handlers.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
