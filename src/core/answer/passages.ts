/**
 * Answers to questions about something, with the article as context:
 * 1. the index finds the articles that can answer (every name asked somewhere in the article,
 *    enough of the question's weight over its headline and sentences: {@link articleRule}) and
 *    MiniSearch ranks their passages;
 * 2. in the best articles, every sentence is scored on what it holds itself, plus what its
 *    headline, lead and neighbours hold (weighted lower): a sentence that refers back ("the
 *    move", "it") is scored with what it refers to;
 * 3. a sentence holding what the question asks beyond the article's headline and lead (its
 *    focus) is preferred to one that only restates them, and one holding the kind of fact asked
 *    for (a number, a date, a name, a cause) to one that does not;
 * 4. the excerpt is that sentence, with its neighbour when it does not stand alone, and
 *    near-duplicates across outlets collapse.
 */
import { type PassageIndex, type PassageRule } from '../search/passageIndex.js';
import { GroupMatcher } from '../search/coverage.js';
import { toTerm } from '../search/analyzer.js';
import { scanWords } from '../search/wordScanner.js';
import { buildTermGroups, queryWeights, type TermGroup } from './query.js';
import { collapseDuplicates, type Candidate } from './dedupe.js';
import { answerEvidence, askedDirection, askedNouns, asksQuantity, statesOtherDirection, expectedAnswerType, keywordAnswerType, isRequiredType, satisfiesAnswerType, type AnswerEvidence, type AnswerType } from './answerType.js';
import { documentFilter, type AnswerContext } from './context.js';
import type { CorpusDocument } from '../corpus/types.js';
import type { ParsedQuestion } from './question.js';

/** Options of {@link passageCandidates}. */
export interface PassageOptions {
  /** Passages MiniSearch hands over; their articles are read sentence by sentence. */
  candidatePassages: number;
  /** Passages MiniSearch scores per question, at most (see `PassageIndex.search`). */
  scoredPassages: number;
}

/** Defaults: MiniSearch scores the passages of the articles covering the question best, 400 at most (whole articles). */
export const DEFAULT_PASSAGE_OPTIONS: PassageOptions = { candidatePassages: 120, scoredPassages: 400 };

/** Least weight of a variant in MiniSearch's ranking query (synonyms 0.4 in, broader words 0.25 out). */
const MIN_RANKING_WEIGHT = 0.3;

/** Articles whose sentences are scored, at most. */
const MAX_ARTICLES = 24;

/**
 * The weights of sentence scoring, calibrated on the development sets (the seeds, the BBC set,
 * invented wire copy): each was kept only where it helped without costing another set. Exported
 * so that a calibration run can vary them; not meant to change at run time.
 */
export const SCORING = {
  /** Sentences of the lead: the first sentence sums up a news story (its paragraph may go on with details). */
  leadSentences: 1,
  /** Weights of what a sentence's context holds, relative to the sentence itself. */
  headline: 0.6,
  lead: 0.6,
  neighbour: 0.5,
  article: 0.35,
  /**
   * Weight of a name asked that the story is about (in its opening sentences, or in two sentences
   * or more) for every sentence of the article: news often names the person only after an
   * anonymous lead ("An MP has had his passport stolen…" / "Quentin Davies, the MP for…").
   */
  topicalName: 0.6,
  /** Penalty per average sentence length beyond the first (long units cover more words by chance). */
  lengthPenalty: 0.2,
  /**
   * Extra weight of a sentence holding the question's focus in its article (the words the headline
   * and lead do not hold), times the share of the focus it holds.
   */
  focusBonus: 0.35,
  /** Weight of an excerpt holding the kind of fact asked for (a number, a name, a cause…). */
  typeBonus: 1.4,
  /** Weight of an excerpt stating the precise form of the answer (see `answerEvidence`). */
  evidenceBonus: 1.5,
  /** Weight (share of its idf) of a word naming the kind of answer ("field" in "What field is…"). */
  kindWord: 0.75,
  /** Weight of the lead for keywords: it sums up the story they name. */
  keywordLead: 1.3,
  /** Weight of MiniSearch's score of the article's best passage (relative to the best article). */
  passage: 0.15,
  /** Share of the question a sentence must hold itself, at least. */
  minOwnCoverage: 0.12,
  /**
   * Share of its score a sentence passes on to the next ones (times {@link SCORING.typeBonus}, per
   * sentence of distance) when it restates the question without the fact asked for.
   */
  handOver: 0.9,
  /** Share of the question a sentence must hold itself to hand its score over: it restates the question. */
  handOverCoverage: 0.6,
  /** Weight at which a word asked (or a variant of it) counts as held by an excerpt or its neighbour. */
  askedWordWeight: 0.25,
  /** Weight of an excerpt the person the question names says, when it asks what they say. */
  askedSpeaker: 1.15,
  /** Score of an excerpt relative to the best one, below which it is not shown. */
  relativeFloor: 0.55,
};

/** An excerpt longer than this keeps one sentence. */
const MAX_EXCERPT_CHARS = 420;

/** Pronouns and connectives that open a sentence which cannot be read alone. */
const LEANING_OPENERS = 'It|Its|This|That|These|Those|They|Their|He|His|She|Her|Such|But|However|Therefore|Instead|Meanwhile|Also|And|Yet|So|Then|Both|The same';
/** A sentence that cannot be read alone: it opens with a pronoun or a connective. */
const LEANS_ON_PREVIOUS = new RegExp(`^(?:["“‘']\\s*)?(?:${LEANING_OPENERS})\\b`);
/** A sentence that refers back to what came before: a pronoun, a connective, or "the move", "the company"… */
const REFERS_BACK = new RegExp(`^(?:["“‘']\\s*)?(?:${LEANING_OPENERS}|The (?:move|decision|ban|deal|plan|proposal|company|firm|group|club|report|bill|scheme|case|news|change|figures?|rise|fall|cuts?|row|side|player|government|ministry|minister|party|court|police))\\b`);

/** The excerpts answering a question about something, best first, and the question's term groups. */
export function passageCandidates(
  context: AnswerContext,
  parsed: ParsedQuestion,
  options: PassageOptions = DEFAULT_PASSAGE_OPTIONS,
): { candidates: Candidate[]; groups: TermGroup[] } {
  const { index, lexicon } = context;
  const groups = buildTermGroups(parsed.topic, index, lexicon);
  if (groups.length === 0) return { candidates: [], groups };
  // "What field is Baidu known for?": "field" names the kind of answer, which rarely repeats it.
  const kindWords = askedNouns(parsed.text);
  for (const group of groups) if (kindWords.includes(group.term)) group.idf *= SCORING.kindWord;
  const rule = { ...articleRule(groups, unusedWords(kindWords, index)), maxScored: options.scoredPassages };
  // Broader and narrower words count in the rule and in sentence scores, not in MiniSearch's
  // ranking: reading their postings (often long) changed no answer.
  const ranked = new Map([...queryWeights(groups)].filter(([, weight]) => weight >= MIN_RANKING_WEIGHT));
  const hits = index.search(ranked, options.candidatePassages, { accept: documentFilter(parsed.filters), rule });
  if (hits.length === 0) return { candidates: [], groups };

  // Articles in the order of their best passage, with that passage's share of the best score.
  const articles = new Map<CorpusDocument, number>();
  const maxHit = hits[0]!.score || 1;
  for (const hit of hits) {
    if (!articles.has(hit.doc)) articles.set(hit.doc, hit.score / maxHit);
    if (articles.size === MAX_ARTICLES) break;
  }
  const scorer = new SentenceScorer(context, groups, parsed);
  const candidates: Candidate[] = [];
  for (const [doc, passageScore] of articles) candidates.push(...scorer.score(doc, passageScore));
  candidates.sort((a, b) => b.score - a.score);
  const best = candidates[0]?.score ?? 0;
  const shown = candidates.filter((c) => c.score >= best * SCORING.relativeFloor);
  // Only the excerpts shown are compared for near-duplicates: their terms are read now.
  for (const candidate of shown) candidate.terms = termsOfExcerpt(index, candidate);
  return { candidates: collapseDuplicates(shown), groups };
}

/**
 * What an article must hold to answer a question: every name asked (anywhere in it), every word of
 * a short question (a word nobody knows cannot be met), and enough of the question's weight: all of a
 * one- or two-word question, else most of it. `unusedKindWords`, words naming the kind of answer
 * that the corpus never uses ("field" in "What field is Baidu known for?"), are not counted.
 */
export function articleRule(groups: readonly TermGroup[], unusedKindWords: readonly string[] = []): PassageRule {
  const n = Math.max(1, groups.filter((g) => !unusedKindWords.includes(g.term)).length);
  // In a short question, a word no dictionary and no article knows is the topic the corpus lacks ("ipad").
  const short = n <= DISTINCTIVE_MAX_WORDS;
  return {
    groups: groups.map((g) => ({ variants: g.variants, idf: unusedKindWords.includes(g.term) ? 0 : g.idf, required: g.proper || (short && g.unheard) })),
    minGroups: n <= 2 ? n : n <= 4 ? n - 1 : Math.ceil(n * 0.55),
    minCoverage: n <= 2 ? 0.7 : n <= 4 ? 0.6 : 0.5,
  };
}

/** The words of `terms` that no sentence of the corpus holds. */
function unusedWords(terms: readonly string[], index: PassageIndex): string[] {
  return terms.filter((term) => index.sentenceFrequencyOf(term) === 0);
}

/** Scores the sentences of articles for one question. */
class SentenceScorer {
  private readonly index: PassageIndex;
  private readonly matcher: GroupMatcher;
  private readonly idf: Float64Array;
  private readonly answerType: AnswerType;
  /** True when an excerpt must hold the kind of fact asked for (a number, an amount, a time). */
  private readonly typeRequired: boolean;
  /** Groups of the names asked. */
  private readonly names: number[];
  /** The question's most distinctive word the corpus knows (index of its group), or -1. */
  private readonly rarest: number;
  /** What an article must hold to answer (checked again when a word turns out to be a name there). */
  private readonly rule: PassageRule;
  /** Groups of words the question writes in lower case: common words, not names. */
  private readonly commonWords: Set<number>;
  /** Groups of names asked that are also dictionary words ("General", "Orange"). */
  private readonly wordNames: Set<number>;
  /** True when the question's capitals say which words are names. */
  private readonly caseTells: boolean;
  /** True for a few keywords rather than a question ("xbox power cord recall"). */
  private readonly keywords: boolean;
  /** The precise form of the answer ("77 … flights" for "how many flights"), when the wording says. */
  private readonly evidence: AnswerEvidence | null;
  /** The question's words, lower case. */
  private readonly asked: Set<string>;
  /** True when the question asks a quantity ("how loud", "how many flights"). */
  private readonly quantity: boolean;
  /** The direction of the change a quantity question asks about ("did profit grow"), if it names one. */
  private readonly direction: 'up' | 'down' | null;
  /** True when the question asks what someone says ("What does Bruce Willis say struck him…"). */
  private readonly saysWho: boolean;

  constructor(
    private readonly context: AnswerContext,
    private readonly groups: readonly TermGroup[],
    private readonly parsed: ParsedQuestion,
  ) {
    this.index = context.index;
    this.matcher = new GroupMatcher(
      groups.map((g) => ({ variants: g.variants, idf: g.idf, required: g.proper })),
      (term) => this.index.termId(term),
      this.index.terms.length,
    );
    this.idf = Float64Array.from(groups, (g) => g.idf);
    this.keywords = isKeywordQuery(parsed.text);
    // Keywords that name the kind of answer ("…loan fee") prefer it; only a question requires it.
    this.answerType = this.keywords ? keywordAnswerType(parsed.text) : expectedAnswerType(parsed.text);
    this.typeRequired = !this.keywords && isRequiredType(this.answerType);
    this.quantity = !this.keywords && asksQuantity(parsed.text);
    // Keywords naming an amount or a date ("…loan fee") are met precisely by one.
    this.evidence = this.keywords
      ? (this.answerType === 'any' ? null : (text) => satisfiesAnswerType(this.answerType, text))
      : answerEvidence(parsed.text, context.lexicon);
    this.rule = articleRule(groups, unusedWords(askedNouns(parsed.text), this.index));
    this.commonWords = new Set(groups.flatMap((g, i) => (!g.proper && /^\p{Ll}/u.test(g.word) ? [i] : [])));
    // Case tells common words from names only when the asker capitalises ("How much…", "…Wales…"), not in "mac mini uk price".
    this.caseTells = /\p{Lu}/u.test(parsed.text);
    this.wordNames = new Set(groups.flatMap((g, i) => (g.proper && /^\p{Lu}\p{Ll}+$/u.test(g.word) && (context.lexicon.knows?.(g.word.toLowerCase()) ?? false) ? [i] : [])));
    this.rarest = distinctiveGroup(groups, this.index);
    this.names = groups.flatMap((g, i) => (g.proper ? [i] : []));
    this.asked = new Set((parsed.text.match(/[\p{L}'’-]+|\d[\d,.]*\d|\d/gu) ?? []).map((w) => w.toLowerCase().replace(/['’]s$/, '')));
    this.saysWho = SAYS.test(parsed.text);
    this.direction = this.quantity ? askedDirection(parsed.text) : null;
  }

  /** Candidates from the sentences of one article. */
  score(doc: CorpusDocument, passageScore: number): Candidate[] {
    const entry = this.index.entry(doc.id);
    if (entry === undefined || doc.sentences.length === 0) return [];
    const { matcher } = this;
    const n = this.groups.length;
    const leadEnd = leadEndOf(doc);
    const headline = Float64Array.from(matcher.clear().add(entry.titleTermIds).best);
    const lead = Float64Array.from(matcher.clear().add(entry.termIds, 0, entry.termStart[leadEnd]!).best);
    const article = Float64Array.from(matcher.clear().add(entry.titleTermIds).add(entry.termIds).best);
    const own = doc.sentences.map((_, s) => Float64Array.from(matcher.clear().add(entry.termIds, entry.termStart[s]!, entry.termStart[s + 1]!).best));
    const total = matcher.total || 1;
    // A common word the article only writes as a name ("orange" and the Orange Prize, "lions"
    // and the Lions tour) may not be what the question asks about: without it, the article must
    // still meet the rule. (Its weight stays: "media" and the Media Council may well be one.)
    // The other way round, a name that is also a word ("the General", "Orange") is not met by an
    // article that only writes the word ("gaming in general").
    if (this.caseTells) {
      const asWords = Float64Array.from(article);
      let lost = false;
      for (let g = 0; g < n; g++) {
        if (article[g] === 0) continue;
        if (this.commonWords.has(g) ? writesAsWord(doc, this.groups[g]!.term, own, g) : !this.wordNames.has(g) || writesAsName(doc, this.groups[g]!.term, own, g)) continue;
        asWords[g] = 0;
        lost = true;
      }
      if (lost) {
        matcher.clear().best.set(asWords);
        if (matcher.ruleCoverage(this.rule) < 0) return [];
      }
    }
    if (this.rarest >= 0 && article[this.rarest]! < DISTINCTIVE_WEIGHT) return [];
    // The question's focus in this article: what its headline and lead do not already say.
    let focusTotal = 0;
    for (let g = 0; g < n; g++) if (headline[g] === 0 && lead[g] === 0 && article[g]! > 0) focusTotal += this.idf[g]!;

    // A name asked that the article mentions only in passing (once, after its opening) must be
    // near the excerpt: "Volkswagen" in one sentence does not make Tesla's sales figures its answer.
    const passingNames = this.names.filter((g) => headline[g]! < DISTINCTIVE_WEIGHT && !isTopical(own, g));
    // A name the story is about holds for each of its sentences ("An MP has had his passport stolen" → Quentin Davies).
    const articleWeight = Float64Array.from(this.groups, (group, g) => (group.proper && isTopical(own, g) ? SCORING.topicalName : SCORING.article));
    // The sentences whose words count as a sentence's neighbours: its paragraph's, and the one
    // before when it refers back across a paragraph break.
    const before = Int32Array.from(doc.sentences, (_, s) => (s > 0 && (sameParagraph(doc, s, s - 1) || refersBack(doc, s)) ? s - 1 : -1));
    const after = Int32Array.from(doc.sentences, (_, s) => (sameParagraph(doc, s, s + 1) ? s + 1 : -1));
    const scores = new Float64Array(doc.sentences.length).fill(-1);
    const answers = new Uint8Array(doc.sentences.length);
    const ranges: Array<[number, number]> = [];
    const coverages = new Float64Array(doc.sentences.length);
    doc.sentences.forEach((_, s) => {
      const mine = own[s]!;
      let ownScore = 0;
      let focus = 0;
      let combined = 0;
      for (let g = 0; g < n; g++) {
        const here = mine[g]!;
        const idf = this.idf[g]!;
        ownScore += here * idf;
        if (here > 0 && headline[g] === 0 && lead[g] === 0) focus += here * idf;
        combined += idf * Math.max(here, SCORING.headline * headline[g]!, SCORING.lead * lead[g]!, SCORING.neighbour * Math.max(before[s]! >= 0 ? own[before[s]!]![g]! : 0, after[s]! >= 0 ? own[after[s]!]![g]! : 0), articleWeight[g]! * article[g]!);
      }
      const range = excerptRange(doc, s);
      ranges.push(range);
      coverages[s] = ownScore / total;
      const text = doc.text.slice(doc.sentences[range[0]]!.start, doc.sentences[range[1]]!.end);
      const precise = this.evidence?.(text) ?? false;
      // A penalty, a change or a rate asked ("what sentence…") is the kind of fact its precise form states.
      answers[s] = (this.answerType === 'any' && this.quantity ? precise : satisfiesAnswerType(this.answerType, text, this.asked)) ? 1 : 0;
      const lacking = coverages[s]! < SCORING.minOwnCoverage;
      // A quantity in the precise form asked ("71 decibels" for "how loud") answers from its article's context.
      if (lacking && !this.quantity) return;
      if (lacking && !precise) return;
      if (passingNames.some((g) => !nameNear(own, s, g))) return;

      let score = combined / total + (focusTotal > 0 ? (SCORING.focusBonus * focus) / focusTotal : 0);
      const words = (entry.termStart[range[1] + 1]! - entry.termStart[range[0]]!) / AVERAGE_SENTENCE_TERMS;
      if (words > 1) score /= 1 + SCORING.lengthPenalty * (words - 1);
      if (answers[s] === 1 && !(this.direction !== null && statesOtherDirection(text, this.direction))) score *= SCORING.typeBonus;
      if (precise) score *= SCORING.evidenceBonus;
      if (this.keywords && s < leadEnd) score *= SCORING.keywordLead;
      scores[s] = score + SCORING.passage * passageScore;
    });
    if (this.answerType !== 'any' && this.answerType !== 'time') handOver(scores, answers, coverages);
    const candidates: Candidate[] = [];
    scores.forEach((score, s) => {
      if (score < 0 || (answers[s] === 0 && this.typeRequired)) return;
      const [first, last] = ranges[s]!;
      const statement = this.context.statementAt(doc, s);
      const speaker = statement ? this.context.speakers().canonical(statement.speaker) : null;
      candidates.push({
        doc,
        start: doc.sentences[first]!.start,
        end: doc.sentences[last]!.end,
        sentence: s,
        speaker,
        score: speaker !== null && this.saysWho && isNamedIn(speaker, this.asked) ? score * SCORING.askedSpeaker : score,
        coverage: coverages[s]!,
        terms: NO_TERMS,
        duplicates: [],
      });
    });
    return candidates;
  }
}

/**
 * The group an article must hold to answer a short question: its rarest word the corpus knows
 * (`smacking` in "Is Wales going to ban smacking?", not only "Wales" and "ban").
 */
function distinctiveGroup(groups: readonly TermGroup[], index: PassageIndex): number {
  if (groups.length < 2 || groups.length > DISTINCTIVE_MAX_WORDS || index.documentCount < DISTINCTIVE_MIN_DOCUMENTS) return -1;
  let best = -1;
  groups.forEach((group, g) => {
    if (index.sentenceFrequencyOf(group.term) === 0) return;
    if (best === -1 || group.idf > groups[best]!.idf) best = g;
  });
  return best;
}

/** Longest question (in words searched) held to its most distinctive word: longer ones paraphrase more. */
const DISTINCTIVE_MAX_WORDS = 5;

/** Fewest articles for word rarity to tell a distinctive word from a common one ("open" is rare among five articles). */
const DISTINCTIVE_MIN_DOCUMENTS = 200;

/** Weight at which the distinctive word counts as held (a related word of weight 0.4 does not). */
const DISTINCTIVE_WEIGHT = 0.5;

/** Index terms in a typical news sentence (a unit longer than this is penalised by {@link SCORING.lengthPenalty}). */
const AVERAGE_SENTENCE_TERMS = 14;

/** True for a few words without the form of a question ("xbox power cord recall"). */
function isKeywordQuery(text: string): boolean {
  return !/\?\s*$/.test(text) && !/^\W*(?:what|which|who|whom|whose|when|where|why|how|is|are|was|were|do|does|did|can|could|will|would|should|has|have|had|tell|show|list|give|find)\b/i.test(text);
}

/** A question about what someone says, claims or told: its speaker's statements answer it best. */
const SAYS = /\b(?:say|says|said|saying|claim|claims|claimed|told|tell|tells|believe|believes|think|thinks|according to)\b/i;

/** True when the speaker's surname (the last word of the name) is among the question's words ("Bruce Willis" for "What does Willis say…"). */
function isNamedIn(speaker: string, asked: ReadonlySet<string>): boolean {
  const surname = speaker.toLowerCase().split(/\s+/).at(-1)!;
  return asked.has(surname.replace(/['’]s$/, ''));
}

/** Sentences at the start of an article where a name is part of the story's opening. */
const OPENING_SENTENCES = 3;

/** True when group `g` is part of the story: in its opening sentences, or in two sentences or more. */
function isTopical(own: readonly Float64Array[], g: number): boolean {
  let count = 0;
  for (let t = 0; t < own.length; t++) {
    if (own[t]![g]! < DISTINCTIVE_WEIGHT) continue;
    if (t < OPENING_SENTENCES || ++count >= 2) return true;
  }
  return false;
}

/** True when group `g` is in sentence `s` or in the three sentences before it or the one after. */
function nameNear(own: readonly Float64Array[], s: number, g: number): boolean {
  for (let t = Math.max(0, s - 3); t <= Math.min(own.length - 1, s + 1); t++) if (own[t]![g]! >= DISTINCTIVE_WEIGHT) return true;
  return false;
}

/**
 * A sentence that restates the question without the fact asked for hands its score over to the
 * next sentences that give it ("X will not travel to Israel." → "He pulled out because of…").
 * Not for times: a date or a weekday is in most sentences of a news story.
 */
function handOver(scores: Float64Array, answers: Uint8Array, coverages: Float64Array): void {
  for (let s = 0; s < scores.length; s++) {
    if (scores[s]! < 0 || answers[s] === 1 || coverages[s]! < SCORING.handOverCoverage) continue;
    for (let t = s + 1; t <= s + HAND_OVER_REACH && t < scores.length; t++) {
      if (answers[t] === 0) continue;
      scores[t] = Math.max(scores[t]!, scores[s]! * SCORING.typeBonus * SCORING.handOver ** (t - s));
    }
  }
}

/** How many sentences after a restatement may take over its score. */
const HAND_OVER_REACH = 2;

/** How an article's sentences write a word. */
interface Writing {
  lower: boolean;
  /** Capitalised after a word inside a sentence ("won the Orange Prize", "called 'the General'"). */
  name: boolean;
  /** Capitalised as a sentence's first word. */
  first: boolean;
  /** Capitalised elsewhere: after a quotation mark, a bracket or a hyphen ("Anti-Doping"). */
  other: boolean;
}

/** How the sentences of `doc` holding `term` (group `g`, the index says which) write it. */
function writingOf(doc: CorpusDocument, term: string, own: readonly Float64Array[], g: number): Writing {
  const writing: Writing = { lower: false, name: false, first: false, other: false };
  for (let s = 0; s < doc.sentences.length; s++) {
    if (own[s]![g] !== 1) continue;
    const sentence = doc.sentences[s]!;
    scanWords(doc.text, sentence.start, sentence.end, (start, end) => {
      const word = doc.text.slice(start, end);
      if (toTerm(word) !== term) return;
      if (!/^\p{Lu}/u.test(word)) writing.lower = true;
      else if (/[\p{L}\p{N},]\s+$/u.test(doc.text.slice(Math.max(sentence.start, start - 3), start))) writing.name = true;
      else if (start === sentence.start) writing.first = true;
      else writing.other = true;
    });
  }
  return writing;
}

/**
 * False when the article's sentences write `term` only as a name ("won the Orange Prize"). True
 * when it is ever written in lower case, or capitalised where a sentence, quotation or clause may
 * start, or only in the headline.
 */
function writesAsWord(doc: CorpusDocument, term: string, own: readonly Float64Array[], g: number): boolean {
  const writing = writingOf(doc, term, own, g);
  return writing.lower || writing.first || writing.other || !writing.name;
}

/**
 * False when the article's sentences write `term` in lower case ("in general") and never as a
 * name ("called 'the General'").
 */
function writesAsName(doc: CorpusDocument, term: string, own: readonly Float64Array[], g: number): boolean {
  const writing = writingOf(doc, term, own, g);
  return writing.name || writing.other || !writing.lower;
}

/** Index of the first sentence after the lead: the body's first {@link SCORING.leadSentences} sentences, whatever its paragraphs. */
function leadEndOf(doc: CorpusDocument): number {
  return Math.min(doc.sentences.length, SCORING.leadSentences);
}

function sameParagraph(doc: CorpusDocument, s: number, other: number): boolean {
  const a = doc.sentences[s];
  const b = doc.sentences[other];
  return a !== undefined && b !== undefined && a.paragraph === b.paragraph;
}

function refersBack(doc: CorpusDocument, s: number, pattern = REFERS_BACK): boolean {
  const sentence = doc.sentences[s]!;
  return pattern.test(doc.text.slice(sentence.start, Math.min(sentence.end, sentence.start + 40)));
}

/**
 * The sentences of the excerpt for sentence `s`: the sentence, with the one before when it opens
 * with a pronoun or a connective (a reader of "The company said…" knows the company from the
 * source label; one of "It said…" or "But…" does not) or is very short (across a paragraph break when paragraphs are single sentences),
 * as long as the two stay readable.
 */
export function excerptRange(doc: CorpusDocument, s: number): [number, number] {
  const sentence = doc.sentences[s]!;
  const previous = doc.sentences[s - 1];
  if (previous === undefined) return [s, s];
  // A quotation's "This…" leans on the speaker's own words, not on the reporter's sentence before it.
  if (/^["“‘]/.test(doc.text.slice(sentence.start, sentence.start + 1))) return [s, s];
  if (!refersBack(doc, s, LEANS_ON_PREVIOUS) && !isVeryShort(doc, s)) return [s, s];
  const adjacent = previous.paragraph === sentence.paragraph || previous.paragraph === sentence.paragraph - 1;
  if (!adjacent || sentence.end - previous.start > MAX_EXCERPT_CHARS) return [s, s];
  return [s - 1, s];
}

/** Fewer than six words: too short to stand alone ("He disagreed."). */
function isVeryShort(doc: CorpusDocument, s: number): boolean {
  const { start, end } = doc.sentences[s]!;
  let words = 0;
  for (let i = start; i < end && words < 6; i++) if (doc.text.charCodeAt(i) === 32 || doc.text.charCodeAt(i) === 10) words++;
  return words < 5;
}

/** The index terms of an excerpt (its sentences). */
function termsOfExcerpt(index: PassageIndex, candidate: Candidate): Set<string> {
  const entry = index.entry(candidate.doc.id)!;
  const { sentences } = candidate.doc;
  let first = candidate.sentence;
  while (first > 0 && sentences[first]!.start > candidate.start) first--;
  const result = new Set<string>();
  for (let i = entry.termStart[first]!; i < entry.termStart[candidate.sentence + 1]!; i++) result.add(index.terms[entry.termIds[i]!]!);
  return result;
}

/** Terms of a candidate not yet read. */
const NO_TERMS: ReadonlySet<string> = new Set();
