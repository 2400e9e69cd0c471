/**
 * The answering engine: question → ranked, deduplicated, verbatim and attributed excerpts,
 * or an honest "nothing found". Passages come from the MiniSearch index; the best sentence(s)
 * inside them become excerpts; statements answer "what did X say" questions.
 */
import { DEFAULT_MAX_SCORED, PassageIndex, type PassageRule } from '../search/passageIndex.js';
import { deserializeSnapshot, readSnapshotInfo, serializeSnapshot, type IndexState, type SnapshotInfo } from '../search/snapshot.js';
import { WordNetLexicon, type Lexicon } from '../search/lexicon.js';
import { parseQuestion, MAX_QUESTION_LENGTH, type ParsedQuestion, type QuestionFilters } from './question.js';
import { buildTermGroups, matchGroups, queryWeights, type GroupMatch, type TermGroup } from './query.js';
import { SpeakerRegistry, type SpeakerSummary } from './speakers.js';
import { looksLikePerson } from '../corpus/statements.js';
import { collapseDuplicates, type Candidate } from './dedupe.js';
import { expectedAnswerType, satisfiesAnswerType } from './answerType.js';
import { fold, terms as analyzeTerms } from '../search/analyzer.js';
import type { CorpusDocument, Statement } from '../corpus/types.js';
import type { Answer, AnswerOptions, Excerpt, ExcerptSource } from './types.js';

/** A document as listed to users (`/tesla sources`, App Home). */
export interface DocumentSummary extends Omit<ExcerptSource, 'start' | 'end'> {
  passages: number;
}

/** What the corpus holds, in figures. */
export interface CorpusStats {
  documents: number;
  passages: number;
  outlets: string[];
  earliest: string | null;
  latest: string | null;
}

/** Options of {@link AnswerEngine}. */
export interface AnswerEngineOptions {
  /** Source of related words (default: WordNet). */
  lexicon: Lexicon;
  /** Passages MiniSearch hands to sentence scoring. */
  candidatePassages: number;
  /** Default page size. */
  defaultLimit: number;
  /**
   * Passages MiniSearch scores per question, at most: among the passages that hold enough of the
   * question to answer it, those covering it best (see `PassageIndex.search`). Small corpora
   * never reach it.
   */
  scoredPassages: number;
}

const DEFAULT_LIMIT = 5;
const MAX_LIMIT = 20;
const CAUSAL_CUE = /\b(?:because|due to|citing|cited|over (?:concerns?|fears?)|amid|after|following|as a result|fear|fears|concerns?|worried|so that|in order to|reason)\b/i;
const ANAPHORIC_START = /^(?:It|This|That|These|Those|They|He|She|Such|The move|The decision|The ban|But|However|Therefore|Additionally|Also|By \w+ that|Something)\b/;

/**
 * Answers questions about a corpus.
 *
 * @example
 * const { documents } = loadCorpus('seeds');
 * const engine = new AnswerEngine(documents);
 * engine.answer('what did Musk say').excerpts[0].speaker // 'Elon Musk'
 */
export class AnswerEngine {
  private readonly options: AnswerEngineOptions;
  private index = new PassageIndex();
  private registry: SpeakerRegistry | null = null;
  /** Statements by canonical speaker, in corpus order (built with the registry). */
  private statementsBySpeaker: Map<string, Array<[CorpusDocument, Statement]>> | null = null;
  private statsCache: CorpusStats | null = null;

  constructor(documents: Iterable<CorpusDocument>, options: Partial<AnswerEngineOptions> = {}) {
    this.options = {
      lexicon: options.lexicon ?? new WordNetLexicon(),
      candidatePassages: options.candidatePassages ?? 60,
      defaultLimit: options.defaultLimit ?? DEFAULT_LIMIT,
      scoredPassages: options.scoredPassages ?? DEFAULT_MAX_SCORED,
    };
    for (const doc of documents) this.index.add(doc);
  }

  /**
   * The engine's index as one binary buffer (documents, texts, vocabulary, postings, statistics):
   * write it to a file and start later with {@link AnswerEngine.fromSnapshot} without parsing and
   * indexing the corpus again. Format and compatibility rules: `src/core/search/snapshot.ts`.
   *
   * @param options.corpusHash a hash of the corpus the index was built from, kept in the snapshot
   * (read it back with {@link AnswerEngine.snapshotInfo} to decide whether the snapshot is current)
   */
  snapshot(options: { corpusHash?: string } = {}): Uint8Array {
    return serializeSnapshot(this.snapshotState(), options);
  }

  /** The index state a snapshot holds, as arrays (see {@link AnswerEngine.snapshot}). */
  snapshotState(): IndexState {
    return this.index.exportState();
  }

  /**
   * An engine answering exactly as the one that wrote `snapshot` did.
   *
   * @throws SnapshotError when `snapshot` is not a snapshot, is corrupt, comes from another format
   * version or was built with other index settings (then build from the corpus instead)
   * @example
   * writeFileSync('data/index.snapshot', engine.snapshot({ corpusHash }));
   * const restored = AnswerEngine.fromSnapshot(readFileSync('data/index.snapshot'));
   */
  static fromSnapshot(snapshot: Uint8Array, options: Partial<AnswerEngineOptions> = {}): AnswerEngine {
    const engine = new AnswerEngine([], options);
    engine.index = PassageIndex.restore(deserializeSnapshot(snapshot, engine.index.options));
    return engine;
  }

  /**
   * What a snapshot says about itself (format, settings, corpus hash, counts) without loading it.
   *
   * @throws SnapshotError when it is not a snapshot or is corrupt
   */
  static snapshotInfo(snapshot: Uint8Array): SnapshotInfo {
    return readSnapshotInfo(snapshot, new PassageIndex().options);
  }

  /** Adds or replaces a document (live corpus). */
  upsert(doc: CorpusDocument): void {
    this.index.add(doc);
    this.invalidate();
  }

  /** Drops what is derived from the whole corpus (speakers, figures); rebuilt on next use. */
  private invalidate(): void {
    this.registry = null;
    this.statementsBySpeaker = null;
    this.statsCache = null;
  }

  /** Removes a document by id; unknown ids are ignored. */
  remove(docId: string): void {
    this.index.remove(docId);
    this.invalidate();
  }

  /** One document by id. */
  document(docId: string): CorpusDocument | undefined {
    return this.index.document(docId);
  }

  /** The documents, as listed to users. */
  documents(): DocumentSummary[] {
    return this.index.documents().map((doc) => ({ ...sourceOf(doc), passages: doc.passages.length }));
  }

  /** Figures about the corpus. */
  stats(): CorpusStats {
    if (this.statsCache === null) {
      let earliest: string | null = null;
      let latest: string | null = null;
      const outlets = new Set<string>();
      for (const doc of this.index.documents()) {
        const { published, outlet } = doc.meta;
        if (published !== null) {
          if (earliest === null || published < earliest) earliest = published;
          if (latest === null || published > latest) latest = published;
        }
        if (outlet !== null) outlets.add(outlet);
      }
      this.statsCache = { documents: this.index.documentCount, passages: this.index.passageCount, outlets: [...outlets].sort(), earliest, latest };
    }
    return { ...this.statsCache, outlets: [...this.statsCache.outlets] };
  }

  /** Speakers the corpus quotes, most quoted first. */
  speakers(): SpeakerSummary[] {
    return this.speakerRegistry().list();
  }

  /** Answers one question. Never throws for user input. */
  answer(question: string, options: AnswerOptions = {}): Answer {
    const limit = Math.min(Math.max(1, Math.floor(options.limit ?? this.options.defaultLimit)), MAX_LIMIT);
    const offset = Math.max(0, Math.floor(options.offset ?? 0));
    const trimmed = question.trim();
    if (trimmed.length === 0) {
      return this.notAnswered(question, 'passages', null, `Ask a question about the articles, for example: ${this.exampleQuestions().join(' · ')}`);
    }
    if (trimmed.length > MAX_QUESTION_LENGTH) {
      return this.notAnswered(
        question, 'passages', null,
        `Questions are limited to ${MAX_QUESTION_LENGTH} characters (this one has ${trimmed.length}). Ask about one thing at a time.`,
      );
    }
    const parsed = parseQuestion(trimmed);
    if (parsed.error) return this.notAnswered(question, 'passages', null, parsed.error);
    const filterProblem = this.checkFilters(parsed.filters);
    if (filterProblem) return this.notAnswered(question, 'passages', null, filterProblem);

    if (parsed.speakerAsked) {
      const speaker = this.speakerRegistry().resolve(parsed.speakerAsked);
      if (speaker) return this.page(question, 'quotes', speaker, this.quoteCandidates(parsed, speaker), limit, offset, () => this.noQuotesMessage(parsed, speaker));
      // A name the corpus never quotes gets an honest answer; a common noun phrase ("the
      // company", "officials") is searched as passages instead.
      if (/\p{Lu}/u.test(parsed.speakerAsked)) {
        return this.notAnswered(question, 'quotes', null, this.unknownSpeakerMessage(parsed.speakerAsked));
      }
    }
    const candidates = this.passageCandidates(parsed);
    return this.page(question, 'passages', null, candidates, limit, offset, () => this.nothingFoundMessage(parsed));
  }

  private page(
    question: string,
    intent: Answer['intent'],
    speaker: string | null,
    candidates: Candidate[],
    limit: number,
    offset: number,
    emptyMessage: () => string,
  ): Answer {
    if (candidates.length === 0) return this.notAnswered(question, intent, speaker, emptyMessage());
    const shown = candidates.slice(offset, offset + limit);
    if (shown.length === 0) {
      return this.notAnswered(question, intent, speaker, `No more excerpts: all ${candidates.length} were shown.`);
    }
    return {
      question,
      intent,
      speaker,
      answered: true,
      message: null,
      excerpts: shown.map((c) => this.toExcerpt(c)),
      more: Math.max(0, candidates.length - offset - shown.length),
    };
  }

  private toExcerpt(candidate: Candidate): Excerpt {
    const { doc } = candidate;
    return {
      text: doc.text.slice(candidate.start, candidate.end),
      speaker: candidate.speaker,
      score: Math.round(candidate.score * 100) / 100,
      source: { ...sourceOf(doc), start: candidate.start, end: candidate.end },
      alsoIn: candidate.duplicates.map((d) => ({ docId: d.doc.id, title: d.doc.meta.title, start: d.start, end: d.end })),
    };
  }

  private notAnswered(question: string, intent: Answer['intent'], speaker: string | null, message: string): Answer {
    return { question, intent, speaker, answered: false, message, excerpts: [], more: 0 };
  }

  // ---- passages ---------------------------------------------------------------------------

  private passageCandidates(parsed: ParsedQuestion): Candidate[] {
    const groups = buildTermGroups(parsed.topic, this.index, this.options.lexicon);
    if (groups.length === 0) return [];
    const accept = this.filterOf(parsed.filters);
    const rule: PassageRule = {
      groups: groups.map((g) => ({ variants: g.variants, idf: g.idf, required: g.proper })),
      minGroups: minGroupsOf(groups),
      minCoverage: MIN_PASSAGE_COVERAGE,
      maxScored: this.options.scoredPassages,
    };
    const hits = this.index.search(queryWeights(groups), this.options.candidatePassages, { accept, rule });
    const maxHit = hits[0]?.score ?? 1;
    const answerType = expectedAnswerType(parsed.text);
    const candidates: Candidate[] = [];
    for (const hit of hits) {
      const { doc, passage } = hit;
      const passageTerms = new Set<string>();
      for (let s = passage.firstSentence; s <= passage.lastSentence; s++) {
        for (const term of this.index.termsOfSentence(doc.id, s)) passageTerms.add(term);
      }
      const passageMatch = matchGroups(groups, passageTerms);
      if (!passageQualifies(groups, passageMatch)) continue;
      for (let s = passage.firstSentence; s <= passage.lastSentence; s++) {
        const sentenceMatch = matchGroups(groups, new Set(this.index.termsOfSentence(doc.id, s)));
        if (sentenceMatch.groups.size === 0) continue;
        const [first, last] = this.extend(doc, s, groups, sentenceMatch);
        const excerptTerms = this.termsOfRange(doc, first, last);
        const excerptMatch = matchGroups(groups, excerptTerms);
        const text = doc.text.slice(doc.sentences[first]!.start, doc.sentences[last]!.end);
        if (!satisfiesAnswerType(answerType, text)) continue;
        let score = 10 * excerptMatch.coverage + 2 * passageMatch.coverage + hit.score / maxHit;
        if (parsed.asksWhy && CAUSAL_CUE.test(text)) score += 2;
        const statement = this.statementAt(doc, s);
        candidates.push({
          doc,
          start: doc.sentences[first]!.start,
          end: doc.sentences[last]!.end,
          sentence: s,
          speaker: statement ? this.speakerRegistry().canonical(statement.speaker) : null,
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
    return collapseDuplicates(candidates.filter((c) => c.coverage >= floor));
  }

  /** Sentence range of an excerpt around sentence `s`: add a neighbour when one alone makes no sense. */
  private extend(doc: CorpusDocument, s: number, groups: TermGroup[], match: GroupMatch): [number, number] {
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
      const nextMatch = matchGroups(groups, new Set(this.index.termsOfSentence(doc.id, s + 1)));
      const addsGroup = [...nextMatch.groups].some((g) => !match.groups.has(g));
      if (ANAPHORIC_START.test(nextText) && addsGroup) last = s + 1;
    }
    return [first, last];
  }

  private termsOfRange(doc: CorpusDocument, first: number, last: number): Set<string> {
    const result = new Set<string>();
    for (let s = first; s <= last; s++) for (const t of this.index.termsOfSentence(doc.id, s)) result.add(t);
    return result;
  }

  private statementAt(doc: CorpusDocument, sentence: number): Statement | undefined {
    return doc.statements.find((st) => st.sentence === sentence);
  }

  // ---- quotes -----------------------------------------------------------------------------

  private quoteCandidates(parsed: ParsedQuestion, speaker: string): Candidate[] {
    const accept = this.filterOf(parsed.filters);
    const groups = parsed.topic ? buildTermGroups(parsed.topic, this.index, this.options.lexicon) : [];
    const verbHint = parsed.speechVerb ? buildTermGroups(`${parsed.speechVerb}${/^tweet/.test(parsed.speechVerb) ? ' Twitter' : ''}`, this.index, this.options.lexicon) : [];
    const candidates: Candidate[] = [];
    for (const [doc, statement] of this.statementsOf(speaker)) {
      if (accept && !accept(doc)) continue;
      const sentenceTerms = new Set(this.index.termsOfSentence(doc.id, statement.sentence));
      let score = statement.kind === 'quote' ? 3 : 1;
      let coverage = 1;
      if (groups.length > 0) {
        const match = matchGroups(groups, sentenceTerms);
        const paragraph = doc.sentences[statement.sentence]!.paragraph;
        const contextTerms = new Set<string>();
        doc.sentences.forEach((s, i) => {
          if (s.paragraph === paragraph) for (const t of this.index.termsOfSentence(doc.id, i)) contextTerms.add(t);
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

  private noQuotesMessage(parsed: ParsedQuestion, speaker: string): string {
    const count = this.speakerRegistry().list().find((s) => s.name === speaker)?.statements ?? 0;
    if (parsed.topic && count > 0) {
      return `${speaker} is quoted ${count} time${count === 1 ? '' : 's'} in the corpus, but never about “${parsed.topic}”. Try “what did ${speaker} say” to see everything.`;
    }
    return `Nothing by ${speaker} matches these filters. Try without source:, since: or before:.`;
  }

  private unknownSpeakerMessage(asked: string): string {
    const known = this.speakerRegistry().list().slice(0, 6).map((s) => s.name);
    const mentioned = this.mentions(asked) ? ` The articles mention ${asked}, but never quote them.` : '';
    return `The corpus holds no statement by ${asked}.${mentioned}${known.length ? ` It quotes: ${known.join(', ')}.` : ''}`;
  }

  private mentions(phrase: string): boolean {
    const wanted = analyzeTerms(phrase);
    return wanted.length > 0 && wanted.every((t) => this.index.sentenceFrequencyOf(t) > 0);
  }

  // ---- filters and messages ---------------------------------------------------------------

  private filterOf(filters: QuestionFilters): ((doc: CorpusDocument) => boolean) | undefined {
    const { outlet, since, before } = filters;
    if (!outlet && !since && !before) return undefined;
    const wanted = outlet ? fold(outlet) : null;
    return (doc) => {
      if (wanted && !(doc.meta.outlet && fold(doc.meta.outlet).includes(wanted))) return false;
      if (since && !(doc.meta.published && doc.meta.published >= since)) return false;
      if (before && !(doc.meta.published && doc.meta.published < before)) return false;
      return true;
    };
  }

  private checkFilters(filters: QuestionFilters): string | null {
    const accept = this.filterOf(filters);
    if (!accept) return null;
    const docs = this.index.documents();
    if (docs.some(accept)) return null;
    const outlets = this.stats().outlets;
    if (filters.outlet && !docs.some((d) => d.meta.outlet && fold(d.meta.outlet).includes(fold(filters.outlet!)))) {
      return `No article comes from “${filters.outlet}”. Outlets in the corpus: ${outlets.length ? outlets.join(', ') : 'none stated'}.`;
    }
    const undated = docs.filter((d) => !d.meta.published).length;
    const range = [filters.since && `since ${filters.since}`, filters.before && `before ${filters.before}`].filter(Boolean).join(' and ');
    return `No article is dated ${range}${filters.outlet ? ` from “${filters.outlet}”` : ''}. ${undated} of ${docs.length} articles state no date, so date filters leave them out.`;
  }

  private nothingFoundMessage(parsed: ParsedQuestion): string {
    const groups = buildTermGroups(parsed.topic, this.index, this.options.lexicon);
    if (groups.length === 0) {
      return `That question has no words to search for. Try for example: ${this.exampleQuestions().join(' · ')}`;
    }
    const present = groups.filter((g) => this.index.sentenceFrequencyOf(g.term) > 0).map((g) => g.word);
    const absent = groups.filter((g) => this.index.sentenceFrequencyOf(g.term) === 0).map((g) => g.word);
    const close = groups
      .filter((g) => this.index.sentenceFrequencyOf(g.term) === 0)
      .flatMap((g) => [...g.variants].filter(([, w]) => w < 1).map(([t]) => this.index.surfaceOf(t)))
      .filter((w): w is string => Boolean(w))
      .slice(0, 5);
    const parts = ['Nothing in the corpus answers that.'];
    const answerType = expectedAnswerType(parsed.text);
    const wanted = { money: 'a price or an amount', number: 'a number', time: 'a date or time', any: '' }[answerType];
    if (absent.length > 0) parts.push(`The articles never mention ${absent.map((w) => `“${w}”`).join(', ')}.`);
    else if (wanted) parts.push(`The passages about ${present.map((w) => `“${w}”`).join(', ')} never give ${wanted}.`);
    else if (present.length > 1) parts.push(`${present.map((w) => `“${w}”`).join(', ')} appear, but not together.`);
    if (close.length > 0) parts.push(`Close terms they do contain: ${close.join(', ')}.`);
    parts.push(`Try for example: ${this.exampleQuestions().join(' · ')}`);
    return parts.join(' ');
  }

  /** Example questions drawn from what the corpus holds: its most quoted person and organisation. */
  exampleQuestions(): string[] {
    const speakers = this.speakerRegistry().list();
    const person = speakers.find((s) => looksLikePerson(s.name));
    const organisation = speakers.find((s) => !looksLikePerson(s.name));
    const examples = [person, organisation].filter((s) => s !== undefined).map((s) => `what did ${s.name} say`);
    const outlet = this.stats().outlets[0];
    if (outlet && person) examples.push(`what did ${person.name} say source:"${outlet}"`);
    return examples.length > 0 ? examples : ['what is this corpus about'];
  }

  private speakerRegistry(): SpeakerRegistry {
    this.registry ??= new SpeakerRegistry(this.index.documents());
    return this.registry;
  }

  /** The statements of a canonical speaker, in corpus order. */
  private statementsOf(speaker: string): ReadonlyArray<[CorpusDocument, Statement]> {
    if (this.statementsBySpeaker === null) {
      const registry = this.speakerRegistry();
      const bySpeaker = new Map<string, Array<[CorpusDocument, Statement]>>();
      for (const doc of this.index.documents()) {
        for (const statement of doc.statements) {
          const name = registry.canonical(statement.speaker);
          let list = bySpeaker.get(name);
          if (list === undefined) bySpeaker.set(name, (list = []));
          list.push([doc, statement]);
        }
      }
      this.statementsBySpeaker = bySpeaker;
    }
    return this.statementsBySpeaker.get(speaker) ?? [];
  }
}

/** Coverage a passage must reach to answer. */
const MIN_PASSAGE_COVERAGE = 0.4;

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

/** A document's identity and stated metadata, in the order of the Answer JSON's `source`. */
function sourceOf(doc: CorpusDocument): Omit<ExcerptSource, 'start' | 'end'> {
  return { docId: doc.id, path: doc.path, title: doc.meta.title, outlet: doc.meta.outlet, published: doc.meta.published, url: doc.meta.url };
}
