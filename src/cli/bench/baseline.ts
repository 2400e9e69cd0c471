/**
 * The baseline: plain MiniSearch (default options) over the same sentences, one document per
 * sentence, searched with `fuzzy: 0.2, prefix: true` — what a straightforward implementation
 * would do.
 */
import MiniSearch from 'minisearch';
import type { CorpusDocument } from '../../core/index.js';

/** Builds the baseline index over every sentence of `documents`. */
export function buildBaseline(documents: readonly CorpusDocument[]): MiniSearch<{ id: number; text: string }> {
  const search = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
  let id = 0;
  for (const doc of documents) {
    for (const sentence of doc.sentences) search.add({ id: id++, text: doc.text.slice(sentence.start, sentence.end) });
  }
  return search;
}

/** Runs one baseline query; returns the number of results (so the work is not optimised away). */
export function baselineQuery(search: MiniSearch<{ id: number; text: string }>, question: string): number {
  return search.search(question, { fuzzy: 0.2, prefix: true }).length;
}
