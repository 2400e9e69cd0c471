/**
 * The digest cache of the snapshot key: a digest is reused only for the very stamp it was recorded
 * with, never recorded for a racy file, and survives a round trip through its file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileStamp } from '../../src/core/index.js';
import { FileDigestCache, isRacy, RACY_WINDOW_MS } from '../../src/infra/fileDigestCache.js';

const PASS = 1_800_000_000_000;
const OLD: FileStamp = { size: 120, mtimeMs: PASS - 60_000.25, ctimeMs: PASS - 60_000.125, ino: 4242, dev: 7 };
const digest = (byte: number): Buffer => Buffer.alloc(32, byte);

describe('FileDigestCache', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tesla-digests-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('gives a recorded digest back for the same stamp only', () => {
    const cache = FileDigestCache.empty('/corpus');
    cache.record('a.txt', OLD, digest(1), PASS);
    expect(cache.lookup('a.txt', { ...OLD })).toEqual(digest(1));
    for (const changed of [{ size: 121 }, { mtimeMs: OLD.mtimeMs + 0.001 }, { ctimeMs: OLD.ctimeMs + 1 }, { ino: 4243 }, { dev: 8 }]) {
      expect(cache.lookup('a.txt', { ...OLD, ...changed })).toBeUndefined();
    }
    expect(cache.lookup('b.txt', OLD)).toBeUndefined();
  });

  it('never records a racy file (changed within the window before the pass began, or later), and forgets what it knew of it', () => {
    expect(isRacy(OLD, PASS)).toBe(false);
    const racy = [
      { ...OLD, mtimeMs: PASS - RACY_WINDOW_MS },
      { ...OLD, mtimeMs: PASS - 1 },
      { ...OLD, mtimeMs: PASS + 500 },
      { ...OLD, ctimeMs: PASS - 10 },
    ];
    for (const stamp of racy) {
      expect(isRacy(stamp, PASS)).toBe(true);
      const cache = FileDigestCache.empty('/corpus');
      cache.record('a.txt', stamp, digest(1), PASS);
      expect(cache.lookup('a.txt', stamp)).toBeUndefined();
      expect(cache.size).toBe(0);
    }
    const cache = FileDigestCache.empty('/corpus');
    cache.record('a.txt', OLD, digest(1), PASS);
    cache.record('a.txt', { ...OLD, mtimeMs: PASS - 5 }, digest(2), PASS);
    expect(cache.size).toBe(0);
  });

  it('round-trips through its file, for its own corpus folder only', () => {
    const file = join(dir, 'digests.json');
    const cache = FileDigestCache.empty('/corpus');
    cache.record('a.txt', OLD, digest(1), PASS);
    cache.record('sub/b.meta.yml', { ...OLD, ino: 99 }, digest(2), PASS);
    expect(cache.changed).toBe(true);
    cache.save(file);
    expect(cache.changed).toBe(false);
    const loaded = FileDigestCache.load(file, '/corpus');
    expect(loaded.size).toBe(2);
    expect(loaded.lookup('a.txt', OLD)).toEqual(digest(1));
    expect(loaded.lookup('sub/b.meta.yml', { ...OLD, ino: 99 })).toEqual(digest(2));
    expect(loaded.changed).toBe(false);
    expect(FileDigestCache.load(file, '/other-corpus').size).toBe(0);
  });

  it('is empty when its file is missing, corrupt or inconsistent', () => {
    const file = join(dir, 'digests.json');
    expect(FileDigestCache.load(file, '/corpus').size).toBe(0);
    for (const bad of ['not json', '{"format":1}', '{"format":1,"corpus":"/corpus","paths":["a"],"stamps":[1,2,3,4,5],"digests":"AAAA"}', 'null']) {
      writeFileSync(file, bad);
      expect(FileDigestCache.load(file, '/corpus').size).toBe(0);
    }
  });

  it('forgets the files a pass did not meet (removed files)', () => {
    const file = join(dir, 'digests.json');
    const cache = FileDigestCache.empty('/corpus');
    cache.record('a.txt', OLD, digest(1), PASS);
    cache.record('b.txt', OLD, digest(2), PASS);
    cache.save(file);
    const next = FileDigestCache.load(file, '/corpus');
    next.lookup('a.txt', OLD);
    next.forgetUnused();
    expect(next.changed).toBe(true);
    expect(next.size).toBe(1);
    expect(next.lookup('b.txt', OLD)).toBeUndefined();
  });
});
