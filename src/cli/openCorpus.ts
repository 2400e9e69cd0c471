/**
 * Opening the corpus for command-line tools: `CORPUS_DIR` (default `seeds`), `MAX_FILE_MB`, and
 * for `ask` the index snapshot in `DATA_DIR` (default `data`). Loading goes through the app's own
 * loader (`infra/indexLoader.ts`: the ingestion rules, files parsed on worker threads); warnings
 * go to stderr, one line each.
 */
import { Writable } from 'node:stream';
import { AnswerEngine, ingestionRules, loadCorpus } from '../core/index.js';
import { buildIndex, openIndex } from '../infra/indexLoader.js';
import { readMaxFileMB } from '../infra/config.js';
import { createLogger, type Logger } from '../infra/logger.js';
import { engineSnapshotCodec } from '../infra/snapshotCodec.js';

/** The corpus folder: `explicit` (a `--corpus` flag) when given, else `CORPUS_DIR`, else `seeds`. */
export function corpusDir(explicit?: string): string {
  return explicit || process.env.CORPUS_DIR || 'seeds';
}

/** The state folder holding the index snapshot: `DATA_DIR`, else `data`. */
export function dataDir(): string {
  return process.env.DATA_DIR || 'data';
}

/**
 * The engine for `ask`: restored from the snapshot in `DATA_DIR` when it matches the corpus,
 * else built (on worker threads) and the snapshot written for the next run.
 *
 * @throws CorpusError when the folder does not exist; ConfigError for a bad `MAX_FILE_MB`
 */
export async function openSnapshotEngine(dir = corpusDir()): Promise<AnswerEngine> {
  const rules = ingestionRules(readMaxFileMB(process.env));
  const { engine } = await openIndex({ corpusDir: dir, dataDir: dataDir(), logger: stderrLogger(), codec: engineSnapshotCodec, rules });
  return engine;
}

/**
 * The engine for `eval` and the benchmark: the corpus loaded and indexed by the app's loader, no
 * snapshot (an evaluation corpus must not replace the app's snapshot).
 *
 * @throws CorpusError when the folder does not exist; ConfigError for a bad `MAX_FILE_MB`
 */
export async function buildEngine(dir = corpusDir()): Promise<AnswerEngine> {
  const rules = ingestionRules(readMaxFileMB(process.env));
  const { engine, warnings } = await buildIndex(dir, rules);
  for (const warning of warnings) process.stderr.write(`warning: skipped ${warning.path}: ${warning.reason}\n`);
  return engine;
}

/**
 * The corpus loaded in this thread under the same rules, with its word vectors as `buildIndex`
 * gives them (tests that need an engine at once).
 *
 * @throws CorpusError when the folder does not exist
 */
export function openEngine(dir = corpusDir()): AnswerEngine {
  const { documents, warnings } = loadCorpus(dir, ingestionRules(readMaxFileMB(process.env)));
  for (const warning of warnings) process.stderr.write(`warning: skipped ${warning.path}: ${warning.reason}\n`);
  const engine = new AnswerEngine(documents);
  engine.distilWordVectors();
  return engine;
}

/** Logs for a person at a terminal: `warning: skipped a corpus file: seeds/x.txt: why`, on stderr. */
function stderrLogger(): Logger {
  const lines = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() === '') continue;
        try {
          const entry = JSON.parse(line) as Record<string, unknown>;
          const level = Number(entry['level']) >= 50 ? 'error' : Number(entry['level']) >= 40 ? 'warning' : 'info';
          const details = [entry['path'], entry['reason']].filter((part) => typeof part === 'string').join(': ');
          process.stderr.write(`${level}: ${String(entry['msg'])}${details === '' ? '' : `: ${details}`}\n`);
        } catch {
          process.stderr.write(`${line}\n`);
        }
      }
      done();
    },
  });
  return createLogger({ level: process.env.LOG_LEVEL || 'warn', destination: lines });
}
