import { describe, expect, it } from 'vitest';
import { InFlight } from '../../src/slack/deps.js';

describe('InFlight', () => {
  it('drains: waits for the work under way, failed work included', async () => {
    const inFlight = new InFlight();
    const done: string[] = [];
    void inFlight.track(() => new Promise<void>((resolve) => setTimeout(() => { done.push('reply'); resolve(); }, 30)));
    inFlight.track(() => Promise.reject(new Error('posting failed'))).catch(() => done.push('failed'));
    await inFlight.drain(5_000);
    expect(done).toContain('reply');
    expect(done).toContain('failed');
  });

  it('stops waiting after the timeout, and forgets what has settled', async () => {
    const inFlight = new InFlight();
    void inFlight.track(() => new Promise<void>(() => {}));
    const started = Date.now();
    await inFlight.drain(50);
    expect(Date.now() - started).toBeLessThan(2_000);
    const settled = new InFlight();
    await settled.track(() => Promise.resolve(1));
    await settled.drain(10_000);
  });
});
