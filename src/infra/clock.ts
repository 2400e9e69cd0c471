/** The real clock: `Date.now` and Node's timers (unref'd, so a pending timer never keeps the process alive). */
import type { Clock, TimerHandle } from '../core/ports.js';

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
  setTimer(ms: number, callback: () => void): TimerHandle {
    const timer = setTimeout(callback, Math.max(0, ms));
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  },
};
