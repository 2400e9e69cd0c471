/** Per-key sliding-window rate limit: at most `limit` requests in any `windowMs`. */
export interface RateLimitOptions {
  limit: number;
  windowMs: number;
  now?: () => number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

export class RateLimiter {
  private readonly hits = new Map<string, number[]>();
  private readonly now: () => number;

  constructor(private readonly options: RateLimitOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Counts one request for `key` if allowed; a refused request is not counted. */
  take(key: string): RateDecision {
    const now = this.now();
    const windowStart = now - this.options.windowMs;
    const recent = (this.hits.get(key) ?? []).filter((time) => time > windowStart);
    if (recent.length >= this.options.limit) {
      this.hits.set(key, recent);
      const oldest = recent[0] ?? now;
      return { allowed: false, retryAfterMs: oldest + this.options.windowMs - now };
    }
    recent.push(now);
    this.hits.set(key, recent);
    if (this.hits.size > 10_000) this.sweep(windowStart);
    return { allowed: true };
  }

  private sweep(windowStart: number): void {
    for (const [key, times] of this.hits) {
      if ((times[times.length - 1] ?? 0) <= windowStart) this.hits.delete(key);
    }
  }
}
