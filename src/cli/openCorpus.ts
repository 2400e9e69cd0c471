/** Opening the corpus for command-line tools: `CORPUS_DIR` (default `seeds`), warnings to stderr. */
import { AnswerEngine, loadCorpus } from '../core/index.js';

/** The corpus folder: `explicit` (a `--corpus` flag) when given, else `CORPUS_DIR`, else `seeds`. */
export function corpusDir(explicit?: string): string {
  return explicit || process.env.CORPUS_DIR || 'seeds';
}

/**
 * Loads the corpus and builds the engine; skipped files are reported on stderr.
 *
 * @throws CorpusError when the folder does not exist, or two documents share an id.
 */
export function openEngine(dir = corpusDir()): AnswerEngine {
  const { documents, warnings } = loadCorpus(dir);
  for (const warning of warnings) process.stderr.write(`warning: skipped ${warning.path}: ${warning.reason}\n`);
  return new AnswerEngine(documents);
}
