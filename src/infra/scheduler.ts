/**
 * The digest scheduler: at each channel's time, in its time zone, the digest of what was first
 * indexed since the channel's last digest is composed and handed to the publisher, exactly once
 * per channel per local day.
 *
 * - Claim, then send: a run is claimed in the store before anything is posted and marked sent
 *   after; whoever does not get the claim (a racing tick, a second instance) posts nothing. The
 *   first message's `ts` is stored as soon as Slack returns it, so a restart never repeats it.
 * - Catch-up: a tick looks at each channel's latest scheduled time; if the digest for it was
 *   not sent and it is less than 6 hours late (the bot was down), it is sent now; later than
 *   that it is recorded as skipped, with a log line (its articles go into the next digest).
 * - Failures: a channel that cannot receive digests turns its subscription off with the reason
 *   (shown in status); a rejected token stops all scheduling and is logged loudly; transient
 *   failures are retried on the next tick while within the 6-hour window, then skipped with a log line.
 * - Timers come from the injected {@link Clock}; ticks run at the next scheduled time, and at
 *   least every minute (to retry, and to notice clock jumps).
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { CorpusDocument } from '../core/corpus/types.js';
import { composeDigest, digestPeriodStart, nextOccurrence, previousOccurrence, runDateOf, formatLocalTime, type Digest } from '../core/digest/index.js';
import type {
  ChannelRef,
  Clock,
  CorpusView,
  DigestControl,
  DigestPublisher,
  DigestRun,
  DigestSettings,
  DigestStatus,
  DigestSubscription,
  StateStore,
  TimerHandle,
} from '../core/ports.js';

export const CATCH_UP_WINDOW_MS = 6 * 60 * 60 * 1000;
export const STALE_CLAIM_MS = 15 * 60 * 1000;
export const MAX_TICK_INTERVAL_MS = 60 * 1000;
/** Word rarity for digests is estimated on at most this many documents of a large corpus. */
const STATS_SAMPLE = 2_000;

export interface DigestSchedulerOptions {
  state: Pick<StateStore, 'subscriptions' | 'runs' | 'documents'>;
  corpus: CorpusView;
  publisher: DigestPublisher;
  clock: Clock;
  logger: Logger;
  /** `DIGEST_TZ`, else UTC. */
  defaultTimeZone: string;
  /** Names this process in claims (default: random). */
  instanceId?: string;
  catchUpWindowMs?: number;
  staleClaimMs?: number;
  maxTickIntervalMs?: number;
}

/** What one tick did, channel by channel (for tests and logs). */
export interface TickResult {
  channel: ChannelRef;
  runDate: string;
  outcome: 'sent' | 'empty' | 'skipped' | 'failed' | 'retry' | 'paused' | 'recovered';
}

export class DigestScheduler implements DigestControl {
  readonly defaultTimeZone: string;
  readonly instanceId: string;
  private readonly options: Required<Omit<DigestSchedulerOptions, 'instanceId'>>;
  private readonly log: Logger;
  private timer: TimerHandle | null = null;
  private running = false;
  private pausedReason: string | null = null;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(options: DigestSchedulerOptions) {
    this.options = {
      catchUpWindowMs: CATCH_UP_WINDOW_MS,
      staleClaimMs: STALE_CLAIM_MS,
      maxTickIntervalMs: MAX_TICK_INTERVAL_MS,
      ...options,
    };
    this.defaultTimeZone = options.defaultTimeZone;
    this.instanceId = options.instanceId ?? `tesla-${randomBytes(4).toString('hex')}`;
    this.log = options.logger.child({ component: 'digests' });
  }

  /** Set when scheduling stopped because Slack rejected the token. */
  get paused(): string | null {
    return this.pausedReason;
  }

  /** Runs the start-up tick (catch-up) and keeps ticking until {@link stop}. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.log.info({ instance: this.instanceId }, 'digest scheduler started');
    this.track(this.tick().finally(() => this.arm()));
  }

  async stop(): Promise<void> {
    this.running = false;
    this.timer?.cancel();
    this.timer = null;
    await this.idle();
  }

  /** Resolves when no tick is in flight. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Processes every channel whose latest scheduled time has no finished digest. Never throws. */
  async tick(): Promise<TickResult[]> {
    if (this.pausedReason !== null) return [];
    const results: TickResult[] = [];
    let subscriptions: DigestSubscription[];
    try {
      subscriptions = await this.options.state.subscriptions.list({ enabled: true });
    } catch (error) {
      this.log.error({ err: error }, 'digest tick: could not read subscriptions');
      return results;
    }
    for (const subscription of subscriptions) {
      if (this.pausedReason !== null) break;
      try {
        const result = await this.processChannel(subscription);
        if (result !== null) results.push(result);
      } catch (error) {
        this.log.error({ err: error, team: subscription.teamId, channel: subscription.channelId }, 'digest tick failed for a channel');
      }
    }
    return results;
  }

  // ---- DigestControl ------------------------------------------------------------------------

  async subscribe(channel: ChannelRef, settings: DigestSettings, userId: string): Promise<DigestStatus> {
    const now = this.options.clock.now();
    const existing = await this.options.state.subscriptions.get(channel);
    await this.options.state.subscriptions.save({
      teamId: channel.teamId,
      channelId: channel.channelId,
      time: settings.time,
      timeZone: settings.timeZone,
      topic: settings.topic,
      postWhenEmpty: settings.postWhenEmpty,
      enabled: true,
      disabledReason: null,
      updatedBy: userId,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
      enabledAt: existing?.enabled === true ? existing.enabledAt : now,
    });
    this.log.info({ team: channel.teamId, channel: channel.channelId, user: userId, time: settings.time, timeZone: settings.timeZone, topic: settings.topic }, 'digest subscription saved');
    if (this.running) this.arm();
    return this.status(channel);
  }

  async unsubscribe(channel: ChannelRef, userId: string): Promise<DigestSubscription | undefined> {
    const existing = await this.options.state.subscriptions.get(channel);
    if (existing === undefined) return undefined;
    await this.options.state.subscriptions.disable(channel, `turned off by <@${userId}>`, this.options.clock.now());
    this.log.info({ team: channel.teamId, channel: channel.channelId, user: userId }, 'digest subscription turned off');
    return this.options.state.subscriptions.get(channel);
  }

  async status(channel: ChannelRef): Promise<DigestStatus> {
    const now = this.options.clock.now();
    const subscription = await this.options.state.subscriptions.get(channel);
    const recent = await this.options.state.runs.recent(channel, 5);
    let waiting = 0;
    let nextRun: number | null = null;
    if (subscription !== undefined) {
      const start = await this.periodStart(subscription);
      waiting = (await this.options.state.documents.indexedBetween(start, now)).filter((d) => this.options.corpus.document(d.docId) !== undefined).length;
      if (subscription.enabled) nextRun = await this.nextRunOf(subscription, now);
    }
    return { channel, subscription, nextRun, recent, waiting, paused: this.pausedReason };
  }

  async list(teamId: string): Promise<DigestStatus[]> {
    const subscriptions = await this.options.state.subscriptions.list({ teamId });
    return Promise.all(subscriptions.map((s) => this.status({ teamId: s.teamId, channelId: s.channelId })));
  }

  async preview(channel: ChannelRef, defaults: DigestSettings): Promise<{ digest: Digest; settings: DigestSettings }> {
    const now = this.options.clock.now();
    const subscription = await this.options.state.subscriptions.get(channel);
    const settings: DigestSettings = subscription ?? defaults;
    // Without a subscription: what a first digest would hold if the channel subscribed now.
    const start = subscription === undefined ? digestPeriodStart(undefined, now) : await this.periodStart(subscription);
    return { digest: await this.compose(settings.topic, start, now), settings };
  }

  // ---- runs ---------------------------------------------------------------------------------

  private async processChannel(subscription: DigestSubscription): Promise<TickResult | null> {
    const { clock, state } = this.options;
    const now = clock.now();
    const channel: ChannelRef = { teamId: subscription.teamId, channelId: subscription.channelId };
    const scheduledFor = previousOccurrence(subscription, now);
    // A time that passed before the settings were made is not due.
    if (scheduledFor < subscription.updatedAt) return null;
    const runDate = runDateOf(subscription, scheduledFor);
    const key = { ...channel, runDate };
    const existing = await state.runs.get(key);
    if (existing !== undefined && existing.status !== 'retry' && existing.status !== 'claimed') return null;

    const run = await state.runs.claim({ ...key, scheduledFor, claimedBy: this.instanceId, at: now, staleAfterMs: this.options.staleClaimMs });
    if (run === null) return null;
    const log = this.log.child({ team: channel.teamId, channel: channel.channelId, runDate, attempt: run.attempt });

    if (run.messageTs !== null) {
      // Posted by an attempt that died before marking it sent: never post it twice.
      await state.runs.update(key, run.attempt, { status: 'sent', finishedAt: now, detail: 'posted before a restart; not repeated' });
      log.warn({ ts: run.messageTs }, 'a digest posted before a restart was marked sent (not posted again)');
      return { channel, runDate, outcome: 'recovered' };
    }

    const lateBy = now - scheduledFor;
    if (lateBy > this.options.catchUpWindowMs) {
      const hours = (lateBy / 3_600_000).toFixed(1);
      const detail =
        run.attempt === 1
          ? `missed: I was not running at ${formatLocalTime(scheduledFor, subscription.timeZone)} and came back ${hours} h later (digests more than ${this.options.catchUpWindowMs / 3_600_000} h late are skipped); its articles go into the next digest`
          : `gave up after ${run.attempt - 1} failed attempt${run.attempt === 2 ? '' : 's'} (${run.detail ?? 'unknown error'}); its articles go into the next digest`;
      await state.runs.update(key, run.attempt, { status: 'skipped', finishedAt: now, detail });
      log.warn({ scheduledFor: new Date(scheduledFor).toISOString(), lateByHours: Number(hours) }, `skipped a digest: ${detail}`);
      return { channel, runDate, outcome: 'skipped' };
    }
    if (lateBy > 60_000) log.info({ lateByMinutes: Math.round(lateBy / 60_000) }, 'sending a digest late (catch-up)');
    return { channel, runDate, outcome: await this.deliver(subscription, run, now, log) };
  }

  private async deliver(subscription: DigestSubscription, run: DigestRun, now: number, log: Logger): Promise<TickResult['outcome']> {
    const { state, publisher } = this.options;
    const channel: ChannelRef = { teamId: subscription.teamId, channelId: subscription.channelId };
    const key = { ...channel, runDate: run.runDate };
    const periodStart = await this.periodStart(subscription);
    const digest = await this.compose(subscription.topic, periodStart, now);
    const articles = digest.stories.reduce((sum, story) => sum + 1 + story.alsoCoveredBy.length, 0);
    await state.runs.update(key, run.attempt, { periodStart, periodEnd: now, documents: articles });

    if (digest.stories.length === 0 && !subscription.postWhenEmpty) {
      const detail = emptyReason(digest, subscription);
      await state.runs.update(key, run.attempt, { status: 'empty', finishedAt: now, detail });
      log.info({ newArticles: digest.newArticles }, `digest skipped: ${detail}`);
      return 'empty';
    }

    const outcome = await publisher.publish(channel, digest, subscription, async (ts) => {
      await state.runs.update(key, run.attempt, { messageTs: ts });
    });
    const finishedAt = this.options.clock.now();
    switch (outcome.kind) {
      case 'sent':
        await state.runs.update(key, run.attempt, { status: 'sent', finishedAt, detail: outcome.note });
        log.info({ ts: outcome.ts, articles, stories: digest.stories.length, note: outcome.note }, 'digest sent');
        return 'sent';
      case 'channelUnavailable':
        await state.runs.update(key, run.attempt, { status: 'failed', finishedAt, detail: outcome.reason });
        await state.subscriptions.disable(channel, outcome.reason, finishedAt);
        log.error({ slackError: outcome.error, reason: outcome.reason }, 'digest turned off: the channel cannot receive it');
        return 'failed';
      case 'unauthorized':
        // Left for retry: once the token is fixed and the bot restarted, catch-up sends it (within the window).
        await state.runs.update(key, run.attempt, { status: 'retry', detail: outcome.reason });
        this.pause(`${outcome.reason} (${outcome.error})`);
        return 'paused';
      case 'transient':
        await state.runs.update(key, run.attempt, { status: 'retry', detail: outcome.reason });
        log.warn({ slackError: outcome.error, reason: outcome.reason }, 'digest not sent; retrying on the next tick');
        return 'retry';
    }
  }

  private pause(reason: string): void {
    if (this.pausedReason !== null) return;
    this.pausedReason = reason;
    this.timer?.cancel();
    this.timer = null;
    this.log.fatal(
      { reason },
      'DIGESTS STOPPED: Slack rejected the bot token. No digest will be sent until SLACK_BOT_TOKEN is fixed and the bot restarted; ' +
        'digests due in the last 6 hours are then sent on start-up.',
    );
  }

  /** The next digest lists articles first indexed after this. */
  private async periodStart(subscription: DigestSubscription): Promise<number> {
    const last = await this.options.state.runs.lastDelivered(subscription);
    return digestPeriodStart(last?.periodEnd, subscription.enabledAt);
  }

  private async nextRunOf(subscription: DigestSubscription, now: number): Promise<number> {
    const previous = previousOccurrence(subscription, now);
    if (previous >= subscription.updatedAt && now - previous <= this.options.catchUpWindowMs) {
      const run = await this.options.state.runs.get({ teamId: subscription.teamId, channelId: subscription.channelId, runDate: runDateOf(subscription, previous) });
      if (run === undefined || run.status === 'retry' || run.status === 'claimed') return previous;
    }
    return nextOccurrence(subscription, now);
  }

  private async compose(topic: string | null, start: number, end: number): Promise<Digest> {
    const { corpus, state } = this.options;
    const fresh = (await state.documents.indexedBetween(start, end))
      .map(({ docId, firstIndexedAt }) => ({ document: corpus.document(docId), firstIndexedAt }))
      .filter((entry): entry is { document: CorpusDocument; firstIndexedAt: number } => entry.document !== undefined);
    return composeDigest({ period: { start, end }, topic, fresh, corpus: sample(corpus) });
  }

  private arm(): void {
    if (!this.running || this.pausedReason !== null) return;
    this.timer?.cancel();
    const now = this.options.clock.now();
    void this.options.state.subscriptions.list({ enabled: true }).then(
      (subscriptions) => {
        if (!this.running) return;
        let next = now + this.options.maxTickIntervalMs;
        for (const s of subscriptions) next = Math.min(next, nextOccurrence(s, now));
        this.timer?.cancel();
        this.timer = this.options.clock.setTimer(Math.max(0, next - this.options.clock.now()), () => {
          this.timer = null;
          this.track(this.tick().finally(() => this.arm()));
        });
      },
      (error: unknown) => this.log.error({ err: error }, 'digest scheduler: could not read subscriptions'),
    );
  }

  private track(promise: Promise<unknown>): void {
    this.inFlight.add(promise);
    void promise.finally(() => this.inFlight.delete(promise));
  }
}

function emptyReason(digest: Digest, subscription: DigestSubscription): string {
  const since = formatLocalTime(digest.period.start, subscription.timeZone);
  const sinceText = Number.isFinite(digest.period.start) ? `since ${since}` : 'yet';
  if (digest.newArticles === 0) return `nothing new in the corpus ${sinceText}`;
  return `${digest.newArticles} new article${digest.newArticles === 1 ? '' : 's'} ${sinceText}, none about “${subscription.topic ?? ''}”`;
}

/** The corpus, or an even sample of it when large (only word rarity and speaker names come from it). */
function sample(corpus: CorpusView): CorpusDocument[] {
  const ids = corpus.documentIds();
  const step = Math.max(1, Math.ceil(ids.length / STATS_SAMPLE));
  const documents: CorpusDocument[] = [];
  for (let i = 0; i < ids.length; i += step) {
    const document = corpus.document(ids[i]!);
    if (document !== undefined) documents.push(document);
  }
  return documents;
}
