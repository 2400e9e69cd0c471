/**
 * Per-key sliding-window rate limit: at most `limit` requests in any `windowMs`, counted in a
 * {@link RateLimitLedger} (the shared store), so a user's limit holds across instances.
 */
import type { RateDecision, RateLimitLedger } from '../../core/ports.js';

export type { RateDecision } from '../../core/ports.js';

export interface RateLimitOptions {
  limit: number;
  windowMs: number;
  now?: () => number;
}

export class RateLimiter {
  private readonly now: () => number;

  constructor(
    private readonly ledger: RateLimitLedger,
    private readonly options: RateLimitOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Counts one request for `key` if allowed; a refused request is not counted. */
  take(key: string): Promise<RateDecision> {
    return this.ledger.take(key, this.now(), this.options.limit, this.options.windowMs);
  }
}
