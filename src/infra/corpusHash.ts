/**
 * The key of the index snapshot: a hash of the corpus as the loader sees it (every document file
 * and sidecar: path, and a digest of its content when the ingestion rules let it be read, else why
 * not), dot-files skipped, in a stable order. Nothing outside the corpus folder and nothing over
 * the size limit is read.
 *
 * With a digest cache ({@link FileDigestCache}), a file whose stamp is unchanged since its digest
 * was recorded is not read again; the hash is the same either way.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
// The light module of corpus files, not the core's index: this module also runs on a worker thread (`corpusHashWorker.ts`).
import { checkCorpusFile, DEFAULT_INGESTION_RULES, listCorpusFiles, type IngestionRules } from '../core/corpus/files.js';
import { FileDigestCache } from './fileDigestCache.js';

/** Options of {@link fingerprintCorpus}. */
export interface FingerprintOptions {
  /**
   * A digest cache file (see `fileDigestCache.ts`): read first, and written again when it changed
   * (a failure to write it is reported in {@link CorpusFingerprint.cacheError}, never thrown).
   */
  cacheFile?: string | undefined;
  /** The wall clock (tests move it forward to make files old enough to be cached). */
  now?: () => number;
}

/** A corpus hash and how it was computed. */
export interface CorpusFingerprint {
  hash: string;
  /** Corpus files (documents and sidecars), skipped ones included. */
  files: number;
  /** Files read and hashed. */
  read: number;
  /** Files whose recorded digest was reused (stamp unchanged). */
  reused: number;
  /** Why the digest cache could not be written, when it could not. */
  cacheError?: string;
}

/**
 * Hashes the corpus (see the module's comment), reusing the digests of `options.cacheFile` for
 * files whose stamp is unchanged.
 */
export function fingerprintCorpus(corpusDir: string, rules: IngestionRules = DEFAULT_INGESTION_RULES, options: FingerprintOptions = {}): CorpusFingerprint {
  const passStart = (options.now ?? Date.now)();
  const hash = createHash('sha256');
  if (!existsSync(corpusDir)) return { hash: hash.digest('hex'), files: 0, read: 0, reused: 0 };
  const root = resolvedFolder(corpusDir);
  const cache = options.cacheFile === undefined ? FileDigestCache.empty(root) : FileDigestCache.load(options.cacheFile, root);
  let files = 0;
  let read = 0;
  let reused = 0;
  for (const relPath of listCorpusFiles(corpusDir)) {
    files++;
    const check = checkCorpusFile(corpusDir, relPath, rules);
    let digest: Buffer;
    if (!check.ok) digest = sha256(Buffer.from(`\u0000skipped: ${check.reason}`));
    else {
      const known = cache.lookup(relPath, check.stamp);
      if (known !== undefined) {
        digest = known;
        reused++;
      } else {
        let content: Buffer | null = null;
        try {
          content = readFileSync(join(corpusDir, relPath));
        } catch {
          // Unreadable now: hashed as such, never recorded.
        }
        read++;
        digest = sha256(content ?? Buffer.from('\u0000unreadable'));
        if (content !== null) cache.record(relPath, check.stamp, digest, passStart);
      }
    }
    hash.update(relPath).update('\u0000').update(digest).update('\u0000');
  }
  const fingerprint: CorpusFingerprint = { hash: hash.digest('hex'), files, read, reused };
  cache.forgetUnused();
  if (options.cacheFile !== undefined && cache.changed) {
    try {
      cache.save(options.cacheFile);
    } catch (error) {
      fingerprint.cacheError = (error as Error).message;
    }
  }
  return fingerprint;
}

/** {@link fingerprintCorpus}'s hash alone. */
export function hashCorpus(corpusDir: string, rules: IngestionRules = DEFAULT_INGESTION_RULES, options: FingerprintOptions = {}): string {
  return fingerprintCorpus(corpusDir, rules, options).hash;
}

function sha256(content: Buffer): Buffer {
  return createHash('sha256').update(content).digest();
}

function resolvedFolder(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return resolve(dir);
  }
}
