/**
 * In-memory fixed-window counters for @fastify/rate-limit. The plugin's own LocalStore hands every
 * caller the same mutable counter object and the plugin reads it after an `await`: in a burst, all
 * requests see the count of the whole burst, so 40 simultaneous requests against a limit of 30 were
 * all refused. This store answers each caller with its own count.
 */
type Counter = { current: number; startMs: number };
type Callback = (error: Error | null, result: { current: number; ttl: number }) => void;

/** Past this many keys, expired counters are swept before a new one is added. */
const SWEEP_ABOVE = 10_000;

export class SnapshotRateLimitStore {
  private readonly counters = new Map<string, Counter>();

  incr(key: string, cb: Callback, timeWindow: number): void {
    const now = Date.now();
    let counter = this.counters.get(key);
    if (!counter || counter.startMs + timeWindow <= now) {
      if (!counter && this.counters.size >= SWEEP_ABOVE) this.sweep(now, timeWindow);
      counter = { current: 0, startMs: now };
      this.counters.set(key, counter);
    }
    counter.current += 1;
    cb(null, { current: counter.current, ttl: counter.startMs + timeWindow - now });
  }

  read(key: string, cb: Callback, timeWindow: number): void {
    const now = Date.now();
    const counter = this.counters.get(key);
    if (!counter || counter.startMs + timeWindow <= now) cb(null, { current: 0, ttl: 0 });
    else cb(null, { current: counter.current, ttl: counter.startMs + timeWindow - now });
  }

  /** Each route with its own limit gets its own counters. */
  child(): SnapshotRateLimitStore {
    return new SnapshotRateLimitStore();
  }

  private sweep(now: number, timeWindow: number) {
    for (const [key, counter] of this.counters) if (counter.startMs + timeWindow <= now) this.counters.delete(key);
  }
}
