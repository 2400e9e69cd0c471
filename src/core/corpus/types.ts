/**
 * Public types of the corpus: documents as loaded from files, with their metadata and
 * segmentation. Every span is a pair of UTF-16 offsets into {@link CorpusDocument.text},
 * which is the file's content exactly as stored (`fs.readFileSync(path, 'utf8')`).
 */

/** Metadata a source states (front matter, sidecar, or its own text). Unknown fields are null. */
export interface DocumentMeta {
  title: string | null;
  outlet: string | null;
  /** ISO date `YYYY-MM-DD`. */
  published: string | null;
  url: string | null;
  author: string | null;
}

/** A half-open range `[start, end)` of UTF-16 offsets into a document's text. */
export interface Span {
  start: number;
  end: number;
}

/** A sentence (or a quotation that spans sentences), never boilerplate. */
export interface Sentence extends Span {
  /** Index of the paragraph this sentence belongs to. */
  paragraph: number;
}

/** A passage: a run of neighbouring sentences of one paragraph, the unit that is indexed. */
export interface Passage extends Span {
  /** Indexes into {@link CorpusDocument.sentences}: `[firstSentence, lastSentence]` inclusive. */
  firstSentence: number;
  lastSentence: number;
}

/** A statement: a direct quote or reported speech, with its resolved speaker. */
export interface Statement extends Span {
  /** Speaker as the document names it, pronouns resolved: "Elon Musk", "Musk", "Tesla". */
  speaker: string;
  /** `quote` for quotation marks, `reported` for reported speech ("X said that …"). */
  kind: 'quote' | 'reported';
  /** Index of the sentence this statement is in (a statement is the sentence, or the part of it one speaker says). */
  sentence: number;
  /** Offsets of the quoted words alone (inside the sentence); for `reported`, the whole sentence. */
  quoted: Span[];
}

/** One document of the corpus. */
export interface CorpusDocument {
  /** File name without its extension; unique in a corpus. */
  id: string;
  /** Path of the file as the corpus was opened (`CORPUS_DIR` joined with `relPath`). */
  path: string;
  /** Path relative to the corpus folder, with `/` separators. */
  relPath: string;
  /** The file's content exactly as stored. */
  text: string;
  meta: DocumentMeta;
  /** Where the body starts (after front matter), so headline detection ignores front matter. */
  bodyStart: number;
  paragraphs: Span[];
  sentences: Sentence[];
  passages: Passage[];
  /** Statements, with speakers as the document names them (see `SpeakerRegistry` for canonical names). */
  statements: Statement[];
}

/** A file that was skipped, and why. */
export interface CorpusWarning {
  path: string;
  reason: string;
}
