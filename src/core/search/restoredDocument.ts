/**
 * A document restored from an index snapshot, whose text is decoded from the snapshot's UTF-8
 * bytes the first time it is read. Decoding the 99 MB of texts of 50,000 articles took 0.2–0.6 s of
 * every cold start, and a first answer reads the texts of a few documents only.
 *
 * `text` is an own, enumerable accessor property (getter and setter), so the document behaves as a
 * plain {@link CorpusDocument} everywhere: spread, `JSON.stringify`, `structuredClone` and
 * equality checks read the text through it; assigning `text` replaces it.
 */
import type { CorpusDocument, DocumentMeta, Passage, Sentence, Span, Statement } from '../corpus/types.js';

/** The snapshot's UTF-8 bytes of one document's text (`bytes.toString('utf8', start, end)`). */
export interface TextBytes {
  bytes: Buffer;
  start: number;
  end: number;
}

/** A {@link CorpusDocument} with its text decoded on first read (see the module's comment). */
export class RestoredDocument implements CorpusDocument {
  declare text: string;
  #text: string | undefined = undefined;
  #source: TextBytes | null;

  constructor(
    public id: string,
    public path: string,
    public relPath: string,
    source: TextBytes,
    public meta: DocumentMeta,
    public bodyStart: number,
    public paragraphs: Span[],
    public sentences: Sentence[],
    public passages: Passage[],
    public statements: Statement[],
  ) {
    this.#source = source;
    Object.defineProperty(this, 'text', TEXT);
  }

  static readonly #textDescriptor: PropertyDescriptor = {
    get(this: RestoredDocument): string {
      if (this.#text === undefined) {
        const { bytes, start, end } = this.#source!;
        this.#text = bytes.toString('utf8', start, end);
        this.#source = null;
      }
      return this.#text;
    },
    set(this: RestoredDocument, text: string): void {
      this.#text = text;
      this.#source = null;
    },
    enumerable: true,
    configurable: true,
  };

  /** The descriptor of `text` (shared by every instance, so they share one object layout). */
  static textDescriptor(): PropertyDescriptor {
    return RestoredDocument.#textDescriptor;
  }
}

const TEXT = RestoredDocument.textDescriptor();
