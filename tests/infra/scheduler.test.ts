/**
 * The digest scheduler on a fake clock: time zones and a daylight-saving change, exactly once
 * per channel per day (racing ticks, two instances, a restart mid-day), catch-up inside and
 * outside the 6-hour window, quiet days, and what each kind of publishing failure does.
 * Storage is the in-memory implementation here (and SQLite in the end-to-end tests).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { loadCorpus, type CorpusDocument } from '../../src/core/index.js';
import type { ChannelRef, CorpusView, DigestPublisher, DigestSettings, PublishOutcome } from '../../src/core/ports.js';
import type { Digest } from '../../src/core/digest/index.js';
import { createLogger } from '../../src/infra/logger.js';
import { DigestScheduler } from '../../src/infra/scheduler.js';
import { MemoryState } from '../../src/infra/storage/memory.js';
import { FakeClock } from '../helpers/fakeClock.js';
import { captureLogs, type LogCapture } from '../helpers/logCapture.js';

const seeds = loadCorpus('seeds').documents;
const CHANNEL: ChannelRef = { teamId: 'T1', channelId: 'CNEWS' };
const BERLIN: DigestSettings = { time: '09:00', timeZone: 'Europe/Berlin', topic: null, postWhenEmpty: false };

/** A corpus view over a mutable list of documents. */
class Corpus implements CorpusView {
  readonly docs = new Map<string, CorpusDocument>();
  constructor(documents: readonly CorpusDocument[]) {
    for (const doc of documents) this.docs.set(doc.id, doc);
  }
  document(id: string) {
    return this.docs.get(id);
  }
  documentIds() {
    return [...this.docs.keys()];
  }
}

/** Records digests; answers with scripted outcomes (default: sent). */
class RecordingPublisher implements DigestPublisher {
  readonly published: Array<{ channel: ChannelRef; digest: Digest; at: number }> = [];
  readonly outcomes: PublishOutcome[] = [];
  private ts = 1;
  constructor(private readonly clock: FakeClock) {}
  async publish(channel: ChannelRef, digest: Digest, _settings: DigestSettings, onFirstMessage: (ts: string) => Promise<void>): Promise<PublishOutcome> {
    // Let racing callers interleave, as a real network call would.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const outcome = this.outcomes.shift() ?? { kind: 'sent', ts: `${this.ts++}.0001`, note: null };
    if (outcome.kind === 'sent') {
      this.published.push({ channel, digest, at: this.clock.now() });
      await onFirstMessage(outcome.ts);
    }
    return outcome;
  }
}

function docWithId(id: string, base: CorpusDocument = seeds[0]!): CorpusDocument {
  return { ...base, id, path: `seeds/${id}.txt`, relPath: `${id}.txt` };
}

describe('DigestScheduler', () => {
  let clock: FakeClock;
  let state: MemoryState;
  let corpus: Corpus;
  let publisher: RecordingPublisher;
  let logs: LogCapture;

  function scheduler(instanceId = 'one', overrides: { state?: MemoryState } = {}) {
    return new DigestScheduler({
      state: overrides.state ?? state,
      corpus,
      publisher,
      clock,
      logger: createLogger({ level: 'debug', destination: logs }),
      defaultTimeZone: 'UTC',
      instanceId,
    });
  }

  /** Adds a document to the corpus, first indexed a second from now. */
  async function addArticle(id: string, base?: CorpusDocument) {
    clock.advance(1_000);
    const doc = docWithId(id, base);
    corpus.docs.set(id, doc);
    await state.documents.recordIndexed([id], clock.now());
  }

  beforeEach(async () => {
    clock = new FakeClock('2024-03-25T06:00:00Z');
    state = new MemoryState({ now: () => clock.now() });
    corpus = new Corpus(seeds);
    publisher = new RecordingPublisher(clock);
    logs = captureLogs();
    // The seeds were indexed more than a day before the tests subscribe: never new to a digest.
    await state.documents.recordIndexed(seeds.map((d) => d.id), Date.parse('2024-03-24T05:00:00Z'));
  });

  it('a new subscription’s first digest covers the last 24 hours, as the preview does', async () => {
    const digests = scheduler();
    await addArticle('yesterday-evening');
    clock.set('2024-03-25T07:00:00Z');
    const preview = await digests.preview(CHANNEL, BERLIN);
    expect(preview.digest.stories.map((s) => s.article.docId)).toEqual(['yesterday-evening']);
    await digests.subscribe(CHANNEL, BERLIN, 'U1');
    const previewSubscribed = await digests.preview(CHANNEL, BERLIN);
    expect(previewSubscribed.digest.stories.map((s) => s.article.docId)).toEqual(['yesterday-evening']);
    expect((await digests.status(CHANNEL)).waiting).toBe(1);
    clock.set('2024-03-25T08:00:00Z');
    await digests.tick();
    expect(publisher.published.map((p) => p.digest.stories.map((s) => s.article.docId))).toEqual([['yesterday-evening']]);
    expect(publisher.published[0]!.digest.period.start).toBe(Date.parse('2024-03-24T07:00:00Z'));
  });

  it('sends at the local time of the channel, then not again that day; the seeds indexed more than a day before subscribing are not new', async () => {
    const digests = scheduler();
    const status = await digests.subscribe(CHANNEL, BERLIN, 'U1');
    expect(new Date(status.nextRun!).toISOString()).toBe('2024-03-25T08:00:00.000Z'); // 09:00 CET
    clock.set('2024-03-25T07:00:00Z');
    await addArticle('new-1');
    clock.set('2024-03-25T07:59:59Z');
    expect(await digests.tick()).toEqual([]);
    clock.set('2024-03-25T08:00:00Z');
    expect(await digests.tick()).toEqual([{ channel: CHANNEL, runDate: '2024-03-25', outcome: 'sent' }]);
    expect(publisher.published).toHaveLength(1);
    expect(publisher.published[0]!.digest.stories.map((s) => s.article.docId)).toEqual(['new-1']);
    clock.set('2024-03-25T15:00:00Z');
    await addArticle('new-2');
    expect(await digests.tick()).toEqual([]);
    expect(publisher.published).toHaveLength(1);
    // The next day lists only what came after the first digest.
    clock.set('2024-03-26T08:00:00Z');
    await digests.tick();
    expect(publisher.published.map((p) => p.digest.stories.map((s) => s.article.docId))).toEqual([['new-1'], ['new-2']]);
    const sent = await state.runs.get({ ...CHANNEL, runDate: '2024-03-26' });
    expect(sent).toMatchObject({ status: 'sent', documents: 1, periodStart: Date.parse('2024-03-25T08:00:00Z'), periodEnd: Date.parse('2024-03-26T08:00:00Z') });
  });

  it('follows the time zone across a daylight-saving change (09:00 Berlin is 08:00 UTC, then 07:00 UTC)', async () => {
    clock.set('2024-03-29T12:00:00Z');
    const digests = scheduler();
    await digests.subscribe(CHANNEL, { ...BERLIN, postWhenEmpty: true }, 'U1');
    const sentAt: string[] = [];
    for (let at = Date.parse('2024-03-29T12:00:00Z'); at <= Date.parse('2024-04-01T12:00:00Z'); at += 15 * 60_000) {
      clock.set(at);
      const results = await digests.tick();
      if (results.some((r) => r.outcome === 'sent')) sentAt.push(clock.iso);
    }
    expect(sentAt).toEqual(['2024-03-30T08:00:00.000Z', '2024-03-31T07:00:00.000Z', '2024-04-01T07:00:00.000Z']);
  });

  it('sends 02:30 once on the spring-forward day (at 03:00, the first valid minute) and once on the fall-back day', async () => {
    clock.set('2024-03-30T12:00:00Z');
    const digests = scheduler();
    await digests.subscribe(CHANNEL, { ...BERLIN, time: '02:30', postWhenEmpty: true }, 'U1');
    const sentAt: string[] = [];
    const walk = async (from: string, to: string) => {
      for (let at = Date.parse(from); at <= Date.parse(to); at += 10 * 60_000) {
        clock.set(at);
        if ((await digests.tick()).some((r) => r.outcome === 'sent')) sentAt.push(clock.iso);
      }
    };
    await walk('2024-03-30T12:00:00Z', '2024-03-31T12:00:00Z');
    await walk('2024-10-26T12:00:00Z', '2024-10-27T12:00:00Z');
    // 31 March: 02:30 does not exist; 01:00 UTC is 03:00 CEST. 27 October: 02:30 happens twice; sent at the first.
    expect(sentAt).toEqual(['2024-03-31T01:00:00.000Z', '2024-10-27T00:30:00.000Z']);
  });

  it('America/New_York keeps its own day: a 23:30 digest belongs to the local date', async () => {
    clock.set('2024-03-25T12:00:00Z');
    const digests = scheduler();
    await digests.subscribe(CHANNEL, { time: '23:30', timeZone: 'America/New_York', topic: null, postWhenEmpty: true }, 'U1');
    clock.set('2024-03-26T03:30:00Z');
    expect(await digests.tick()).toEqual([{ channel: CHANNEL, runDate: '2024-03-25', outcome: 'sent' }]);
  });

  it('posts once when two ticks race, and when two instances share the store', async () => {
    const a = scheduler('instance-a');
    const b = scheduler('instance-b');
    await a.subscribe(CHANNEL, { ...BERLIN, postWhenEmpty: true }, 'U1');
    clock.set('2024-03-25T08:00:00Z');
    const results = await Promise.all([a.tick(), a.tick(), b.tick(), b.tick()]);
    expect(results.flat().filter((r) => r.outcome === 'sent')).toHaveLength(1);
    expect(publisher.published).toHaveLength(1);
  });

  it('does not repeat a sent digest after a restart mid-day', async () => {
    await scheduler('before').subscribe(CHANNEL, { ...BERLIN, postWhenEmpty: true }, 'U1');
    clock.set('2024-03-25T08:00:00Z');
    await scheduler('before').tick();
    clock.set('2024-03-25T11:30:00Z');
    const restarted = scheduler('after-restart');
    restarted.start();
    await restarted.idle();
    await restarted.stop();
    expect(publisher.published).toHaveLength(1);
  });

  it('catches up on start-up a digest missed by less than 6 hours, once', async () => {
    await scheduler('before').subscribe(CHANNEL, BERLIN, 'U1');
    await addArticle('while-down');
    // Down at 09:00 Berlin; back at 14:59 Berlin (5 h 59 min late).
    clock.set('2024-03-25T13:59:00Z');
    const restarted = scheduler('after');
    restarted.start();
    await restarted.idle();
    expect(publisher.published.map((p) => p.digest.stories[0]!.article.docId)).toEqual(['while-down']);
    expect(logs.find((l) => l['msg'] === 'sending a digest late (catch-up)')).toMatchObject({ lateByMinutes: 359 });
    clock.advance(60_000);
    await restarted.tick();
    await restarted.stop();
    expect(publisher.published).toHaveLength(1);
  });

  it('skips with a log line a digest missed by more than 6 hours; its articles go into the next one', async () => {
    await scheduler('before').subscribe(CHANNEL, BERLIN, 'U1');
    await addArticle('while-down');
    clock.set('2024-03-25T14:01:00Z');
    const restarted = scheduler('after');
    expect(await restarted.tick()).toEqual([{ channel: CHANNEL, runDate: '2024-03-25', outcome: 'skipped' }]);
    expect(publisher.published).toHaveLength(0);
    const line = logs.find((l) => String(l['msg']).startsWith('skipped a digest: missed'));
    expect(line).toMatchObject({ level: 40, runDate: '2024-03-25', lateByHours: 6 });
    expect(String(line?.['msg'])).toContain('came back 6.0 h later');
    const status = await restarted.status(CHANNEL);
    expect(status.recent[0]).toMatchObject({ status: 'skipped' });
    expect(status.recent[0]!.detail).toMatch(/not running at Mon 25 Mar 2024, 09:00 .* more than 6 h late are skipped/);
    expect(status.waiting).toBe(1);
    clock.set('2024-03-26T08:00:00Z');
    await restarted.tick();
    expect(publisher.published.map((p) => p.digest.stories[0]!.article.docId)).toEqual(['while-down']);
  });

  it('skips a quiet day, saying why in status, unless the channel asked for a "nothing new" line', async () => {
    const digests = scheduler();
    await digests.subscribe(CHANNEL, { ...BERLIN, topic: 'battery recall' }, 'U1');
    await addArticle('off-topic');
    clock.set('2024-03-25T08:00:00Z');
    expect(await digests.tick()).toEqual([{ channel: CHANNEL, runDate: '2024-03-25', outcome: 'empty' }]);
    expect(publisher.published).toHaveLength(0);
    expect((await digests.status(CHANNEL)).recent[0]).toMatchObject({
      status: 'empty',
      detail: '1 new article since Sun 24 Mar 2024, 07:00, none about “battery recall”',
    });

    await digests.subscribe(CHANNEL, { ...BERLIN, postWhenEmpty: true }, 'U1');
    clock.set('2024-03-26T08:00:00Z');
    expect(await digests.tick()).toEqual([{ channel: CHANNEL, runDate: '2024-03-26', outcome: 'sent' }]);
    expect(publisher.published[0]!.digest.stories).toEqual([]);
  });

  it('turns the subscription off with the reason when the channel cannot receive digests', async () => {
    const digests = scheduler();
    await digests.subscribe(CHANNEL, { ...BERLIN, postWhenEmpty: true }, 'U1');
    publisher.outcomes.push({ kind: 'channelUnavailable', error: 'is_archived', reason: 'the channel is archived' });
    clock.set('2024-03-25T08:00:00Z');
    expect((await digests.tick())[0]?.outcome).toBe('failed');
    const status = await digests.status(CHANNEL);
    expect(status.subscription).toMatchObject({ enabled: false, disabledReason: 'the channel is archived' });
    expect(status.recent[0]).toMatchObject({ status: 'failed', detail: 'the channel is archived' });
    expect(status.nextRun).toBeNull();
    clock.set('2024-03-26T08:00:00Z');
    expect(await digests.tick()).toEqual([]);
  });

  it('stops all scheduling when the token is rejected, logs it loudly, and sends the digest after a restart within 6 hours', async () => {
    const digests = scheduler('revoked');
    await digests.subscribe(CHANNEL, { ...BERLIN, postWhenEmpty: true }, 'U1');
    await digests.subscribe({ teamId: 'T1', channelId: 'COTHER' }, { ...BERLIN, postWhenEmpty: true }, 'U1');
    publisher.outcomes.push({ kind: 'unauthorized', error: 'token_revoked', reason: 'Slack rejected the bot token (token_revoked)' });
    clock.set('2024-03-25T08:00:00Z');
    expect(await digests.tick()).toEqual([{ channel: CHANNEL, runDate: '2024-03-25', outcome: 'paused' }]);
    expect(digests.paused).toMatch(/token_revoked/);
    expect(logs.find((l) => l['level'] === 60 && String(l['msg']).startsWith('DIGESTS STOPPED'))).toBeDefined();
    expect(await digests.tick()).toEqual([]);
    expect((await digests.status(CHANNEL)).paused).toMatch(/token_revoked/);
    expect(publisher.published).toHaveLength(0);

    clock.set('2024-03-25T09:00:00Z');
    const fixed = scheduler('fixed-token');
    await fixed.tick();
    expect(publisher.published.map((p) => p.channel.channelId).sort()).toEqual(['CNEWS', 'COTHER']);
  });

  it('retries a transient failure on the next tick, and gives up with a log line after 6 hours', async () => {
    const digests = scheduler();
    await digests.subscribe(CHANNEL, { ...BERLIN, postWhenEmpty: true }, 'U1');
    publisher.outcomes.push({ kind: 'transient', error: 'ratelimited', reason: 'rate limited by Slack 4 times in a row' });
    clock.set('2024-03-25T08:00:00Z');
    expect((await digests.tick())[0]?.outcome).toBe('retry');
    expect((await digests.status(CHANNEL)).recent[0]).toMatchObject({ status: 'retry' });
    clock.advance(60_000);
    expect((await digests.tick())[0]?.outcome).toBe('sent');
    expect((await state.runs.get({ ...CHANNEL, runDate: '2024-03-25' }))?.attempt).toBe(2);

    for (let i = 0; i < 3; i++) publisher.outcomes.push({ kind: 'transient', error: 'fatal_error', reason: 'posting failed (fatal_error)' });
    clock.set('2024-03-26T08:00:00Z');
    await digests.tick();
    clock.set('2024-03-26T10:00:00Z');
    await digests.tick();
    clock.set('2024-03-26T14:30:00Z');
    expect((await digests.tick())[0]?.outcome).toBe('skipped');
    expect((await state.runs.get({ ...CHANNEL, runDate: '2024-03-26' }))?.detail).toMatch(/gave up after 2 failed attempts \(posting failed \(fatal_error\)\)/);
    expect(logs.find((l) => String(l['msg']).includes('gave up after 2 failed attempts'))).toBeDefined();
  });

  it('never posts twice a digest whose first message went out before a crash', async () => {
    const digests = scheduler('crashed');
    await digests.subscribe(CHANNEL, { ...BERLIN, postWhenEmpty: true }, 'U1');
    clock.set('2024-03-25T08:00:00Z');
    // The crashed instance had claimed the run and posted its first message, then died.
    const run = await state.runs.claim({ ...CHANNEL, runDate: '2024-03-25', scheduledFor: clock.now(), claimedBy: 'crashed', at: clock.now(), staleAfterMs: 15 * 60_000 });
    await state.runs.update(run!, run!.attempt, { messageTs: '1.0001' });
    clock.set('2024-03-25T08:05:00Z');
    expect(await scheduler('next').tick()).toEqual([]); // claim still fresh: maybe still working
    clock.set('2024-03-25T08:20:00Z');
    expect(await scheduler('next').tick()).toEqual([{ channel: CHANNEL, runDate: '2024-03-25', outcome: 'recovered' }]);
    expect(publisher.published).toHaveLength(0);
    expect(await state.runs.get({ ...CHANNEL, runDate: '2024-03-25' })).toMatchObject({ status: 'sent', messageTs: '1.0001' });
  });

  it('runs on its own timers: start() arms the next scheduled time on the injected clock', async () => {
    const digests = scheduler();
    await digests.subscribe(CHANNEL, { ...BERLIN, postWhenEmpty: true }, 'U1');
    digests.start();
    await digests.idle();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(clock.timers).toBe(1);
    for (let i = 0; i < 130 && publisher.published.length === 0; i++) {
      clock.set(clock.nextTimerAt!);
      await digests.idle();
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect(clock.iso).toBe('2024-03-25T08:00:00.000Z');
    expect(publisher.published).toHaveLength(1);
    await digests.stop();
    expect(clock.timers).toBe(0);
  });

  it('turns a digest off and on again; back on, its first digest covers the last day (as a new one), never what was sent before', async () => {
    const digests = scheduler();
    await digests.subscribe(CHANNEL, BERLIN, 'U1');
    await addArticle('sent-before');
    clock.set('2024-03-25T08:00:00Z');
    await digests.tick();
    expect(publisher.published[0]!.digest.stories.map((s) => s.article.docId)).toEqual(['sent-before']);
    expect(await digests.unsubscribe(CHANNEL, 'U2')).toMatchObject({ enabled: false, disabledReason: 'turned off by <@U2>' });
    expect(await digests.unsubscribe({ teamId: 'T1', channelId: 'NONE' }, 'U2')).toBeUndefined();
    await addArticle('while-off');
    clock.advance(60_000);
    await digests.subscribe(CHANNEL, BERLIN, 'U1');
    await addArticle('after');
    clock.set('2024-03-26T08:00:00Z');
    await digests.tick();
    const back = publisher.published[1]!.digest;
    expect(back.stories.flatMap((s) => [s.article.docId, ...s.alsoCoveredBy.map((o) => o.docId)]).sort()).toEqual(['after', 'while-off']);
    expect((await digests.list('T1')).map((s) => s.channel.channelId)).toEqual(['CNEWS']);
  });
});
