/**
 * Versioned schema migrations, applied in order at start-up. The database's `user_version`
 * is the number of the last migration applied; each migration runs in its own transaction,
 * so a crash mid-way leaves the previous version intact. Append new migrations; never edit
 * one that has shipped.
 */
import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'digest subscriptions and runs, first-indexed times, thread state, feedback',
    sql: `
      CREATE TABLE subscriptions (
        team_id         TEXT NOT NULL,
        channel_id      TEXT NOT NULL,
        time            TEXT NOT NULL,
        time_zone       TEXT NOT NULL,
        topic           TEXT,
        post_when_empty INTEGER NOT NULL DEFAULT 0,
        enabled         INTEGER NOT NULL,
        disabled_reason TEXT,
        updated_by      TEXT NOT NULL,
        created_at      INTEGER NOT NULL,
        updated_at      INTEGER NOT NULL,
        enabled_at      INTEGER NOT NULL,
        PRIMARY KEY (team_id, channel_id)
      );
      CREATE TABLE digest_runs (
        team_id       TEXT NOT NULL,
        channel_id    TEXT NOT NULL,
        run_date      TEXT NOT NULL,
        scheduled_for INTEGER NOT NULL,
        status        TEXT NOT NULL CHECK (status IN ('claimed', 'sent', 'empty', 'skipped', 'failed', 'retry')),
        attempt       INTEGER NOT NULL,
        claimed_by    TEXT NOT NULL,
        claimed_at    INTEGER NOT NULL,
        finished_at   INTEGER,
        period_start  INTEGER NOT NULL,
        period_end    INTEGER NOT NULL,
        documents     INTEGER NOT NULL DEFAULT 0,
        message_ts    TEXT,
        detail        TEXT,
        PRIMARY KEY (team_id, channel_id, run_date)
      );
      CREATE TABLE documents (
        doc_id           TEXT PRIMARY KEY,
        first_indexed_at INTEGER NOT NULL
      );
      CREATE INDEX documents_by_first_indexed ON documents (first_indexed_at);
      CREATE TABLE threads (
        key        TEXT PRIMARY KEY,
        state      TEXT NOT NULL,
        touched_at INTEGER NOT NULL
      );
      CREATE INDEX threads_by_touched ON threads (touched_at);
      CREATE TABLE feedback (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        vote       TEXT NOT NULL CHECK (vote IN ('up', 'down')),
        team_id    TEXT,
        user_id    TEXT NOT NULL,
        channel_id TEXT,
        question   TEXT NOT NULL,
        excerpts   TEXT NOT NULL,
        at         INTEGER NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'one vote per user per answer',
    sql: `
      ALTER TABLE feedback ADD COLUMN answer_key TEXT;
      UPDATE feedback SET answer_key = 'before-v2:' || id;
      CREATE UNIQUE INDEX feedback_one_vote ON feedback (COALESCE(team_id, ''), user_id, answer_key);
    `,
  },
  {
    version: 3,
    name: 'deliveries handled and rate-limit counts, kept in the store',
    sql: `
      CREATE TABLE deliveries (
        key        TEXT PRIMARY KEY,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX deliveries_by_expiry ON deliveries (expires_at);
      CREATE TABLE rate_hits (
        key TEXT NOT NULL,
        at  INTEGER NOT NULL
      );
      CREATE INDEX rate_hits_by_key ON rate_hits (key, at);
      CREATE INDEX rate_hits_by_time ON rate_hits (at);
    `,
  },
];

/** Thrown when the database was written by a newer version of the app. */
export class SchemaTooNewError extends Error {
  constructor(found: number, known: number) {
    super(`storage: the database is at schema version ${found}, newer than this app knows (${known}); run a newer version of the app, or point DATA_DIR elsewhere`);
    this.name = 'SchemaTooNewError';
  }
}

/** Applies the migrations the database lacks; returns the versions applied. */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) throw new SchemaTooNewError(current, latest);
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
    applied.push(migration.version);
  }
  return applied;
}
