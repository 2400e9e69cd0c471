/**
 * Thread state in memory. A thread is forgotten once it has been quiet for `quietAfterMs`
 * (every `set` restarts the clock); at most `maxThreads` are kept, the quietest dropped first.
 * A later storage module persists the same interface in SQLite.
 */
import type { ThreadState, ThreadStore } from '../core/ports.js';

export interface MemoryThreadStoreOptions {
  /** Default: 6 hours. */
  quietAfterMs?: number;
  maxThreads?: number;
  now?: () => number;
}

export class MemoryThreadStore implements ThreadStore {
  private readonly threads = new Map<string, { state: ThreadState; touchedAt: number }>();
  private readonly quietAfterMs: number;
  private readonly maxThreads: number;
  private readonly now: () => number;

  constructor(options: MemoryThreadStoreOptions = {}) {
    this.quietAfterMs = options.quietAfterMs ?? 6 * 60 * 60 * 1000;
    this.maxThreads = options.maxThreads ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  async get(key: string): Promise<ThreadState | undefined> {
    const entry = this.threads.get(key);
    if (entry === undefined) return undefined;
    if (this.now() - entry.touchedAt >= this.quietAfterMs) {
      this.threads.delete(key);
      return undefined;
    }
    return structuredClone(entry.state);
  }

  async set(key: string, state: ThreadState): Promise<void> {
    this.threads.delete(key);
    this.threads.set(key, { state: structuredClone(state), touchedAt: this.now() });
    this.evict();
  }

  private evict(): void {
    const now = this.now();
    // Insertion order is last-touched order: the quietest threads come first.
    for (const [key, entry] of this.threads) {
      if (now - entry.touchedAt < this.quietAfterMs && this.threads.size <= this.maxThreads) break;
      this.threads.delete(key);
    }
  }
}
