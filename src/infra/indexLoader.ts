/**
 * Opening the index at start-up: from the snapshot in `DATA_DIR` when it was built from the same
 * corpus with the same index settings, else by loading and indexing the corpus (and writing a new
 * snapshot). A snapshot that is corrupt, stale (another corpus or other settings) or unreadable is
 * rebuilt with a warning; it never stops the bot.
 *
 * The snapshot is keyed by a hash of the corpus files (every document and sidecar: path and
 * content) and carries the index settings' own hash; its format belongs to the core
 * (`src/core/search/snapshot.ts`), reached through {@link SnapshotCodec}.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Logger } from 'pino';
import { AnswerEngine, isDocumentFile, loadCorpus } from '../core/index.js';

export const SNAPSHOT_FILE = 'index.snapshot';

/** How an engine becomes bytes and back (the core's snapshot format). */
export interface SnapshotCodec {
  encode(engine: AnswerEngine, corpusHash: string): Uint8Array;
  /** What the snapshot says about itself; throws when it is not a readable snapshot. */
  inspect(bytes: Uint8Array): { corpusHash: string | null; settingsCurrent: boolean };
  /** Throws when the snapshot is corrupt or was built with other settings. */
  decode(bytes: Uint8Array): AnswerEngine;
}

export interface IndexLocation {
  corpusDir: string;
  dataDir: string;
  logger: Logger;
  /** Without a codec, the index is always built from the corpus. */
  codec?: SnapshotCodec | undefined;
}

export interface OpenedIndex {
  engine: AnswerEngine;
  source: 'snapshot' | 'corpus';
  corpusHash: string;
}

/** Loads the snapshot when it is current, else builds from the corpus and writes a snapshot. */
export function openIndex(location: IndexLocation): OpenedIndex {
  const { corpusDir, dataDir, logger, codec } = location;
  const started = performance.now();
  const corpusHash = hashCorpus(corpusDir);
  const file = join(dataDir, SNAPSHOT_FILE);
  if (codec !== undefined && existsSync(file)) {
    const loaded = tryLoad(file, codec, corpusHash, logger);
    if (loaded !== null) {
      const stats = loaded.stats();
      logger.info({ documents: stats.documents, passages: stats.passages, ms: Math.round(performance.now() - started), snapshot: file }, 'index ready (loaded from the snapshot)');
      return { engine: loaded, source: 'snapshot', corpusHash };
    }
  }
  const { documents, warnings } = loadCorpus(corpusDir);
  for (const warning of warnings) logger.warn({ path: warning.path, reason: warning.reason }, 'skipped a corpus file');
  const engine = new AnswerEngine(documents);
  const stats = engine.stats();
  logger.info({ documents: stats.documents, passages: stats.passages, corpusDir, ms: Math.round(performance.now() - started) }, 'index ready');
  if (codec !== undefined) writeSnapshot(file, codec, engine, corpusHash, logger);
  return { engine, source: 'corpus', corpusHash };
}

/** Writes a snapshot of `engine` for the corpus as it is now on disk. */
export function saveIndex(location: IndexLocation, engine: AnswerEngine): void {
  if (location.codec === undefined) return;
  writeSnapshot(join(location.dataDir, SNAPSHOT_FILE), location.codec, engine, hashCorpus(location.corpusDir), location.logger);
}

function tryLoad(file: string, codec: SnapshotCodec, corpusHash: string, logger: Logger): AnswerEngine | null {
  try {
    const bytes = readFileSync(file);
    const info = codec.inspect(bytes);
    if (!info.settingsCurrent) {
      logger.warn({ snapshot: file }, 'the index snapshot was built with other index settings (stale); rebuilding it from the corpus');
      return null;
    }
    if (info.corpusHash !== corpusHash) {
      logger.warn({ snapshot: file }, 'the corpus changed since the index snapshot was written (stale); rebuilding it from the corpus');
      return null;
    }
    return codec.decode(bytes);
  } catch (error) {
    logger.warn({ snapshot: file, reason: (error as Error).message }, 'the index snapshot is corrupt or unreadable; rebuilding it from the corpus');
    return null;
  }
}

function writeSnapshot(file: string, codec: SnapshotCodec, engine: AnswerEngine, corpusHash: string, logger: Logger): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(temporary, codec.encode(engine, corpusHash));
    // Atomic replace: a crash mid-write leaves the previous snapshot (or none), never half of one.
    renameSync(temporary, file);
    logger.info({ snapshot: file }, 'index snapshot written');
  } catch (error) {
    rmSync(temporary, { force: true });
    logger.warn({ snapshot: file, err: error }, 'could not write the index snapshot (the bot runs on; the next start rebuilds)');
  }
}

/**
 * A hash of the corpus as the loader sees it: every document file and sidecar (path and
 * content), dot-files skipped, in a stable order.
 */
export function hashCorpus(corpusDir: string): string {
  const hash = createHash('sha256');
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (isDocumentFile(entry.name) || /\.meta\.ya?ml$/i.test(entry.name)) files.push(full);
    }
  };
  if (existsSync(corpusDir)) walk(corpusDir);
  for (const full of files.sort()) {
    const relPath = relative(corpusDir, full).split(sep).join('/');
    let content: Buffer;
    try {
      content = readFileSync(full);
    } catch {
      content = Buffer.from('\u0000unreadable');
    }
    hash.update(relPath).update('\u0000').update(createHash('sha256').update(content).digest()).update('\u0000');
  }
  return hash.digest('hex');
}
