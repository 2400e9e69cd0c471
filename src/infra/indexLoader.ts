/**
 * Opening the index at start-up: from the snapshot in `DATA_DIR` when it was built from the same
 * corpus with the same index settings, else by loading and indexing the corpus (and writing a new
 * snapshot). A snapshot that is corrupt, stale (another corpus or other settings) or unreadable is
 * rebuilt with a warning; it never stops the bot.
 *
 * The snapshot is keyed by a hash of the corpus files (every document and sidecar: path and
 * content; `corpusHash.ts`, which reads again only the files whose size, times or inode changed
 * since their digest was recorded in {@link DIGESTS_FILE}) and carries the index settings' own
 * hash (pipeline versions included) and the list of skipped files, logged again when a process
 * starts from it; its format belongs to the core (`src/core/search/snapshot.ts`), reached through
 * {@link SnapshotCodec}.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
// The engine and the ingestion rules from their own modules, not the core's index: a start from
// the snapshot never parses a file, so the parsing modules (and their YAML and schema libraries,
// 0.2-0.3 s to load) are imported only when the corpus is built (`buildIndex`).
import { AnswerEngine } from '../core/answer/engine.js';
import { DEFAULT_INGESTION_RULES, type IngestionRules } from '../core/corpus/files.js';
import type { CorpusWarning } from '../core/corpus/types.js';
import { fingerprintCorpus, type CorpusFingerprint } from './corpusHash.js';
import { fingerprintCorpusInWorker } from './corpusHashWorker.js';

export { hashCorpus } from './corpusHash.js';

export const SNAPSHOT_FILE = 'index.snapshot';
/** Beside the snapshot: the corpus files' digests and stamps, so that a start reads only the files that changed (`fileDigestCache.ts`). */
export const DIGESTS_FILE = 'corpus-digests.json';

/** How an engine becomes bytes and back (the core's snapshot format). */
export interface SnapshotCodec {
  encode(engine: AnswerEngine, corpusHash: string, skipped: readonly CorpusWarning[]): Uint8Array;
  /** What the snapshot says about itself; throws when it is not a readable snapshot. */
  inspect(bytes: Uint8Array): { corpusHash: string | null; settingsCurrent: boolean; staleStages: string[]; skipped: CorpusWarning[] };
  /** Throws when the snapshot is corrupt or was built with other settings. */
  decode(bytes: Uint8Array): AnswerEngine;
}

export interface IndexLocation {
  corpusDir: string;
  dataDir: string;
  logger: Logger;
  /** Without a codec, the index is always built from the corpus. */
  codec?: SnapshotCodec | undefined;
  /** Ingestion rules (default: 5 MB files, see `core/corpus/load.ts`). */
  rules?: IngestionRules | undefined;
  /**
   * Where the corpus is hashed when a snapshot exists: `auto` (default) on a worker thread for a
   * snapshot of {@link HASH_WORKER_MIN_SNAPSHOT_BYTES} or more when a core seems free (load average
   * below the cores minus one), else on this thread.
   */
  hashThread?: 'auto' | 'worker' | 'this' | undefined;
}

export interface OpenedIndex {
  engine: AnswerEngine;
  source: 'snapshot' | 'corpus';
  corpusHash: string;
  /** Corpus files not served, and why (from the build, or as the snapshot recorded them). */
  skipped: CorpusWarning[];
}

/** A corpus loaded and indexed: the engine and the files skipped. */
export interface BuiltIndex {
  engine: AnswerEngine;
  skipped: CorpusWarning[];
  /** Every problem met, skipped files included. */
  warnings: CorpusWarning[];
}

/**
 * The one way a corpus becomes an engine (start-up, `ask`, `eval`, the benchmark): files parsed
 * on worker threads under the ingestion rules, indexed here as they arrive, then the word vectors
 * of its vocabulary distilled (`AnswerEngine.distilWordVectors`; the snapshot keeps them).
 *
 * @throws CorpusError when the corpus folder does not exist; Error when the word-vector package is
 * missing (run `npm ci`)
 */
export async function buildIndex(corpusDir: string, rules: IngestionRules = DEFAULT_INGESTION_RULES): Promise<BuiltIndex> {
  const { loadCorpusParallel } = await import('../core/corpus/load.js');
  const engine = new AnswerEngine([]);
  const loaded = await loadCorpusParallel(corpusDir, { rules, onDocuments: (documents) => documents.forEach((doc) => engine.upsert(doc)) });
  engine.distilWordVectors();
  return { engine, skipped: loaded.skipped, warnings: loaded.warnings };
}

/**
 * Loads the snapshot when it is current, else builds from the corpus and writes a snapshot. Either
 * way the skipped corpus files are logged, one warning each.
 *
 * With a large snapshot and a core to spare, the corpus is hashed on a worker thread while the
 * snapshot is read, checked and restored here (`corpusHashWorker.ts`); the restored engine is used
 * only when the snapshot's key is the corpus's.
 */
export async function openIndex(location: IndexLocation): Promise<OpenedIndex> {
  const { corpusDir, dataDir, logger, codec } = location;
  const rules = location.rules ?? DEFAULT_INGESTION_RULES;
  const started = performance.now();
  const file = join(dataDir, SNAPSHOT_FILE);
  const snapshotBytes = codec === undefined ? null : fileSize(file);
  let corpusHash: string;
  if (codec !== undefined && snapshotBytes !== null) {
    const where = location.hashThread ?? 'auto';
    const onWorker = where === 'worker' || (where === 'auto' && snapshotBytes >= HASH_WORKER_MIN_SNAPSHOT_BYTES && aCoreIsFree());
    const key = onWorker ? keyOfCorpusInWorker(location, rules) : keyOfCorpus(location, rules);
    const loaded = tryLoad(file, codec, typeof key === 'string' ? key : null, logger);
    corpusHash = await key;
    if (loaded !== null && loaded.corpusHash !== corpusHash) {
      logger.warn({ snapshot: file }, STALE_CORPUS);
    } else if (loaded !== null) {
      logSkipped(logger, loaded.skipped);
      const stats = loaded.engine.stats();
      logger.info(
        { documents: stats.documents, passages: stats.passages, skipped: loaded.skipped.length, ms: Math.round(performance.now() - started), snapshot: file },
        'index ready (loaded from the snapshot)',
      );
      return { engine: loaded.engine, source: 'snapshot', corpusHash, skipped: loaded.skipped };
    }
  } else corpusHash = keyOfCorpus(location, rules);
  const { engine, skipped, warnings } = await buildIndex(corpusDir, rules);
  logSkipped(logger, skipped);
  for (const warning of warnings) if (!skipped.includes(warning)) logger.warn({ path: warning.path, reason: warning.reason }, 'corpus file warning');
  const stats = engine.stats();
  logger.info({ documents: stats.documents, passages: stats.passages, skipped: skipped.length, corpusDir, ms: Math.round(performance.now() - started) }, 'index ready');
  if (codec !== undefined) writeSnapshot(file, codec, engine, corpusHash, skipped, logger);
  return { engine, source: 'corpus', corpusHash, skipped };
}

/**
 * Snapshots from this size on are restored while the corpus is hashed on a worker thread: reading
 * and restoring them takes longer than starting the worker (some 0.3 s from TypeScript sources).
 */
export const HASH_WORKER_MIN_SNAPSHOT_BYTES = 32 * 1024 * 1024;

/**
 * True when the machine seems to have a core to spare (load average of the last minute below the
 * cores minus one): a worker started on a saturated machine only adds its own start-up to the CPU
 * time (measured at 50,000 articles with other jobs on both cores: medians 2.98 s on this thread,
 * 3.24 s with the worker).
 */
function aCoreIsFree(): boolean {
  const cores = availableParallelism();
  return cores > 1 && loadavg()[0]! < cores - 1;
}

const STALE_CORPUS = 'the corpus changed since the index snapshot was written (stale); rebuilding it from the corpus';

function fileSize(file: string): number | null {
  try {
    return statSync(file).size;
  } catch {
    return null;
  }
}

function logSkipped(logger: Logger, skipped: readonly CorpusWarning[]): void {
  for (const warning of skipped) logger.warn({ path: warning.path, reason: warning.reason }, 'skipped a corpus file');
}

/** Writes a snapshot of `engine` for the corpus as it is now on disk. */
export function saveIndex(location: IndexLocation, engine: AnswerEngine, skipped: readonly CorpusWarning[]): void {
  if (location.codec === undefined) return;
  const rules = location.rules ?? DEFAULT_INGESTION_RULES;
  writeSnapshot(join(location.dataDir, SNAPSHOT_FILE), location.codec, engine, keyOfCorpus(location, rules), skipped, location.logger);
}

/** The corpus hash that keys the snapshot, with the digest cache beside it when there are snapshots. */
function keyOfCorpus(location: IndexLocation, rules: IngestionRules): string {
  const started = performance.now();
  return logKey(location, fingerprintCorpus(location.corpusDir, rules, { cacheFile: digestsFile(location) }), started, 'this');
}

/** {@link keyOfCorpus} on a worker thread. */
async function keyOfCorpusInWorker(location: IndexLocation, rules: IngestionRules): Promise<string> {
  const started = performance.now();
  return logKey(location, await fingerprintCorpusInWorker(location.corpusDir, rules, { cacheFile: digestsFile(location) }), started, 'worker');
}

function digestsFile(location: IndexLocation): string | undefined {
  return location.codec === undefined ? undefined : join(location.dataDir, DIGESTS_FILE);
}

function logKey(location: IndexLocation, fingerprint: CorpusFingerprint, started: number, thread: 'this' | 'worker'): string {
  const { files, read, reused, cacheError } = fingerprint;
  location.logger.debug({ files, read, reused, thread, ms: Math.round(performance.now() - started) }, 'corpus hashed');
  if (cacheError !== undefined) {
    location.logger.warn({ file: digestsFile(location), reason: cacheError }, 'could not write the corpus digest cache (the next start reads every corpus file again)');
  }
  return fingerprint.hash;
}

/**
 * The snapshot restored when its settings are current, with the corpus hash it was written for;
 * null (with a warning) when it is stale or corrupt. With `corpusHash` known, a snapshot of
 * another corpus is not restored at all.
 */
function tryLoad(file: string, codec: SnapshotCodec, corpusHash: string | null, logger: Logger): { engine: AnswerEngine; skipped: CorpusWarning[]; corpusHash: string | null } | null {
  try {
    const bytes = readFileSync(file);
    const info = codec.inspect(bytes);
    if (!info.settingsCurrent) {
      const stages = info.staleStages.length > 0 ? { staleStages: info.staleStages } : {};
      logger.warn({ snapshot: file, ...stages }, 'the index snapshot was built with other index settings or pipeline versions (stale); rebuilding it from the corpus');
      return null;
    }
    if (corpusHash !== null && info.corpusHash !== corpusHash) {
      logger.warn({ snapshot: file }, STALE_CORPUS);
      return null;
    }
    return { engine: codec.decode(bytes), skipped: info.skipped, corpusHash: info.corpusHash };
  } catch (error) {
    logger.warn({ snapshot: file, reason: (error as Error).message }, 'the index snapshot is corrupt or unreadable; rebuilding it from the corpus');
    return null;
  }
}

function writeSnapshot(file: string, codec: SnapshotCodec, engine: AnswerEngine, corpusHash: string, skipped: readonly CorpusWarning[], logger: Logger): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(temporary, codec.encode(engine, corpusHash, skipped));
    // Atomic replace: a crash mid-write leaves the previous snapshot (or none), never half of one.
    renameSync(temporary, file);
    logger.info({ snapshot: file }, 'index snapshot written');
  } catch (error) {
    rmSync(temporary, { force: true });
    logger.warn({ snapshot: file, err: error }, 'could not write the index snapshot (the bot runs on; the next start rebuilds)');
  }
}
