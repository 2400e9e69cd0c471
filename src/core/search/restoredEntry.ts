/**
 * The index entry of a document restored from a snapshot (`PassageIndex.restore`). Its passage
 * keys and term arrays stay in the snapshot's flat arrays until first read: a restored index of
 * 50,000 documents would otherwise make some 200,000 small arrays before its first answer, most
 * of which no question reads.
 */
import type { CorpusDocument } from '../corpus/types.js';
import type { IndexState } from './indexState.js';
import type { IndexedDocument } from './passageIndex.js';

/** The flat arrays of a snapshot's index state that restored entries read (views on the snapshot's memory). */
export type EntryArrays = Pick<IndexState, 'sentenceTermStart' | 'sentenceTermIds' | 'documentSentenceBase' | 'passageKeys' | 'titleTermStart' | 'titleTermIds'>;

/**
 * An {@link IndexedDocument} whose `keys`, `termStart`, `termIds` and `titleTermIds` are made
 * from the state's arrays on first read, then kept: the same values `PassageIndex.add` gives a
 * document it indexes.
 */
export class RestoredEntry implements IndexedDocument {
  private passageKeys: number[] | undefined;
  private sentenceStarts: Int32Array | undefined;
  private sentenceTerms: Int32Array | undefined;
  private titleTerms: Int32Array | undefined;

  /**
   * @param d the document's position in the state
   * @param firstPassage where its passage keys start in `arrays.passageKeys`
   * @param passages how many passages it has
   */
  constructor(
    readonly doc: CorpusDocument,
    private readonly arrays: EntryArrays,
    private readonly d: number,
    private readonly firstPassage: number,
    private readonly passages: number,
  ) {}

  get keys(): number[] {
    this.passageKeys ??= Array.from(this.arrays.passageKeys.subarray(this.firstPassage, this.firstPassage + this.passages));
    return this.passageKeys;
  }

  get termStart(): Int32Array {
    if (this.sentenceStarts === undefined) {
      const { sentenceTermStart, documentSentenceBase } = this.arrays;
      const first = documentSentenceBase[this.d]!;
      const count = documentSentenceBase[this.d + 1]! - first;
      const base = sentenceTermStart[first]!;
      const starts = new Int32Array(count + 1);
      for (let i = 0; i <= count; i++) starts[i] = sentenceTermStart[first + i]! - base;
      this.sentenceStarts = starts;
    }
    return this.sentenceStarts;
  }

  get termIds(): Int32Array {
    if (this.sentenceTerms === undefined) {
      const { sentenceTermStart, documentSentenceBase, sentenceTermIds } = this.arrays;
      this.sentenceTerms = sentenceTermIds.subarray(sentenceTermStart[documentSentenceBase[this.d]!]!, sentenceTermStart[documentSentenceBase[this.d + 1]!]!);
    }
    return this.sentenceTerms;
  }

  get titleTermIds(): Int32Array {
    this.titleTerms ??= this.arrays.titleTermIds.subarray(this.arrays.titleTermStart[this.d]!, this.arrays.titleTermStart[this.d + 1]!);
    return this.titleTerms;
  }
}
