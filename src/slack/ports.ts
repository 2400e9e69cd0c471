/**
 * What the Slack layer needs from the rest of the program, as narrow interfaces:
 * the answering engine (from core), a store for thread state and a sink for feedback
 * (their interfaces live in `core/ports.ts`; SQLite implements them), and digest controls.
 */
import type { Answer, AnswerOptions, CorpusStats, DocumentSummary, ExcerptContext } from '../core/index.js';

export type { Answer, AnswerOptions, CorpusStats, Excerpt, ExcerptContext } from '../core/index.js';

/** One document as `/tesla sources` and the App Home list it. */
export type CorpusDocumentInfo = DocumentSummary;

/** The answering engine as the Slack layer uses it (`AnswerEngine` from core satisfies it). */
export interface AnswerSource {
  /**
   * Never throws for user input; `Answer.more` counts the excerpts beyond this page. The engine in
   * this process answers at once; an engine in a worker thread answers with a promise.
   */
  answer(question: string, options?: AnswerOptions): Answer | Promise<Answer>;
  /** The paragraphs around `[start, end)` of a document ("Show in context"); null when it is gone. */
  excerptContext(docId: string, start: number, end: number): ExcerptContext | null | Promise<ExcerptContext | null>;
  documents(): CorpusDocumentInfo[];
  stats(): CorpusStats;
  /** Corpus files not served, and why (paths relative to the corpus folder); listed by `/tesla sources` and the App Home. */
  skippedFiles?(): SkippedFileInfo[];
}

/** A corpus file that is not served, and why. */
export interface SkippedFileInfo {
  path: string;
  reason: string;
}

export type { Feedback, FeedbackSink, ThreadState, ThreadStore, VoteOutcome } from '../core/ports.js';
export type { ChannelRef, DigestControl, DigestSettings, DigestStatus, DigestSubscription, DigestRun } from '../core/ports.js';
