import type { SourceLabel } from './sourceLabel.js';

export type { SourceLabel, SourceLabelKind } from './sourceLabel.js';

/**
 * Public types of an answer: the contract shared by the CLI (`ask --json`), the Slack app and
 * the evaluation harness. See DESIGN.md, "Answer (JSON)". Keep these stable.
 */

/** `quotes` when the question asks what someone said, else `passages`. */
export type Intent = 'quotes' | 'passages';

/** Where an excerpt comes from. `start`/`end` are UTF-16 offsets into the file as stored. */
export interface ExcerptSource {
  docId: string;
  /** Path of the file as the corpus was opened (`CORPUS_DIR` joined with the file's relative path). */
  path: string;
  /** Headline, when the source states one (front matter, sidecar or a headline line); else null. */
  title: string | null;
  outlet: string | null;
  /** ISO date `YYYY-MM-DD` when the source states one; else null. */
  published: string | null;
  url: string | null;
  /**
   * What to call the source in front of a reader: the headline, else the start of the first
   * sentence (`kind: 'lead'`, shown as such). Messages show this, never `docId` or offsets.
   */
  label: SourceLabel;
  start: number;
  end: number;
}

/** Another document carrying the same statement or passage (a near-duplicate that was collapsed). */
export interface AlsoIn {
  docId: string;
  title: string | null;
  label: SourceLabel;
  start: number;
  end: number;
}

/** One verbatim excerpt: `text === fileContent.slice(source.start, source.end)`. */
export interface Excerpt {
  text: string;
  /** Who said it, when the excerpt is a direct quote or reported speech; else null. */
  speaker: string | null;
  score: number;
  source: ExcerptSource;
  alsoIn: AlsoIn[];
}

/** The answer to one question. */
export interface Answer {
  question: string;
  intent: Intent;
  /** Resolved canonical speaker for intent `quotes`; else null. */
  speaker: string | null;
  /** False when nothing relevant is in the corpus; then `excerpts` is empty. */
  answered: boolean;
  /** For `answered: false`: what to tell the user (why, and what might help). Else null. */
  message: string | null;
  excerpts: Excerpt[];
  /**
   * How many excerpts exist beyond this page (for a "More" button). Not part of the JSON
   * contract's required fields; consumers may ignore it.
   */
  more?: number;
}

/** Options for one call to {@link AnswerEngine.answer}. */
export interface AnswerOptions {
  /** Excerpts per page (default 5, at most 20). */
  limit?: number;
  /** Excerpts to skip, for paging with "More" (default 0). */
  offset?: number;
}
