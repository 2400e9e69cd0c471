/**
 * The content digests of corpus files, remembered between starts with each file's stamp (size,
 * modification and status-change times, inode, device), so that a start re-reads only the files
 * whose stamp changed: git's index does the same for the working tree. Hashing 50,000 corpus files
 * (99 MB) took 1.5–3 s of every start; comparing stamps takes one `lstat` per file.
 *
 * Racy files (git's "racily clean" entries): a file's timestamps have a granularity (a clock tick
 * up to whole seconds, depending on the file system), so a file changed again in the same tick
 * just after it was read keeps its stamp. A digest is therefore only recorded for a file whose
 * modification and status-change times are older than {@link RACY_WINDOW_MS} before the hashing
 * pass began; a newer one is read again at every pass until it is old enough (git compares with
 * the index file's write time; the start of the pass is earlier, so this is stricter). This
 * assumes the corpus's file system and this machine agree on the time within that window, as
 * git assumes for its working tree.
 *
 * The cache is a file (JSON, columns: paths, stamps, digests in base64) written atomically; a
 * missing, unreadable or foreign one (another corpus folder, another format) is an empty cache.
 * It holds only digests, never decides anything by itself: the snapshot stays keyed by the whole
 * corpus hash.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FileStamp } from '../core/index.js';

/** How much older than the start of the pass a file's times must be for its digest to be recorded. */
export const RACY_WINDOW_MS = 2_000;

const FORMAT = 1;
const STAMP_FIELDS = 5;
const DIGEST_BYTES = 32;

interface CacheFile {
  format: number;
  /** The corpus folder the relative paths are in (resolved). */
  corpus: string;
  paths: string[];
  /** Per path: size, mtimeMs, ctimeMs, ino, dev. */
  stamps: number[];
  /** Per path: a 32-byte digest, concatenated, base64. */
  digests: string;
}

/** Stamps and digests of the files of one corpus folder (see the module's comment). */
export class FileDigestCache {
  readonly #corpus: string;
  readonly #known = new Map<string, { stamp: FileStamp; digest: Buffer; used: boolean }>();
  #changed = false;

  private constructor(corpus: string) {
    this.#corpus = corpus;
  }

  /** An empty cache for the corpus folder `corpus` (a resolved path). */
  static empty(corpus: string): FileDigestCache {
    return new FileDigestCache(corpus);
  }

  /** The cache in `file`, or an empty one when it is missing, unreadable, of another format or of another corpus folder. */
  static load(file: string, corpus: string): FileDigestCache {
    const cache = new FileDigestCache(corpus);
    let parsed: CacheFile;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
    } catch {
      return cache;
    }
    const { paths, stamps, digests } = parsed ?? {};
    if (parsed?.format !== FORMAT || parsed.corpus !== corpus || !Array.isArray(paths) || !Array.isArray(stamps) || typeof digests !== 'string') return cache;
    const bytes = Buffer.from(digests, 'base64');
    if (stamps.length !== paths.length * STAMP_FIELDS || bytes.length !== paths.length * DIGEST_BYTES) return cache;
    for (let i = 0; i < paths.length; i++) {
      const s = i * STAMP_FIELDS;
      const stamp = { size: stamps[s]!, mtimeMs: stamps[s + 1]!, ctimeMs: stamps[s + 2]!, ino: stamps[s + 3]!, dev: stamps[s + 4]! };
      cache.#known.set(paths[i]!, { stamp, digest: bytes.subarray(i * DIGEST_BYTES, (i + 1) * DIGEST_BYTES), used: false });
    }
    return cache;
  }

  /** Files with a recorded digest. */
  get size(): number {
    return this.#known.size;
  }

  /** The recorded digest of `relPath` when its stamp is the one recorded with it, else undefined. */
  lookup(relPath: string, stamp: FileStamp): Buffer | undefined {
    const known = this.#known.get(relPath);
    if (known === undefined || !sameStamp(known.stamp, stamp)) return undefined;
    known.used = true;
    return known.digest;
  }

  /**
   * Records the digest of `relPath` read with `stamp` during a pass that began at `passStartMs`
   * (wall clock), unless the file is racy (changed within {@link RACY_WINDOW_MS} of the pass's
   * start, or later): then any digest recorded for it is dropped, and the next pass reads it again.
   */
  record(relPath: string, stamp: FileStamp, digest: Buffer, passStartMs: number): void {
    if (isRacy(stamp, passStartMs)) {
      if (this.#known.delete(relPath)) this.#changed = true;
      return;
    }
    const known = this.#known.get(relPath);
    if (known !== undefined && sameStamp(known.stamp, stamp) && known.digest.equals(digest)) {
      known.used = true;
      return;
    }
    this.#known.set(relPath, { stamp, digest, used: true });
    this.#changed = true;
  }

  /** Drops the entries of files not looked up or recorded since the cache was loaded (removed files). */
  forgetUnused(): void {
    for (const [relPath, known] of this.#known) {
      if (!known.used) {
        this.#known.delete(relPath);
        this.#changed = true;
      }
    }
  }

  /** True when the cache differs from the file it was loaded from. */
  get changed(): boolean {
    return this.#changed;
  }

  /** Writes the cache to `file` (atomically: a crash leaves the previous file or none). */
  save(file: string): void {
    const paths = [...this.#known.keys()];
    const stamps: number[] = [];
    const digests = Buffer.alloc(paths.length * DIGEST_BYTES);
    paths.forEach((relPath, i) => {
      const { stamp, digest } = this.#known.get(relPath)!;
      stamps.push(stamp.size, stamp.mtimeMs, stamp.ctimeMs, stamp.ino, stamp.dev);
      digest.copy(digests, i * DIGEST_BYTES);
    });
    const content: CacheFile = { format: FORMAT, corpus: this.#corpus, paths, stamps, digests: digests.toString('base64') };
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(temporary, JSON.stringify(content));
      renameSync(temporary, file);
      this.#changed = false;
    } catch (error) {
      rmSync(temporary, { force: true });
      throw error;
    }
  }
}

/** True when a file's times are too recent for its stamp to vouch for its content (see the module's comment). */
export function isRacy(stamp: FileStamp, passStartMs: number): boolean {
  return Math.max(stamp.mtimeMs, stamp.ctimeMs) >= passStartMs - RACY_WINDOW_MS;
}

function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino && a.dev === b.dev;
}
