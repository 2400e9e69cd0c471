/**
 * The one suite every implementation of the storage ports (`StateStore` in core/ports.ts) must
 * pass. Run it with a factory: `runStateStoreContract('SQLite', (clock) => openSqliteState(…))`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClaimRequest, DigestRun, DigestSubscription, Feedback, StateStore } from '../../../src/core/ports.js';

/** A settable clock for thread expiry. */
export interface ContractClock {
  now: () => number;
  set(at: number): void;
}

export type StateFactory = (clock: ContractClock) => Promise<StateStore> | StateStore;

const T0 = Date.parse('2024-03-11T08:00:00Z');
const HOUR = 3_600_000;

export function subscription(overrides: Partial<DigestSubscription> = {}): DigestSubscription {
  return {
    teamId: 'T1',
    channelId: 'C1',
    time: '09:00',
    timeZone: 'Europe/Berlin',
    topic: null,
    postWhenEmpty: false,
    enabled: true,
    disabledReason: null,
    updatedBy: 'U1',
    createdAt: T0,
    updatedAt: T0,
    enabledAt: T0,
    ...overrides,
  };
}

function claimRequest(overrides: Partial<ClaimRequest> = {}): ClaimRequest {
  return {
    teamId: 'T1',
    channelId: 'C1',
    runDate: '2024-03-11',
    scheduledFor: T0,
    claimedBy: 'instance-a',
    at: T0,
    staleAfterMs: 15 * 60_000,
    ...overrides,
  };
}

export function runStateStoreContract(name: string, factory: StateFactory): void {
  describe(`StateStore contract: ${name}`, () => {
    let state: StateStore;
    let now = T0;
    const clock: ContractClock = { now: () => now, set: (at) => void (now = at) };

    beforeEach(async () => {
      now = T0;
      state = await factory(clock);
    });

    afterEach(async () => {
      await state.close();
    });

    describe('subscriptions', () => {
      it('saves, reads back, replaces and lists subscriptions by workspace and state', async () => {
        expect(await state.subscriptions.get({ teamId: 'T1', channelId: 'C1' })).toBeUndefined();
        await state.subscriptions.save(subscription());
        await state.subscriptions.save(subscription({ channelId: 'C2', topic: 'battery recall', postWhenEmpty: true }));
        await state.subscriptions.save(subscription({ teamId: 'T2', channelId: 'C9', enabled: false, disabledReason: 'turned off' }));
        expect(await state.subscriptions.get({ teamId: 'T1', channelId: 'C2' })).toEqual(subscription({ channelId: 'C2', topic: 'battery recall', postWhenEmpty: true }));

        await state.subscriptions.save(subscription({ time: '07:30', timeZone: 'UTC', updatedAt: T0 + HOUR }));
        expect(await state.subscriptions.get({ teamId: 'T1', channelId: 'C1' })).toMatchObject({ time: '07:30', timeZone: 'UTC', updatedAt: T0 + HOUR });

        expect((await state.subscriptions.list()).map((s) => `${s.teamId}/${s.channelId}`)).toEqual(['T1/C1', 'T1/C2', 'T2/C9']);
        expect((await state.subscriptions.list({ teamId: 'T1' })).map((s) => s.channelId)).toEqual(['C1', 'C2']);
        expect((await state.subscriptions.list({ enabled: true })).map((s) => s.channelId)).toEqual(['C1', 'C2']);
        expect((await state.subscriptions.list({ enabled: false })).map((s) => s.channelId)).toEqual(['C9']);
      });

      it('disables a subscription with the reason, and says when there was none', async () => {
        await state.subscriptions.save(subscription());
        expect(await state.subscriptions.disable({ teamId: 'T1', channelId: 'C1' }, 'channel_not_found', T0 + 5)).toBe(true);
        expect(await state.subscriptions.get({ teamId: 'T1', channelId: 'C1' })).toMatchObject({
          enabled: false,
          disabledReason: 'channel_not_found',
          updatedAt: T0 + 5,
          time: '09:00',
        });
        expect(await state.subscriptions.disable({ teamId: 'T1', channelId: 'NOPE' }, 'x', T0)).toBe(false);
      });

      it('returns copies: changing a returned object changes nothing stored', async () => {
        await state.subscriptions.save(subscription());
        const read = await state.subscriptions.get({ teamId: 'T1', channelId: 'C1' });
        read!.time = '23:59';
        expect((await state.subscriptions.get({ teamId: 'T1', channelId: 'C1' }))?.time).toBe('09:00');
      });
    });

    describe('digest runs', () => {
      it('lets exactly one claimant have a run', async () => {
        const first = await state.runs.claim(claimRequest());
        expect(first).toMatchObject({ status: 'claimed', attempt: 1, claimedBy: 'instance-a', runDate: '2024-03-11' });
        expect(await state.runs.claim(claimRequest({ claimedBy: 'instance-b', at: T0 + 1_000 }))).toBeNull();
        const racing = await Promise.all([1, 2, 3].map((n) => state.runs.claim(claimRequest({ runDate: '2024-03-12', claimedBy: `racer-${n}` }))));
        expect(racing.filter((run) => run !== null)).toHaveLength(1);
      });

      it('never hands out a finished run again', async () => {
        const run = (await state.runs.claim(claimRequest()))!;
        expect(await state.runs.update(run, run.attempt, { status: 'sent', finishedAt: T0 + 10, messageTs: '1.2', documents: 3, periodStart: T0 - HOUR, periodEnd: T0 })).toBe(true);
        for (const at of [T0 + 1, T0 + 24 * HOUR]) expect(await state.runs.claim(claimRequest({ claimedBy: 'instance-b', at }))).toBeNull();
        expect(await state.runs.get(run)).toMatchObject({ status: 'sent', messageTs: '1.2', documents: 3, periodStart: T0 - HOUR, periodEnd: T0, finishedAt: T0 + 10 });
      });

      it('hands a run marked for retry, or a stale claim, to the next claimant with a new attempt', async () => {
        const run = (await state.runs.claim(claimRequest()))!;
        await state.runs.update(run, 1, { status: 'retry', detail: 'ratelimited' });
        const retried = await state.runs.claim(claimRequest({ claimedBy: 'instance-b', at: T0 + 60_000 }));
        expect(retried).toMatchObject({ status: 'claimed', attempt: 2, claimedBy: 'instance-b', claimedAt: T0 + 60_000, detail: 'ratelimited' });

        // Still fresh: nobody else may take it; stale (its instance died): the next one may.
        expect(await state.runs.claim(claimRequest({ claimedBy: 'instance-c', at: T0 + 60_000 + 14 * 60_000 }))).toBeNull();
        const takenOver = await state.runs.claim(claimRequest({ claimedBy: 'instance-c', at: T0 + 60_000 + 15 * 60_000 }));
        expect(takenOver).toMatchObject({ attempt: 3, claimedBy: 'instance-c' });
        // The old attempt can no longer write.
        expect(await state.runs.update(run, 2, { status: 'sent' })).toBe(false);
        expect(await state.runs.update(run, 3, { status: 'sent' })).toBe(true);
      });

      it('records a run without claiming it, once', async () => {
        const skipped: DigestRun = {
          teamId: 'T1', channelId: 'C1', runDate: '2024-03-10', scheduledFor: T0 - 24 * HOUR, status: 'skipped', attempt: 0,
          claimedBy: 'instance-a', claimedAt: T0, finishedAt: T0, periodStart: 0, periodEnd: 0, documents: 0, messageTs: null, detail: 'too late',
        };
        expect(await state.runs.record(skipped)).toBe(true);
        expect(await state.runs.record({ ...skipped, detail: 'again' })).toBe(false);
        expect(await state.runs.get(skipped)).toEqual(skipped);
        expect(await state.runs.claim(claimRequest({ runDate: '2024-03-10' }))).toBeNull();
      });

      it('lists recent runs newest first and finds the last delivered one', async () => {
        const days = ['2024-03-08', '2024-03-09', '2024-03-10', '2024-03-11'];
        const statuses = ['sent', 'empty', 'failed', 'skipped'] as const;
        for (const [i, runDate] of days.entries()) {
          const run = (await state.runs.claim(claimRequest({ runDate, at: T0 + i })))!;
          await state.runs.update(run, run.attempt, { status: statuses[i]!, periodStart: T0 + i * 10, periodEnd: T0 + i * 10 + 5 });
        }
        await state.runs.claim(claimRequest({ channelId: 'OTHER', runDate: '2024-03-12' }));
        expect((await state.runs.recent({ teamId: 'T1', channelId: 'C1' }, 3)).map((r) => r.runDate)).toEqual(['2024-03-11', '2024-03-10', '2024-03-09']);
        expect(await state.runs.lastDelivered({ teamId: 'T1', channelId: 'C1' })).toMatchObject({ runDate: '2024-03-09', status: 'empty', periodEnd: T0 + 15 });
        expect(await state.runs.lastDelivered({ teamId: 'T1', channelId: 'NONE' })).toBeUndefined();
      });
    });

    describe('first-indexed times', () => {
      it('keeps the first time a document was indexed and finds documents by period', async () => {
        expect(await state.documents.recordIndexed(['a', 'b'], T0)).toEqual(['a', 'b']);
        expect(await state.documents.recordIndexed(['b', 'c'], T0 + HOUR)).toEqual(['c']);
        expect(await state.documents.firstIndexed('b')).toBe(T0);
        expect(await state.documents.firstIndexed('zzz')).toBeUndefined();
        expect(await state.documents.indexedBetween(T0, T0 + HOUR)).toEqual([{ docId: 'c', firstIndexedAt: T0 + HOUR }]);
        expect((await state.documents.indexedBetween(T0 - 1, T0 + HOUR)).map((d) => d.docId)).toEqual(['a', 'b', 'c']);
        expect(await state.documents.indexedBetween(T0 + HOUR, T0 + 2 * HOUR)).toEqual([]);
      });
    });

    describe('thread state', () => {
      it('remembers a thread and forgets it after six quiet hours', async () => {
        const threadState = { question: 'what did Musk say', speaker: 'Elon Musk', nextOffset: 5, shown: ['000:1856'] };
        await state.threads.set('T1:C1:1.1', threadState);
        clock.set(T0 + 5 * HOUR);
        expect(await state.threads.get('T1:C1:1.1')).toEqual(threadState);
        await state.threads.set('T1:C1:1.1', { ...threadState, nextOffset: 10 });
        clock.set(T0 + 10 * HOUR);
        expect(await state.threads.get('T1:C1:1.1')).toMatchObject({ nextOffset: 10 });
        clock.set(T0 + 11 * HOUR);
        expect(await state.threads.get('T1:C1:1.1')).toBeUndefined();
        expect(await state.threads.get('never')).toBeUndefined();
      });
    });

    describe('feedback', () => {
      it('records votes and reads them back newest first', async () => {
        const vote = (n: number, v: 'up' | 'down'): Feedback => ({
          vote: v, answerKey: `a${n}`, teamId: 'T1', userId: `U${n}`, channelId: n % 2 ? 'C1' : null, question: `q${n}`, excerpts: [`doc:${n}-${n + 5}`], at: new Date(T0 + n),
        });
        await state.feedback.record(vote(1, 'up'));
        await state.feedback.record(vote(2, 'down'));
        await state.feedback.record(vote(3, 'up'));
        expect(await state.feedback.recent(2)).toEqual([vote(3, 'up'), vote(2, 'down')]);
      });

      it('keeps one vote per user per answer: the other vote changes it, the same vote withdraws it', async () => {
        const click = (userId: string, vote: 'up' | 'down', answerKey = 'answer-1'): Feedback => ({
          vote, answerKey, teamId: 'T1', userId, channelId: 'C1', question: 'q', excerpts: ['doc:1-5'], at: new Date(T0),
        });
        expect(await state.feedback.record(click('U1', 'up'))).toBe('recorded');
        expect(await state.feedback.record(click('U2', 'up'))).toBe('recorded');
        expect(await state.feedback.record(click('U1', 'up', 'answer-2'))).toBe('recorded');
        expect(await state.feedback.record(click('U1', 'down'))).toBe('changed');
        expect((await state.feedback.recent(10)).map((f) => `${f.userId} ${f.answerKey} ${f.vote}`)).toEqual([
          'U1 answer-1 down', 'U1 answer-2 up', 'U2 answer-1 up',
        ]);
        expect(await state.feedback.record(click('U1', 'down'))).toBe('withdrawn');
        expect((await state.feedback.recent(10)).map((f) => `${f.userId} ${f.answerKey}`)).toEqual(['U1 answer-2', 'U2 answer-1']);
        expect(await state.feedback.record(click('U1', 'up'))).toBe('recorded');
      });
    });

    describe('deliveries', () => {
      it('lets one of any number of concurrent claimants have a key, until it expires', async () => {
        const claims = await Promise.all(Array.from({ length: 8 }, () => state.deliveries.claimOnce('event:Ev1', T0, 60_000)));
        expect(claims.filter(Boolean)).toHaveLength(1);
        expect(await state.deliveries.claimOnce('event:Ev2', T0, 60_000)).toBe(true);
        expect(await state.deliveries.claimOnce('event:Ev1', T0 + 59_999, 60_000)).toBe(false);
        expect(await state.deliveries.claimOnce('event:Ev1', T0 + 60_000, 60_000)).toBe(true);
        expect(await state.deliveries.claimOnce('event:Ev1', T0 + 60_001, 60_000)).toBe(false);
      });
    });

    describe('rate limits', () => {
      it('counts at most `limit` requests per key in a sliding window, and says how long to wait', async () => {
        for (let i = 0; i < 3; i += 1) expect(await state.rateLimits.take('T1:U1', T0 + i * 1_000, 3, 60_000)).toEqual({ allowed: true });
        expect(await state.rateLimits.take('T1:U1', T0 + 3_000, 3, 60_000)).toEqual({ allowed: false, retryAfterMs: 57_000 });
        expect(await state.rateLimits.take('T1:U2', T0 + 3_000, 3, 60_000)).toEqual({ allowed: true });
        // A refused request is not counted: the first slot frees at T0 + 60 s.
        expect(await state.rateLimits.take('T1:U1', T0 + 60_000, 3, 60_000)).toEqual({ allowed: true });
        expect(await state.rateLimits.take('T1:U1', T0 + 60_500, 3, 60_000)).toEqual({ allowed: false, retryAfterMs: 500 });
      });

      it('allows exactly `limit` of many concurrent requests', async () => {
        const decisions = await Promise.all(Array.from({ length: 12 }, () => state.rateLimits.take('T1:U9', T0, 5, 60_000)));
        expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
      });
    });
  });
}
