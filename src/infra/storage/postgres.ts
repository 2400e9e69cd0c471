/**
 * Persistent state in PostgreSQL (`pg`, with a connection pool): the state several instances of
 * the app share when `DATABASE_URL` is set. The same ports, migration model and contract suite
 * as SQLite (`tests/infra/storage/stateStore.contract.ts`); what must happen once whichever
 * instance gets there first is one statement or one transaction under a lock:
 * - a digest run is claimed by `INSERT … ON CONFLICT DO NOTHING` (the first claim) or an
 *   `UPDATE … WHERE status = 'retry' OR <stale claim>` (a takeover), both re-checked by
 *   PostgreSQL under the row lock, so one claimant gets the run;
 * - a delivery key is claimed by an `INSERT … ON CONFLICT DO UPDATE … WHERE <expired>`;
 * - a vote and a rate-limit count take a transaction-scoped advisory lock on their key.
 *
 * @example
 * const state = await openPostgresState({ connectionString: process.env.DATABASE_URL!, now: Date.now });
 * await state.subscriptions.list({ enabled: true });
 */
import pg from 'pg';
import type {
  ChannelRef,
  ClaimRequest,
  DeliveryLedger,
  DigestRun,
  DigestRunStore,
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
import { redactUrl } from '../config.js';
import type { Migration } from './migrations.js';
import { migratePostgres, POSTGRES_MIGRATIONS } from './postgresMigrations.js';
import { RUN_COLUMNS, SWEEP_EVERY_MS, toFeedback, toRun, toSubscription, type FeedbackRow, type RunRow, type SubscriptionRow } from './rows.js';
import { StorageError, THREAD_QUIET_MS } from './sqlite.js';

export interface PostgresStateOptions {
  /** `postgres://user:password@host:5432/database` (`DATABASE_URL`). */
  connectionString: string;
  /** Clock for thread expiry. */
  now: () => number;
  threadQuietMs?: number;
  /** Connections in the pool (default 10). */
  maxConnections?: number;
  /** For tests of the migration runner. */
  migrations?: readonly Migration[];
}

/** BIGINT (times in milliseconds, counts) read as numbers: every value stored fits a double exactly. */
const BIGINT_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === BIGINT_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};


export class PostgresState implements StateStore {
  readonly subscriptions: SubscriptionStore;
  readonly runs: DigestRunStore;
  readonly documents: DocumentLedger;
  readonly threads: ThreadStore;
  readonly feedback: FeedbackStore;
  readonly deliveries: DeliveryLedger;
  readonly rateLimits: RateLimitLedger;
  private closed = false;

  constructor(
    readonly pool: pg.Pool,
    /** Migrations applied when this handle opened the database. */
    readonly applied: number[],
    options: PostgresStateOptions,
  ) {
    this.subscriptions = new PostgresSubscriptions(pool);
    this.runs = new PostgresRuns(pool);
    this.documents = new PostgresLedger(pool);
    this.threads = new PostgresThreads(pool, options.now, options.threadQuietMs ?? THREAD_QUIET_MS);
    this.feedback = new PostgresFeedback(pool);
    this.deliveries = new PostgresDeliveries(pool);
    this.rateLimits = new PostgresRateLimits(pool);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

/** Connects, applies the migrations the database lacks, and returns the state. Throws {@link StorageError}. */
export async function openPostgresState(options: PostgresStateOptions): Promise<PostgresState> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    application_name: 'tesla',
    types,
  });
  // An idle connection the server dropped (a restart, a failover) must not crash the process: the pool
  // discards it and connects again for the next query, which reports the outage if it lasts.
  pool.on('error', () => undefined);
  try {
    const applied = await migratePostgres(pool, options.migrations ?? POSTGRES_MIGRATIONS);
    return new PostgresState(pool, applied, options);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new StorageError(
      `storage: cannot use the PostgreSQL database at ${redactUrl(options.connectionString)} (${(error as Error).message}). ` +
        'Check DATABASE_URL (postgres://user:password@host:5432/database), that the server is up and that the user may create tables.',
      { cause: error },
    );
  }
}

/** Runs `work` in a transaction on one connection of the pool. */
async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

// ---- subscriptions --------------------------------------------------------------------------

class PostgresSubscriptions implements SubscriptionStore {
  constructor(private readonly pool: pg.Pool) {}

  async get(channel: ChannelRef): Promise<DigestSubscription | undefined> {
    const { rows } = await this.pool.query<SubscriptionRow>('SELECT * FROM subscriptions WHERE team_id = $1 AND channel_id = $2', [channel.teamId, channel.channelId]);
    return rows[0] === undefined ? undefined : toSubscription(rows[0]);
  }

  async list(filter: { teamId?: string; enabled?: boolean } = {}): Promise<DigestSubscription[]> {
    const where: string[] = [];
    const params: Array<string | boolean> = [];
    if (filter.teamId !== undefined) {
      params.push(filter.teamId);
      where.push(`team_id = $${params.length}`);
    }
    if (filter.enabled !== undefined) {
      params.push(filter.enabled);
      where.push(`enabled = $${params.length}`);
    }
    const sql = `SELECT * FROM subscriptions${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY team_id, channel_id`;
    return (await this.pool.query<SubscriptionRow>(sql, params)).rows.map(toSubscription);
  }

  async save(s: DigestSubscription): Promise<void> {
    await this.pool.query(
      `INSERT INTO subscriptions (team_id, channel_id, time, time_zone, topic, post_when_empty, enabled, disabled_reason, updated_by, created_at, updated_at, enabled_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (team_id, channel_id) DO UPDATE SET
         time = excluded.time, time_zone = excluded.time_zone, topic = excluded.topic, post_when_empty = excluded.post_when_empty,
         enabled = excluded.enabled, disabled_reason = excluded.disabled_reason, updated_by = excluded.updated_by,
         created_at = excluded.created_at, updated_at = excluded.updated_at, enabled_at = excluded.enabled_at`,
      [s.teamId, s.channelId, s.time, s.timeZone, s.topic, s.postWhenEmpty, s.enabled, s.disabledReason, s.updatedBy, s.createdAt, s.updatedAt, s.enabledAt],
    );
  }

  async disable(channel: ChannelRef, reason: string, at: number): Promise<boolean> {
    const result = await this.pool.query(
      'UPDATE subscriptions SET enabled = FALSE, disabled_reason = $1, updated_at = $2 WHERE team_id = $3 AND channel_id = $4',
      [reason, at, channel.teamId, channel.channelId],
    );
    return (result.rowCount ?? 0) > 0;
  }
}

// ---- digest runs ----------------------------------------------------------------------------

const RUN_KEY = 'team_id = $1 AND channel_id = $2 AND run_date = $3';

class PostgresRuns implements DigestRunStore {
  constructor(private readonly pool: pg.Pool) {}

  async claim(request: ClaimRequest): Promise<DigestRun | null> {
    const key = [request.teamId, request.channelId, request.runDate];
    // The first claim creates the run; a concurrent one waits for it, then inserts nothing.
    const created = await this.pool.query<RunRow>(
      `INSERT INTO digest_runs (team_id, channel_id, run_date, scheduled_for, status, attempt, claimed_by, claimed_at, period_start, period_end)
       VALUES ($1, $2, $3, $4, 'claimed', 1, $5, $6, 0, 0)
       ON CONFLICT DO NOTHING RETURNING *`,
      [...key, request.scheduledFor, request.claimedBy, request.at],
    );
    if (created.rows[0] !== undefined) return toRun(created.rows[0]);
    // A takeover: PostgreSQL re-checks the WHERE on the row it locked, so of two takeovers one wins.
    const taken = await this.pool.query<RunRow>(
      `UPDATE digest_runs SET status = 'claimed', attempt = attempt + 1, claimed_by = $4, claimed_at = $5, finished_at = NULL
       WHERE ${RUN_KEY} AND (status = 'retry' OR (status = 'claimed' AND claimed_at <= $6))
       RETURNING *`,
      [...key, request.claimedBy, request.at, request.at - request.staleAfterMs],
    );
    return taken.rows[0] === undefined ? null : toRun(taken.rows[0]);
  }

  async record(run: DigestRun): Promise<boolean> {
    const result = await this.pool.query(
      `INSERT INTO digest_runs (team_id, channel_id, run_date, scheduled_for, status, attempt, claimed_by, claimed_at, finished_at, period_start, period_end, documents, message_ts, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT DO NOTHING`,
      [
        run.teamId, run.channelId, run.runDate, run.scheduledFor, run.status, run.attempt, run.claimedBy, run.claimedAt,
        run.finishedAt, run.periodStart, run.periodEnd, run.documents, run.messageTs, run.detail,
      ],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async update(key: RunKey, attempt: number, update: RunUpdate): Promise<boolean> {
    const fields = (Object.keys(update) as Array<keyof RunUpdate>).filter((field) => update[field] !== undefined);
    const params: unknown[] = [key.teamId, key.channelId, key.runDate, attempt];
    if (fields.length === 0) {
      const { rows } = await this.pool.query(`SELECT 1 FROM digest_runs WHERE ${RUN_KEY} AND attempt = $4`, params);
      return rows.length > 0;
    }
    const assignments = fields.map((field) => {
      params.push(update[field]);
      return `${RUN_COLUMNS[field]} = $${params.length}`;
    });
    const result = await this.pool.query(`UPDATE digest_runs SET ${assignments.join(', ')} WHERE ${RUN_KEY} AND attempt = $4`, params);
    return (result.rowCount ?? 0) > 0;
  }

  async get(key: RunKey): Promise<DigestRun | undefined> {
    const { rows } = await this.pool.query<RunRow>(`SELECT * FROM digest_runs WHERE ${RUN_KEY}`, [key.teamId, key.channelId, key.runDate]);
    return rows[0] === undefined ? undefined : toRun(rows[0]);
  }

  async recent(channel: ChannelRef, limit: number): Promise<DigestRun[]> {
    const { rows } = await this.pool.query<RunRow>(
      'SELECT * FROM digest_runs WHERE team_id = $1 AND channel_id = $2 ORDER BY run_date DESC LIMIT $3',
      [channel.teamId, channel.channelId, limit],
    );
    return rows.map(toRun);
  }

  async lastDelivered(channel: ChannelRef): Promise<DigestRun | undefined> {
    const { rows } = await this.pool.query<RunRow>(
      `SELECT * FROM digest_runs WHERE team_id = $1 AND channel_id = $2 AND status IN ('sent', 'empty') ORDER BY period_end DESC, run_date DESC LIMIT 1`,
      [channel.teamId, channel.channelId],
    );
    return rows[0] === undefined ? undefined : toRun(rows[0]);
  }
}

// ---- first-indexed times --------------------------------------------------------------------

/** Ids sent per statement when recording a large corpus. */
const LEDGER_BATCH = 5_000;

class PostgresLedger implements DocumentLedger {
  constructor(private readonly pool: pg.Pool) {}

  async recordIndexed(docIds: readonly string[], at: number): Promise<string[]> {
    const added = new Set<string>();
    for (let i = 0; i < docIds.length; i += LEDGER_BATCH) {
      const { rows } = await this.pool.query<{ doc_id: string }>(
        'INSERT INTO documents (doc_id, first_indexed_at) SELECT id, $2 FROM unnest($1::text[]) AS id ON CONFLICT DO NOTHING RETURNING doc_id',
        [docIds.slice(i, i + LEDGER_BATCH), at],
      );
      for (const row of rows) added.add(row.doc_id);
    }
    return docIds.filter((docId) => added.delete(docId));
  }

  async firstIndexed(docId: string): Promise<number | undefined> {
    const { rows } = await this.pool.query<{ first_indexed_at: number }>('SELECT first_indexed_at FROM documents WHERE doc_id = $1', [docId]);
    return rows[0]?.first_indexed_at;
  }

  async indexedBetween(from: number, to: number): Promise<Array<{ docId: string; firstIndexedAt: number }>> {
    // Times are whole milliseconds, so flooring a bound changes nothing; ±Infinity become the widest BIGINTs.
    const { rows } = await this.pool.query<{ doc_id: string; first_indexed_at: number }>(
      'SELECT doc_id, first_indexed_at FROM documents WHERE first_indexed_at > $1 AND first_indexed_at <= $2 ORDER BY first_indexed_at, doc_id COLLATE "C"',
      [wholeMs(from), wholeMs(to)],
    );
    return rows.map((row) => ({ docId: row.doc_id, firstIndexedAt: row.first_indexed_at }));
  }
}

function wholeMs(time: number): number {
  return Math.max(-Number.MAX_SAFE_INTEGER, Math.min(Number.MAX_SAFE_INTEGER, Math.floor(time)));
}

// ---- thread state ---------------------------------------------------------------------------

class PostgresThreads implements ThreadStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => number,
    private readonly quietMs: number,
  ) {}

  async get(key: string): Promise<ThreadState | undefined> {
    const { rows } = await this.pool.query<{ state: ThreadState; touched_at: number }>('SELECT state, touched_at FROM threads WHERE key = $1', [key]);
    const row = rows[0];
    if (row === undefined) return undefined;
    if (this.now() - row.touched_at >= this.quietMs) {
      await this.pool.query('DELETE FROM threads WHERE key = $1 AND touched_at = $2', [key, row.touched_at]);
      return undefined;
    }
    return row.state;
  }

  async set(key: string, state: ThreadState): Promise<void> {
    const now = this.now();
    await this.pool.query(
      'INSERT INTO threads (key, state, touched_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE SET state = excluded.state, touched_at = excluded.touched_at',
      [key, JSON.stringify(state), now],
    );
    // Quiet threads are forgotten as new ones are written.
    await this.pool.query('DELETE FROM threads WHERE touched_at <= $1', [now - this.quietMs]);
  }
}

// ---- feedback -------------------------------------------------------------------------------

class PostgresFeedback implements FeedbackStore {
  constructor(private readonly pool: pg.Pool) {}

  async record(feedback: Feedback): Promise<VoteOutcome> {
    const owner = [feedback.teamId ?? '', feedback.userId, feedback.answerKey];
    return inTransaction(this.pool, async (client) => {
      // One click at a time per user and answer, whichever instance receives it.
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [JSON.stringify(['feedback', ...owner])]);
      const { rows } = await client.query<{ id: string; vote: Feedback['vote'] }>(
        "SELECT id, vote FROM feedback WHERE COALESCE(team_id, '') = $1 AND user_id = $2 AND answer_key = $3",
        owner,
      );
      const previous = rows[0];
      const { vote, outcome } = voteAfterClick(previous?.vote, feedback.vote);
      if (previous !== undefined) await client.query('DELETE FROM feedback WHERE id = $1', [previous.id]);
      if (vote !== null) {
        await client.query(
          'INSERT INTO feedback (vote, answer_key, team_id, user_id, channel_id, question, excerpts, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
          [vote, feedback.answerKey, feedback.teamId, feedback.userId, feedback.channelId, feedback.question, JSON.stringify(feedback.excerpts), feedback.at.getTime()],
        );
      }
      return outcome;
    });
  }

  async recent(limit: number): Promise<Feedback[]> {
    const { rows } = await this.pool.query<FeedbackRow>('SELECT * FROM feedback ORDER BY id DESC LIMIT $1', [limit]);
    return rows.map(toFeedback);
  }
}

// ---- deliveries and rate limits ---------------------------------------------------------------

class PostgresDeliveries implements DeliveryLedger {
  private sweptAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly pool: pg.Pool) {}

  async claimOnce(key: string, at: number, ttlMs: number): Promise<boolean> {
    if (at - this.sweptAt >= SWEEP_EVERY_MS) {
      this.sweptAt = at;
      await this.pool.query('DELETE FROM deliveries WHERE expires_at <= $1', [at]);
    }
    // Inserted, or an expired key taken again: one statement, re-checked under the row lock.
    const { rows } = await this.pool.query(
      'INSERT INTO deliveries (key, expires_at) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE deliveries.expires_at <= $3 RETURNING key',
      [key, at + ttlMs, at],
    );
    return rows.length > 0;
  }
}

class PostgresRateLimits implements RateLimitLedger {
  private sweptAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly pool: pg.Pool) {}

  async take(key: string, at: number, limit: number, windowMs: number): Promise<RateDecision> {
    const windowStart = at - windowMs;
    if (at - this.sweptAt >= SWEEP_EVERY_MS) {
      this.sweptAt = at;
      await this.pool.query('DELETE FROM rate_hits WHERE at <= $1', [windowStart]);
    }
    return inTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [JSON.stringify(['rate', key])]);
      await client.query('DELETE FROM rate_hits WHERE key = $1 AND at <= $2', [key, windowStart]);
      const { rows } = await client.query<{ hits: number; oldest: number | null }>('SELECT COUNT(*)::int AS hits, MIN(at) AS oldest FROM rate_hits WHERE key = $1', [key]);
      const counted = rows[0] ?? { hits: 0, oldest: null };
      if (counted.hits >= limit) return { allowed: false, retryAfterMs: (counted.oldest ?? at) + windowMs - at };
      await client.query('INSERT INTO rate_hits (key, at) VALUES ($1, $2)', [key, at]);
      return { allowed: true };
    });
  }
}
