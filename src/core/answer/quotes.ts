/**
 * Answers to "what did X say (about Y)": the statements of one speaker, direct quotes first,
 * ranked by the topic when one is asked, near-duplicates collapsed.
 */
import { terms as analyzeTerms } from '../search/analyzer.js';
import { buildTermGroups, matchGroups } from './query.js';
import { collapseDuplicates, type Candidate } from './dedupe.js';
import { documentFilter, type AnswerContext } from './context.js';
import type { ParsedQuestion } from './question.js';

/**
 * The statements of `speaker` (a canonical name) that answer a speaker question, best first.
 *
 * @example quoteCandidates(context, parseQuestion('what did Musk say'), 'Elon Musk')
 */
export function quoteCandidates(context: AnswerContext, parsed: ParsedQuestion, speaker: string): Candidate[] {
  const { index, lexicon } = context;
  const accept = documentFilter(parsed.filters);
  const groups = parsed.topic ? buildTermGroups(parsed.topic, index, lexicon) : [];
  const verbHint = parsed.speechVerb ? buildTermGroups(`${parsed.speechVerb}${/^tweet/.test(parsed.speechVerb) ? ' Twitter' : ''}`, index, lexicon) : [];
  const candidates: Candidate[] = [];
  for (const [doc, statement] of context.statementsOf(speaker)) {
    if (accept && !accept(doc)) continue;
    const sentenceTerms = new Set(index.termsOfSentence(doc.id, statement.sentence));
    let score = statement.kind === 'quote' ? 3 : 1;
    let coverage = 1;
    if (groups.length > 0) {
      const match = matchGroups(groups, sentenceTerms);
      const paragraph = doc.sentences[statement.sentence]!.paragraph;
      const contextTerms = new Set<string>();
      doc.sentences.forEach((s, i) => {
        if (s.paragraph === paragraph) for (const t of index.termsOfSentence(doc.id, i)) contextTerms.add(t);
      });
      const context = matchGroups(groups, contextTerms);
      if (match.coverage < 0.3 && context.coverage < 0.6) continue;
      coverage = match.coverage;
      score += 10 * match.coverage + 3 * context.coverage;
    }
    if (verbHint.length > 0 && matchGroups(verbHint, sentenceTerms).groups.size > 0) score += 4;
    const quotedTerms = new Set(statement.quoted.flatMap((q) => analyzeTerms(doc.text.slice(q.start, q.end))));
    candidates.push({
      doc,
      start: statement.start,
      end: statement.end,
      sentence: statement.sentence,
      speaker,
      score,
      coverage,
      terms: quotedTerms,
      duplicates: [],
    });
  }
  candidates.sort((a, b) => b.score - a.score || a.doc.id.localeCompare(b.doc.id) || a.start - b.start);
  const collapsed = collapseDuplicates(candidates);
  if (groups.length === 0) {
    // Statements many outlets carried come first among equals.
    for (const c of collapsed) c.score += 0.5 * c.duplicates.length;
    collapsed.sort((a, b) => b.score - a.score);
  }
  return collapsed;
}

/** Why a known speaker has no statement matching the question. */
export function noQuotesMessage(context: AnswerContext, parsed: ParsedQuestion, speaker: string): string {
  const count = context.speakers().list().find((s) => s.name === speaker)?.statements ?? 0;
  if (parsed.topic && count > 0) {
    return `${speaker} is quoted ${count} time${count === 1 ? '' : 's'} in the corpus, but never about “${parsed.topic}”. Try “what did ${speaker} say” to see everything.`;
  }
  return `Nothing by ${speaker} matches these filters. Try without source:, since: or before:.`;
}

/** The answer for a speaker the corpus never quotes. */
export function unknownSpeakerMessage(context: AnswerContext, asked: string): string {
  const known = context.speakers().list().slice(0, 6).map((s) => s.name);
  const wanted = analyzeTerms(asked);
  const mentioned = wanted.length > 0 && wanted.every((t) => context.index.sentenceFrequencyOf(t) > 0);
  const also = mentioned ? ` The articles mention ${asked}, but never quote them.` : '';
  return `The corpus holds no statement by ${asked}.${also}${known.length ? ` It quotes: ${known.join(', ')}.` : ''}`;
}
