import { describe, expect, it } from 'vitest';
import { DeliveryGate } from '../../../src/slack/reliability/deliveryGate.js';
import { RateLimiter } from '../../../src/slack/reliability/rateLimiter.js';
import { RecentKeys } from '../../../src/slack/reliability/recentKeys.js';

describe('RecentKeys', () => {
  it('sees a key once within its TTL, and again after', () => {
    let now = 0;
    const keys = new RecentKeys({ ttlMs: 100, now: () => now });
    expect(keys.firstTime('a')).toBe(true);
    expect(keys.firstTime('a')).toBe(false);
    now = 150;
    expect(keys.firstTime('a')).toBe(true);
  });

  it('stays bounded, dropping the oldest', () => {
    const keys = new RecentKeys({ ttlMs: 1_000_000, maxKeys: 3 });
    for (const key of ['a', 'b', 'c', 'd']) keys.firstTime(key);
    expect(keys.size).toBe(3);
    expect(keys.firstTime('a')).toBe(true);
    expect(keys.firstTime('d')).toBe(false);
  });
});

describe('DeliveryGate', () => {
  it('admits an event once by event_id', () => {
    const gate = new DeliveryGate();
    expect(gate.admit({ eventId: 'Ev1' })).toEqual({ admitted: true });
    expect(gate.admit({ eventId: 'Ev1', retryNum: 1, retryReason: 'http_error' }).admitted).toBe(false);
  });

  it('drops timeout retries even when it does not remember the first delivery (e.g. after a restart)', () => {
    const gate = new DeliveryGate();
    expect(gate.admit({ eventId: 'Ev2', retryNum: 1, retryReason: 'http_timeout' }).admitted).toBe(false);
  });

  it('handles a retry whose first delivery never arrived', () => {
    const gate = new DeliveryGate();
    expect(gate.admit({ eventId: 'Ev3', retryNum: 1, retryReason: 'connection_failed' }).admitted).toBe(true);
  });

  it('admits one of the events about the same message', () => {
    const gate = new DeliveryGate();
    expect(gate.admit({ eventId: 'EvMessage', messageKey: 'T:C:1.1' }).admitted).toBe(true);
    expect(gate.admit({ eventId: 'EvMention', messageKey: 'T:C:1.1' })).toMatchObject({ admitted: false, reason: expect.stringContaining('same message') });
    expect(gate.admit({ eventId: 'EvOther', messageKey: 'T:C:1.2' }).admitted).toBe(true);
  });
});

describe('RateLimiter', () => {
  it('allows `limit` requests per window per key, then says how long to wait', () => {
    let now = 0;
    const limiter = new RateLimiter({ limit: 3, windowMs: 60_000, now: () => now });
    for (let i = 0; i < 3; i += 1) {
      expect(limiter.take('u1').allowed).toBe(true);
      now += 1_000;
    }
    expect(limiter.take('u1')).toEqual({ allowed: false, retryAfterMs: 57_000 });
    expect(limiter.take('u2').allowed).toBe(true);
    now = 60_001;
    expect(limiter.take('u1').allowed).toBe(true);
  });
});
