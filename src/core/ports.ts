/**
 * Interfaces the rest of the program implements for the core and the Slack layer: time, the
 * stores of persistent state, the corpus as a live source, and where digests are published.
 *
 * Every store method is asynchronous so that an implementation over a network database
 * (PostgreSQL, for several instances) fits the same interfaces as the SQLite one. Times are
 * milliseconds since the epoch. `tests/infra/storage/stateStore.contract.ts` is the one suite
 * every implementation must pass.
 */
import type { CorpusDocument } from './corpus/types.js';
import type { Digest } from './digest/types.js';

// ---- time -----------------------------------------------------------------------------------

/** A cancellable timer. */
export interface TimerHandle {
  cancel(): void;
}

/** Time, injected so that tests drive it (`tests/helpers/fakeClock.ts`). */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds of this clock's time. */
  sleep(ms: number): Promise<void>;
  /** Calls `callback` once after `ms` milliseconds of this clock's time. */
  setTimer(ms: number, callback: () => void): TimerHandle;
}

// ---- conversations and feedback -------------------------------------------------------------

/** What a thread (or a DM) remembers about its last question, so follow-ups can refine it. */
export interface ThreadState {
  /** The last question asked in the thread, filters included (`… source:"Reuters"`). */
  question: string;
  /** The speaker of the last answer, for "what else did he say". */
  speaker: string | null;
  /** Offset of the first excerpt not shown yet for `question`. */
  nextOffset: number;
  /** `docId:start` of every excerpt already shown in the thread (bounded), to avoid repeats. */
  shown: string[];
}

/** Thread state keyed by `team:channel:thread`. Implementations forget threads that go quiet. */
export interface ThreadStore {
  get(key: string): Promise<ThreadState | undefined>;
  set(key: string, state: ThreadState): Promise<void>;
}

/** A 👍 or 👎 on an answer. */
export interface Feedback {
  vote: 'up' | 'down';
  /**
   * The answer voted on, the same for every click on the same answer (for instance its question,
   * offset and excerpts): a user has one vote per answer.
   */
  answerKey: string;
  teamId: string | null;
  userId: string;
  channelId: string | null;
  question: string;
  /** The excerpts the vote was about, as `docId:start-end`. */
  excerpts: string[];
  at: Date;
}

/**
 * What a click did to the user's one vote on the answer: a first vote is `recorded`; the other
 * vote `changed` it; the same vote again `withdrew` it.
 */
export type VoteOutcome = 'recorded' | 'changed' | 'withdrawn';

/** Where feedback goes. */
export interface FeedbackSink {
  /** Applies one click to the user's vote on `answerKey` (see {@link VoteOutcome}); atomic per user and answer. */
  record(feedback: Feedback): Promise<VoteOutcome>;
}

/** Feedback kept for later reading. */
export interface FeedbackStore extends FeedbackSink {
  /** The current votes (withdrawn ones left out), most recently cast first. */
  recent(limit: number): Promise<Feedback[]>;
}

/** The vote a click leaves: `null` when it withdraws the previous one. */
export function voteAfterClick(previous: Feedback['vote'] | undefined, clicked: Feedback['vote']): { vote: Feedback['vote'] | null; outcome: VoteOutcome } {
  if (previous === undefined) return { vote: clicked, outcome: 'recorded' };
  if (previous === clicked) return { vote: null, outcome: 'withdrawn' };
  return { vote: clicked, outcome: 'changed' };
}

// ---- digests --------------------------------------------------------------------------------

/** A Slack channel of a workspace. */
export interface ChannelRef {
  teamId: string;
  channelId: string;
}

/** What a channel asked for. */
export interface DigestSettings {
  /** Local time of day, `HH:MM` (24-hour). */
  time: string;
  /** IANA time zone, e.g. `Europe/Berlin`. */
  timeZone: string;
  /** Topic words; only articles containing all of them are listed. Null: every new article. */
  topic: string | null;
  /** Post a short "nothing new" line on days without new articles (else the day is skipped). */
  postWhenEmpty: boolean;
}

/** A channel's digest subscription (one per channel). */
export interface DigestSubscription extends ChannelRef, DigestSettings {
  enabled: boolean;
  /** Why the digest is off: turned off by someone, or a Slack error (`channel_not_found`, …). */
  disabledReason: string | null;
  /** The user who last changed it. */
  updatedBy: string;
  createdAt: number;
  /** Last change of settings: scheduled times before it are not due. */
  updatedAt: number;
  /** When it was last turned on: the first digest lists articles first indexed in the day before it and since. */
  enabledAt: number;
}

export interface SubscriptionStore {
  get(channel: ChannelRef): Promise<DigestSubscription | undefined>;
  /** Subscriptions, optionally of one workspace and/or only enabled ones, ordered by channel. */
  list(filter?: { teamId?: string; enabled?: boolean }): Promise<DigestSubscription[]>;
  /** Creates or replaces the subscription of `subscription.channelId`. */
  save(subscription: DigestSubscription): Promise<void>;
  /** Turns a subscription off with the reason shown in status; false when there is none. */
  disable(channel: ChannelRef, reason: string, at: number): Promise<boolean>;
}

/**
 * The state of one channel's digest for one local day.
 * - `claimed`: an instance is composing or posting it;
 * - `sent`: posted (`documents` may be 0 for a "nothing new" line);
 * - `empty`: nothing new, not posted (the channel did not ask for a "nothing new" line);
 * - `skipped`: not sent, too late (the bot was down, or Slack kept failing), see `detail`;
 * - `failed`: not sent, the channel cannot receive it (see `detail`); the subscription is off;
 * - `retry`: a transient failure; the next tick may claim it again.
 */
export type DigestRunStatus = 'claimed' | 'sent' | 'empty' | 'skipped' | 'failed' | 'retry';

/** Identifies one run: a channel and the local date of its scheduled time. */
export interface RunKey extends ChannelRef {
  /** Local date `YYYY-MM-DD` of the scheduled time, in the subscription's time zone. */
  runDate: string;
}

export interface DigestRun extends RunKey {
  /** The scheduled instant. */
  scheduledFor: number;
  status: DigestRunStatus;
  /** 1 for the first claim; each takeover (after a crash or a transient failure) adds one. */
  attempt: number;
  /** Which instance claimed it last. */
  claimedBy: string;
  claimedAt: number;
  finishedAt: number | null;
  /** Articles first indexed in `(periodStart, periodEnd]` were considered. */
  periodStart: number;
  periodEnd: number;
  /** Articles listed. */
  documents: number;
  /** `ts` of the digest's (first) message, once posted. */
  messageTs: string | null;
  /** Why it was skipped, failed or is retried; a note otherwise. */
  detail: string | null;
}

export interface ClaimRequest extends RunKey {
  scheduledFor: number;
  claimedBy: string;
  at: number;
  /** A `claimed` run older than this (its instance died) may be taken over. */
  staleAfterMs: number;
}

/** Fields a claimant sets when it finishes (or makes progress on) its run. */
export interface RunUpdate {
  status?: DigestRunStatus;
  finishedAt?: number | null;
  periodStart?: number;
  periodEnd?: number;
  documents?: number;
  messageTs?: string | null;
  detail?: string | null;
}

export interface DigestRunStore {
  /**
   * Atomically claims a run: creates it (`claimed`, attempt 1), or takes over a `retry` run or a
   * stale `claimed` one (attempt + 1). Null when another instance holds it or it is finished:
   * whoever gets a run back is the only one to post it.
   */
  claim(request: ClaimRequest): Promise<DigestRun | null>;
  /**
   * Records a run that was never claimed (e.g. `skipped` because it was too late); false when
   * the run already exists.
   */
  record(run: DigestRun): Promise<boolean>;
  /** Updates a run only while `attempt` still holds it; false when another attempt took it over. */
  update(key: RunKey, attempt: number, update: RunUpdate): Promise<boolean>;
  get(key: RunKey): Promise<DigestRun | undefined>;
  /** The latest runs of a channel, newest local date first. */
  recent(channel: ChannelRef, limit: number): Promise<DigestRun[]>;
  /** The latest `sent` or `empty` run: the next digest lists what came after its period. */
  lastDelivered(channel: ChannelRef): Promise<DigestRun | undefined>;
}

/** When each document was first indexed: what "new" means for digests. */
export interface DocumentLedger {
  /** Records `at` as the first-indexed time of the ids not seen before; returns those ids. */
  recordIndexed(docIds: readonly string[], at: number): Promise<string[]>;
  firstIndexed(docId: string): Promise<number | undefined>;
  /** Documents first indexed in `(from, to]`, oldest first. */
  indexedBetween(from: number, to: number): Promise<Array<{ docId: string; firstIndexedAt: number }>>;
}

// ---- deliveries and rate limits (shared by every instance) -----------------------------------

/**
 * Keys of deliveries already handled (an event id, a message, a signed request), each remembered
 * for a while: what makes Slack's retries and replays answered once, across restarts and instances.
 */
export interface DeliveryLedger {
  /**
   * True for the first claim of `key` (it is then remembered until `at + ttlMs`); false while it
   * is remembered. Atomic: of any number of instances claiming one key at once, one gets true.
   */
  claimOnce(key: string, at: number, ttlMs: number): Promise<boolean>;
}

/** What a rate limit said about one request. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/** Sliding-window request counts per key (a user), shared by every instance. */
export interface RateLimitLedger {
  /**
   * Counts one request for `key` at `at` when fewer than `limit` were counted in
   * `(at - windowMs, at]`; a refused request is not counted. Atomic per key.
   */
  take(key: string, at: number, limit: number, windowMs: number): Promise<RateDecision>;
}

/** All persistent state, behind one handle. */
export interface StateStore {
  subscriptions: SubscriptionStore;
  runs: DigestRunStore;
  documents: DocumentLedger;
  threads: ThreadStore;
  feedback: FeedbackStore;
  deliveries: DeliveryLedger;
  rateLimits: RateLimitLedger;
  close(): Promise<void>;
}

// ---- the corpus as a live source ------------------------------------------------------------

/** The documents being served right now (the answering engine is one). */
export interface CorpusView {
  document(docId: string): CorpusDocument | undefined;
  /** Ids of every document served. */
  documentIds(): string[];
}

/** A change to the served corpus, as a watcher reports it. */
export type CorpusChange =
  | { kind: 'added' | 'updated'; docId: string; path: string }
  | { kind: 'removed'; docId: string; path: string }
  | { kind: 'kept'; docId: string; path: string; reason: string }
  | { kind: 'skipped'; path: string; reason: string };

// ---- publishing digests ---------------------------------------------------------------------

/** What happened to a digest handed to a {@link DigestPublisher}. */
export type PublishOutcome =
  /** Posted; `ts` of the first message; `note` says what went partly wrong (a thread reply…). */
  | { kind: 'sent'; ts: string; note: string | null }
  /** The channel cannot receive digests (not found, archived, cannot join): turn the subscription off. */
  | { kind: 'channelUnavailable'; reason: string; error: string }
  /** The bot token is no longer valid: stop scheduling everything. */
  | { kind: 'unauthorized'; reason: string; error: string }
  /** Try again later (rate limited for too long, network, Slack's own errors). */
  | { kind: 'transient'; reason: string; error: string };

/** Posts digests somewhere (Slack). */
export interface DigestPublisher {
  /**
   * Publishes `digest` to `channel`. `onFirstMessage` is awaited as soon as the first message
   * is posted (before any thread replies), so a crash after it does not repeat the digest.
   */
  publish(
    channel: ChannelRef,
    digest: Digest,
    settings: DigestSettings,
    onFirstMessage: (ts: string) => Promise<void>,
  ): Promise<PublishOutcome>;
}

// ---- digest controls (what people change from Slack) ----------------------------------------

/** A channel's digest as status shows it. */
export interface DigestStatus {
  channel: ChannelRef;
  subscription: DigestSubscription | undefined;
  /** The next scheduled instant, when the digest is on. */
  nextRun: number | null;
  /** Latest runs, newest first. */
  recent: DigestRun[];
  /** Articles first indexed since the last digest that the next one would consider (before the topic filter). */
  waiting: number;
  /** Set when digests are stopped for everyone (the bot token was rejected). */
  paused: string | null;
}

/** Subscribing, unsubscribing, status and previews: what `/tesla digest` and the App Home use. */
export interface DigestControl {
  subscribe(channel: ChannelRef, settings: DigestSettings, userId: string): Promise<DigestStatus>;
  /** Turns the digest off; undefined when the channel had none. */
  unsubscribe(channel: ChannelRef, userId: string): Promise<DigestSubscription | undefined>;
  status(channel: ChannelRef): Promise<DigestStatus>;
  /** Every subscription of a workspace (on or off), for the App Home. */
  list(teamId: string): Promise<DigestStatus[]>;
  /** The digest the channel would get now (its settings, or the defaults), without sending or recording anything. */
  preview(channel: ChannelRef, defaults: DigestSettings): Promise<{ digest: Digest; settings: DigestSettings }>;
  /** The time zone used when a person states none and Slack does not tell theirs. */
  readonly defaultTimeZone: string;
}
