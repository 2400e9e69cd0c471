/**
 * Answers to questions about something: the passages that can answer (the passage rule), the
 * best sentence(s) inside them, ranked, near-duplicates collapsed.
 */
import { DEFAULT_MAX_SCORED, type PassageRule } from '../search/passageIndex.js';
import { buildTermGroups, matchGroups, queryWeights, type GroupMatch, type TermGroup } from './query.js';
import { collapseDuplicates, type Candidate } from './dedupe.js';
import { expectedAnswerType, satisfiesAnswerType } from './answerType.js';
import { documentFilter, type AnswerContext } from './context.js';
import type { CorpusDocument } from '../corpus/types.js';
import type { ParsedQuestion } from './question.js';

/** Options of {@link passageCandidates}. */
export interface PassageOptions {
  /** Passages MiniSearch hands to sentence scoring. */
  candidatePassages: number;
  /** Passages MiniSearch scores per question, at most (see `PassageIndex.search`). */
  scoredPassages: number;
}

export const DEFAULT_PASSAGE_OPTIONS: PassageOptions = { candidatePassages: 60, scoredPassages: DEFAULT_MAX_SCORED };

const CAUSAL_CUE = /\b(?:because|due to|citing|cited|over (?:concerns?|fears?)|amid|after|following|as a result|fear|fears|concerns?|worried|so that|in order to|reason)\b/i;
const ANAPHORIC_START = /^(?:It|This|That|These|Those|They|He|She|Such|The move|The decision|The ban|But|However|Therefore|Additionally|Also|By \w+ that|Something)\b/;

/** Coverage a passage must reach to answer. */
const MIN_PASSAGE_COVERAGE = 0.4;

/** The excerpts answering a question about something, best first, and the question's term groups. */
export function passageCandidates(context: AnswerContext, parsed: ParsedQuestion, options: PassageOptions = DEFAULT_PASSAGE_OPTIONS): { candidates: Candidate[]; groups: TermGroup[] } {
  const { index, lexicon } = context;
  const groups = buildTermGroups(parsed.topic, index, lexicon);
  if (groups.length === 0) return { candidates: [], groups };
  const accept = documentFilter(parsed.filters);
  const rule: PassageRule = {
    groups: groups.map((g) => ({ variants: g.variants, idf: g.idf, required: g.proper })),
    minGroups: minGroupsOf(groups),
    minCoverage: MIN_PASSAGE_COVERAGE,
    maxScored: options.scoredPassages,
  };
  const hits = index.search(queryWeights(groups), options.candidatePassages, { accept, rule });
  const maxHit = hits[0]?.score ?? 1;
  const answerType = expectedAnswerType(parsed.text);
  const candidates: Candidate[] = [];
  for (const hit of hits) {
    const { doc, passage } = hit;
    const passageTerms = termsOfRange(context, doc, passage.firstSentence, passage.lastSentence);
    const passageMatch = matchGroups(groups, passageTerms);
    if (!passageQualifies(groups, passageMatch)) continue;
    for (let s = passage.firstSentence; s <= passage.lastSentence; s++) {
      const sentenceMatch = matchGroups(groups, new Set(index.termsOfSentence(doc.id, s)));
      if (sentenceMatch.groups.size === 0) continue;
      const [first, last] = extend(context, doc, s, groups, sentenceMatch);
      const excerptTerms = termsOfRange(context, doc, first, last);
      const excerptMatch = matchGroups(groups, excerptTerms);
      const text = doc.text.slice(doc.sentences[first]!.start, doc.sentences[last]!.end);
      if (!satisfiesAnswerType(answerType, text)) continue;
      let score = 10 * excerptMatch.coverage + 2 * passageMatch.coverage + hit.score / maxHit;
      if (parsed.asksWhy && CAUSAL_CUE.test(text)) score += 2;
      const statement = context.statementAt(doc, s);
      candidates.push({
        doc,
        start: doc.sentences[first]!.start,
        end: doc.sentences[last]!.end,
        sentence: s,
        speaker: statement ? context.speakers().canonical(statement.speaker) : null,
        score,
        coverage: excerptMatch.coverage,
        terms: excerptTerms,
        duplicates: [],
      });
    }
  }
  candidates.sort((a, b) => b.score - a.score);
  const best = candidates[0]?.coverage ?? 0;
  const floor = Math.max(0.25, best * 0.5);
  return { candidates: collapseDuplicates(candidates.filter((c) => c.coverage >= floor)), groups };
}

/** Sentence range of an excerpt around sentence `s`: add a neighbour when one alone makes no sense. */
function extend(context: AnswerContext, doc: CorpusDocument, s: number, groups: TermGroup[], match: GroupMatch): [number, number] {
  let first = s;
  let last = s;
  const sentence = doc.sentences[s]!;
  const text = doc.text.slice(sentence.start, sentence.end);
  const previous = doc.sentences[s - 1];
  if (previous && previous.paragraph === sentence.paragraph && (ANAPHORIC_START.test(text) || text.split(/\s+/).length < 6)) {
    first = s - 1;
  }
  const next = doc.sentences[s + 1];
  if (next && next.paragraph === sentence.paragraph) {
    const nextText = doc.text.slice(next.start, next.end);
    const nextMatch = matchGroups(groups, new Set(context.index.termsOfSentence(doc.id, s + 1)));
    const addsGroup = [...nextMatch.groups].some((g) => !match.groups.has(g));
    if (ANAPHORIC_START.test(nextText) && addsGroup) last = s + 1;
  }
  return [first, last];
}

function termsOfRange(context: AnswerContext, doc: CorpusDocument, first: number, last: number): Set<string> {
  const result = new Set<string>();
  for (let s = first; s <= last; s++) for (const t of context.index.termsOfSentence(doc.id, s)) result.add(t);
  return result;
}

/** Groups a passage must match to answer: all of one or two, else at least half. */
function minGroupsOf(groups: readonly TermGroup[]): number {
  return groups.length <= 2 ? groups.length : Math.ceil(groups.length / 2);
}

/** A passage may answer when it holds enough of the question: most words, every name (the index applies the same rule). */
function passageQualifies(groups: readonly TermGroup[], match: GroupMatch): boolean {
  if (match.groups.size < minGroupsOf(groups)) return false;
  if (match.coverage < MIN_PASSAGE_COVERAGE) return false;
  return groups.every((g, i) => !g.proper || match.groups.has(i));
}
