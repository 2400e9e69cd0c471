/**
 * Answers to "what did X say (about Y)": the statements of one speaker (and, for an
 * organisation, of the people who speak for it), direct quotes first, ranked by the topic when
 * one is asked, near-duplicates collapsed. The topic is matched against the statement, its
 * paragraph and its article, weighted in that order, with typos corrected against the corpus
 * vocabulary and the speaker's own words; a topic asking why prefers statements giving a reason.
 */
import { fold, terms as analyzeTerms, toTerm } from '../search/analyzer.js';
import { expectedAnswerType, satisfiesAnswerType } from './answerType.js';
import { buildTermGroups, matchGroups, FUZZY_WEIGHT, type TermGroup } from './query.js';
import { collapseDuplicates, type Candidate } from './dedupe.js';
import { documentFilter, type AnswerContext } from './context.js';
import type { ParsedQuestion } from './question.js';
import type { CorpusDocument, Statement } from '../corpus/types.js';

/** How many people sharing a surname are compared on the topic. */
const MAX_NAMESAKES = 12;
/** Weights of the topic's coverage of the statement, its paragraph and its article. */
const STATEMENT_WEIGHT = 10;
const PARAGRAPH_WEIGHT = 4;
const ARTICLE_WEIGHT = 3;
/** Weight of the topic's coverage of the article's headline and first sentence: an article about the topic, not one that mentions it. */
const OPENING_WEIGHT = 2;
/** Extra score of a statement giving a reason when the topic asks why. */
const CAUSE_BONUS = 3;
/** A statement is about the topic when it, its paragraph or its article covers this much of it. */
const MIN_STATEMENT_COVERAGE = 0.3;
const MIN_PARAGRAPH_COVERAGE = 0.5;
const MIN_ARTICLE_COVERAGE = 0.6;

/**
 * The statements of `speaker` (a canonical name, as {@link chooseSpeaker} picks it) that answer a
 * speaker question, best first.
 *
 * @example quoteCandidates(context, parseQuestion('what did Musk say'), 'Elon Musk')
 */
export function quoteCandidates(context: AnswerContext, parsed: ParsedQuestion, speaker: string): Candidate[] {
  const groups = topicGroups(context, parsed, speaker);
  const verbHint = parsed.speechVerb ? buildTermGroups(`${parsed.speechVerb}${/^tweet/.test(parsed.speechVerb) ? ' Twitter' : ''}`, context.index, context.lexicon) : [];
  const candidates = scoredStatements(context, parsed, speaker, groups, verbHint);
  candidates.sort((a, b) => b.score - a.score || a.doc.id.localeCompare(b.doc.id) || a.start - b.start);
  const collapsed = collapseDuplicates(candidates);
  if (groups.length === 0) {
    // Statements many outlets carried come first among equals.
    for (const c of collapsed) c.score += 0.5 * c.duplicates.length;
    collapsed.sort((a, b) => b.score - a.score);
  }
  return collapsed;
}

/**
 * The speaker to answer for: `resolved` unless the question names a surname several people
 * share and asks about a topic, in which case the person whose statements cover the topic best
 * (ties go to the most quoted, the registry's order).
 */
export function chooseSpeaker(context: AnswerContext, parsed: ParsedQuestion, resolved: string): string {
  if (!parsed.speakerAsked || !parsed.topic) return resolved;
  // "What did WorldCom's finance chief say about Ebbers?": Ebbers is the topic, not the speaker.
  const topicWords = new Set(parsed.topic.toLowerCase().split(/[^\p{L}\p{N}]+/u));
  const candidates = context.speakers().candidates(parsed.speakerAsked).filter((name) => !name.toLowerCase().split(/\s+/).some((w) => topicWords.has(w)));
  if (candidates.length === 0) return resolved;
  if (!candidates.includes(resolved)) return candidates[0]!;
  if (candidates.length < 2) return resolved;
  let best = resolved;
  let bestScore = -1;
  for (const name of candidates.slice(0, MAX_NAMESAKES)) {
    const groups = topicGroups(context, parsed, name);
    const scores = scoredStatements(context, parsed, name, groups, []).map((c) => c.score).sort((a, b) => b - a);
    const score = scores.slice(0, 3).reduce((sum, s) => sum + s, 0);
    if (score > bestScore) {
      best = name;
      bestScore = score;
    }
  }
  return best;
}

/** The statements of a speaker and its voices that pass the filters and the topic, scored. */
function scoredStatements(context: AnswerContext, parsed: ParsedQuestion, speaker: string, groups: TermGroup[], verbHint: TermGroup[]): Candidate[] {
  const { index } = context;
  const accept = documentFilter(parsed.filters);
  const candidates: Candidate[] = [];
  const articleTerms = new Map<string, Set<string>>();
  const openingTerms = new Map<string, Set<string>>();
  const askedWhy = expectedAnswerType(parsed.topic) === 'cause';
  for (const voice of context.speakers().voicesOf(speaker)) {
    for (const [doc, statement] of context.statementsOf(voice)) {
      if (accept && !accept(doc)) continue;
      const sentenceTerms = new Set(index.termsOfSentence(doc.id, statement.sentence));
      let score = (statement.kind === 'quote' ? 3 : 1) - (voice === speaker ? 0 : 0.5);
      let coverage = 1;
      if (groups.length > 0) {
        const own = matchGroups(groups, sentenceTerms).coverage;
        const paragraph = matchGroups(groups, paragraphTerms(context, doc, statement)).coverage;
        let article = articleTerms.get(doc.id);
        if (!article) articleTerms.set(doc.id, (article = termsOfArticle(context, doc)));
        const whole = matchGroups(groups, article).coverage;
        if (own < MIN_STATEMENT_COVERAGE && paragraph < MIN_PARAGRAPH_COVERAGE && whole < MIN_ARTICLE_COVERAGE) continue;
        let opening = openingTerms.get(doc.id);
        if (!opening) openingTerms.set(doc.id, (opening = termsOfOpening(context, doc)));
        coverage = own;
        score += STATEMENT_WEIGHT * own + PARAGRAPH_WEIGHT * paragraph + ARTICLE_WEIGHT * whole + OPENING_WEIGHT * matchGroups(groups, opening).coverage;
      }
      if (verbHint.length > 0 && matchGroups(verbHint, sentenceTerms).groups.size > 0) score += 4;
      // "Musk's comments on why there's a camera": a statement giving a reason or a purpose first.
      if (askedWhy && satisfiesAnswerType('cause', doc.text.slice(statement.start, statement.end))) score += CAUSE_BONUS;
      candidates.push({
        doc,
        start: statement.start,
        end: statement.end,
        sentence: statement.sentence,
        speaker: voice,
        score,
        coverage,
        terms: new Set(statement.quoted.flatMap((q) => analyzeTerms(doc.text.slice(q.start, q.end)))),
        duplicates: [],
      });
    }
  }
  return candidates;
}

/**
 * The topic's term groups. A word neither the corpus nor its fuzzy variants know ("spyng") also
 * meets the speaker's own words within one edit (two for long words), so a typo finds what the
 * speaker said.
 */
function topicGroups(context: AnswerContext, parsed: ParsedQuestion, speaker: string): TermGroup[] {
  if (!parsed.topic) return [];
  const groups = buildTermGroups(parsed.topic, context.index, context.lexicon);
  const unknown = groups.filter((g) => context.index.sentenceFrequencyOf(g.term) === 0);
  if (unknown.length === 0) return groups;
  const vocabulary = speakerVocabulary(context, speaker);
  for (const group of unknown) {
    const word = fold(group.word);
    const limit = word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0;
    if (limit === 0) continue;
    for (const [spelled, term] of vocabulary) {
      if (Math.abs(spelled.length - word.length) > limit || group.variants.has(term)) continue;
      if (editDistance(spelled, word) <= limit) {
        group.variants.set(term, FUZZY_WEIGHT);
        group.idf = Math.max(group.idf, context.index.idf(term));
      }
    }
  }
  return groups;
}

/** Words of a speaker's statements and their paragraphs: folded spelling → index term. */
function speakerVocabulary(context: AnswerContext, speaker: string): Map<string, string> {
  const vocabulary = new Map<string, string>();
  for (const voice of context.speakers().voicesOf(speaker)) {
    for (const [doc, statement] of context.statementsOf(voice)) {
      const paragraph = doc.sentences[statement.sentence]!.paragraph;
      const span = doc.paragraphs[paragraph] ?? statement;
      for (const word of doc.text.slice(span.start, span.end).split(/[^\p{L}\p{N}'’-]+/u)) {
        const folded = fold(word);
        if (folded.length < 3 || vocabulary.has(folded)) continue;
        const term = toTerm(word);
        if (term) vocabulary.set(folded, term);
      }
    }
  }
  return vocabulary;
}

function paragraphTerms(context: AnswerContext, doc: CorpusDocument, statement: Statement): Set<string> {
  const paragraph = doc.sentences[statement.sentence]!.paragraph;
  const terms = new Set<string>();
  doc.sentences.forEach((s, i) => {
    if (s.paragraph === paragraph) for (const t of context.index.termsOfSentence(doc.id, i)) terms.add(t);
  });
  return terms;
}

/** The terms of an article's headline and first sentence. */
function termsOfOpening(context: AnswerContext, doc: CorpusDocument): Set<string> {
  const terms = new Set<string>(doc.sentences.length > 0 ? context.index.termsOfSentence(doc.id, 0) : []);
  if (doc.meta.title) for (const t of analyzeTerms(doc.meta.title)) terms.add(t);
  return terms;
}

function termsOfArticle(context: AnswerContext, doc: CorpusDocument): Set<string> {
  const terms = new Set<string>();
  doc.sentences.forEach((_, i) => {
    for (const t of context.index.termsOfSentence(doc.id, i)) terms.add(t);
  });
  if (doc.meta.title) for (const t of analyzeTerms(doc.meta.title)) terms.add(t);
  return terms;
}

/** Levenshtein distance, for typo correction against a speaker's words. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
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
/** True when the articles mention every word of a name (though they may never quote it). */
function isMentioned(context: AnswerContext, name: string): boolean {
  const wanted = analyzeTerms(name);
  return wanted.length > 0 && wanted.every((t) => context.index.sentenceFrequencyOf(t) > 0);
}

export function unknownSpeakerMessage(context: AnswerContext, asked: string): string {
  const known = context.speakers().list().slice(0, 6).map((s) => s.name);
  const also = isMentioned(context, asked) ? ` The articles mention ${asked}, but never quote them.` : '';
  return `The corpus holds no statement by ${asked}.${also}${known.length ? ` It quotes: ${known.join(', ')}.` : ''}`;
}
