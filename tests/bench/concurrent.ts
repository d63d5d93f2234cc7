// Concurrent clients for the benchmarks (tests/bench/submit-idea.bench.ts, national.bench.ts): each
// of `clients` sends `perClient` requests one after the other, all clients at once.

/** The p-th percentile of sorted numbers (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** What a round of concurrent requests measured. */
export interface ConcurrentRun {
  clients: number;
  /** Requests that succeeded. */
  succeeded: number;
  /** Requests that threw: counted, not thrown – how many fail under load is part of the result. */
  failed: number;
  /** Successful requests per second over the whole round, one decimal. */
  perSecond: number;
  /** Latency of the successful requests, milliseconds. */
  p50: number;
  p95: number;
}

/**
 * Runs `clients` clients at once, each sending `perClient` requests in turn; `send` gets a number
 * unique within the round, from `firstIndex` on.
 */
export async function runConcurrently(
  clients: number,
  perClient: number,
  send: (index: number) => Promise<void>,
  firstIndex = 0,
): Promise<ConcurrentRun> {
  let next = firstIndex;
  let failed = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let request = 0; request < perClient; request += 1) {
        const index = next++;
        const t0 = performance.now();
        try {
          await send(index);
          latencies.push(performance.now() - t0);
        } catch {
          failed += 1;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    clients,
    succeeded: latencies.length,
    failed,
    perSecond: Math.round((latencies.length / seconds) * 10) / 10,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
  };
}
