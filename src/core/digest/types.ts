/**
 * Public types of a digest: what is new in the corpus over a period, story by story. Every
 * excerpt is verbatim: `text === fileContent.slice(start, end)` of its article's file.
 */
import type { ExcerptSource } from '../answer/types.js';

/** Articles first indexed in `(start, end]` (milliseconds since the epoch). */
export interface DigestPeriod {
  start: number;
  end: number;
}

/** A verbatim excerpt of an article. */
export interface DigestExcerpt {
  text: string;
  /** Who says it, when the excerpt is a statement (canonical name, e.g. "Elon Musk"); else null. */
  speaker: string | null;
  /** `summary`: one of the sentences that best represent the article; else a statement's kind. */
  kind: 'summary' | 'quote' | 'reported';
  /** UTF-16 offsets into the article's file. */
  start: number;
  end: number;
}

/** An article as a digest cites it; metadata the source does not state stays null. */
export interface DigestSource extends Omit<ExcerptSource, 'start' | 'end'> {
  /** When the bot first indexed it. */
  firstIndexedAt: number;
}

/** An article with its representative sentences and notable statements. */
export interface DigestArticle extends DigestSource {
  /** Two or three sentences that best represent the article, in the article's order. */
  summary: DigestExcerpt[];
  /** Notable statements (quotes first), with speakers; none repeats a summary sentence. */
  statements: DigestExcerpt[];
}

/** One story: the article that tells it best, and the other new articles telling the same story. */
export interface DigestStory {
  article: DigestArticle;
  alsoCoveredBy: DigestSource[];
}

export interface Digest {
  period: DigestPeriod;
  topic: string | null;
  /** Stories, the most covered first. Empty: nothing new (matching the topic). */
  stories: DigestStory[];
  /** New articles in the period, before the topic filter. */
  newArticles: number;
  /** New articles that match the topic (all of them when there is none). */
  matchingArticles: number;
}
