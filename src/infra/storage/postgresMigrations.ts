/**
 * Versioned schema migrations for PostgreSQL: the same model as SQLite's (`migrations.ts`):
 * applied in order at start-up, each in its own transaction, append-only, and a database written
 * by a newer app refused. The applied versions are rows of `schema_migrations`; a session-level
 * advisory lock makes instances starting at once apply them one at a time (the others then find
 * nothing left to do). Times are milliseconds since the epoch (BIGINT), as in SQLite.
 */
import type pg from 'pg';
import { SchemaTooNewError, type Migration } from './migrations.js';

export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'digest subscriptions and runs, first-indexed times, thread state, feedback (one vote per user per answer)',
    sql: `
      CREATE TABLE subscriptions (
        team_id         TEXT NOT NULL,
        channel_id      TEXT NOT NULL,
        time            TEXT NOT NULL,
        time_zone       TEXT NOT NULL,
        topic           TEXT,
        post_when_empty BOOLEAN NOT NULL DEFAULT FALSE,
        enabled         BOOLEAN NOT NULL,
        disabled_reason TEXT,
        updated_by      TEXT NOT NULL,
        created_at      BIGINT NOT NULL,
        updated_at      BIGINT NOT NULL,
        enabled_at      BIGINT NOT NULL,
        PRIMARY KEY (team_id, channel_id)
      );
      CREATE TABLE digest_runs (
        team_id       TEXT NOT NULL,
        channel_id    TEXT NOT NULL,
        run_date      TEXT NOT NULL,
        scheduled_for BIGINT NOT NULL,
        status        TEXT NOT NULL CHECK (status IN ('claimed', 'sent', 'empty', 'skipped', 'failed', 'retry')),
        attempt       INTEGER NOT NULL,
        claimed_by    TEXT NOT NULL,
        claimed_at    BIGINT NOT NULL,
        finished_at   BIGINT,
        period_start  BIGINT NOT NULL,
        period_end    BIGINT NOT NULL,
        documents     INTEGER NOT NULL DEFAULT 0,
        message_ts    TEXT,
        detail        TEXT,
        PRIMARY KEY (team_id, channel_id, run_date)
      );
      CREATE TABLE documents (
        doc_id           TEXT PRIMARY KEY,
        first_indexed_at BIGINT NOT NULL
      );
      CREATE INDEX documents_by_first_indexed ON documents (first_indexed_at);
      CREATE TABLE threads (
        key        TEXT PRIMARY KEY,
        state      JSONB NOT NULL,
        touched_at BIGINT NOT NULL
      );
      CREATE INDEX threads_by_touched ON threads (touched_at);
      CREATE TABLE feedback (
        id         BIGSERIAL PRIMARY KEY,
        vote       TEXT NOT NULL CHECK (vote IN ('up', 'down')),
        answer_key TEXT NOT NULL,
        team_id    TEXT,
        user_id    TEXT NOT NULL,
        channel_id TEXT,
        question   TEXT NOT NULL,
        excerpts   JSONB NOT NULL,
        at         BIGINT NOT NULL
      );
      CREATE UNIQUE INDEX feedback_one_vote ON feedback (COALESCE(team_id, ''), user_id, answer_key);
    `,
  },
  {
    version: 2,
    name: 'deliveries handled and rate-limit counts, shared by every instance',
    sql: `
      CREATE TABLE deliveries (
        key        TEXT PRIMARY KEY,
        expires_at BIGINT NOT NULL
      );
      CREATE INDEX deliveries_by_expiry ON deliveries (expires_at);
      CREATE TABLE rate_hits (
        key TEXT NOT NULL,
        at  BIGINT NOT NULL
      );
      CREATE INDEX rate_hits_by_key ON rate_hits (key, at);
      CREATE INDEX rate_hits_by_time ON rate_hits (at);
    `,
  },
];

/** Any fixed number: the advisory lock that serialises migrations across instances. */
const MIGRATION_LOCK = 7_312_024;

/** Applies the migrations the database lacks; returns the versions applied. */
export async function migratePostgres(pool: pg.Pool, migrations: readonly Migration[] = POSTGRES_MIGRATIONS): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
      );
      const { rows } = await client.query<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations');
      const current = rows[0]?.version ?? 0;
      const latest = migrations.at(-1)?.version ?? 0;
      if (current > latest) throw new SchemaTooNewError(current, latest);
      const applied: number[] = [];
      for (const migration of migrations) {
        if (migration.version <= current) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
        applied.push(migration.version);
      }
      return applied;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
