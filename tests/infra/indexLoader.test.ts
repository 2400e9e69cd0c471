/**
 * The index snapshot in DATA_DIR: written after a build, loaded when corpus and settings are
 * unchanged, rebuilt with a warning when it is stale, corrupt or not a snapshot at all.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashCorpus, openIndex, saveIndex, SNAPSHOT_FILE, type IndexLocation } from '../../src/infra/indexLoader.js';
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

  it('builds and writes a snapshot, then loads it on the next start, answering the same', () => {
    const built = openIndex(location);
    expect(built.source).toBe('corpus');
    const loaded = openIndex(location);
    expect(loaded.source).toBe('snapshot');
    for (const question of ['what did Musk say', 'where is the data stored?']) {
      expect(loaded.engine.answer(question)).toEqual(built.engine.answer(question));
    }
    expect(warnings()).toEqual([]);
  });

  it('rebuilds with a warning when the corpus changed (stale snapshot)', () => {
    openIndex(location);
    writeFileSync(join(corpusDir, 'recall.txt'), NEW_ARTICLE);
    const reopened = openIndex(location);
    expect(reopened.source).toBe('corpus');
    expect(reopened.engine.document('recall')).toBeDefined();
    expect(warnings()).toEqual(['the corpus changed since the index snapshot was written (stale); rebuilding it from the corpus']);
    expect(openIndex(location).source).toBe('snapshot');
  });

  it('rebuilds with a warning from a corrupt or truncated snapshot, and from a file that is not one', () => {
    openIndex(location);
    const file = join(dataDir, SNAPSHOT_FILE);
    const good = readFileSync(file);
    const flipped = Buffer.from(good);
    const middle = Math.floor(flipped.length / 2);
    flipped[middle] = (flipped[middle] ?? 0) ^ 0xff;
    for (const bad of [flipped, good.subarray(0, good.length - 100), Buffer.from('not a snapshot at all')]) {
      writeFileSync(file, bad);
      const reopened = openIndex(location);
      expect(reopened.source).toBe('corpus');
      expect(reopened.engine.answer('what did Musk say').answered).toBe(true);
      expect(warnings().at(-1)).toBe('the index snapshot is corrupt or unreadable; rebuilding it from the corpus');
    }
    expect(openIndex(location).source).toBe('snapshot');
  });

  it('keys the snapshot by every document and sidecar, path and content', () => {
    const before = hashCorpus(corpusDir);
    writeFileSync(join(corpusDir, '000_c39a801cf85dcbb3.meta.yml'), 'outlet: Reuters\n');
    const withSidecar = hashCorpus(corpusDir);
    expect(withSidecar).not.toBe(before);
    writeFileSync(join(corpusDir, '.hidden.txt'), 'ignored');
    writeFileSync(join(corpusDir, 'notes.json'), '{}');
    expect(hashCorpus(corpusDir)).toBe(withSidecar);
  });

  it('saves the live corpus on request (after changes applied while running)', () => {
    const { engine } = openIndex(location);
    writeFileSync(join(corpusDir, 'recall.txt'), NEW_ARTICLE);
    saveIndex(location, engine);
    expect(openIndex(location).source).toBe('snapshot');
  });
});
