/**
 * The index snapshot in DATA_DIR: written after a build, loaded when corpus and settings are
 * unchanged, rebuilt with a warning when it is stale, corrupt or not a snapshot at all.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ingestionRules, PIPELINE_VERSIONS, type PipelineVersions } from '../../src/core/index.js';
import { DIGESTS_FILE, hashCorpus, openIndex, saveIndex, SNAPSHOT_FILE, type IndexLocation } from '../../src/infra/indexLoader.js';
import { createLogger } from '../../src/infra/logger.js';
import { engineSnapshotCodec } from '../../src/infra/snapshotCodec.js';
import { NEW_ARTICLE } from '../helpers/articles.js';
import { captureLogs, type LogCapture } from '../helpers/logCapture.js';

describe('index snapshot in DATA_DIR', () => {
  let corpusDir: string;
  let dataDir: string;
  let logs: LogCapture;
  let location: IndexLocation;

  beforeEach(() => {
    corpusDir = mkdtempSync(join(tmpdir(), 'tesla-corpus-'));
    cpSync('seeds', corpusDir, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'tesla-data-'));
    logs = captureLogs();
    location = { corpusDir, dataDir, logger: createLogger({ level: 'debug', destination: logs }), codec: engineSnapshotCodec };
  });

  afterEach(() => {
    rmSync(corpusDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  const warnings = () => logs.lines.filter((l) => l['level'] === 40).map((l) => String(l['msg']));

  it('builds and writes a snapshot, then loads it on the next start, answering the same', async () => {
    const built = await openIndex(location);
    expect(built.source).toBe('corpus');
    const loaded = await openIndex(location);
    expect(loaded.source).toBe('snapshot');
    for (const question of ['what did Musk say', 'where is the data stored?']) {
      expect(loaded.engine.answer(question)).toEqual(built.engine.answer(question));
    }
    expect(warnings()).toEqual([]);
  });

  it('rebuilds with a warning when the corpus changed (stale snapshot)', async () => {
    await openIndex(location);
    writeFileSync(join(corpusDir, 'recall.txt'), NEW_ARTICLE);
    const reopened = await openIndex(location);
    expect(reopened.source).toBe('corpus');
    expect(reopened.engine.document('recall')).toBeDefined();
    expect(warnings()).toEqual(['the corpus changed since the index snapshot was written (stale); rebuilding it from the corpus']);
    expect((await openIndex(location)).source).toBe('snapshot');
  });

  it('rebuilds with a warning from a corrupt or truncated snapshot, and from a file that is not one', async () => {
    await openIndex(location);
    const file = join(dataDir, SNAPSHOT_FILE);
    const good = readFileSync(file);
    const flipped = Buffer.from(good);
    const middle = Math.floor(flipped.length / 2);
    flipped[middle] = (flipped[middle] ?? 0) ^ 0xff;
    for (const bad of [flipped, good.subarray(0, good.length - 100), Buffer.from('not a snapshot at all')]) {
      writeFileSync(file, bad);
      const reopened = await openIndex(location);
      expect(reopened.source).toBe('corpus');
      expect(reopened.engine.answer('what did Musk say').answered).toBe(true);
      expect(warnings().at(-1)).toBe('the index snapshot is corrupt or unreadable; rebuilding it from the corpus');
    }
    expect((await openIndex(location)).source).toBe('snapshot');
  });

  it('keys the snapshot by every document and sidecar, path and content', async () => {
    const before = hashCorpus(corpusDir);
    writeFileSync(join(corpusDir, '000_c39a801cf85dcbb3.meta.yml'), 'outlet: Reuters\n');
    const withSidecar = hashCorpus(corpusDir);
    expect(withSidecar).not.toBe(before);
    writeFileSync(join(corpusDir, '.hidden.txt'), 'ignored');
    writeFileSync(join(corpusDir, 'notes.json'), '{}');
    expect(hashCorpus(corpusDir)).toBe(withSidecar);
  });

  it('reads again only the corpus files changed since their digest was recorded, and still sees an edit that keeps the size', async () => {
    const reads = () => logs.lines.filter((l) => l['msg'] === 'corpus hashed').map((l) => l['read']);
    const files = 5;
    await openIndex(location);
    // Files copied within the racy window: read again (nothing recorded yet).
    expect(reads()).toEqual([files]);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 60_000);
      expect((await openIndex(location)).source).toBe('snapshot');
      expect((await openIndex(location)).source).toBe('snapshot');
      expect(reads()).toEqual([files, files, 0]);
      expect(existsSync(join(dataDir, DIGESTS_FILE))).toBe(true);
      const path = join(corpusDir, '000_c39a801cf85dcbb3.txt');
      writeFileSync(path, readFileSync(path, 'utf8').replace('Tesla', 'TESLA'));
      const edited = await openIndex(location);
      expect(edited.source).toBe('corpus');
      expect(reads().at(-1)).toBe(1);
      expect(warnings()).toEqual(['the corpus changed since the index snapshot was written (stale); rebuilding it from the corpus']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('with the corpus hashed on a worker thread (large snapshots), loads the snapshot when the corpus is unchanged and rebuilds when it changed', async () => {
    const worker: IndexLocation = { ...location, hashThread: 'worker' };
    const built = await openIndex(worker);
    const loaded = await openIndex(worker);
    expect(loaded.source).toBe('snapshot');
    expect(loaded.corpusHash).toBe(built.corpusHash);
    expect(logs.lines.filter((l) => l['msg'] === 'corpus hashed').map((l) => l['thread'])).toEqual(['this', 'worker']);
    writeFileSync(join(corpusDir, 'recall.txt'), NEW_ARTICLE);
    const reopened = await openIndex(worker);
    expect(reopened.source).toBe('corpus');
    expect(reopened.engine.document('recall')).toBeDefined();
    expect(warnings()).toEqual(['the corpus changed since the index snapshot was written (stale); rebuilding it from the corpus']);
    expect((await openIndex(worker)).source).toBe('snapshot');
  });

  it('saves the live corpus on request (after changes applied while running)', async () => {
    const { engine, skipped } = await openIndex(location);
    writeFileSync(join(corpusDir, 'recall.txt'), NEW_ARTICLE);
    saveIndex(location, engine, skipped);
    expect((await openIndex(location)).source).toBe('snapshot');
  });
  it('rebuilds when a pipeline stage changed its version, naming the stage', async () => {
    await openIndex(location);
    const versions = PIPELINE_VERSIONS as PipelineVersions;
    versions.statements += 1;
    try {
      const reopened = await openIndex(location);
      expect(reopened.source).toBe('corpus');
      const stale = logs.lines.find((l) => String(l['msg']).includes('pipeline versions (stale)'));
      expect(stale?.['staleStages']).toEqual(['statements']);
      expect((await openIndex(location)).source).toBe('snapshot');
    } finally {
      versions.statements -= 1;
    }
    expect((await openIndex(location)).source).toBe('corpus');
  });

  it('never fails to start for a duplicate id, and lists skipped files at every start, from the snapshot too', async () => {
    writeFileSync(join(corpusDir, '000_c39a801cf85dcbb3.md'), 'A duplicate of the first article id.\n');
    writeFileSync(join(corpusDir, 'big.txt'), 'A long sentence about nothing much at all. '.repeat(30_000));
    symlinkSync('/etc/hostname', join(corpusDir, 'leak.txt'));
    const rules = ingestionRules(1);
    const expected = [
      { path: join(corpusDir, '000_c39a801cf85dcbb3.txt'), reason: expect.stringContaining('000_c39a801cf85dcbb3.md') },
      { path: join(corpusDir, 'big.txt'), reason: expect.stringContaining('larger than the limit') },
      { path: join(corpusDir, 'leak.txt'), reason: expect.stringContaining('outside the corpus folder') },
    ];
    const skippedLogged = () => logs.lines.filter((l) => l['msg'] === 'skipped a corpus file').map((l) => ({ path: l['path'], reason: l['reason'] }));
    const built = await openIndex({ ...location, rules });
    expect(built.source).toBe('corpus');
    expect(built.engine.document('000_c39a801cf85dcbb3')?.relPath).toBe('000_c39a801cf85dcbb3.md');
    expect(built.skipped).toEqual(expected);
    expect(skippedLogged()).toEqual(expected);
    logs.lines.length = 0;
    const restored = await openIndex({ ...location, rules });
    expect(restored.source).toBe('snapshot');
    expect(restored.skipped).toEqual(expected);
    expect(skippedLogged()).toEqual(expected);
    // Another size limit is another index: big.txt is served now.
    const larger = await openIndex({ ...location, rules: ingestionRules(5) });
    expect(larger.source).toBe('corpus');
    expect(larger.engine.document('big')).toBeDefined();
  });

  it('never reads a file outside the corpus folder to hash it', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'tesla-outside-'));
    try {
      writeFileSync(join(outside, 'secret.txt'), 'one');
      symlinkSync(join(outside, 'secret.txt'), join(corpusDir, 'leak.txt'));
      const before = hashCorpus(corpusDir);
      writeFileSync(join(outside, 'secret.txt'), 'two');
      expect(hashCorpus(corpusDir)).toBe(before);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
