/**
 * All state in memory: the second implementation of the storage ports, for tests and for
 * running without a data folder. It passes the same contract suite as SQLite
 * (`tests/infra/storage/stateStore.contract.ts`); nothing survives a restart.
 */
import type {
  ChannelRef,
  ClaimRequest,
  DigestRun,
  DigestRunStore,
  DeliveryLedger,
  DigestSubscription,
  DocumentLedger,
  Feedback,
  FeedbackStore,
  RateDecision,
  RateLimitLedger,
  RunKey,
  RunUpdate,
  StateStore,
  SubscriptionStore,
  VoteOutcome,
} from '../../core/ports.js';
import { voteAfterClick } from '../../core/ports.js';
import { MemoryThreadStore } from '../memoryThreadStore.js';

const channelKey = (c: ChannelRef) => `${c.teamId}\u0000${c.channelId}`;
const runKey = (k: RunKey) => `${k.teamId}\u0000${k.channelId}\u0000${k.runDate}`;

class MemorySubscriptions implements SubscriptionStore {
  private readonly byChannel = new Map<string, DigestSubscription>();

  async get(channel: ChannelRef): Promise<DigestSubscription | undefined> {
    const found = this.byChannel.get(channelKey(channel));
    return found === undefined ? undefined : { ...found };
  }

  async list(filter: { teamId?: string; enabled?: boolean } = {}): Promise<DigestSubscription[]> {
    return [...this.byChannel.values()]
      .filter((s) => (filter.teamId === undefined || s.teamId === filter.teamId) && (filter.enabled === undefined || s.enabled === filter.enabled))
      .sort((a, b) => a.teamId.localeCompare(b.teamId) || a.channelId.localeCompare(b.channelId))
      .map((s) => ({ ...s }));
  }

  async save(subscription: DigestSubscription): Promise<void> {
    this.byChannel.set(channelKey(subscription), { ...subscription });
  }

  async disable(channel: ChannelRef, reason: string, at: number): Promise<boolean> {
    const found = this.byChannel.get(channelKey(channel));
    if (found === undefined) return false;
    this.byChannel.set(channelKey(channel), { ...found, enabled: false, disabledReason: reason, updatedAt: at });
    return true;
  }
}

class MemoryRuns implements DigestRunStore {
  private readonly runs = new Map<string, DigestRun>();

  async claim(request: ClaimRequest): Promise<DigestRun | null> {
    const key = runKey(request);
    const existing = this.runs.get(key);
    if (existing === undefined) {
      const run: DigestRun = {
        teamId: request.teamId,
        channelId: request.channelId,
        runDate: request.runDate,
        scheduledFor: request.scheduledFor,
        status: 'claimed',
        attempt: 1,
        claimedBy: request.claimedBy,
        claimedAt: request.at,
        finishedAt: null,
        periodStart: 0,
        periodEnd: 0,
        documents: 0,
        messageTs: null,
        detail: null,
      };
      this.runs.set(key, run);
      return { ...run };
    }
    const stale = existing.status === 'claimed' && existing.claimedAt <= request.at - request.staleAfterMs;
    if (existing.status !== 'retry' && !stale) return null;
    const taken: DigestRun = {
      ...existing,
      status: 'claimed',
      attempt: existing.attempt + 1,
      claimedBy: request.claimedBy,
      claimedAt: request.at,
      finishedAt: null,
    };
    this.runs.set(key, taken);
    return { ...taken };
  }

  async record(run: DigestRun): Promise<boolean> {
    const key = runKey(run);
    if (this.runs.has(key)) return false;
    this.runs.set(key, { ...run });
    return true;
  }

  async update(key: RunKey, attempt: number, update: RunUpdate): Promise<boolean> {
    const existing = this.runs.get(runKey(key));
    if (existing === undefined || existing.attempt !== attempt) return false;
    const defined = Object.fromEntries(Object.entries(update).filter(([, value]) => value !== undefined)) as RunUpdate;
    this.runs.set(runKey(key), { ...existing, ...defined });
    return true;
  }

  async get(key: RunKey): Promise<DigestRun | undefined> {
    const found = this.runs.get(runKey(key));
    return found === undefined ? undefined : { ...found };
  }

  async recent(channel: ChannelRef, limit: number): Promise<DigestRun[]> {
    return this.ofChannel(channel)
      .sort((a, b) => b.runDate.localeCompare(a.runDate))
      .slice(0, limit);
  }

  async lastDelivered(channel: ChannelRef): Promise<DigestRun | undefined> {
    return this.ofChannel(channel)
      .filter((run) => run.status === 'sent' || run.status === 'empty')
      .sort((a, b) => b.periodEnd - a.periodEnd || b.runDate.localeCompare(a.runDate))[0];
  }

  private ofChannel(channel: ChannelRef): DigestRun[] {
    return [...this.runs.values()].filter((run) => run.teamId === channel.teamId && run.channelId === channel.channelId).map((run) => ({ ...run }));
  }
}

class MemoryLedger implements DocumentLedger {
  private readonly first = new Map<string, number>();

  async recordIndexed(docIds: readonly string[], at: number): Promise<string[]> {
    const added: string[] = [];
    for (const docId of docIds) {
      if (this.first.has(docId)) continue;
      this.first.set(docId, at);
      added.push(docId);
    }
    return added;
  }

  async firstIndexed(docId: string): Promise<number | undefined> {
    return this.first.get(docId);
  }

  async indexedBetween(from: number, to: number): Promise<Array<{ docId: string; firstIndexedAt: number }>> {
    return [...this.first]
      .filter(([, at]) => at > from && at <= to)
      .map(([docId, firstIndexedAt]) => ({ docId, firstIndexedAt }))
      .sort((a, b) => a.firstIndexedAt - b.firstIndexedAt || a.docId.localeCompare(b.docId));
  }
}

class MemoryFeedback implements FeedbackStore {
  private readonly votes: Feedback[] = [];

  async record(feedback: Feedback): Promise<VoteOutcome> {
    const index = this.votes.findIndex(
      (vote) => vote.teamId === feedback.teamId && vote.userId === feedback.userId && vote.answerKey === feedback.answerKey,
    );
    const { vote, outcome } = voteAfterClick(this.votes[index]?.vote, feedback.vote);
    if (index >= 0) this.votes.splice(index, 1);
    if (vote !== null) this.votes.push(structuredClone({ ...feedback, vote }));
    return outcome;
  }

  async recent(limit: number): Promise<Feedback[]> {
    return this.votes.slice(-limit).reverse().map((vote) => structuredClone(vote));
  }
}

export interface MemoryStateOptions {
  /** Clock for thread expiry. */
  now: () => number;
  threadQuietMs?: number;
}

/** Delivery keys in a map, bounded (oldest first out): one process's memory of what it handled. */
export class MemoryDeliveries implements DeliveryLedger {
  private readonly expiries = new Map<string, number>();

  constructor(private readonly maxKeys = 50_000) {}

  async claimOnce(key: string, at: number, ttlMs: number): Promise<boolean> {
    const expiry = this.expiries.get(key);
    if (expiry !== undefined && expiry > at) return false;
    this.expiries.delete(key);
    this.expiries.set(key, at + ttlMs);
    // Map iteration is insertion order: the oldest claims come first.
    for (const [old, oldExpiry] of this.expiries) {
      if (oldExpiry > at && this.expiries.size <= this.maxKeys) break;
      this.expiries.delete(old);
    }
    return true;
  }
}

/** Request times per key in a map, swept of idle keys as it grows. */
export class MemoryRateLimits implements RateLimitLedger {
  private readonly hits = new Map<string, number[]>();

  async take(key: string, at: number, limit: number, windowMs: number): Promise<RateDecision> {
    const windowStart = at - windowMs;
    const recent = (this.hits.get(key) ?? []).filter((time) => time > windowStart);
    if (recent.length >= limit) {
      this.hits.set(key, recent);
      return { allowed: false, retryAfterMs: (recent[0] ?? at) + windowMs - at };
    }
    recent.push(at);
    this.hits.set(key, recent);
    if (this.hits.size > 10_000) {
      for (const [old, times] of this.hits) if ((times.at(-1) ?? 0) <= windowStart) this.hits.delete(old);
    }
    return { allowed: true };
  }
}

export class MemoryState implements StateStore {
  readonly subscriptions = new MemorySubscriptions();
  readonly runs = new MemoryRuns();
  readonly documents = new MemoryLedger();
  readonly threads: MemoryThreadStore;
  readonly feedback = new MemoryFeedback();
  readonly deliveries = new MemoryDeliveries();
  readonly rateLimits = new MemoryRateLimits();

  constructor(options: MemoryStateOptions) {
    this.threads = new MemoryThreadStore({ now: options.now, ...(options.threadQuietMs === undefined ? {} : { quietAfterMs: options.threadQuietMs }) });
  }

  async close(): Promise<void> {}
}
