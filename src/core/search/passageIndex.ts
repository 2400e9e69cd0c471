/**
 * The full-text index: MiniSearch over passages (headline and body fields), plus per-sentence
 * term sets and sentence document frequencies used to pick and score sentences inside the
 * passages MiniSearch ranks. Supports adding, replacing and removing documents incrementally.
 */
import MiniSearch from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import { terms as analyzeTerms, tokenize } from './analyzer.js';
import type { CorpusDocument, Passage } from '../corpus/types.js';

/** Options of {@link PassageIndex}. */
export interface PassageIndexOptions {
  /** Weight of a headline match relative to a body match. */
  titleBoost: number;
}

const DEFAULT_OPTIONS: PassageIndexOptions = { titleBoost: 1.5 };

/** A passage returned by {@link PassageIndex.search}. */
export interface PassageHit {
  doc: CorpusDocument;
  passage: Passage;
  /** MiniSearch's BM25 score for the weighted query. */
  score: number;
}

interface IndexedDocument {
  doc: CorpusDocument;
  /** MiniSearch ids of the document's passages, in order. */
  keys: number[];
  /** Unique terms of each sentence. */
  sentenceTerms: string[][];
}

interface PassageEntry {
  docId: string;
  passage: number;
}

/** MiniSearch over passages, with sentence statistics. */
export class PassageIndex {
  private readonly options: PassageIndexOptions;
  private readonly search_: MiniSearch<{ id: number; title: string; text: string }>;
  private readonly docs = new Map<string, IndexedDocument>();
  private readonly passages = new Map<number, PassageEntry>();
  private readonly sentenceFrequency = new SearchableMap<number>();
  private readonly surfaces = new Map<string, string>();
  private nextKey = 0;
  private sentences = 0;

  constructor(options: Partial<PassageIndexOptions> = {}) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
    this.search_ = new MiniSearch({
      fields: ['title', 'text'],
      tokenize: (text) => analyzeTerms(text),
      processTerm: (term) => term,
      searchOptions: {
        tokenize: (query) => query.split(' '),
        processTerm: (term) => term,
        boost: { title: this.options.titleBoost },
      },
    });
  }

  /** Number of indexed documents. */
  get documentCount(): number {
    return this.docs.size;
  }

  /** Number of indexed passages. */
  get passageCount(): number {
    return this.passages.size;
  }

  /** Number of indexed sentences (the population of {@link sentenceFrequencyOf}). */
  get sentenceCount(): number {
    return this.sentences;
  }

  /** Adds a document, replacing any document with the same id. */
  add(doc: CorpusDocument): void {
    if (this.docs.has(doc.id)) this.remove(doc.id);
    const sentenceTerms = doc.sentences.map((s) => {
      const unique = new Set<string>();
      for (const token of tokenize(doc.text.slice(s.start, s.end))) {
        unique.add(token.term);
        if (!this.surfaces.has(token.term)) this.surfaces.set(token.term, token.word.toLowerCase());
      }
      return [...unique];
    });
    for (const termsOfSentence of sentenceTerms) {
      for (const term of termsOfSentence) this.sentenceFrequency.update(term, (n = 0) => n + 1);
    }
    this.sentences += sentenceTerms.length;
    const title = doc.meta.title ?? '';
    const keys = doc.passages.map((passage, index) => {
      const key = this.nextKey++;
      this.passages.set(key, { docId: doc.id, passage: index });
      this.search_.add({ id: key, title, text: doc.text.slice(passage.start, passage.end) });
      return key;
    });
    this.docs.set(doc.id, { doc, keys, sentenceTerms });
  }

  /** Removes a document; unknown ids are ignored. */
  remove(docId: string): void {
    const entry = this.docs.get(docId);
    if (!entry) return;
    for (const key of entry.keys) {
      this.search_.discard(key);
      this.passages.delete(key);
    }
    for (const termsOfSentence of entry.sentenceTerms) {
      for (const term of termsOfSentence) {
        const count = (this.sentenceFrequency.get(term) ?? 1) - 1;
        if (count <= 0) this.sentenceFrequency.delete(term);
        else this.sentenceFrequency.set(term, count);
      }
    }
    this.sentences -= entry.sentenceTerms.length;
    this.docs.delete(docId);
  }

  /** The indexed documents, in the order they were added. */
  documents(): CorpusDocument[] {
    return [...this.docs.values()].map((entry) => entry.doc);
  }

  /** One document by id. */
  document(docId: string): CorpusDocument | undefined {
    return this.docs.get(docId)?.doc;
  }

  /** Unique terms of a sentence of an indexed document. */
  termsOfSentence(docId: string, sentence: number): readonly string[] {
    return this.docs.get(docId)?.sentenceTerms[sentence] ?? [];
  }

  /** In how many sentences a term occurs (0 when it is not in the vocabulary). */
  sentenceFrequencyOf(term: string): number {
    return this.sentenceFrequency.get(term) ?? 0;
  }

  /** A word of the corpus that normalizes to `term` (for suggestions), if any. */
  surfaceOf(term: string): string | undefined {
    return this.surfaces.get(term);
  }

  /** Inverse sentence frequency of a term: rare terms weigh more. */
  idf(term: string): number {
    const df = this.sentenceFrequencyOf(term);
    return Math.log(1 + (this.sentences + 1) / (df + 0.5));
  }

  /** Vocabulary terms within `distance` edits of `term`, most frequent first. */
  similarTerms(term: string, distance: number, limit = 3): string[] {
    return [...this.sentenceFrequency.fuzzyGet(term, distance)]
      .filter(([candidate]) => candidate !== term)
      .sort((a, b) => a[1][1] - b[1][1] || b[1][0] - a[1][0])
      .slice(0, limit)
      .map(([candidate]) => candidate);
  }

  /** Vocabulary terms starting with `prefix`, most frequent first. */
  termsWithPrefix(prefix: string, limit = 3): string[] {
    return [...this.sentenceFrequency.atPrefix(prefix)]
      .filter(([candidate]) => candidate !== prefix)
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([candidate]) => candidate);
  }

  /**
   * Ranks passages for weighted index terms (weights multiply BM25 per term).
   *
   * @param weights index term → weight (1 for words asked, less for related words)
   * @param limit how many passages to return at most
   * @param accept optional document filter (source, dates)
   */
  search(weights: ReadonlyMap<string, number>, limit: number, accept?: (doc: CorpusDocument) => boolean): PassageHit[] {
    if (weights.size === 0) return [];
    const query = [...weights.keys()].join(' ');
    const results = this.search_.search(query, {
      boostTerm: (term) => weights.get(term) ?? 1,
      ...(accept
        ? {
            filter: (result) => {
              const entry = this.passages.get(result.id as number);
              const doc = entry && this.docs.get(entry.docId)?.doc;
              return doc ? accept(doc) : false;
            },
          }
        : {}),
    });
    const hits: PassageHit[] = [];
    for (const result of results) {
      const entry = this.passages.get(result.id as number);
      const doc = entry && this.docs.get(entry.docId)?.doc;
      const passage = entry && doc?.passages[entry.passage];
      if (!doc || !passage) continue;
      hits.push({ doc, passage, score: result.score });
      if (hits.length >= limit) break;
    }
    return hits;
  }
}
