/**
 * What the Slack layer needs from the rest of the program, as narrow interfaces:
 * the answering engine (from core), a store for thread state and a sink for feedback
 * (in memory and in the logs now; persisted by a later storage module).
 */
import type { Answer, AnswerOptions, CorpusStats, DocumentSummary } from '../core/index.js';

export type { Answer, AnswerOptions, CorpusStats, Excerpt } from '../core/index.js';

/** One document as `/tesla sources` and the App Home list it. */
export type CorpusDocumentInfo = DocumentSummary;

/** The answering engine as the Slack layer uses it (`AnswerEngine` from core satisfies it). */
export interface AnswerSource {
  /** Never throws for user input; `Answer.more` counts the excerpts beyond this page. */
  answer(question: string, options?: AnswerOptions): Answer;
  documents(): CorpusDocumentInfo[];
  stats(): CorpusStats;
}

/** What a thread (or a DM) remembers about its last question, so follow-ups can refine it. */
export interface ThreadState {
  /** The last question asked in the thread, filters included (`… source:"Reuters"`). */
  question: string;
  /** The speaker of the last answer, for "what else did he say". */
  speaker: string | null;
  /** Offset of the first excerpt not shown yet for `question`. */
  nextOffset: number;
  /** `docId:start` of every excerpt already shown in the thread (bounded), to avoid repeats. */
  shown: string[];
}

/** Thread state keyed by `team:channel:thread`. Implementations forget threads that go quiet. */
export interface ThreadStore {
  get(key: string): Promise<ThreadState | undefined>;
  set(key: string, state: ThreadState): Promise<void>;
}

/** A 👍 or 👎 on an answer. */
export interface Feedback {
  vote: 'up' | 'down';
  teamId: string | null;
  userId: string;
  channelId: string | null;
  question: string;
  /** The excerpts the vote was about, as `docId:start-end`. */
  excerpts: string[];
  at: Date;
}

/** Where feedback goes (the logs now; a database table later). */
export interface FeedbackSink {
  record(feedback: Feedback): Promise<void>;
}
