/**
 * PostgreSQL state against a real server (a throwaway cluster started for this file): the
 * storage contract, plus what only a server shared by several processes can show: migrations
 * applied once when instances start together, a database from a newer app refused, a digest run
 * claimed by exactly one of many separate connection pools, and a clear error for a bad URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { redactUrl } from '../../../src/infra/config.js';
import { openPostgresState } from '../../../src/infra/storage/postgres.js';
import { POSTGRES_MIGRATIONS } from '../../../src/infra/storage/postgresMigrations.js';
import { StorageError } from '../../../src/infra/storage/sqlite.js';
import { startPostgres, type PostgresCluster } from '../../helpers/postgres.js';
import { runStateStoreContract } from './stateStore.contract.js';

let cluster: PostgresCluster;
beforeAll(async () => {
  cluster = await startPostgres();
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
});

runStateStoreContract('PostgreSQL', async (clock) => openPostgresState({ connectionString: await cluster.createDatabase(), now: clock.now }));

describe('PostgreSQL state on a shared server', () => {
  it('applies every migration once, even when several instances open the database at once', async () => {
    const url = await cluster.createDatabase();
    const states = await Promise.all(Array.from({ length: 4 }, () => openPostgresState({ connectionString: url, now: Date.now })));
    const applied = states.map((s) => s.applied);
    expect(applied.filter((versions) => versions.length > 0)).toEqual([POSTGRES_MIGRATIONS.map((m) => m.version)]);
    const again = await openPostgresState({ connectionString: url, now: Date.now });
    expect(again.applied).toEqual([]);
    await Promise.all([...states, again].map((s) => s.close()));
  });

  it('refuses a database written by a newer version of the app', async () => {
    const url = await cluster.createDatabase();
    const state = await openPostgresState({ connectionString: url, now: Date.now });
    await state.pool.query("INSERT INTO schema_migrations (version, name) VALUES (99, 'from the future')");
    await state.close();
    await expect(openPostgresState({ connectionString: url, now: Date.now })).rejects.toThrow(/schema version 99, newer than this app knows/);
  });

  it('hands a digest run to exactly one of several instances (separate pools), first claim and takeover alike', async () => {
    const url = await cluster.createDatabase();
    const instances = await Promise.all(Array.from({ length: 5 }, () => openPostgresState({ connectionString: url, now: Date.now, maxConnections: 2 })));
    const request = (claimedBy: string, at: number) => ({ teamId: 'T1', channelId: 'C1', runDate: '2024-03-11', scheduledFor: 0, claimedBy, at, staleAfterMs: 15 * 60_000 });
    for (let round = 0; round < 10; round += 1) {
      const runDate = `2024-03-${String(round + 1).padStart(2, '0')}`;
      const claims = await Promise.all(instances.map((s, i) => s.runs.claim({ ...request(`i${i}`, 1_000), runDate })));
      expect(claims.filter((c) => c !== null)).toHaveLength(1);
      // Its instance dies; after 15 minutes, all race to take it over: one does.
      const takeovers = await Promise.all(instances.map((s, i) => s.runs.claim({ ...request(`i${i}`, 1_000 + 15 * 60_000), runDate })));
      expect(takeovers.filter((c) => c !== null).map((c) => c!.attempt)).toEqual([2]);
    }
    await Promise.all(instances.map((s) => s.close()));
  });

  it('says what to check when the server cannot be reached, without printing the password', async () => {
    const error = await openPostgresState({ connectionString: 'postgres://tesla:s3cret@127.0.0.1:1/tesla', now: Date.now }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as Error).message).toMatch(/cannot use the PostgreSQL database at postgres:\/\/tesla:\*\*\*@127\.0\.0\.1:1\/tesla .*Check DATABASE_URL/);
    expect((error as Error).message).not.toContain('s3cret');
    expect(redactUrl('not a url')).toBe('(an unreadable DATABASE_URL)');
  });

  it('stores times as BIGINT and reads them back as numbers', async () => {
    const url = await cluster.createDatabase();
    const state = await openPostgresState({ connectionString: url, now: Date.now });
    await state.documents.recordIndexed(['a', 'b'], 1_733_000_000_123);
    expect(await state.documents.firstIndexed('a')).toBe(1_733_000_000_123);
    expect(await state.documents.indexedBetween(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY)).toEqual([
      { docId: 'a', firstIndexedAt: 1_733_000_000_123 },
      { docId: 'b', firstIndexedAt: 1_733_000_000_123 },
    ]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query("SELECT data_type FROM information_schema.columns WHERE table_name = 'documents' AND column_name = 'first_indexed_at'");
    await client.end();
    expect(rows[0]).toEqual({ data_type: 'bigint' });
    await state.close();
  });
});
