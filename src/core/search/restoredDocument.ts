/**
 * A document restored from an index snapshot, whose text and spans (paragraphs, sentences,
 * passages, statements) stay in the snapshot's bytes and arrays until first read. At 50,000
 * articles, decoding 99 MB of texts and making 1.8 million span objects was most of restoring a
 * snapshot (0.5–1 s with the garbage collection it caused), and a first answer reads the text and
 * spans of a few documents only (the statements of all, for speaker questions).
 *
 * Each of these fields is an own, enumerable accessor property (getter and setter), so the
 * document behaves as a plain {@link CorpusDocument} everywhere: spread, `JSON.stringify`,
 * `structuredClone` and equality checks read the values through it; assigning a field replaces it.
 */
import type { CorpusDocument, DocumentMeta, Passage, Sentence, Span, Statement } from '../corpus/types.js';

/**
 * The snapshot's spans of every document, flat (see `snapshot.ts`): paragraphs (start, end),
 * sentences (start, end, paragraph), passages (start, end, first and last sentence), statements
 * (start, end, kind 1 = quote, sentence, number of quoted spans) and quoted spans (start, end).
 */
export interface SnapshotSpans {
  paragraphs: Int32Array;
  sentences: Int32Array;
  passages: Int32Array;
  statements: Int32Array;
  quoted: Int32Array;
}

/** What the documents of one snapshot share: the UTF-8 texts and the spans. */
export interface SnapshotDocuments {
  /** The snapshot's UTF-8 texts, every document's one after the other. */
  texts: Buffer;
  spans: SnapshotSpans;
}

/**
 * Where one document's text and spans are in its snapshot: its text's UTF-8 bytes, then for each
 * kind of span (paragraphs, sentences, passages, statements, quoted spans) the index of its first
 * one, and the counts of its paragraphs, sentences, passages and statements.
 */
export interface DocumentLocation {
  textStart: number;
  textEnd: number;
  first: readonly [number, number, number, number, number];
  counts: readonly [number, number, number, number];
}

/** The lazy fields and their accessors (set by the class below), shared by every instance so they share one object layout. */
const FIELDS = ['text', 'paragraphs', 'sentences', 'passages', 'statements'] as const;
let DESCRIPTORS: PropertyDescriptor[];

/** A {@link CorpusDocument} whose text and spans are read from the snapshot on first use (see the module's comment). */
export class RestoredDocument implements CorpusDocument {
  declare text: string;
  declare paragraphs: Span[];
  declare sentences: Sentence[];
  declare passages: Passage[];
  declare statements: Statement[];
  readonly #snapshot: SnapshotDocuments;
  readonly #speakers: readonly string[];
  // The location, as numbers (no objects per document: 50,000 of them at a cold start).
  readonly #textStart: number;
  readonly #textEnd: number;
  readonly #firstParagraph: number;
  readonly #firstSentence: number;
  readonly #firstPassage: number;
  readonly #firstStatement: number;
  readonly #firstQuoted: number;
  readonly #paragraphCount: number;
  readonly #sentenceCount: number;
  readonly #passageCount: number;
  readonly #statementCount: number;
  #text: string | undefined = undefined;
  #paragraphs: Span[] | undefined = undefined;
  #sentences: Sentence[] | undefined = undefined;
  #passages: Passage[] | undefined = undefined;
  #statements: Statement[] | undefined = undefined;

  /**
   * @param snapshot what the snapshot's documents share
   * @param at where this document's text and spans are in it
   * @param speakers the speaker of each of its statements
   */
  constructor(
    public id: string,
    public path: string,
    public relPath: string,
    public meta: DocumentMeta,
    public bodyStart: number,
    snapshot: SnapshotDocuments,
    at: DocumentLocation,
    speakers: readonly string[],
  ) {
    this.#snapshot = snapshot;
    this.#speakers = speakers;
    this.#textStart = at.textStart;
    this.#textEnd = at.textEnd;
    [this.#firstParagraph, this.#firstSentence, this.#firstPassage, this.#firstStatement, this.#firstQuoted] = at.first;
    [this.#paragraphCount, this.#sentenceCount, this.#passageCount, this.#statementCount] = at.counts;
    // One call per field: faster than Object.defineProperties (about 0.7 µs a document instead of 1.1).
    for (let i = 0; i < FIELDS.length; i++) Object.defineProperty(this, FIELDS[i]!, DESCRIPTORS[i]!);
  }

  #readText(): string {
    return this.#snapshot.texts.toString('utf8', this.#textStart, this.#textEnd);
  }

  #readParagraphs(): Span[] {
    const a = this.#snapshot.spans.paragraphs;
    const list: Span[] = [];
    for (let i = 0, p = this.#firstParagraph * 2; i < this.#paragraphCount; i++, p += 2) list.push({ start: a[p]!, end: a[p + 1]! });
    return list;
  }

  #readSentences(): Sentence[] {
    const a = this.#snapshot.spans.sentences;
    const list: Sentence[] = [];
    for (let i = 0, s = this.#firstSentence * 3; i < this.#sentenceCount; i++, s += 3) list.push({ start: a[s]!, end: a[s + 1]!, paragraph: a[s + 2]! });
    return list;
  }

  #readPassages(): Passage[] {
    const a = this.#snapshot.spans.passages;
    const list: Passage[] = [];
    for (let i = 0, g = this.#firstPassage * 4; i < this.#passageCount; i++, g += 4) list.push({ start: a[g]!, end: a[g + 1]!, firstSentence: a[g + 2]!, lastSentence: a[g + 3]! });
    return list;
  }

  #readStatements(): Statement[] {
    const { statements: a, quoted } = this.#snapshot.spans;
    const list: Statement[] = [];
    let q = this.#firstQuoted * 2;
    for (let i = 0, t = this.#firstStatement * 5; i < this.#statementCount; i++, t += 5) {
      const spans: Span[] = [];
      for (let k = 0; k < a[t + 4]!; k++, q += 2) spans.push({ start: quoted[q]!, end: quoted[q + 1]! });
      list.push({ start: a[t]!, end: a[t + 1]!, speaker: this.#speakers[i]!, kind: a[t + 2] === 1 ? 'quote' : 'reported', sentence: a[t + 3]!, quoted: spans });
    }
    return list;
  }

  static {
    const field = <T>(get: (doc: RestoredDocument) => T, set: (doc: RestoredDocument, value: T) => void): PropertyDescriptor => ({
      get(this: RestoredDocument): T {
        return get(this);
      },
      set(this: RestoredDocument, value: T): void {
        set(this, value);
      },
      enumerable: true,
      configurable: true,
    });
    // In the order of FIELDS.
    DESCRIPTORS = [
      field((doc) => (doc.#text ??= doc.#readText()), (doc, value: string) => (doc.#text = value)),
      field((doc) => (doc.#paragraphs ??= doc.#readParagraphs()), (doc, value: Span[]) => (doc.#paragraphs = value)),
      field((doc) => (doc.#sentences ??= doc.#readSentences()), (doc, value: Sentence[]) => (doc.#sentences = value)),
      field((doc) => (doc.#passages ??= doc.#readPassages()), (doc, value: Passage[]) => (doc.#passages = value)),
      field((doc) => (doc.#statements ??= doc.#readStatements()), (doc, value: Statement[]) => (doc.#statements = value)),
    ];
  }
}
