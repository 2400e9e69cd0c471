/**
 * Bolds the words of an excerpt that match the question, using the same analysis as the
 * search index (so "spying" in a question bolds "spy" and "spies" in a quote). The result is
 * rich_text elements: bold is a style on a run of the text, so the text itself is unchanged.
 */
import type { types } from '@slack/bolt';
import { terms, tokenize } from '../../core/index.js';
import { marked, plain } from './richText.js';

/** Filters the core understands (`source:"TRT World"`, `since:2021-05-01`); they are not search words. */
const FILTER_PATTERN = /\b(?:source|outlet|since|before|after|until):(?:"[^"]*"|'[^']*'|\S+)/gi;

/** The index terms of a question, filters removed. */
export function questionTerms(question: string, extra: readonly string[] = []): Set<string> {
  const words = [question.replace(FILTER_PATTERN, ' '), ...extra].join(' ');
  return new Set(terms(words));
}

/**
 * `text` with the words matching `matchTerms` in bold. Neighbouring matches separated by spaces
 * form one bold run (`Elon Musk`). The elements' texts joined give back `text` exactly.
 */
export function highlighted(text: string, matchTerms: ReadonlySet<string>): types.RichTextText[] {
  if (matchTerms.size === 0) return [plain(text)];
  const runs: Array<{ start: number; end: number }> = [];
  for (const token of tokenize(text)) {
    if (!matchTerms.has(token.term)) continue;
    const last = runs[runs.length - 1];
    if (last !== undefined && /^[ \t]+$/.test(text.slice(last.end, token.start))) last.end = token.end;
    else runs.push({ start: token.start, end: token.end });
  }
  return marked(text, runs);
}
