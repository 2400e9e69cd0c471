/**
 * The index's state as flat arrays: the contract between the index (`passageIndex.ts`, which
 * exports and restores it) and the snapshot codec (`snapshot.ts`, which writes and reads it).
 * Types only, so that neither module imports the other.
 */
import type { CorpusDocument } from '../corpus/types.js';

/** Options of `PassageIndex`. */
export interface PassageIndexOptions {
  /** Weight of a headline match relative to a body match (MiniSearch's `boost: { title }`). */
  titleBoost: number;
}

/** Index state as arrays: what `PassageIndex.exportState()` gives, the snapshot codec writes and reads, and `PassageIndex.restore` takes. */
export interface IndexState {
  options: PassageIndexOptions;
  documents: CorpusDocument[];
  /** Vocabulary, by term id. */
  terms: string[];
  /** A corpus word for each term ('' when none). */
  surfaces: string[];
  /** term id → live sentences holding it. */
  sentenceFrequency: Int32Array;
  /** Per document: sentence `s` of document `d` has term ids `sentenceTermIds[sentenceTermStart[...]]`, see {@link IndexState.documentSentenceBase}. */
  sentenceTermStart: Int32Array;
  sentenceTermIds: Int32Array;
  /** document → index of its first sentence in `sentenceTermStart` (length documents + 1). */
  documentSentenceBase: Int32Array;
  /** Passage keys (MiniSearch ids) of every document's passages, documents in order. */
  passageKeys: Int32Array;
  /** Unique headline term ids of document `d`: `titleTermIds[titleTermStart[d] .. titleTermStart[d + 1])`. */
  titleTermStart: Int32Array;
  titleTermIds: Int32Array;
  /** The next passage key to give. */
  nextKey: number;
  /** The MiniSearch index over passages. */
  miniSearch: MiniSearchState;
  /**
   * The engine's distilled word vectors (`embeddings.ts`, `serializeEmbeddings`), when it has
   * them: kept beside the index so that a restored engine answers as the one that wrote it.
   */
  wordVectors?: Uint8Array;
  /**
   * The documents' passages as flat arrays, when the state has them (a snapshot's), so that
   * restoring the index does not read every document's passages.
   */
  passageLayout?: PassageLayout;
  /**
   * How many statements each speaker has, speakers as the documents name them, when the state
   * knows it without reading every document's statements (a snapshot's manifest lists them).
   */
  speakerCounts?: ReadonlyMap<string, number>;
}

/** Passages of every document, flat: document `d`'s are `passages[4 * documentPassageBase[d] ..)`, 4 numbers each (start, end, first and last sentence). */
export interface PassageLayout {
  /** document → index of its first passage (length documents + 1). */
  documentPassageBase: Int32Array;
  passages: Int32Array;
}

/**
 * MiniSearch's serialized state (the fields of its `toJSON()`), as arrays. Stored fields are
 * always empty (`storeFields: []`) and field ids are `PASSAGE_FIELDS`' positions.
 */
export interface MiniSearchState {
  documentCount: number;
  nextId: number;
  dirtCount: number;
  /** Per field, MiniSearch's average length (-1: none yet). */
  averageFieldLength: number[];
  /** MiniSearch's short ids and the passage keys they stand for (`documentIds`), in its order. */
  shortIds: Int32Array;
  ids: Int32Array;
  /** Per short id (same order), the length of each field (-1: none). */
  fieldLength: Int32Array;
  /** Index terms in MiniSearch's order, as term ids of {@link IndexState.terms}. */
  terms: Int32Array;
  /** Per index term: bit `f` set when field `f` has postings. */
  fieldPresence: Uint8Array;
  /** Per field: postings of index term `t` are `ids/tfs[offsets[t] .. offsets[t + 1])` (short ids, term frequencies). */
  postings: PostingsState[];
}

/** Postings of one field: short ids and term frequencies of each index term. */
export interface PostingsState {
  offsets: Int32Array;
  ids: Int32Array;
  tfs: Uint16Array;
}
