/**
 * SQLite state: the storage contract, plus what only a file can show: migrations, a database
 * reopened after the process was killed mid-way (data intact), two processes' connections
 * racing for one run, and a damaged file refused without being touched.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import DatabaseConstructor from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate, SchemaTooNewError } from '../../../src/infra/storage/migrations.js';
import { openSqliteState, StorageError } from '../../../src/infra/storage/sqlite.js';
import { runStateStoreContract } from './stateStore.contract.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tesla-sqlite-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

runStateStoreContract('SQLite', (clock) => openSqliteState({ file: join(tempDir(), 'state.sqlite'), now: clock.now }));

describe('SQLite state on disk', () => {
  it('creates its folder, uses WAL and applies every migration once', async () => {
    const file = join(tempDir(), 'nested', 'data', 'tesla.sqlite');
    const state = openSqliteState({ file, now: Date.now });
    expect(state.applied).toEqual(MIGRATIONS.map((m) => m.version));
    expect(state.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(state.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    await state.close();
    const again = openSqliteState({ file, now: Date.now });
    expect(again.applied).toEqual([]);
    await again.close();
  });

  it('migrates an older database forward, keeping its rows, and refuses a newer one', () => {
    const file = join(tempDir(), 'old.sqlite');
    const db = new DatabaseConstructor(file);
    const v1 = [{ version: 1, name: 'one', sql: 'CREATE TABLE notes (text TEXT NOT NULL);' }];
    expect(migrate(db, v1)).toEqual([1]);
    db.prepare('INSERT INTO notes VALUES (?)').run('kept');
    const v2 = [...v1, { version: 2, name: 'two', sql: "ALTER TABLE notes ADD COLUMN author TEXT NOT NULL DEFAULT 'nobody';" }];
    expect(migrate(db, v2)).toEqual([2]);
    expect(db.prepare('SELECT text, author FROM notes').all()).toEqual([{ text: 'kept', author: 'nobody' }]);
    expect(() => migrate(db, v1)).toThrow(SchemaTooNewError);
    // A failing migration leaves the previous version intact.
    const broken = [...v2, { version: 3, name: 'broken', sql: 'ALTER TABLE notes ADD COLUMN x TEXT; THIS IS NOT SQL;' }];
    expect(() => migrate(db, broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare('SELECT * FROM notes').all()).toEqual([{ text: 'kept', author: 'nobody' }]);
    db.close();
  });

  it('keeps every committed write when the process is killed without closing the database', async () => {
    const file = join(tempDir(), 'crash.sqlite');
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'tests/helpers/crashWriter.ts', file], { encoding: 'utf8', timeout: 60_000 });
    expect(child.stdout).toContain('written');
    expect(child.signal).toBe('SIGKILL');
    expect(existsSync(`${file}-wal`)).toBe(true);

    const at = Date.parse('2024-03-11T08:00:00Z');
    const state = openSqliteState({ file, now: () => at + 60_000 });
    expect(state.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(await state.subscriptions.get({ teamId: 'T1', channelId: 'CCRASH' })).toMatchObject({ topic: 'cameras', postWhenEmpty: true, enabled: true });
    expect(await state.runs.get({ teamId: 'T1', channelId: 'CCRASH', runDate: '2024-03-11' })).toMatchObject({
      status: 'claimed', claimedBy: 'crasher', messageTs: '1700000000.000100',
    });
    expect((await state.documents.indexedBetween(0, at)).map((d) => d.docId)).toEqual(['doc-a', 'doc-b']);
    expect(await state.threads.get('T1:CCRASH:1.1')).toMatchObject({ speaker: 'Elon Musk', nextOffset: 5 });
    expect(await state.feedback.recent(5)).toHaveLength(1);
    await state.close();
  });

  it('lets only one of two connections (two bot processes) claim a run', async () => {
    const file = join(tempDir(), 'shared.sqlite');
    const a = openSqliteState({ file, now: Date.now });
    const b = openSqliteState({ file, now: Date.now });
    const request = { teamId: 'T1', channelId: 'C1', runDate: '2024-03-11', scheduledFor: 0, at: 1, staleAfterMs: 60_000 };
    const results = await Promise.all([a.runs.claim({ ...request, claimedBy: 'a' }), b.runs.claim({ ...request, claimedBy: 'b' })]);
    expect(results.filter((run) => run !== null)).toHaveLength(1);
    await a.close();
    await b.close();
  });

  it('refuses a damaged database file with a message, leaving the file as it was', () => {
    const file = join(tempDir(), 'damaged.sqlite');
    writeFileSync(file, 'this is not a database, but someone’s state'.repeat(200));
    const before = readFileSync(file);
    expect(() => openSqliteState({ file, now: Date.now })).toThrow(StorageError);
    expect(() => openSqliteState({ file, now: Date.now })).toThrow(/cannot use the database .*left untouched/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
