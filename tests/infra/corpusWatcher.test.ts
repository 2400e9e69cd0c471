/**
 * The live corpus: files added, changed, half-written, made malformed, given a sidecar, or
 * removed in a watched folder update the engine incrementally. Polls with a deadline, never sleeps
 * a fixed time.
 */
import { closeSync, cpSync, mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnswerEngine, ingestionRules, loadCorpus } from '../../src/core/index.js';
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

  it('reads a sidecar added later, removes a deleted file, and skips a duplicate id with a warning naming both (first in path order wins)', async () => {
    writeFileSync(join(dir, 'recall.txt'), NEW_ARTICLE);
    await until(changeFor('added', 'recall.txt'), 'the new file');
    writeFileSync(join(dir, 'recall.meta.yml'), 'outlet: Sidecar Times\nurl: https://example.test/recall\n');
    await until(() => engine.document('recall')?.meta.outlet === 'Sidecar Times', 'the sidecar');

    mkdirSync(join(dir, 'zz'));
    writeFileSync(join(dir, 'zz', 'recall.md'), 'Another file with the same id, about the Shanghai recall.\n');
    const skipped = await until(changeFor('skipped', 'recall.md'), 'the duplicate');
    expect(skipped.kind === 'skipped' && skipped.reason).toContain(`another file has the same id "recall" and is served: "${join(dir, 'recall.txt')}"`);
    expect(watcher.skippedFiles()).toEqual([{ path: join(dir, 'zz', 'recall.md'), reason: expect.stringContaining('recall.txt') }]);

    // The served one goes: the next in path order is served.
    rmSync(join(dir, 'recall.txt'));
    await until(changeFor('removed', 'recall.txt'), 'the removal');
    await until(changeFor('added', 'zz/recall.md'), 'the other file with the id');
    expect(engine.document('recall')?.relPath).toBe('zz/recall.md');
    expect(watcher.skippedFiles()).toEqual([]);
    rmSync(join(dir, 'zz', 'recall.md'));
    await until(changeFor('removed', 'zz/recall.md'), 'the second removal');
    expect(engine.document('recall')).toBeUndefined();
    expect(engine.answer('what did Jane Roe say').answered).toBe(false);
  });

  it('serves a new file that comes first in path order in place of the one with its id, as a fresh start would', async () => {
    writeFileSync(join(dir, 'recall.txt'), NEW_ARTICLE);
    await until(changeFor('added', 'recall.txt'), 'the new file');
    mkdirSync(join(dir, 'aa'));
    writeFileSync(join(dir, 'aa', 'recall.md'), 'The earlier file about the zeppelin recall.\n');
    await until(changeFor('updated', 'aa/recall.md'), 'the earlier file');
    expect(engine.document('recall')?.relPath).toBe('aa/recall.md');
    expect(watcher.skippedFiles()).toEqual([{ path: join(dir, 'recall.txt'), reason: expect.stringContaining(join(dir, 'aa', 'recall.md')) }]);
    const fresh = loadCorpus(dir);
    expect(fresh.documents.find((d) => d.id === 'recall')?.relPath).toBe('aa/recall.md');
    expect(fresh.skipped).toEqual(watcher.skippedFiles());
  });

  it('applies the ingestion rules to live changes: links leading outside and files over the size limit are skipped and listed', async () => {
    await watcher.stop();
    watcher = new CorpusWatcher({
      corpusDir: dir, engine, ledger: state.documents, clock, logger: createLogger({ level: 'debug', destination: logs }),
      debounceMs: 50, stabilityMs: 150, rules: ingestionRules(1), onChange: (change) => changes.push(change),
      skipped: [{ path: join(dir, 'old.txt'), reason: 'skipped at start-up' }],
    });
    await watcher.start();
    const outside = mkdtempSync(join(tmpdir(), 'tesla-outside-'));
    try {
      writeFileSync(join(outside, 'secret.txt'), 'The launch code is hunter2, said the admiral.\n');
      symlinkSync(join(outside, 'secret.txt'), join(dir, 'leak.txt'));
      const leak = await until(changeFor('skipped', 'leak.txt'), 'the link');
      expect(leak.kind === 'skipped' && leak.reason).toMatch(/symbolic link that leads outside the corpus folder/);
      expect(engine.answer('launch code hunter2').answered).toBe(false);
      expect(logs.find((l) => l['msg'] === 'skipped a corpus file' && String(l['path']).endsWith('leak.txt'))).toMatchObject({ level: 40 });

      writeFileSync(join(dir, 'big.txt'), 'A sentence about a large zeppelin hangar. '.repeat(30_000));
      const big = await until(changeFor('skipped', 'big.txt'), 'the big file');
      expect(big.kind === 'skipped' && big.reason).toMatch(/larger than the limit .*MAX_FILE_MB/);
      expect(engine.document('big')).toBeUndefined();
      expect(watcher.skippedFiles().map((f) => f.path)).toEqual([join(dir, 'big.txt'), join(dir, 'leak.txt'), join(dir, 'old.txt')]);

      // Fixed: the big file shrinks under the limit, and is served; the old one is deleted.
      writeFileSync(join(dir, 'big.txt'), 'A sentence about a small zeppelin hangar.\n');
      await until(changeFor('added', 'big.txt'), 'the smaller file');
      expect(watcher.skippedFiles().map((f) => f.path)).toEqual([join(dir, 'leak.txt'), join(dir, 'old.txt')]);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
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
