/**
 * Fixed-window counters, as GoTrue applies `[auth.rate_limit]`: so many requests per key (an IP
 * address, or the whole project for e-mails sent) per window. Kept in memory: a restart forgets
 * them, as a GoTrue restart does.
 */
export class RateLimiter {
  #windows = new Map<string, { start: number; count: number }>();
  #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /**
   * Counts one request for `key`; false when it is over `limit` requests in the current window of
   * `windowSeconds`, in which case it is not counted.
   */
  take(key: string, limit: number, windowSeconds: number): boolean {
    const now = this.#now();
    const window = this.#windows.get(key);
    if (!window || now - window.start >= windowSeconds * 1000) {
      this.#windows.set(key, { start: now, count: 1 });
      return true;
    }
    if (window.count >= limit) return false;
    window.count += 1;
    return true;
  }
}
