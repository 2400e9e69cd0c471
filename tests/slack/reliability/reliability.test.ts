import { describe, expect, it } from 'vitest';
import { MemoryDeliveries, MemoryRateLimits } from '../../../src/infra/storage/memory.js';
import { DeliveryGate } from '../../../src/slack/reliability/deliveryGate.js';
import { RateLimiter } from '../../../src/slack/reliability/rateLimiter.js';

describe('MemoryDeliveries', () => {
  it('stays bounded, dropping the oldest', async () => {
    const keys = new MemoryDeliveries(3);
    for (const key of ['a', 'b', 'c', 'd']) await keys.claimOnce(key, 0, 1_000_000);
    expect(await keys.claimOnce('a', 0, 1_000_000)).toBe(true);
    expect(await keys.claimOnce('d', 0, 1_000_000)).toBe(false);
  });
});

describe('DeliveryGate', () => {
  const gate = () => new DeliveryGate({ ledger: new MemoryDeliveries() });

  it('admits an event once by event_id', async () => {
    const g = gate();
    expect(await g.admit({ eventId: 'Ev1' })).toEqual({ admitted: true });
    expect((await g.admit({ eventId: 'Ev1', retryNum: 1, retryReason: 'http_error' })).admitted).toBe(false);
  });

  it('drops timeout retries even when it does not remember the first delivery (e.g. after a restart)', async () => {
    expect((await gate().admit({ eventId: 'Ev2', retryNum: 1, retryReason: 'http_timeout' })).admitted).toBe(false);
  });

  it('handles a retry whose first delivery never arrived', async () => {
    expect((await gate().admit({ eventId: 'Ev3', retryNum: 1, retryReason: 'connection_failed' })).admitted).toBe(true);
  });

  it('admits one of the events about the same message', async () => {
    const g = gate();
    expect((await g.admit({ eventId: 'EvMessage', messageKey: 'T:C:1.1' })).admitted).toBe(true);
    expect(await g.admit({ eventId: 'EvMention', messageKey: 'T:C:1.1' })).toMatchObject({ admitted: false, reason: expect.stringContaining('same message') });
    expect((await g.admit({ eventId: 'EvOther', messageKey: 'T:C:1.2' })).admitted).toBe(true);
  });

  it('remembers deliveries for an hour by default, then forgets them', async () => {
    let now = 0;
    const g = new DeliveryGate({ ledger: new MemoryDeliveries(), now: () => now });
    expect((await g.admit({ eventId: 'Ev4' })).admitted).toBe(true);
    now = 59 * 60_000;
    expect((await g.admit({ eventId: 'Ev4' })).admitted).toBe(false);
    now = 61 * 60_000;
    expect((await g.admit({ eventId: 'Ev4' })).admitted).toBe(true);
  });
});

describe('RateLimiter', () => {
  it('allows `limit` requests per window per key, then says how long to wait', async () => {
    let now = 0;
    const limiter = new RateLimiter(new MemoryRateLimits(), { limit: 3, windowMs: 60_000, now: () => now });
    for (let i = 0; i < 3; i += 1) {
      expect((await limiter.take('u1')).allowed).toBe(true);
      now += 1_000;
    }
    expect(await limiter.take('u1')).toEqual({ allowed: false, retryAfterMs: 57_000 });
    expect((await limiter.take('u2')).allowed).toBe(true);
    now = 60_001;
    expect((await limiter.take('u1')).allowed).toBe(true);
  });
});
