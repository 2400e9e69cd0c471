/**
 * The snapshot key with its digest cache: the same hash whether files are read or their digests
 * reused, and every change detected, even one that keeps a file's size (and its modification time).
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkCorpusFile, listCorpusFiles } from '../../src/core/index.js';
import { fingerprintCorpus, type FingerprintOptions } from '../../src/infra/corpusHash.js';
import { fingerprintCorpusInWorker } from '../../src/infra/corpusHashWorker.js';

const ARTICLE = '000_c39a801cf85dcbb3.txt';
/** A clock a minute ahead: every file of the test is old enough to have its digest recorded. */
const later = (): number => Date.now() + 60_000;

/** The key as it was computed before the digest cache (every file read): the cache must not change it. */
function uncachedKey(corpusDir: string): string {
  const hash = createHash('sha256');
  for (const relPath of listCorpusFiles(corpusDir)) {
    const check = checkCorpusFile(corpusDir, relPath);
    const content = check.ok ? readFileSync(join(corpusDir, relPath)) : Buffer.from(`\u0000skipped: ${check.reason}`);
    hash.update(relPath).update('\u0000').update(createHash('sha256').update(content).digest()).update('\u0000');
  }
  return hash.digest('hex');
}

describe('corpus hash with a digest cache', () => {
  let corpusDir: string;
  let dataDir: string;
  let options: FingerprintOptions;

  beforeEach(() => {
    corpusDir = mkdtempSync(join(tmpdir(), 'tesla-corpus-'));
    cpSync('seeds', corpusDir, { recursive: true });
    writeFileSync(join(corpusDir, '001_953c6a8def8152e0.meta.yml'), 'outlet: Reuters\n');
    dataDir = mkdtempSync(join(tmpdir(), 'tesla-data-'));
    options = { cacheFile: join(dataDir, 'corpus-digests.json'), now: later };
  });

  afterEach(() => {
    rmSync(corpusDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  const files = () => listCorpusFiles(corpusDir).length;

  it('gives the same hash as reading every file, then reads none of them again', () => {
    const first = fingerprintCorpus(corpusDir, undefined, options);
    expect(first).toMatchObject({ hash: uncachedKey(corpusDir), files: files(), read: files(), reused: 0 });
    const second = fingerprintCorpus(corpusDir, undefined, options);
    expect(second).toMatchObject({ hash: first.hash, read: 0, reused: files() });
    expect(fingerprintCorpus(corpusDir).hash).toBe(first.hash);
  });

  it('detects a file edited keeping its size, even with its modification time put back', () => {
    const before = fingerprintCorpus(corpusDir, undefined, options);
    const path = join(corpusDir, ARTICLE);
    const text = readFileSync(path, 'utf8');
    const { atime, mtime } = statSync(path);
    writeFileSync(path, text.replace('Tesla', 'TESLA'));
    const edited = fingerprintCorpus(corpusDir, undefined, options);
    expect(edited).toMatchObject({ hash: uncachedKey(corpusDir), read: 1 });
    expect(edited.hash).not.toBe(before.hash);
    // Same size and the old modification time: the status-change time (and the content) still differ.
    writeFileSync(path, text.replace('Tesla', 'TEsLA'));
    utimesSync(path, atime, mtime);
    const hidden = fingerprintCorpus(corpusDir, undefined, options);
    expect(hidden).toMatchObject({ hash: uncachedKey(corpusDir), read: 1 });
    expect(hidden.hash).not.toBe(edited.hash);
  });

  it('reads a touched but unchanged file once, keeps the hash, and records its new stamp', () => {
    const before = fingerprintCorpus(corpusDir, undefined, options);
    const touched = new Date(Date.now() - 3_600_000);
    utimesSync(join(corpusDir, ARTICLE), touched, touched);
    expect(fingerprintCorpus(corpusDir, undefined, options)).toMatchObject({ hash: before.hash, read: 1 });
    expect(fingerprintCorpus(corpusDir, undefined, options)).toMatchObject({ hash: before.hash, read: 0 });
  });

  it('reads a racy file (changed too recently to trust its stamp) again at every pass', () => {
    const now = { now: Date.now, cacheFile: options.cacheFile };
    const first = fingerprintCorpus(corpusDir, undefined, now);
    expect(first.read).toBe(files());
    // Nothing was recorded: the files were all written within the racy window of the pass.
    expect(fingerprintCorpus(corpusDir, undefined, now).read).toBe(files());
    // A minute later, they are old enough: recorded, then reused.
    expect(fingerprintCorpus(corpusDir, undefined, options).read).toBe(files());
    expect(fingerprintCorpus(corpusDir, undefined, options).read).toBe(0);
    // A file changed just now is racy again, whatever its stamp.
    writeFileSync(join(corpusDir, 'recall.txt'), 'A recall.\n');
    expect(fingerprintCorpus(corpusDir, undefined, now)).toMatchObject({ read: 1, hash: uncachedKey(corpusDir) });
    expect(fingerprintCorpus(corpusDir, undefined, now)).toMatchObject({ read: 1, hash: uncachedKey(corpusDir) });
  });

  it('detects added and removed files and sidecars', () => {
    const hashes = new Set([fingerprintCorpus(corpusDir, undefined, options).hash]);
    const steps = [
      () => writeFileSync(join(corpusDir, 'recall.txt'), 'A recall.\n'),
      () => writeFileSync(join(corpusDir, 'recall.meta.yml'), 'outlet: AP\n'),
      () => unlinkSync(join(corpusDir, '001_953c6a8def8152e0.meta.yml')),
      () => unlinkSync(join(corpusDir, ARTICLE)),
    ];
    for (const step of steps) {
      step();
      const fingerprint = fingerprintCorpus(corpusDir, undefined, options);
      expect(fingerprint.hash).toBe(uncachedKey(corpusDir));
      expect(hashes.has(fingerprint.hash)).toBe(false);
      hashes.add(fingerprint.hash);
    }
    expect(fingerprintCorpus(corpusDir, undefined, options)).toMatchObject({ read: 0, reused: files() });
  });

  it('reads every file again from a corrupt cache, and writes a good one', () => {
    const first = fingerprintCorpus(corpusDir, undefined, options);
    writeFileSync(options.cacheFile!, '{"format":1,"corpus":');
    expect(fingerprintCorpus(corpusDir, undefined, options)).toMatchObject({ hash: first.hash, read: files() });
    expect(fingerprintCorpus(corpusDir, undefined, options)).toMatchObject({ hash: first.hash, read: 0 });
  });

  it('gives the same fingerprint on a worker thread, and shares the digest cache', async () => {
    const here = fingerprintCorpus(corpusDir, undefined, options);
    expect(here.read).toBe(files());
    const onWorker = await fingerprintCorpusInWorker(corpusDir, { maxFileBytes: 5 * 1024 * 1024 }, { cacheFile: options.cacheFile });
    expect(onWorker).toMatchObject({ hash: here.hash, files: files(), reused: files(), read: 0 });
    // A corpus that cannot be listed fails as on this thread (a rejection, never a crash).
    const notAFolder = join(dataDir, 'not-a-folder');
    writeFileSync(notAFolder, '');
    expect(() => fingerprintCorpus(notAFolder)).toThrow(/ENOTDIR/);
    await expect(fingerprintCorpusInWorker(notAFolder, { maxFileBytes: 1024 })).rejects.toThrow(/ENOTDIR/);
  });

  it('reports a cache it cannot write, and still hashes the corpus', () => {
    writeFileSync(join(dataDir, 'file'), '');
    const fingerprint = fingerprintCorpus(corpusDir, undefined, { ...options, cacheFile: join(dataDir, 'file', 'corpus-digests.json') });
    expect(fingerprint.hash).toBe(uncachedKey(corpusDir));
    expect(fingerprint.cacheError).toBeDefined();
  });
});
