/**
 * The live corpus: files added, changed, half-written, made malformed, given a sidecar, or
 * removed in a watched folder update the engine incrementally. Polls with a deadline, never sleeps
 * a fixed time.
 */
import { closeSync, cpSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnswerEngine, loadCorpus } from '../../src/core/index.js';
import type { CorpusChange } from '../../src/core/ports.js';
import { CorpusWatcher } from '../../src/infra/corpusWatcher.js';
import { createLogger } from '../../src/infra/logger.js';
import { MemoryState } from '../../src/infra/storage/memory.js';
import { FakeClock } from '../helpers/fakeClock.js';
import { captureLogs, type LogCapture } from '../helpers/logCapture.js';
import { NEW_ARTICLE } from '../helpers/articles.js';

async function until<T>(probe: () => T | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('CorpusWatcher', () => {
  let dir: string;
  let engine: AnswerEngine;
  let state: MemoryState;
  let clock: FakeClock;
  let logs: LogCapture;
  let watcher: CorpusWatcher;
  let changes: CorpusChange[];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tesla-watch-'));
    cpSync('seeds', dir, { recursive: true });
    engine = new AnswerEngine(loadCorpus(dir).documents);
    clock = new FakeClock('2024-03-25T06:00:00Z');
    state = new MemoryState({ now: () => clock.now() });
    logs = captureLogs();
    changes = [];
    watcher = new CorpusWatcher({
      corpusDir: dir,
      engine,
      ledger: state.documents,
      clock,
      logger: createLogger({ level: 'debug', destination: logs }),
      debounceMs: 50,
      stabilityMs: 150,
      onChange: (change) => changes.push(change),
    });
    await watcher.start();
  });

  afterEach(async () => {
    await watcher.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const changeFor = (kind: CorpusChange['kind'], name: string) => () => changes.find((c) => c.kind === kind && c.path.endsWith(name));

  it('indexes a new file without a rebuild, records when it was first indexed, and answers from it', async () => {
    const before = engine.stats().documents;
    clock.set('2024-03-25T06:30:00Z');
    writeFileSync(join(dir, 'recall.txt'), NEW_ARTICLE);
    await until(changeFor('added', 'recall.txt'), 'the new file');
    expect(engine.stats().documents).toBe(before + 1);
    expect(await state.documents.firstIndexed('recall')).toBe(Date.parse('2024-03-25T06:30:00Z'));
    const answer = engine.answer('what did Jane Roe say');
    expect(answer.excerpts[0]?.text).toBe('“Recalls like this are routine for a factory of that size,” Roe said.');
    expect(watcher.lastChangeAt).toBe(Date.parse('2024-03-25T06:30:00Z'));
  });

  it('waits for a half-written file and indexes it once complete', async () => {
    const path = join(dir, 'slow.md');
    const fd = openSync(path, 'w');
    writeSync(fd, '---\ntitle: Written slowly\noutlet: Slow');
    await new Promise((resolve) => setTimeout(resolve, 40));
    writeSync(fd, ' News\n---\n\nThe slow article says the Shanghai factory will publish its data audit in May.\n');
    closeSync(fd);
    await until(changeFor('added', 'slow.md'), 'the complete file');
    expect(engine.document('slow')?.meta).toMatchObject({ title: 'Written slowly', outlet: 'Slow News' });
  });

  it('updates a changed file, and keeps the last good version when it becomes malformed', async () => {
    writeFileSync(join(dir, 'recall.txt'), NEW_ARTICLE);
    await until(changeFor('added', 'recall.txt'), 'the new file');
    writeFileSync(join(dir, 'recall.txt'), NEW_ARTICLE.replace('12,000', '13,500'));
    await until(changeFor('updated', 'recall.txt'), 'the update');
    expect(engine.document('recall')?.text).toContain('13,500');

    writeFileSync(join(dir, 'recall.txt'), Buffer.from([0x00, 0x01, 0x02, 0xff]));
    const kept = await until(changeFor('kept', 'recall.txt'), 'the malformed version');
    expect(kept).toMatchObject({ docId: 'recall', reason: 'the file looks binary (it contains NUL bytes)' });
    expect(engine.document('recall')?.text).toContain('13,500');
    expect(logs.find((l) => l['msg'] === 'a corpus file became unreadable; keeping its last good version in the index')).toMatchObject({ level: 40, docId: 'recall' });
    expect(watcher.servesFiles).toBe(false);
    // Fixed again: served from the file once more.
    writeFileSync(join(dir, 'recall.txt'), NEW_ARTICLE);
    await until(() => changes.filter((c) => c.kind === 'updated').length >= 2 && true, 'the fixed file');
    expect(watcher.servesFiles).toBe(true);
  });

  it('reads a sidecar added later, removes a deleted file, and skips a duplicate id with a warning', async () => {
    writeFileSync(join(dir, 'recall.txt'), NEW_ARTICLE);
    await until(changeFor('added', 'recall.txt'), 'the new file');
    writeFileSync(join(dir, 'recall.meta.yml'), 'outlet: Sidecar Times\nurl: https://example.test/recall\n');
    await until(() => engine.document('recall')?.meta.outlet === 'Sidecar Times', 'the sidecar');

    mkdirSync(join(dir, 'more'));
    writeFileSync(join(dir, 'more', 'recall.md'), 'Another file with the same id, about the Shanghai recall.\n');
    const skipped = await until(changeFor('skipped', 'recall.md'), 'the duplicate');
    expect(skipped.kind === 'skipped' && skipped.reason).toContain('another file already has the id "recall"');

    rmSync(join(dir, 'recall.txt'));
    await until(changeFor('removed', 'recall.txt'), 'the removal');
    expect(engine.document('recall')).toBeUndefined();
    expect(engine.answer('what did Jane Roe say').answered).toBe(false);
  });

  it('ignores dot-files and files that are not documents', async () => {
    writeFileSync(join(dir, '.draft.txt'), NEW_ARTICLE);
    writeFileSync(join(dir, 'notes.json'), '{}');
    writeFileSync(join(dir, 'recall.txt'), NEW_ARTICLE);
    await until(changeFor('added', 'recall.txt'), 'the real file');
    await watcher.settled();
    expect(changes.map((c) => c.path.split('/').at(-1))).toEqual(['recall.txt']);
  });
});
