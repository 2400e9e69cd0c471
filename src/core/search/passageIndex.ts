/**
 * The full-text index: a MiniSearch index over passages (fields `title` and `text`), plus, beside
 * it, per-sentence term sets and sentence document frequencies used to pick and score sentences
 * inside the passages MiniSearch ranks. Supports adding, replacing and removing documents
 * incrementally.
 *
 * MiniSearch (`minisearch` 7) holds the inverted index and answers every query: BM25+ with
 * k = 1.2, b = 0.7, d = 0.5, a title boost, per-term weights through `boostTerm`, the source and
 * date filter and the postings budget through `boostDocument`, results combined with OR. Passages
 * are MiniSearch documents with a numeric id (the passage key) and no stored fields; their fields
 * are handed over already analysed: each sentence is tokenized once by the analyzer (a word → term
 * id cache), and MiniSearch's `tokenize`/`processTerm` pass those terms through unchanged. Field
 * lengths are therefore counted in unique index terms.
 *
 * Beside MiniSearch (not a second full-text index, statistics that MiniSearch does not keep): the
 * term ids of each sentence, in how many sentences each term occurs (for idf and coverage), a word
 * of the corpus for each term (suggestions), and the vocabulary of sentence terms in a
 * `SearchableMap` for the fuzzy and prefix look-ups of words the corpus does not contain.
 */
import type { SearchOptions } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import { PassageMiniSearch, passageMiniSearchOptions } from './passageMiniSearch.js';
import { terms as analyzeTerms, toTerm } from './analyzer.js';
import { scanWords, WordTable } from './wordScanner.js';
import type { CorpusDocument, Passage } from '../corpus/types.js';
import type { IndexState, PassageIndexOptions } from './indexState.js';
import { GroupMatcher, type CoverageRule } from './coverage.js';
import { RestoredEntry, type EntryArrays } from './restoredEntry.js';

export type { PassageIndexOptions } from './indexState.js';
export { BM25, PASSAGE_FIELDS, PassageMiniSearch, passageMiniSearchOptions, type PassageRecord } from './passageMiniSearch.js';

export const DEFAULT_PASSAGE_INDEX_OPTIONS: PassageIndexOptions = { titleBoost: 1.5 };

/** A passage returned by {@link PassageIndex.search}. */
export interface PassageHit {
  doc: CorpusDocument;
  passage: Passage;
  /** MiniSearch's score for the weighted query. */
  score: number;
}

/**
 * Which articles can answer a question ({@link CoverageRule}, judged on an article's headline and
 * all its sentences): only the passages of those articles are scored by MiniSearch.
 */
export interface PassageRule extends CoverageRule {
  /**
   * At most this many passages are scored by MiniSearch (default {@link DEFAULT_MAX_SCORED}); past
   * it, the articles with the highest coverage are kept, then the earlier ones in corpus order.
   */
  maxScored?: number;
  /**
   * At most this many articles are checked against the rule (default {@link DEFAULT_MAX_CHECKED}):
   * past it, those holding the most of the words looked up first.
   */
  maxChecked?: number;
}

/** Postings the first MiniSearch pass of a rule may read before it keeps to the rarest word asked. */
export const FINDER_BUDGET = 40_000;

/** Default {@link PassageRule.maxChecked}. */
export const DEFAULT_MAX_CHECKED = 1500;

/** Number of bits set. */
function bitCount(bits: number): number {
  let count = 0;
  for (let b = bits; b !== 0; b &= b - 1) count++;
  return count;
}

/** Default {@link PassageRule.maxScored}. */
export const DEFAULT_MAX_SCORED = 1000;

/** Options of one {@link PassageIndex.search}. */
export interface PassageSearchOptions {
  /** Optional document filter (source, dates). */
  accept?: ((doc: CorpusDocument) => boolean) | undefined;
  /**
   * Only passages this rule accepts are scored and returned (see {@link PassageRule}): MiniSearch
   * finds them through the postings of the fewest groups that every such passage must match, and
   * scores them alone. Without a rule, every passage holding a query term is a candidate.
   */
  rule?: PassageRule;
  /**
   * Without a rule: budget of postings scored in full; past it, the most frequent terms are
   * scored only inside the passages that rarer terms found (they still add to those passages'
   * scores). Default: no limit, MiniSearch's exhaustive OR.
   */
  maxPostings?: number;
}

/** An indexed document. */
export interface IndexedDocument {
  doc: CorpusDocument;
  /** Passage keys (MiniSearch ids) of the document's passages, in order. */
  keys: number[];
  /** Term ids of each sentence, unique per sentence: sentence `s` is `termIds[termStart[s] .. termStart[s+1])`. */
  termStart: Int32Array;
  termIds: Int32Array<ArrayBufferLike>;
  /** Unique term ids of the headline. */
  titleTermIds: Int32Array<ArrayBufferLike>;
}

/** Words remembered by the indexer (the cache is dropped when full). */
const WORD_CACHE_LIMIT = 500_000;

function grow<T extends Int32Array | Uint8Array>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  let size = Math.max(16, array.length);
  while (size < needed) size *= 2;
  const bigger = new (array.constructor as new (n: number) => T)(size);
  bigger.set(array);
  return bigger;
}

/** MiniSearch over passages, with sentence statistics beside it. */
export class PassageIndex {
  readonly options: PassageIndexOptions;
  /** The full-text index: MiniSearch over passages. */
  miniSearch: PassageMiniSearch;
  // ---- vocabulary
  private readonly termIds = new Map<string, number>();
  /** word as written → term id (-1 for a stop word): one look-up a token when indexing. */
  private readonly wordIds = new WordTable(WORD_CACHE_LIMIT);
  /** The term id of a word seen for the first time (-1 for a stop word). */
  private readonly resolveWord = (word: string): number => {
    const term = toTerm(word);
    const id = term === null ? -1 : this.internTerm(term);
    if (id !== -1 && this.surfaces[id] === '') this.surfaces[id] = word.toLowerCase();
    return id;
  };
  /** term id → term. */
  terms: string[] = [];
  /** term id → a word of the corpus that normalizes to it (for suggestions), '' when unseen in a sentence. */
  surfaces: string[] = [];
  /** term id → in how many live sentences it occurs. */
  sentenceFrequency: Int32Array = new Int32Array(1024);
  /** Terms with a sentence frequency above 0, for fuzzy and prefix look-ups (value: term id). */
  private vocabulary = new SearchableMap<number>();
  // ---- passages
  /** passage key (MiniSearch id) → document (undefined once removed) and index of the passage in it. */
  passageDoc: Array<IndexedDocument | undefined> = [];
  passageNumber = new Int32Array(1024);
  /**
   * The sentence term ids of every document, one after the other (append-only; removed documents
   * leave a gap until {@link compactBodyTerms}), and where each passage's run of them is: a passage
   * rule is checked on these flat arrays, not through the document objects.
   */
  private bodyTermIds: Int32Array<ArrayBufferLike> = new Int32Array(1024);
  private bodyTermLength = 0;
  private deadBodyTerms = 0;
  private passageTermFrom = new Int32Array(1024);
  private passageTermTo = new Int32Array(1024);
  nextKey = 0;
  livePassages = 0;
  sentences = 0;
  readonly docs = new Map<string, IndexedDocument>();
  // ---- scratch space
  /** passage key → stamp of the last query that found it (candidates of the next MiniSearch pass). */
  private found = new Int32Array(0);
  /** passage key → the finder groups it holds (bits), for the query of stamp `found[key]`. */
  private foundBits = new Int32Array(0);
  /** Per article, by its first passage key: the query stamp it was last found at, and the finder bits it holds. */
  private articleStamp = new Int32Array(0);
  private articleBits = new Int32Array(0);
  private queryStamp = 0;

  private termSeen = new Int32Array(1024);
  private termSeenStamp = 0;
  /** See {@link PassageIndex.restoredSpeakerCounts}. */
  private speakerCounts: ReadonlyMap<string, number> | null = null;

  constructor(options: Partial<PassageIndexOptions> = {}) {
    this.options = { ...DEFAULT_PASSAGE_INDEX_OPTIONS, ...options };
    this.miniSearch = new PassageMiniSearch(passageMiniSearchOptions(this.options));
  }

  /** Number of indexed documents. */
  get documentCount(): number {
    return this.docs.size;
  }

  /** Number of indexed passages. */
  get passageCount(): number {
    return this.livePassages;
  }

  /** Number of indexed sentences (the population of {@link sentenceFrequencyOf}). */
  get sentenceCount(): number {
    return this.sentences;
  }

  /** The id of a term, or undefined when the index has never seen it. */
  termId(term: string): number | undefined {
    return this.termIds.get(term);
  }

  private internTerm(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.termIds.set(term, id);
      this.terms.push(term);
      this.surfaces.push('');
      if (id >= this.sentenceFrequency.length) {
        const size = this.sentenceFrequency.length * 2;
        this.sentenceFrequency = grow(this.sentenceFrequency, size);
        this.termSeen = grow(this.termSeen, size);
      }
    }
    return id;
  }

  /**
   * How many statements each speaker has (speakers as the documents name them), as the snapshot
   * this index was restored from listed them, while no document has been added or removed since;
   * else null (then count the documents' statements).
   */
  restoredSpeakerCounts(): ReadonlyMap<string, number> | null {
    return this.speakerCounts;
  }

  /** Adds a document, replacing any document with the same id. */
  add(doc: CorpusDocument): void {
    this.speakerCounts = null;
    if (this.docs.has(doc.id)) this.remove(doc.id);
    const { text } = doc;
    // Tokenize every sentence once: its terms (for MiniSearch's text field) and its unique terms.
    const sentenceTokens: number[][] = [];
    let uniqueTotal = 0;
    let ids: number[] = [];
    const onWord = (start: number, end: number): void => {
      const id = this.wordIds.idOf(text, start, end, this.resolveWord);
      if (id !== -1) ids.push(id);
    };
    for (const sentence of doc.sentences) {
      ids = [];
      scanWords(text, sentence.start, sentence.end, onWord);
      sentenceTokens.push(ids);
    }
    const termStart = new Int32Array(doc.sentences.length + 1);
    const uniqueIds: number[] = [];
    sentenceTokens.forEach((ids, s) => {
      termStart[s] = uniqueTotal;
      const stamp = ++this.termSeenStamp;
      for (const id of ids) {
        if (this.termSeen[id] === stamp) continue;
        this.termSeen[id] = stamp;
        uniqueIds.push(id);
        uniqueTotal++;
        if (this.sentenceFrequency[id]!++ === 0) this.vocabulary.set(this.terms[id]!, id);
      }
    });
    termStart[doc.sentences.length] = uniqueTotal;
    this.sentences += doc.sentences.length;
    const title = analyzeTerms(doc.meta.title ?? '');
    const titleTermIds = Int32Array.from(new Set(title.map((term) => this.internTerm(term))));
    const entry: IndexedDocument = { doc, keys: [], termStart, termIds: Int32Array.from(uniqueIds), titleTermIds };

    doc.passages.forEach((passage, index) => {
      const key = this.nextKey++;
      this.ensurePassageCapacity(key + 1);
      this.passageDoc[key] = entry;
      this.passageNumber[key] = index;
      this.livePassages++;
      const body: string[] = [];
      for (let s = passage.firstSentence; s <= passage.lastSentence; s++) {
        for (const id of sentenceTokens[s]!) body.push(this.terms[id]!);
      }
      this.miniSearch.add({ id: key, title, text: body });
      entry.keys.push(key);
    });
    this.docs.set(doc.id, entry);
    this.addBodyTerms(entry);
  }

  private ensurePassageCapacity(size: number): void {
    if (size <= this.passageNumber.length) return;
    this.passageNumber = grow(this.passageNumber, size);
    this.passageTermFrom = grow(this.passageTermFrom, size);
    this.passageTermTo = grow(this.passageTermTo, size);
  }

  /** Appends a document's sentence term ids to the flat array and records its passages' runs. */
  private addBodyTerms(entry: IndexedDocument): void {
    const base = this.bodyTermLength;
    if (base + entry.termIds.length > this.bodyTermIds.length) {
      // A new array (the old one may be a snapshot's memory, never written to).
      let size = Math.max(1024, this.bodyTermIds.length);
      while (size < base + entry.termIds.length) size *= 2;
      const bigger = new Int32Array(size);
      bigger.set(this.bodyTermIds.subarray(0, base));
      this.bodyTermIds = bigger;
    }
    this.bodyTermIds.set(entry.termIds, base);
    this.bodyTermLength += entry.termIds.length;
    entry.doc.passages.forEach((passage, number) => {
      const key = entry.keys[number]!;
      this.passageTermFrom[key] = base + entry.termStart[passage.firstSentence]!;
      this.passageTermTo[key] = base + entry.termStart[passage.lastSentence + 1]!;
    });
  }

  /** Rewrites the flat term array without the gaps removed documents left. */
  private compactBodyTerms(): void {
    const live = this.bodyTermLength - this.deadBodyTerms;
    this.bodyTermIds = new Int32Array(Math.max(1024, live));
    this.bodyTermLength = 0;
    this.deadBodyTerms = 0;
    for (const entry of this.docs.values()) this.addBodyTerms(entry);
  }

  /** Removes a document (MiniSearch's `discard` of its passages); unknown ids are ignored. */
  remove(docId: string): void {
    const entry = this.docs.get(docId);
    if (!entry) return;
    this.speakerCounts = null;
    this.miniSearch.discardAll(entry.keys);
    for (const key of entry.keys) this.passageDoc[key] = undefined;
    this.livePassages -= entry.keys.length;
    for (const id of entry.termIds) {
      if (--this.sentenceFrequency[id]! === 0) this.vocabulary.delete(this.terms[id]!);
    }
    this.sentences -= entry.doc.sentences.length;
    this.docs.delete(docId);
    this.deadBodyTerms += entry.termIds.length;
    if (this.deadBodyTerms > 1024 && this.deadBodyTerms > this.bodyTermLength / 2) this.compactBodyTerms();
  }

  /**
   * Drops references to removed passages from MiniSearch's postings now (MiniSearch also does it
   * by itself, in the background, once enough passages were discarded).
   */
  vacuum(): Promise<void> {
    return this.miniSearch.vacuum();
  }

  /**
   * The index as flat arrays: documents with the term ids of their sentences, the vocabulary and
   * MiniSearch's own state. Restoring it with {@link PassageIndex.restore} ranks exactly alike.
   */
  exportState(): IndexState {
    let sentenceTotal = 0;
    let termTotal = 0;
    let passageTotal = 0;
    let titleTotal = 0;
    for (const entry of this.docs.values()) {
      sentenceTotal += entry.doc.sentences.length;
      termTotal += entry.termIds.length;
      passageTotal += entry.keys.length;
      titleTotal += entry.titleTermIds.length;
    }
    const titleTermStart = new Int32Array(this.docs.size + 1);
    const titleTermIds = new Int32Array(titleTotal);
    const documents: CorpusDocument[] = [];
    const sentenceTermStart = new Int32Array(sentenceTotal + 1);
    const sentenceTermIds = new Int32Array(termTotal);
    const documentSentenceBase = new Int32Array(this.docs.size + 1);
    const passageKeys = new Int32Array(passageTotal);
    let sentenceBase = 0;
    let termBase = 0;
    let passageBase = 0;
    for (const entry of this.docs.values()) {
      documentSentenceBase[documents.length] = sentenceBase;
      documents.push(entry.doc);
      const count = entry.doc.sentences.length;
      for (let i = 0; i < count; i++) sentenceTermStart[sentenceBase + i] = termBase + entry.termStart[i]!;
      sentenceTermIds.set(entry.termIds, termBase);
      passageKeys.set(entry.keys, passageBase);
      titleTermStart[documents.length] = titleTermStart[documents.length - 1]! + entry.titleTermIds.length;
      titleTermIds.set(entry.titleTermIds, titleTermStart[documents.length - 1]!);
      sentenceBase += count;
      termBase += entry.termIds.length;
      passageBase += entry.keys.length;
    }
    sentenceTermStart[sentenceTotal] = termBase;
    documentSentenceBase[documents.length] = sentenceBase;
    return {
      options: { ...this.options },
      documents,
      terms: [...this.terms],
      surfaces: [...this.surfaces],
      sentenceFrequency: this.sentenceFrequency.slice(0, this.terms.length),
      sentenceTermStart,
      sentenceTermIds,
      documentSentenceBase,
      passageKeys,
      titleTermStart,
      titleTermIds,
      nextKey: this.nextKey,
      miniSearch: this.miniSearch.exportState(this.termIds),
    };
  }

  /** An index in the state {@link exportState} gave (documents included). */
  static restore(state: IndexState): PassageIndex {
    const index = new PassageIndex(state.options);
    const termCount = state.terms.length;
    const capacity = Math.max(1024, termCount);
    index.terms = state.terms;
    index.surfaces = state.surfaces;
    state.terms.forEach((term, id) => index.termIds.set(term, id));
    // Counters change as documents come and go: a copy, never a view on the snapshot's memory.
    index.sentenceFrequency = new Int32Array(capacity);
    index.sentenceFrequency.set(state.sentenceFrequency);
    index.termSeen = new Int32Array(capacity);
    for (let id = 0; id < termCount; id++) if (index.sentenceFrequency[id]! > 0) index.vocabulary.set(state.terms[id]!, id);
    index.miniSearch = PassageMiniSearch.fromState(state.miniSearch, state.terms, passageMiniSearchOptions(index.options));
    index.nextKey = state.nextKey;
    index.ensurePassageCapacity(state.nextKey);
    index.passageDoc = new Array(state.nextKey);
    let passage = 0;
    const layout = state.passageLayout;
    const { sentenceTermStart, documentSentenceBase, passageKeys } = state;
    const arrays: EntryArrays = { sentenceTermStart, sentenceTermIds: state.sentenceTermIds, documentSentenceBase, passageKeys, titleTermStart: state.titleTermStart, titleTermIds: state.titleTermIds };
    state.documents.forEach((doc, d) => {
      const first = documentSentenceBase[d]!;
      const count = documentSentenceBase[d + 1]! - first;
      // A snapshot's passages are read from its flat arrays (its documents make theirs on first use).
      const passages = layout === undefined ? doc.passages.length : layout.documentPassageBase[d + 1]! - layout.documentPassageBase[d]!;
      const entry = new RestoredEntry(doc, arrays, d, passage, passages);
      for (let number = 0; number < passages; number++) {
        const key = passageKeys[passage++]!;
        index.passageDoc[key] = entry;
        index.passageNumber[key] = number;
        let firstSentence: number;
        let lastSentence: number;
        if (layout === undefined) ({ firstSentence, lastSentence } = doc.passages[number]!);
        else {
          const at = (layout.documentPassageBase[d]! + number) * 4;
          firstSentence = layout.passages[at + 2]!;
          lastSentence = layout.passages[at + 3]!;
        }
        // Positions in the flat term array, as the document's own `termStart` would give them.
        index.passageTermFrom[key] = sentenceTermStart[first + firstSentence]!;
        index.passageTermTo[key] = sentenceTermStart[first + lastSentence + 1]!;
      }
      index.docs.set(doc.id, entry);
      index.sentences += count;
      index.livePassages += passages;
    });
    // The snapshot's flat term array as is (a view; appending copies it first).
    index.bodyTermIds = state.sentenceTermIds;
    index.bodyTermLength = state.sentenceTermIds.length;
    index.speakerCounts = state.speakerCounts ?? null;
    return index;
  }

  /** The indexed documents, in the order they were added. */
  documents(): CorpusDocument[] {
    return [...this.docs.values()].map((entry) => entry.doc);
  }

  /** One document by id. */
  document(docId: string): CorpusDocument | undefined {
    return this.docs.get(docId)?.doc;
  }

  /** The index entry of a document (term ids of its sentences). */
  entry(docId: string): IndexedDocument | undefined {
    return this.docs.get(docId);
  }

  /** Unique terms of a sentence of an indexed document. */
  termsOfSentence(docId: string, sentence: number): readonly string[] {
    const entry = this.docs.get(docId);
    if (!entry || sentence < 0 || sentence >= entry.termStart.length - 1) return [];
    const result: string[] = [];
    for (let i = entry.termStart[sentence]!; i < entry.termStart[sentence + 1]!; i++) result.push(this.terms[entry.termIds[i]!]!);
    return result;
  }

  /** In how many sentences a term occurs (0 when it is not in the vocabulary). */
  sentenceFrequencyOf(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : this.sentenceFrequency[id]!;
  }

  /** A word of the corpus that normalizes to `term` (for suggestions), if any. */
  surfaceOf(term: string): string | undefined {
    const id = this.termIds.get(term);
    return id === undefined ? undefined : this.surfaces[id] || undefined;
  }

  /** Inverse sentence frequency of a term: rare terms weigh more. */
  idf(term: string): number {
    const df = this.sentenceFrequencyOf(term);
    return Math.log(1 + (this.sentences + 1) / (df + 0.5));
  }

  /** Vocabulary terms within `distance` edits of `term`, most frequent first. */
  similarTerms(term: string, distance: number, limit = 3): string[] {
    return [...this.vocabulary.fuzzyGet(term, distance)]
      .filter(([candidate]) => candidate !== term)
      .map(([candidate, [id, edits]]) => [candidate, edits, this.sentenceFrequency[id]!] as const)
      .sort((a, b) => a[1] - b[1] || b[2] - a[2])
      .slice(0, limit)
      .map(([candidate]) => candidate);
  }

  /** Vocabulary terms starting with `prefix`, most frequent first. */
  termsWithPrefix(prefix: string, limit = 3): string[] {
    return [...this.vocabulary.atPrefix(prefix)]
      .filter(([candidate]) => candidate !== prefix)
      .map(([candidate, id]) => [candidate, this.sentenceFrequency[id]!] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([candidate]) => candidate);
  }

  /**
   * In how many passages a term occurs, in either field, as MiniSearch counts them (an upper
   * bound: title and body counted apart, discarded passages counted until vacuumed).
   */
  passageFrequencyOf(term: string): number {
    return this.miniSearch.postingCount(term);
  }

  /**
   * Ranks passages for weighted index terms with MiniSearch: an OR query, the weights as
   * `boostTerm`, the title boost, and the candidates (document filter, passage rule or postings
   * budget) as `boostDocument`: a boost of 0 makes MiniSearch skip a posting before scoring it.
   *
   * @param weights index term → weight (1 for words asked, less for related words)
   * @param limit how many passages to return at most
   * @param options document filter; the rule a passage must meet; a budget of postings scored in full
   */
  search(
    weights: ReadonlyMap<string, number>,
    limit: number,
    options: PassageSearchOptions | ((doc: CorpusDocument) => boolean) = {},
  ): PassageHit[] {
    const { accept, rule, maxPostings = Infinity } = typeof options === 'function' ? { accept: options } : options;
    if (weights.size === 0 || limit <= 0) return [];
    if (rule !== undefined && rule.groups.length > 0) return this.searchByRule(weights, limit, accept, rule);

    // Past a budget of postings, the most frequent terms only add to passages that rarer terms
    // found (a passage holding none of the rarer terms would rank below those anyway, unless it
    // matched many frequent ones). The rarest term is always scored in full. MiniSearch runs the
    // sub-queries in order, so the rarer terms come first and mark the passages they find.
    const query: Array<{ term: string; postings: number; frequent: boolean }> = [];
    let total = 0;
    for (const term of weights.keys()) {
      const postings = this.miniSearch.postingCount(term);
      if (postings === 0) continue;
      query.push({ term, postings, frequent: false });
      total += postings;
    }
    if (query.length === 0) return [];
    let frequent: Set<string> | null = null;
    let ordered = query;
    if (maxPostings !== Infinity && total > maxPostings) {
      let budget = 0;
      [...query].sort((a, b) => a.postings - b.postings).forEach((q, rank) => {
        budget += q.postings;
        q.frequent = rank > 0 && budget > maxPostings;
      });
      ordered = [...query.filter((q) => !q.frequent), ...query.filter((q) => q.frequent)];
      frequent = new Set(query.filter((q) => q.frequent).map((q) => q.term));
      if (frequent.size === 0) frequent = null;
    }

    const stamp = ++this.queryStamp;
    if (frequent !== null && this.found.length < this.nextKey) this.found = new Int32Array(Math.max(1024, this.nextKey * 2));
    const found = this.found;
    const acceptCache = accept ? new Map<IndexedDocument, boolean>() : null;
    const searchOptions: SearchOptions = {
      boostTerm: (term) => weights.get(term) ?? 1,
    };
    if (accept || frequent !== null) {
      searchOptions.boostDocument = (key: number, term: string): number => {
        if (acceptCache !== null) {
          const entry = this.passageDoc[key];
          if (entry === undefined) return 0;
          let ok = acceptCache.get(entry);
          if (ok === undefined) acceptCache.set(entry, (ok = accept!(entry.doc)));
          if (!ok) return 0;
        }
        if (frequent !== null) {
          if (frequent.has(term)) return found[key] === stamp ? 1 : 0;
          found[key] = stamp;
        }
        return 1;
      };
    }
    return this.hits(this.miniSearch.search({ queries: ordered.map((q) => q.term), combineWith: 'OR' }, searchOptions), limit);
  }

  /** The first `limit` MiniSearch results as hits. */
  private hits(results: ReadonlyArray<{ id: unknown; score: number }>, limit: number): PassageHit[] {
    const hits: PassageHit[] = [];
    for (const result of results) {
      const key = result.id as number;
      const entry = this.passageDoc[key];
      if (entry === undefined) continue;
      hits.push({ doc: entry.doc, passage: entry.doc.passages[this.passageNumber[key]!]!, score: result.score });
      if (hits.length === limit) break;
    }
    return hits;
  }

  /**
   * {@link search} with a rule, in two MiniSearch queries:
   * 1. find: the postings (headline and body) of the fewest groups every acceptable article must
   *    match (the rarest required group, or the rarest `groups - minGroups + 1` groups), with a
   *    boost of 0, so MiniSearch scores nothing and only reports which passages hold them;
   * 2. the rule is checked on the articles of those passages (headline and all sentences, on the
   *    term ids kept beside MiniSearch), then MiniSearch scores every query term, in both fields,
   *    for all passages of the articles that meet it, and only those: the sentence that answers
   *    often refers back to a name only the headline or lead holds.
   */
  /**
   * The `max` articles (given by first passage key) holding the most finder bits, the earlier ones
   * first among equals: counted into buckets by bits held, only the last bucket taken is sorted.
   */
  private mostFound(articles: readonly number[], bits: Int32Array, max: number): IndexedDocument[] {
    const entryOf = (first: number): IndexedDocument => this.passageDoc[first]!;
    if (articles.length <= max) return articles.map(entryOf);
    const buckets: number[][] = Array.from({ length: 32 }, () => []);
    for (const first of articles) buckets[bitCount(bits[first]!)]!.push(first);
    const chosen: number[] = [];
    for (let count = 31; count >= 0 && chosen.length < max; count--) {
      const bucket = buckets[count]!;
      if (chosen.length + bucket.length <= max) chosen.push(...bucket);
      else chosen.push(...Int32Array.from(bucket).sort().subarray(0, max - chosen.length));
    }
    return chosen.map(entryOf);
  }

  private searchByRule(
    weights: ReadonlyMap<string, number>,
    limit: number,
    accept: ((doc: CorpusDocument) => boolean) | undefined,
    rule: PassageRule,
  ): PassageHit[] {
    const { groups, minGroups } = rule;
    const maxScored = rule.maxScored ?? DEFAULT_MAX_SCORED;
    const maxChecked = rule.maxChecked ?? DEFAULT_MAX_CHECKED;
    const n = groups.length;
    const queryTerms: string[] = [];
    for (const term of weights.keys()) if (this.miniSearch.postingCount(term) > 0) queryTerms.push(term);
    if (queryTerms.length === 0) return [];

    // Which groups to look for: every acceptable article holds one of them.
    const cost = groups.map((group) => {
      let postings = 0;
      for (const term of group.variants.keys()) postings += this.miniSearch.postingCount(term);
      return postings;
    });
    const byCost = groups.map((_, g) => g).sort((a, b) => cost[a]! - cost[b]!);
    let finders = byCost.slice(0, Math.max(1, n - Math.max(0, minGroups) + 1));
    const required = byCost.find((g) => groups[g]!.required);
    if (required !== undefined && cost[required]! <= finders.reduce((sum, g) => sum + cost[g]!, 0)) finders = [required];
    // Only common words to look up (more postings than the budget): the rarest alone finds the
    // articles worth answering from; those lacking it could only rank below them.
    if (finders.length > 1 && finders.reduce((sum, g) => sum + cost[g]!, 0) > FINDER_BUDGET) finders = [finders[0]!];
    const finderTerms = new Set<string>();
    for (const g of finders) for (const term of groups[g]!.variants.keys()) if (this.miniSearch.postingCount(term) > 0) finderTerms.add(term);
    if (finderTerms.size === 0) return [];

    // Which finder groups each article holds (a bit each): the articles holding most of them are
    // checked first, and at most `maxChecked` are checked (the rule reads all of an article's terms).
    const finderBit = new Map<string, number>();
    finders.forEach((g, bit) => {
      for (const term of groups[g]!.variants.keys()) if (bit < 31) finderBit.set(term, (finderBit.get(term) ?? 0) | (1 << bit));
    });
    if (this.found.length < this.nextKey) this.found = new Int32Array(Math.max(1024, this.nextKey * 2));
    if (this.foundBits.length < this.found.length) this.foundBits = new Int32Array(this.found.length);
    const { found, foundBits } = this;
    const findStamp = ++this.queryStamp;
    const foundKeys: number[] = [];
    this.miniSearch.search(
      { queries: [...finderTerms], combineWith: 'OR' },
      {
        boostDocument: (key: number, term: string): number => {
          const bits = finderBit.get(term) ?? 0;
          if (found[key] !== findStamp) {
            found[key] = findStamp;
            foundBits[key] = bits;
            foundKeys.push(key);
          } else {
            foundBits[key] = foundBits[key]! | bits;
          }
          return 0;
        },
      },
    );
    // The finder groups each article holds (a bit each), summed over its passages, by its first passage key.
    if (this.articleStamp.length < found.length) {
      this.articleStamp = new Int32Array(found.length);
      this.articleBits = new Int32Array(found.length);
    }
    const { articleStamp, articleBits } = this;
    const articles: number[] = [];
    for (const key of foundKeys) {
      const first = this.passageDoc[key]?.keys[0];
      if (first === undefined) continue;
      if (articleStamp[first] !== findStamp) {
        articleStamp[first] = findStamp;
        articleBits[first] = 0;
        articles.push(first);
      }
      articleBits[first] = articleBits[first]! | foundBits[key]!;
    }
    const checked = this.mostFound(articles, articleBits, maxChecked);

    // The rule, on each found article's headline and sentences.
    const matcher = new GroupMatcher(groups, (term) => this.termIds.get(term), this.terms.length);
    const qualifying: Array<{ entry: IndexedDocument; coverage: number; order: number }> = [];
    for (const entry of checked) {
      if (accept !== undefined && !accept(entry.doc)) continue;
      const coverage = matcher.clear().add(entry.titleTermIds).add(entry.termIds).ruleCoverage(rule);
      if (coverage >= 0) qualifying.push({ entry, coverage, order: entry.keys[0] ?? 0 });
    }
    if (qualifying.length === 0) return [];

    // Too many passages to score: the articles covering the question best, then the earlier ones.
    const scoreStamp = ++this.queryStamp;
    qualifying.sort((a, b) => b.coverage - a.coverage || a.order - b.order);
    let left = maxScored;
    for (const { entry } of qualifying) {
      if (left <= 0) break;
      for (const key of entry.keys) found[key] = scoreStamp;
      left -= entry.keys.length;
    }
    const results = this.miniSearch.search(
      { queries: queryTerms, combineWith: 'OR' },
      { boostTerm: (term) => weights.get(term) ?? 1, boostDocument: (key: number) => (found[key] === scoreStamp ? 1 : 0) },
    );
    return this.hits(results, limit);
  }
}
