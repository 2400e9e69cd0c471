/**
 * Bolds the words of an excerpt that match the question, using the same analysis as the
 * search index (so "spying" in a question bolds "spy" and "spies" in a quote). The text is
 * escaped for mrkdwn piece by piece, so bolding never breaks an escape sequence.
 */
import { terms, tokenize } from '../../core/index.js';
import { escapeMrkdwn } from './mrkdwn.js';

/** Filters the core understands (`source:"TRT World"`, `since:2021-05-01`); they are not search words. */
const FILTER_PATTERN = /\b(?:source|outlet|since|before|after|until):(?:"[^"]*"|'[^']*'|\S+)/gi;

/** The index terms of a question, filters removed. */
export function questionTerms(question: string, extra: readonly string[] = []): Set<string> {
  const words = [question.replace(FILTER_PATTERN, ' '), ...extra].join(' ');
  return new Set(terms(words));
}

/**
 * Escapes `text` for mrkdwn and wraps runs of matching words in `*…*`.
 * Neighbouring matches separated by spaces form one bold run: `*Elon Musk*`.
 */
export function highlight(text: string, matchTerms: ReadonlySet<string>): string {
  if (matchTerms.size === 0) return escapeMrkdwn(text);
  const runs: Array<{ start: number; end: number }> = [];
  for (const token of tokenize(text)) {
    if (!matchTerms.has(token.term)) continue;
    const last = runs[runs.length - 1];
    if (last !== undefined && /^[ \t]+$/.test(text.slice(last.end, token.start))) {
      last.end = token.end;
    } else {
      runs.push({ start: token.start, end: token.end });
    }
  }
  let result = '';
  let position = 0;
  for (const run of runs) {
    result += escapeMrkdwn(text.slice(position, run.start));
    result += `*${escapeMrkdwn(text.slice(run.start, run.end))}*`;
    position = run.end;
  }
  return result + escapeMrkdwn(text.slice(position));
}
