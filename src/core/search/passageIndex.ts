/**
 * The full-text index: BM25+ over passages (headline and body fields), plus per-sentence term
 * sets and sentence document frequencies used to pick and score sentences inside the passages
 * the index ranks. Supports adding, replacing and removing documents incrementally.
 *
 * Ranking is MiniSearch's, term for term (`minisearch` 7: BM25+ with k = 1.2, b = 0.7, d = 0.5,
 * field length = unique terms of the field, a title boost, per-term boosts, and the score
 * multiplied by the number of query terms matched; ties keep MiniSearch's order), but postings
 * are kept in typed arrays keyed by integer term ids instead of MiniSearch's nested maps. At
 * 50,000 articles, `MiniSearch.add` alone took 390 µs an article (more than the whole budget
 * for loading and indexing one) and an OR query over common terms allocated one result object
 * per matching passage; here a posting costs 6 bytes, adding is an array push, a query is a
 * loop over the postings of its terms, and the whole state serializes as flat arrays
 * (see `snapshot.ts`). The vocabulary lives in MiniSearch's `SearchableMap` (radix tree), which
 * answers fuzzy and prefix look-ups for typos and partial words.
 */
import SearchableMap from 'minisearch/SearchableMap';
import { forEachWord, terms as analyzeTerms, toTerm } from './analyzer.js';
import type { CorpusDocument, Passage } from '../corpus/types.js';
import type { IndexState, PostingsState } from './snapshot.js';

/** Options of {@link PassageIndex}. */
export interface PassageIndexOptions {
  /** Weight of a headline match relative to a body match. */
  titleBoost: number;
}

export const DEFAULT_PASSAGE_INDEX_OPTIONS: PassageIndexOptions = { titleBoost: 1.5 };

/** BM25+ parameters (MiniSearch's defaults). */
export const BM25 = { k: 1.2, b: 0.7, d: 0.5 } as const;

/** A passage returned by {@link PassageIndex.search}. */
export interface PassageHit {
  doc: CorpusDocument;
  passage: Passage;
  /** BM25+ score for the weighted query (MiniSearch's). */
  score: number;
}

/** Options of one {@link PassageIndex.search}. */
export interface PassageSearchOptions {
  /** Optional document filter (source, dates). */
  accept?: ((doc: CorpusDocument) => boolean) | undefined;
  /**
   * Budget of postings scored in full: past it, the most frequent terms are scored only inside
   * the passages that rarer terms found (they still add to those passages' scores). Default: no
   * limit, MiniSearch's exhaustive OR.
   */
  maxPostings?: number;
}

/** An indexed document. */
export interface IndexedDocument {
  doc: CorpusDocument;
  /** Passage ids of the document's passages, in order. */
  keys: number[];
  /** Term ids of each sentence, unique per sentence: sentence `s` is `termIds[termStart[s] .. termStart[s+1])`. */
  termStart: Int32Array;
  termIds: Int32Array<ArrayBufferLike>;
}

/** Words remembered by the indexer (the cache is dropped when full). */
const WORD_CACHE_LIMIT = 500_000;

const TITLE = 0;
const TEXT = 1;
const FIELDS = [TITLE, TEXT] as const;

/** A growable list of (passage id, term frequency) pairs. */
export class Postings {
  ids: Int32Array<ArrayBufferLike>;
  tfs: Uint16Array<ArrayBufferLike>;
  length = 0;

  constructor(capacity = 4) {
    this.ids = new Int32Array(capacity);
    this.tfs = new Uint16Array(capacity);
  }

  push(id: number, tf: number): void {
    if (this.length === this.ids.length) {
      const ids = new Int32Array(Math.max(4, this.length * 2));
      ids.set(this.ids);
      this.ids = ids;
      const tfs = new Uint16Array(Math.max(4, this.length * 2));
      tfs.set(this.tfs);
      this.tfs = tfs;
    }
    this.ids[this.length] = id;
    this.tfs[this.length] = tf > 0xffff ? 0xffff : tf;
    this.length++;
  }

  /** Drops the postings of passages that are no longer alive (into new arrays: the old may be a snapshot's memory). */
  compact(alive: Uint8Array): void {
    const ids = new Int32Array(Math.max(4, this.length));
    const tfs = new Uint16Array(ids.length);
    let kept = 0;
    for (let i = 0; i < this.length; i++) {
      const id = this.ids[i]!;
      if (alive[id] === 1) {
        ids[kept] = id;
        tfs[kept] = this.tfs[i]!;
        kept++;
      }
    }
    this.ids = ids;
    this.tfs = tfs;
    this.length = kept;
  }
}

function grow<T extends Int32Array | Float64Array | Uint8Array>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  let size = Math.max(16, array.length);
  while (size < needed) size *= 2;
  const bigger = new (array.constructor as new (n: number) => T)(size);
  bigger.set(array);
  return bigger;
}

/** BM25+ index over passages, with sentence statistics. */
export class PassageIndex {
  readonly options: PassageIndexOptions;
  // ---- vocabulary
  private readonly termIds = new Map<string, number>();
  /** word as written → term id (-1 for a stop word): one look-up a token when indexing. */
  private readonly wordIds = new Map<string, number>();
  /** term id → term. */
  terms: string[] = [];
  /** term id → a word of the corpus that normalizes to it (for suggestions), '' when unseen in a sentence. */
  surfaces: string[] = [];
  /** term id → in how many live sentences it occurs. */
  sentenceFrequency: Int32Array = new Int32Array(1024);
  /** Terms with a sentence frequency above 0, for fuzzy and prefix look-ups (value: term id). */
  private vocabulary = new SearchableMap<number>();
  // ---- postings: per field, term id → passages
  postings: [Array<Postings | undefined>, Array<Postings | undefined>] = [[], []];
  /** Live passages holding the term, per field. */
  passageFrequency: [Int32Array, Int32Array] = [new Int32Array(1024) as Int32Array, new Int32Array(1024) as Int32Array];
  // ---- passages
  /** passage id → 1 while its document is indexed. */
  alive = new Uint8Array(1024);
  /** passage id → unique terms in each field. */
  fieldLength: [Int32Array, Int32Array] = [new Int32Array(1024) as Int32Array, new Int32Array(1024) as Int32Array];
  /** Average field lengths over live passages, updated as MiniSearch does. */
  averageFieldLength: [number, number] = [0, 0];
  /** passage id → document (undefined once removed) and index of the passage in it. */
  passageDoc: Array<IndexedDocument | undefined> = [];
  passageNumber = new Int32Array(1024);
  nextKey = 0;
  livePassages = 0;
  deadPassages = 0;
  sentences = 0;
  readonly docs = new Map<string, IndexedDocument>();
  // ---- scratch space of a query
  private scores = new Float64Array(0);
  private partial = new Float64Array(0);
  private matched = new Int32Array(0);
  private stamp = new Int32Array(0);
  private termMark = new Int32Array(0);
  private termMarkStamp = new Int32Array(0);
  private queryStamp = 0;
  private termCounter = new Int32Array(1024);
  private termSeen = new Int32Array(1024);
  private termSeenStamp = 0;

  constructor(options: Partial<PassageIndexOptions> = {}) {
    this.options = { ...DEFAULT_PASSAGE_INDEX_OPTIONS, ...options };
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
        this.passageFrequency = [grow(this.passageFrequency[0], size), grow(this.passageFrequency[1], size)];
        this.termCounter = grow(this.termCounter, size);
        this.termSeen = grow(this.termSeen, size);
      }
    }
    return id;
  }

  /** Adds a document, replacing any document with the same id. */
  add(doc: CorpusDocument): void {
    if (this.docs.has(doc.id)) this.remove(doc.id);
    const { text } = doc;
    // Tokenize every sentence once: unique terms per sentence, term frequencies per passage.
    const sentenceTokens: number[][] = [];
    let uniqueTotal = 0;
    for (const sentence of doc.sentences) {
      const ids: number[] = [];
      forEachWord(text.slice(sentence.start, sentence.end), (word) => {
        let id = this.wordIds.get(word);
        if (id === undefined) {
          const term = toTerm(word);
          id = term === null ? -1 : this.internTerm(term);
          if (id !== -1 && this.surfaces[id] === '') this.surfaces[id] = word.toLowerCase();
          if (this.wordIds.size >= WORD_CACHE_LIMIT) this.wordIds.clear();
          this.wordIds.set(word, id);
        }
        if (id !== -1) ids.push(id);
      });
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
    const entry: IndexedDocument = { doc, keys: [], termStart, termIds: Int32Array.from(uniqueIds) };

    const titleIds = analyzeTerms(doc.meta.title ?? '').map((term) => this.internTerm(term));
    doc.passages.forEach((passage, index) => {
      const key = this.nextKey++;
      this.ensurePassageCapacity(key + 1);
      this.passageDoc[key] = entry;
      this.passageNumber[key] = index;
      this.alive[key] = 1;
      this.livePassages++;
      this.addField(key, TITLE, [titleIds]);
      this.addField(key, TEXT, sentenceTokens.slice(passage.firstSentence, passage.lastSentence + 1));
      entry.keys.push(key);
    });
    this.docs.set(doc.id, entry);
  }

  private addField(key: number, field: number, tokenLists: number[][]): void {
    const stamp = ++this.termSeenStamp;
    const unique: number[] = [];
    for (const ids of tokenLists) {
      for (const id of ids) {
        if (this.termSeen[id] !== stamp) {
          this.termSeen[id] = stamp;
          this.termCounter[id] = 0;
          unique.push(id);
        }
        this.termCounter[id]!++;
      }
    }
    const postings = this.postings[field]!;
    const frequency = this.passageFrequency[field]!;
    for (const id of unique) {
      let list = postings[id];
      if (list === undefined) postings[id] = list = new Postings();
      list.push(key, this.termCounter[id]!);
      frequency[id]!++;
    }
    this.fieldLength[field]![key] = unique.length;
    // MiniSearch's running average (documentCount includes this passage).
    const count = this.livePassages - 1;
    this.averageFieldLength[field] = (this.averageFieldLength[field]! * count + unique.length) / (count + 1);
  }

  private ensurePassageCapacity(size: number): void {
    if (size <= this.alive.length) return;
    this.alive = grow(this.alive, size);
    this.fieldLength = [grow(this.fieldLength[0], size), grow(this.fieldLength[1], size)];
    this.passageNumber = grow(this.passageNumber, size);
  }

  /** Removes a document; unknown ids are ignored. */
  remove(docId: string): void {
    const entry = this.docs.get(docId);
    if (!entry) return;
    for (const key of entry.keys) {
      // MiniSearch's discard: the field length averages drop the passage; postings are vacuumed later.
      for (const field of FIELDS) {
        const count = this.livePassages;
        const length = this.fieldLength[field]![key]!;
        this.averageFieldLength[field] = count === 1 ? 0 : (this.averageFieldLength[field]! * count - length) / (count - 1);
      }
      this.alive[key] = 0;
      this.passageDoc[key] = undefined;
      this.livePassages--;
      this.deadPassages++;
    }
    const titleIds = new Set(analyzeTerms(entry.doc.meta.title ?? '').map((t) => this.termIds.get(t)!));
    for (const key of entry.keys) {
      void key;
      for (const id of titleIds) this.passageFrequency[TITLE]![id]!--;
    }
    for (const passage of entry.doc.passages) {
      const stamp = ++this.termSeenStamp;
      for (let s = passage.firstSentence; s <= passage.lastSentence; s++) {
        for (let i: number = entry.termStart[s]!; i < entry.termStart[s + 1]!; i++) {
          const id = entry.termIds[i]!;
          if (this.termSeen[id] === stamp) continue;
          this.termSeen[id] = stamp;
          this.passageFrequency[TEXT]![id]!--;
        }
      }
    }
    for (const id of entry.termIds) {
      if (--this.sentenceFrequency[id]! === 0) this.vocabulary.delete(this.terms[id]!);
    }
    this.sentences -= entry.doc.sentences.length;
    this.docs.delete(docId);
    if (this.deadPassages > 64 && this.deadPassages > this.livePassages * 0.25) this.vacuum();
  }

  /** Drops postings of removed passages. */
  vacuum(): void {
    for (const field of FIELDS) for (const list of this.postings[field]!) list?.compact(this.alive);
    this.deadPassages = 0;
  }

  /**
   * The index as flat arrays, passages renumbered in document order (removed ones dropped):
   * the snapshot's content. Restoring it with {@link PassageIndex.restore} ranks exactly alike.
   */
  exportState(): IndexState {
    const renumber = new Int32Array(this.nextKey).fill(-1);
    let passages = 0;
    let sentenceTotal = 0;
    let termTotal = 0;
    for (const entry of this.docs.values()) {
      for (const key of entry.keys) renumber[key] = passages++;
      sentenceTotal += entry.doc.sentences.length;
      termTotal += entry.termIds.length;
    }
    const postings = FIELDS.map((field): PostingsState => {
      const lists = this.postings[field];
      const offsets = new Int32Array(this.terms.length + 1);
      let total = 0;
      for (let t = 0; t < this.terms.length; t++) {
        offsets[t] = total;
        const list = lists[t];
        if (list) for (let i = 0; i < list.length; i++) if (renumber[list.ids[i]!]! >= 0) total++;
      }
      offsets[this.terms.length] = total;
      const ids = new Int32Array(total);
      const tfs = new Uint16Array(total);
      let n = 0;
      for (let t = 0; t < this.terms.length; t++) {
        const list = lists[t];
        if (!list) continue;
        for (let i = 0; i < list.length; i++) {
          const key = renumber[list.ids[i]!]!;
          if (key < 0) continue;
          ids[n] = key;
          tfs[n] = list.tfs[i]!;
          n++;
        }
      }
      return { offsets, ids, tfs };
    }) as [PostingsState, PostingsState];
    const fieldLength = FIELDS.map(() => new Int32Array(passages)) as [Int32Array, Int32Array];
    for (let key = 0; key < this.nextKey; key++) {
      const to = renumber[key]!;
      if (to < 0) continue;
      fieldLength[TITLE][to] = this.fieldLength[TITLE][key]!;
      fieldLength[TEXT][to] = this.fieldLength[TEXT][key]!;
    }
    const documents: CorpusDocument[] = [];
    const sentenceTermStart = new Int32Array(sentenceTotal + 1);
    const sentenceTermIds = new Int32Array(termTotal);
    const documentSentenceBase = new Int32Array(this.docs.size + 1);
    let sentenceBase = 0;
    let termBase = 0;
    for (const entry of this.docs.values()) {
      documentSentenceBase[documents.length] = sentenceBase;
      documents.push(entry.doc);
      const count = entry.doc.sentences.length;
      for (let i = 0; i < count; i++) sentenceTermStart[sentenceBase + i] = termBase + entry.termStart[i]!;
      sentenceTermIds.set(entry.termIds, termBase);
      sentenceBase += count;
      termBase += entry.termIds.length;
    }
    sentenceTermStart[sentenceTotal] = termBase;
    documentSentenceBase[documents.length] = sentenceBase;
    return {
      options: { ...this.options },
      documents,
      terms: [...this.terms],
      surfaces: [...this.surfaces],
      sentenceFrequency: this.sentenceFrequency.slice(0, this.terms.length),
      passageFrequency: [this.passageFrequency[TITLE].slice(0, this.terms.length), this.passageFrequency[TEXT].slice(0, this.terms.length)],
      postings,
      fieldLength,
      averageFieldLength: [...this.averageFieldLength],
      sentenceTermStart,
      sentenceTermIds,
      documentSentenceBase,
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
    // Counters change as documents come and go: copies, never views on the snapshot's memory.
    const counters = (values: Int32Array): Int32Array => {
      const copy = new Int32Array(capacity);
      copy.set(values);
      return copy;
    };
    index.sentenceFrequency = counters(state.sentenceFrequency);
    index.passageFrequency = [counters(state.passageFrequency[0]), counters(state.passageFrequency[1])];
    index.termCounter = new Int32Array(capacity);
    index.termSeen = new Int32Array(capacity);
    for (let id = 0; id < termCount; id++) if (index.sentenceFrequency[id]! > 0) index.vocabulary.set(state.terms[id]!, id);
    for (const field of FIELDS) {
      const { offsets, ids, tfs } = state.postings[field];
      const lists = index.postings[field];
      for (let t = 0; t < termCount; t++) {
        const from = offsets[t]!;
        const to = offsets[t + 1]!;
        if (to === from) continue;
        const list = new Postings(0);
        list.ids = ids.subarray(from, to);
        list.tfs = tfs.subarray(from, to);
        list.length = to - from;
        lists[t] = list;
      }
    }
    const passages = state.fieldLength[TITLE].length;
    index.ensurePassageCapacity(passages);
    index.fieldLength = FIELDS.map((field) => {
      const copy = new Int32Array(index.alive.length);
      copy.set(state.fieldLength[field]);
      return copy;
    }) as [Int32Array, Int32Array];
    index.averageFieldLength = [...state.averageFieldLength];
    index.alive.fill(1, 0, passages);
    index.passageDoc = new Array(passages);
    let key = 0;
    state.documents.forEach((doc, d) => {
      const first = state.documentSentenceBase[d]!;
      const count = doc.sentences.length;
      const termBase = state.sentenceTermStart[first]!;
      const termEnd = state.sentenceTermStart[first + count]!;
      const termStart = new Int32Array(count + 1);
      for (let i = 0; i <= count; i++) termStart[i] = state.sentenceTermStart[first + i]! - termBase;
      const entry: IndexedDocument = { doc, keys: [], termStart, termIds: state.sentenceTermIds.subarray(termBase, termEnd) };
      doc.passages.forEach((_, number) => {
        index.passageDoc[key] = entry;
        index.passageNumber[key] = number;
        entry.keys.push(key++);
      });
      index.docs.set(doc.id, entry);
      index.sentences += count;
    });
    index.nextKey = passages;
    index.livePassages = passages;
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

  /** In how many live passages a term occurs, in either field (an upper bound: title and body counted apart). */
  passageFrequencyOf(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : this.passageFrequency[TITLE][id]! + this.passageFrequency[TEXT][id]!;
  }

  /**
   * Ranks passages for weighted index terms (weights multiply BM25+ per term), as MiniSearch
   * would with `boostTerm` and the title boost.
   *
   * @param weights index term → weight (1 for words asked, less for related words)
   * @param limit how many passages to return at most
   * @param options document filter; a cap on the postings scanned per term
   */
  search(
    weights: ReadonlyMap<string, number>,
    limit: number,
    options: PassageSearchOptions | ((doc: CorpusDocument) => boolean) = {},
  ): PassageHit[] {
    const { accept, maxPostings = Infinity } = typeof options === 'function' ? { accept: options } : options;
    if (weights.size === 0 || limit <= 0) return [];
    this.prepareScratch();
    const stamp = ++this.queryStamp;
    const touched: number[] = [];
    const fieldBoosts = [this.options.titleBoost, 1];
    const total = this.livePassages;
    const { k, b, d } = BM25;

    // Past a budget of postings, the most frequent terms only add to passages that rarer terms
    // found (a passage holding none of the rarer terms would rank below those anyway, unless
    // it matched many frequent ones). The rarest term is always scanned in full.
    const query: Array<{ id: number; boost: number; frequent: boolean; postings: number }> = [];
    for (const [term, boost] of weights) {
      const id = this.termIds.get(term);
      if (id === undefined) continue;
      query.push({ id, boost, frequent: false, postings: this.passageFrequency[TITLE][id]! + this.passageFrequency[TEXT][id]! });
    }
    let ordered = query;
    if (maxPostings !== Infinity && query.reduce((sum, q) => sum + q.postings, 0) > maxPostings) {
      let budget = 0;
      [...query].sort((a, b) => a.postings - b.postings).forEach((q, rank) => {
        budget += q.postings;
        q.frequent = rank > 0 && budget > maxPostings;
      });
      ordered = [...query.filter((q) => !q.frequent), ...query.filter((q) => q.frequent)];
    }

    for (let qi = 0; qi < ordered.length; qi++) {
      const { id, boost, frequent: restricted } = ordered[qi]!;
      const termTouched: number[] = [];
      for (const field of FIELDS) {
        const list = this.postings[field][id];
        if (list === undefined) continue;
        const matching = this.passageFrequency[field][id]!;
        if (matching === 0) continue;
        const lengths = this.fieldLength[field];
        const average = this.averageFieldLength[field]!;
        const fieldBoost = fieldBoosts[field]!;
        const idf = Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
        const { ids, tfs } = list;
        const n = list.length;
        for (let i = 0; i < n; i++) {
          const key = ids[i]!;
          if (this.alive[key] !== 1) continue;
          if (restricted && this.stamp[key] !== stamp) continue;
          const tf = tfs[i]!;
          const raw = idf * (d + (tf * (k + 1)) / (tf + k * (1 - b + (b * lengths[key]!) / average)));
          const weighted = 1 * boost * fieldBoost * 1 * raw;
          if (this.stamp[key] !== stamp) {
            this.stamp[key] = stamp;
            this.scores[key] = 0;
            this.matched[key] = 0;
            touched.push(key);
          }
          if (this.termMark[key] !== qi + 1 || this.termMarkStamp[key] !== stamp) {
            this.termMark[key] = qi + 1;
            this.termMarkStamp[key] = stamp;
            this.partial[key] = weighted;
            this.matched[key]!++;
            termTouched.push(key);
          } else {
            this.partial[key]! += weighted;
          }
        }
      }
      for (const key of termTouched) this.scores[key]! += this.partial[key]!;
    }

    // Top `limit` by score (times the terms matched), ties in first-seen order, as MiniSearch sorts.
    const heapKeys: number[] = [];
    const heapScores: number[] = [];
    const heapOrder: number[] = [];
    const worse = (i: number, j: number): boolean =>
      heapScores[i]! < heapScores[j]! || (heapScores[i] === heapScores[j] && heapOrder[i]! > heapOrder[j]!);
    const swap = (i: number, j: number): void => {
      [heapKeys[i], heapKeys[j]] = [heapKeys[j]!, heapKeys[i]!];
      [heapScores[i], heapScores[j]] = [heapScores[j]!, heapScores[i]!];
      [heapOrder[i], heapOrder[j]] = [heapOrder[j]!, heapOrder[i]!];
    };
    const acceptCache = new Map<IndexedDocument, boolean>();
    for (let order = 0; order < touched.length; order++) {
      const key = touched[order]!;
      const score = this.scores[key]! * (this.matched[key]! || 1);
      if (heapKeys.length === limit) {
        const rootScore = heapScores[0]!;
        if (score < rootScore || (score === rootScore && order > heapOrder[0]!)) continue;
      }
      if (accept) {
        const entry = this.passageDoc[key]!;
        let ok = acceptCache.get(entry);
        if (ok === undefined) acceptCache.set(entry, (ok = accept(entry.doc)));
        if (!ok) continue;
      }
      if (heapKeys.length < limit) {
        heapKeys.push(key);
        heapScores.push(score);
        heapOrder.push(order);
        for (let i = heapKeys.length - 1; i > 0; ) {
          const parent = (i - 1) >> 1;
          if (!worse(i, parent)) break;
          swap(i, parent);
          i = parent;
        }
      } else {
        heapKeys[0] = key;
        heapScores[0] = score;
        heapOrder[0] = order;
        for (let i = 0; ; ) {
          const left = 2 * i + 1;
          const right = left + 1;
          let smallest = i;
          if (left < heapKeys.length && worse(left, smallest)) smallest = left;
          if (right < heapKeys.length && worse(right, smallest)) smallest = right;
          if (smallest === i) break;
          swap(i, smallest);
          i = smallest;
        }
      }
    }
    const ranked = heapKeys.map((key, i) => ({ key, score: heapScores[i]!, order: heapOrder[i]! }));
    ranked.sort((x, y) => y.score - x.score || x.order - y.order);
    return ranked.map(({ key, score }) => {
      const entry = this.passageDoc[key]!;
      return { doc: entry.doc, passage: entry.doc.passages[this.passageNumber[key]!]!, score };
    });
  }

  private prepareScratch(): void {
    const size = this.nextKey;
    if (this.scores.length >= size) return;
    const capacity = Math.max(1024, size * 2);
    this.scores = new Float64Array(capacity);
    this.partial = new Float64Array(capacity);
    this.matched = new Int32Array(capacity);
    this.stamp = new Int32Array(capacity);
    this.termMark = new Int32Array(capacity);
    this.termMarkStamp = new Int32Array(capacity);
  }
}
