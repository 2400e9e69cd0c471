/** Opening the corpus for command-line tools: `CORPUS_DIR` (default `seeds`), warnings to stderr. */
import { AnswerEngine, loadCorpus } from '../core/index.js';

/** Loads the corpus and builds the engine; skipped files are reported on stderr. */
export function openEngine(corpusDir = process.env.CORPUS_DIR || 'seeds'): AnswerEngine {
  const { documents, warnings } = loadCorpus(corpusDir);
  for (const warning of warnings) process.stderr.write(`warning: skipped ${warning.path}: ${warning.reason}\n`);
  return new AnswerEngine(documents);
}
