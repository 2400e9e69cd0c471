/**
 * A set of keys that forgets each key `ttlMs` after it was added, bounded in size
 * (oldest first out). Used to recognise deliveries already handled.
 */
export interface RecentKeysOptions {
  ttlMs: number;
  maxKeys?: number;
  now?: () => number;
}

export class RecentKeys {
  private readonly expiries = new Map<string, number>();
  private readonly ttlMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(options: RecentKeysOptions) {
    this.ttlMs = options.ttlMs;
    this.maxKeys = options.maxKeys ?? 50_000;
    this.now = options.now ?? Date.now;
  }

  /** True the first time `key` is seen (within the TTL); it is then remembered. */
  firstTime(key: string): boolean {
    const now = this.now();
    const expiry = this.expiries.get(key);
    if (expiry !== undefined && expiry > now) return false;
    this.expiries.delete(key);
    this.expiries.set(key, now + this.ttlMs);
    this.evict(now);
    return true;
  }

  get size(): number {
    return this.expiries.size;
  }

  private evict(now: number): void {
    // Map iteration is insertion order, and every key has the same TTL: the oldest come first.
    for (const [key, expiry] of this.expiries) {
      if (expiry > now && this.expiries.size <= this.maxKeys) break;
      this.expiries.delete(key);
    }
  }
}
