/**
 * Persistent state in SQLite (better-sqlite3): digest subscriptions and runs, first-indexed
 * times, thread state, feedback, deliveries handled and rate-limit counts, in one file under
 * `DATA_DIR`. WAL mode, full sync (a committed write survives a crash of the process or the machine), a busy timeout so that
 * two processes sharing the file wait for each other, and migrations applied on open.
 *
 * @example
 * const state = openSqliteState({ file: 'data/tesla.sqlite', now: Date.now });
 * await state.subscriptions.list({ enabled: true });
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import DatabaseConstructor, { type Database } from 'better-sqlite3';
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
  ThreadState,
  ThreadStore,
  VoteOutcome,
} from '../../core/ports.js';
import { voteAfterClick } from '../../core/ports.js';
import { migrate, type Migration } from './migrations.js';
import { RUN_COLUMNS, SWEEP_EVERY_MS, toFeedback, toRun, toSubscription, type FeedbackRow, type RunRow, type SubscriptionRow } from './rows.js';

export const DATABASE_FILE = 'tesla.sqlite';
/** A thread is forgotten after this long without a message (as in memory). */
export const THREAD_QUIET_MS = 6 * 60 * 60 * 1000;

export interface SqliteStateOptions {
  /** Database file (created with its folder if missing); `:memory:` for a private in-memory database. */
  file: string;
  /** Clock for thread expiry. */
  now: () => number;
  threadQuietMs?: number;
  /** For tests of the migration runner. */
  migrations?: readonly Migration[];
}

/** Thrown when the database file cannot be opened or is not a usable SQLite database. */
export class StorageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageError';
  }
}

export class SqliteState implements StateStore {
  readonly db: Database;
  readonly subscriptions: SubscriptionStore;
  readonly runs: DigestRunStore;
  readonly documents: DocumentLedger;
  readonly threads: ThreadStore;
  readonly feedback: FeedbackStore;
  readonly deliveries: DeliveryLedger;
  readonly rateLimits: RateLimitLedger;
  /** Migrations applied when this handle opened the file. */
  readonly applied: number[];

  constructor(options: SqliteStateOptions) {
    if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
    try {
      this.db = new DatabaseConstructor(options.file, { timeout: 5_000 });
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
      this.db.pragma('foreign_keys = ON');
      const check = this.db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(`integrity check: ${String(check)}`);
      this.applied = migrate(this.db, options.migrations);
    } catch (error) {
      throw new StorageError(
        `storage: cannot use the database "${options.file}" (${(error as Error).message}). ` +
          'It is left untouched: move it away to start with empty state, or restore a backup.',
        { cause: error },
      );
    }
    this.subscriptions = new SqliteSubscriptions(this.db);
    this.runs = new SqliteRuns(this.db);
    this.documents = new SqliteLedger(this.db);
    this.threads = new SqliteThreads(this.db, options.now, options.threadQuietMs ?? THREAD_QUIET_MS);
    this.feedback = new SqliteFeedback(this.db);
    this.deliveries = new SqliteDeliveries(this.db);
    this.rateLimits = new SqliteRateLimits(this.db);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

export function openSqliteState(options: SqliteStateOptions): SqliteState {
  return new SqliteState(options);
}

// ---- subscriptions --------------------------------------------------------------------------

class SqliteSubscriptions implements SubscriptionStore {
  constructor(private readonly db: Database) {}

  async get(channel: ChannelRef): Promise<DigestSubscription | undefined> {
    const row = this.db
      .prepare<[string, string], SubscriptionRow>('SELECT * FROM subscriptions WHERE team_id = ? AND channel_id = ?')
      .get(channel.teamId, channel.channelId);
    return row === undefined ? undefined : toSubscription(row);
  }

  async list(filter: { teamId?: string; enabled?: boolean } = {}): Promise<DigestSubscription[]> {
    const where: string[] = [];
    const params: Array<string | number> = [];
    if (filter.teamId !== undefined) {
      where.push('team_id = ?');
      params.push(filter.teamId);
    }
    if (filter.enabled !== undefined) {
      where.push('enabled = ?');
      params.push(filter.enabled ? 1 : 0);
    }
    const sql = `SELECT * FROM subscriptions${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY team_id, channel_id`;
    return this.db.prepare<Array<string | number>, SubscriptionRow>(sql).all(...params).map(toSubscription);
  }

  async save(s: DigestSubscription): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO subscriptions (team_id, channel_id, time, time_zone, topic, post_when_empty, enabled, disabled_reason, updated_by, created_at, updated_at, enabled_at)
         VALUES (@teamId, @channelId, @time, @timeZone, @topic, @postWhenEmpty, @enabled, @disabledReason, @updatedBy, @createdAt, @updatedAt, @enabledAt)
         ON CONFLICT (team_id, channel_id) DO UPDATE SET
           time = excluded.time, time_zone = excluded.time_zone, topic = excluded.topic, post_when_empty = excluded.post_when_empty,
           enabled = excluded.enabled, disabled_reason = excluded.disabled_reason, updated_by = excluded.updated_by,
           created_at = excluded.created_at, updated_at = excluded.updated_at, enabled_at = excluded.enabled_at`,
      )
      .run({ ...s, postWhenEmpty: s.postWhenEmpty ? 1 : 0, enabled: s.enabled ? 1 : 0 });
  }

  async disable(channel: ChannelRef, reason: string, at: number): Promise<boolean> {
    const result = this.db
      .prepare('UPDATE subscriptions SET enabled = 0, disabled_reason = ?, updated_at = ? WHERE team_id = ? AND channel_id = ?')
      .run(reason, at, channel.teamId, channel.channelId);
    return result.changes > 0;
  }
}

// ---- digest runs ----------------------------------------------------------------------------

class SqliteRuns implements DigestRunStore {
  constructor(private readonly db: Database) {}

  private select(key: RunKey): RunRow | undefined {
    return this.db
      .prepare<[string, string, string], RunRow>('SELECT * FROM digest_runs WHERE team_id = ? AND channel_id = ? AND run_date = ?')
      .get(key.teamId, key.channelId, key.runDate);
  }

  async claim(request: ClaimRequest): Promise<DigestRun | null> {
    // BEGIN IMMEDIATE: the write lock is taken before reading, so two processes cannot both claim.
    const claim = this.db.transaction((): DigestRun | null => {
      const existing = this.select(request);
      if (existing === undefined) {
        this.db
          .prepare(
            `INSERT INTO digest_runs (team_id, channel_id, run_date, scheduled_for, status, attempt, claimed_by, claimed_at, period_start, period_end)
             VALUES (?, ?, ?, ?, 'claimed', 1, ?, ?, 0, 0)`,
          )
          .run(request.teamId, request.channelId, request.runDate, request.scheduledFor, request.claimedBy, request.at);
        return toRun(this.select(request)!);
      }
      const stale = existing.status === 'claimed' && existing.claimed_at <= request.at - request.staleAfterMs;
      if (existing.status !== 'retry' && !stale) return null;
      this.db
        .prepare(
          `UPDATE digest_runs SET status = 'claimed', attempt = attempt + 1, claimed_by = ?, claimed_at = ?, finished_at = NULL
           WHERE team_id = ? AND channel_id = ? AND run_date = ?`,
        )
        .run(request.claimedBy, request.at, request.teamId, request.channelId, request.runDate);
      return toRun(this.select(request)!);
    });
    return claim.immediate();
  }

  async record(run: DigestRun): Promise<boolean> {
    const result = this.db
      .prepare(
        `INSERT INTO digest_runs (team_id, channel_id, run_date, scheduled_for, status, attempt, claimed_by, claimed_at, finished_at, period_start, period_end, documents, message_ts, detail)
         VALUES (@teamId, @channelId, @runDate, @scheduledFor, @status, @attempt, @claimedBy, @claimedAt, @finishedAt, @periodStart, @periodEnd, @documents, @messageTs, @detail)
         ON CONFLICT DO NOTHING`,
      )
      .run(run);
    return result.changes > 0;
  }

  async update(key: RunKey, attempt: number, update: RunUpdate): Promise<boolean> {
    const entries = (Object.keys(update) as Array<keyof RunUpdate>).filter((field) => update[field] !== undefined);
    if (entries.length === 0) return (this.select(key)?.attempt ?? -1) === attempt;
    const assignments = entries.map((field) => `${RUN_COLUMNS[field]} = @${field}`).join(', ');
    const result = this.db
      .prepare(`UPDATE digest_runs SET ${assignments} WHERE team_id = @teamId AND channel_id = @channelId AND run_date = @runDate AND attempt = @attempt`)
      .run({ ...Object.fromEntries(entries.map((field) => [field, update[field]])), teamId: key.teamId, channelId: key.channelId, runDate: key.runDate, attempt });
    return result.changes > 0;
  }

  async get(key: RunKey): Promise<DigestRun | undefined> {
    const row = this.select(key);
    return row === undefined ? undefined : toRun(row);
  }

  async recent(channel: ChannelRef, limit: number): Promise<DigestRun[]> {
    return this.db
      .prepare<[string, string, number], RunRow>('SELECT * FROM digest_runs WHERE team_id = ? AND channel_id = ? ORDER BY run_date DESC LIMIT ?')
      .all(channel.teamId, channel.channelId, limit)
      .map(toRun);
  }

  async lastDelivered(channel: ChannelRef): Promise<DigestRun | undefined> {
    const row = this.db
      .prepare<[string, string], RunRow>(
        `SELECT * FROM digest_runs WHERE team_id = ? AND channel_id = ? AND status IN ('sent', 'empty') ORDER BY period_end DESC, run_date DESC LIMIT 1`,
      )
      .get(channel.teamId, channel.channelId);
    return row === undefined ? undefined : toRun(row);
  }
}

// ---- first-indexed times --------------------------------------------------------------------

class SqliteLedger implements DocumentLedger {
  constructor(private readonly db: Database) {}

  async recordIndexed(docIds: readonly string[], at: number): Promise<string[]> {
    const insert = this.db.prepare('INSERT INTO documents (doc_id, first_indexed_at) VALUES (?, ?) ON CONFLICT DO NOTHING');
    const added: string[] = [];
    this.db.transaction(() => {
      for (const docId of docIds) if (insert.run(docId, at).changes > 0) added.push(docId);
    })();
    return added;
  }

  async firstIndexed(docId: string): Promise<number | undefined> {
    const row = this.db.prepare<[string], { first_indexed_at: number }>('SELECT first_indexed_at FROM documents WHERE doc_id = ?').get(docId);
    return row?.first_indexed_at;
  }

  async indexedBetween(from: number, to: number): Promise<Array<{ docId: string; firstIndexedAt: number }>> {
    return this.db
      .prepare<[number, number], { doc_id: string; first_indexed_at: number }>(
        'SELECT doc_id, first_indexed_at FROM documents WHERE first_indexed_at > ? AND first_indexed_at <= ? ORDER BY first_indexed_at, doc_id',
      )
      .all(from, to)
      .map((row) => ({ docId: row.doc_id, firstIndexedAt: row.first_indexed_at }));
  }
}

// ---- thread state ---------------------------------------------------------------------------

class SqliteThreads implements ThreadStore {
  constructor(
    private readonly db: Database,
    private readonly now: () => number,
    private readonly quietMs: number,
  ) {}

  async get(key: string): Promise<ThreadState | undefined> {
    const row = this.db.prepare<[string], { state: string; touched_at: number }>('SELECT state, touched_at FROM threads WHERE key = ?').get(key);
    if (row === undefined) return undefined;
    if (this.now() - row.touched_at >= this.quietMs) {
      this.db.prepare('DELETE FROM threads WHERE key = ?').run(key);
      return undefined;
    }
    return JSON.parse(row.state) as ThreadState;
  }

  async set(key: string, state: ThreadState): Promise<void> {
    const now = this.now();
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO threads (key, state, touched_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET state = excluded.state, touched_at = excluded.touched_at')
        .run(key, JSON.stringify(state), now);
      // Quiet threads are forgotten as new ones are written.
      this.db.prepare('DELETE FROM threads WHERE touched_at <= ?').run(now - this.quietMs);
    })();
  }
}

// ---- feedback -------------------------------------------------------------------------------

class SqliteFeedback implements FeedbackStore {
  constructor(private readonly db: Database) {}

  async record(feedback: Feedback): Promise<VoteOutcome> {
    const click = this.db.transaction((): VoteOutcome => {
      const previous = this.db
        .prepare<[string, string, string], { id: number; vote: Feedback['vote'] }>(
          "SELECT id, vote FROM feedback WHERE COALESCE(team_id, '') = ? AND user_id = ? AND answer_key = ?",
        )
        .get(feedback.teamId ?? '', feedback.userId, feedback.answerKey);
      const { vote, outcome } = voteAfterClick(previous?.vote, feedback.vote);
      if (previous !== undefined) this.db.prepare('DELETE FROM feedback WHERE id = ?').run(previous.id);
      if (vote !== null) {
        this.db
          .prepare('INSERT INTO feedback (vote, answer_key, team_id, user_id, channel_id, question, excerpts, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
          .run(vote, feedback.answerKey, feedback.teamId, feedback.userId, feedback.channelId, feedback.question, JSON.stringify(feedback.excerpts), feedback.at.getTime());
      }
      return outcome;
    });
    return click.immediate();
  }

  async recent(limit: number): Promise<Feedback[]> {
    return this.db.prepare<[number], FeedbackRow>('SELECT * FROM feedback ORDER BY id DESC LIMIT ?').all(limit).map(toFeedback);
  }
}

// ---- deliveries and rate limits ---------------------------------------------------------------


class SqliteDeliveries implements DeliveryLedger {
  private sweptAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly db: Database) {}

  async claimOnce(key: string, at: number, ttlMs: number): Promise<boolean> {
    if (at - this.sweptAt >= SWEEP_EVERY_MS) {
      this.db.prepare('DELETE FROM deliveries WHERE expires_at <= ?').run(at);
      this.sweptAt = at;
    }
    // Inserted, or an expired key taken again: one statement, so one claimant wins.
    const row = this.db
      .prepare<[string, number, number], { key: string }>(
        'INSERT INTO deliveries (key, expires_at) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE deliveries.expires_at <= ? RETURNING key',
      )
      .get(key, at + ttlMs, at);
    return row !== undefined;
  }
}

class SqliteRateLimits implements RateLimitLedger {
  private sweptAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly db: Database) {}

  async take(key: string, at: number, limit: number, windowMs: number): Promise<RateDecision> {
    const windowStart = at - windowMs;
    const take = this.db.transaction((): RateDecision => {
      if (at - this.sweptAt >= SWEEP_EVERY_MS) {
        this.db.prepare('DELETE FROM rate_hits WHERE at <= ?').run(windowStart);
        this.sweptAt = at;
      }
      this.db.prepare('DELETE FROM rate_hits WHERE key = ? AND at <= ?').run(key, windowStart);
      const counted = this.db
        .prepare<[string], { hits: number; oldest: number | null }>('SELECT COUNT(*) AS hits, MIN(at) AS oldest FROM rate_hits WHERE key = ?')
        .get(key)!;
      if (counted.hits >= limit) return { allowed: false, retryAfterMs: (counted.oldest ?? at) + windowMs - at };
      this.db.prepare('INSERT INTO rate_hits (key, at) VALUES (?, ?)').run(key, at);
      return { allowed: true };
    });
    return take.immediate();
  }
}
