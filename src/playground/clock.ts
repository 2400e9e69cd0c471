/**
 * The playground's clock: real time, plus whatever the person skipped ahead ("skip to the next
 * digest"). Everything time-dependent in local mode (the digest scheduler, thread expiry, rate
 * limits, message timestamps) reads this one clock, so skipping ahead is consistent: the
 * scheduler's own timer comes due and it runs the digest exactly as it would at that hour.
 * Time never goes back.
 */
import type { Clock, TimerHandle } from '../core/ports.js';

interface PendingTimer {
  due: number;
  fire(): void;
}

export class PlaygroundClock implements Clock {
  private skippedMs = 0;
  private readonly pending = new Set<PendingTimer>();

  constructor(private readonly base: Clock) {}

  now(): number {
    return this.base.now() + this.skippedMs;
  }

  /** How far ahead of real time the playground is, in milliseconds. */
  get offsetMs(): number {
    return this.skippedMs;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.setTimer(ms, resolve));
  }

  setTimer(ms: number, callback: () => void): TimerHandle {
    let done = false;
    const timer: PendingTimer = {
      due: this.now() + Math.max(0, ms),
      fire: () => {
        if (done) return;
        done = true;
        this.pending.delete(timer);
        handle.cancel();
        callback();
      },
    };
    const handle = this.base.setTimer(ms, () => timer.fire());
    this.pending.add(timer);
    return {
      cancel: () => {
        done = true;
        this.pending.delete(timer);
        handle.cancel();
      },
    };
  }

  /** Moves time forward to `at` (never back); timers that come due fire now, in order. Returns the jump. */
  skipTo(at: number): number {
    const jump = Math.max(0, at - this.now());
    if (jump === 0) return 0;
    this.skippedMs += jump;
    const due = [...this.pending].filter((timer) => timer.due <= this.now()).sort((a, b) => a.due - b.due);
    for (const timer of due) timer.fire();
    return jump;
  }
}
