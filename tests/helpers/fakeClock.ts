/**
 * A clock tests drive: time moves only when told (`set`, `advance`), timers fire in time order
 * as it passes them. With `autoSleep`, `sleep(ms)` moves time forward by `ms` at once (a
 * rate-limit wait then takes no real time, and the test can see how long was waited).
 */
import type { Clock, TimerHandle } from '../../src/core/ports.js';

interface Pending {
  at: number;
  seq: number;
  callback: () => void;
}

export class FakeClock implements Clock {
  private current: number;
  private seq = 0;
  private pending: Pending[] = [];
  /** Every `sleep` asked for, in ms. */
  readonly sleeps: number[] = [];
  autoSleep: boolean;

  constructor(start: number | string, options: { autoSleep?: boolean } = {}) {
    this.current = typeof start === 'string' ? Date.parse(start) : start;
    this.autoSleep = options.autoSleep ?? true;
  }

  now(): number {
    return this.current;
  }

  get iso(): string {
    return new Date(this.current).toISOString();
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    if (this.autoSleep) {
      this.current += Math.max(0, ms);
      return;
    }
    await new Promise<void>((resolve) => this.setTimer(ms, resolve));
  }

  setTimer(ms: number, callback: () => void): TimerHandle {
    const entry: Pending = { at: this.current + Math.max(0, ms), seq: this.seq++, callback };
    this.pending.push(entry);
    return { cancel: () => void (this.pending = this.pending.filter((p) => p !== entry)) };
  }

  /** Timers waiting. */
  get timers(): number {
    return this.pending.length;
  }

  /** When the next timer fires, if any. */
  get nextTimerAt(): number | undefined {
    return [...this.pending].sort((a, b) => a.at - b.at || a.seq - b.seq)[0]?.at;
  }

  /** Moves time to `at` (never backwards), firing due timers in order. */
  set(at: number | string): void {
    const target = typeof at === 'string' ? Date.parse(at) : at;
    if (target < this.current) throw new Error(`fakeClock: cannot go back from ${this.iso} to ${new Date(target).toISOString()}`);
    for (;;) {
      const due = [...this.pending].filter((p) => p.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (due === undefined) break;
      this.pending = this.pending.filter((p) => p !== due);
      this.current = Math.max(this.current, due.at);
      due.callback();
    }
    this.current = target;
  }

  advance(ms: number): void {
    this.set(this.current + ms);
  }
}
