/**
 * An excerpt in its context: the paragraph before it, the paragraph(s) holding it and the
 * paragraph after, verbatim, with where the excerpt sits in them ("paragraph 7 of 12"). What a
 * reader opens to check that a quote means what it seems to mean.
 *
 * @example
 * const context = engine.context('000_c39a801cf85dcbb3', 1856, 1928);
 * context.paragraph.text.slice(context.excerpt.start, context.excerpt.end) // the excerpt itself
 */
import type { CorpusDocument } from '../corpus/types.js';
import { sourceOf } from './catalogue.js';
import type { ExcerptSource } from './types.js';

/** A paragraph of a document, verbatim: `text === fileContent.slice(start, end)`. */
export interface ContextParagraph {
  text: string;
  start: number;
  end: number;
}

/** An excerpt with the paragraphs around it. */
export interface ExcerptContext {
  source: Omit<ExcerptSource, 'start' | 'end'>;
  /** The paragraph (or the run of paragraphs) holding the excerpt. */
  paragraph: ContextParagraph;
  /** The excerpt's offsets relative to `paragraph.text`. */
  excerpt: { start: number; end: number };
  /** The paragraph before and after, null at the start or end of the article. */
  before: ContextParagraph | null;
  after: ContextParagraph | null;
  /** 1-based number of the (first) paragraph holding the excerpt, and how many the article has. */
  position: number;
  paragraphs: number;
}

/**
 * The context of `[start, end)` in `doc`; null when the range is not a non-empty range of the
 * document's body (an old button after the file changed, or a forged value).
 */
export function excerptContext(doc: CorpusDocument, start: number, end: number): ExcerptContext | null {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < doc.bodyStart || end <= start || end > doc.text.length) return null;
  const { paragraphs } = doc;
  const first = paragraphs.findIndex((p) => p.end > start);
  if (first < 0 || paragraphs[first]!.start >= end) return null;
  let last = first;
  while (last + 1 < paragraphs.length && paragraphs[last + 1]!.start < end) last += 1;
  const from = Math.min(paragraphs[first]!.start, start);
  const to = Math.max(paragraphs[last]!.end, end);
  const slice = (span: { start: number; end: number }): ContextParagraph => ({ text: doc.text.slice(span.start, span.end), start: span.start, end: span.end });
  return {
    source: sourceOf(doc),
    paragraph: slice({ start: from, end: to }),
    excerpt: { start: start - from, end: end - from },
    before: first > 0 ? slice(paragraphs[first - 1]!) : null,
    after: last + 1 < paragraphs.length ? slice(paragraphs[last + 1]!) : null,
    position: first + 1,
    paragraphs: paragraphs.length,
  };
}
