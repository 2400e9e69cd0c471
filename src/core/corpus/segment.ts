/**
 * Segmentation of a document body into paragraphs, sentences and passages, with exact
 * offsets. Lines that are not prose (headline, metadata lines, `SEE ALSO:` links, section
 * menus, outlet sign-offs) are recognised here: they yield metadata, never excerpts.
 * Sentence boundaries are `sentence-splitter`'s (abbreviations, decimals, quotes), found by its
 * linear-time port in `sentenceSplit.ts`.
 */
import { splitSentenceRanges } from './sentenceSplit.js';
import { findDate } from './dates.js';
import type { DocumentMeta, Passage, Sentence, Span } from './types.js';

/** The segmentation of one document and the metadata its own lines state. */
export interface Segmentation {
  paragraphs: Span[];
  sentences: Sentence[];
  passages: Passage[];
  /** Metadata stated by the text itself (headline line, `Published:`, `Source:`, sign-off). */
  stated: Partial<DocumentMeta>;
}

/** Sentences per passage at most: passages are what the index ranks. */
export const MAX_SENTENCES_PER_PASSAGE = 3;

interface Line extends Span {
  content: string;
}

const BOILERPLATE_PREFIX =
  /^(?:see also|read more|read also|also read|related(?: articles?| stories| coverage)?|more from|recommended|advertisement|subscribe|sign up|follow us|click here|share this|image|photo|video|watch|listen|copyright|©|\(c\)|all rights reserved|reporting by|editing by|writing by|additional reporting)\b[\s:]*/i;
const PUBLISHED_LINE = /^(?:published|posted|date|updated|last updated)(?: on)?\s*:\s*(.+)$/i;
const SOURCE_LINE = /^(?:source|outlet|publication)\s*:\s*(.+?)\s*$/i;
const URL_LINE = /^(?:(?:url|link|source url|original)\s*:\s*)?(https?:\/\/\S+)\s*$/i;
const BYLINE = /^by\s+(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3})\s*$/u;
const MARKDOWN_HEADING = /^#{1,6}\s+(.*?)\s*#*\s*$/;
const MARKDOWN_NOISE = /^(?:!\[.*\]\(.*\)|[-*_]{3,}|<!--.*-->|\[\^?\d+\]:.*)$/;
const TERMINAL_PUNCTUATION = /[.!?…:;"”’)\]]$/u;

/**
 * Segments the body of a document (from `bodyStart`) into paragraphs, sentences and passages.
 *
 * @param text the whole file content
 * @param bodyStart offset where the body starts (after front matter)
 */
export function segment(text: string, bodyStart: number): Segmentation {
  const lines = readLines(text, bodyStart);
  const stated: Partial<DocumentMeta> = {};
  const prose: Line[] = [];
  const lastIndex = lines.length - 1;

  lines.forEach((line, index) => {
    const kind = classify(line, index, lastIndex, prose.length === 0, stated);
    if (kind === 'prose') prose.push(line);
  });

  const paragraphs: Span[] = [];
  const sentences: Sentence[] = [];
  const passages: Passage[] = [];
  for (const line of prose) {
    const paragraph = paragraphs.length;
    paragraphs.push({ start: line.start, end: line.end });
    const first = sentences.length;
    for (const span of sentencesOf(line)) sentences.push({ ...span, paragraph });
    for (let i = first; i < sentences.length; i += MAX_SENTENCES_PER_PASSAGE) {
      const last = Math.min(i + MAX_SENTENCES_PER_PASSAGE, sentences.length) - 1;
      passages.push({ start: sentences[i]!.start, end: sentences[last]!.end, firstSentence: i, lastSentence: last });
    }
  }
  return { paragraphs, sentences, passages, stated };
}

function readLines(text: string, bodyStart: number): Line[] {
  const lines: Line[] = [];
  let position = bodyStart;
  while (position <= text.length) {
    let end = text.indexOf('\n', position);
    if (end === -1) end = text.length;
    let start = position;
    let stop = end;
    while (start < stop && /\s/.test(text[start]!)) start++;
    while (stop > start && /\s/.test(text[stop - 1]!)) stop--;
    if (stop > start) lines.push({ start, end: stop, content: text.slice(start, stop) });
    position = end + 1;
  }
  return lines;
}

type LineKind = 'prose' | 'meta';

function classify(
  line: Line,
  index: number,
  lastIndex: number,
  beforeProse: boolean,
  stated: Partial<DocumentMeta>,
): LineKind {
  const content = line.content.replace(/^\uFEFF/, '');
  const heading = MARKDOWN_HEADING.exec(content);
  if (heading) {
    if (beforeProse && stated.title === undefined && heading[1]) stated.title = heading[1];
    return 'meta';
  }
  if (MARKDOWN_NOISE.test(content) || BOILERPLATE_PREFIX.test(content)) return 'meta';
  const published = PUBLISHED_LINE.exec(content);
  if (published) {
    const date = findDate(published[1]!);
    if (date && stated.published === undefined) stated.published = date;
    return 'meta';
  }
  const source = SOURCE_LINE.exec(content);
  if (source && wordCount(source[1]!) <= 6) {
    const value = source[1]!;
    const url = URL_LINE.exec(value);
    if (url) stated.url ??= url[1]!;
    else stated.outlet ??= value;
    return 'meta';
  }
  const url = URL_LINE.exec(content);
  if (url) {
    stated.url ??= url[1]!;
    return 'meta';
  }
  const byline = BYLINE.exec(content);
  if (byline) {
    stated.author ??= byline[1]!;
    return 'meta';
  }
  if (isSectionMenu(content)) return 'meta';
  if (!TERMINAL_PUNCTUATION.test(content)) {
    const words = wordCount(content);
    if (index === 0 && beforeProse && words >= 3 && words <= 25) {
      stated.title ??= content;
      return 'meta';
    }
    if (index === lastIndex && words <= 4 && /^\p{Lu}/u.test(content)) {
      stated.outlet ??= content;
      return 'meta';
    }
    // A headline-like line in the body: a link to another article or a subheading.
    if (words <= 25) return 'meta';
  }
  return 'prose';
}

function isSectionMenu(content: string): boolean {
  // Cheapest test first: prose has lower-case letters.
  if (/[a-z]/.test(content)) return false;
  return content.split(/\s+/).length >= 3 && /[A-Z]{2}/.test(content) && !TERMINAL_PUNCTUATION.test(content);
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Sentences of one paragraph; a quotation (or markup in angle brackets) spanning sentences stays in one unit. */
function sentencesOf(line: Line): Span[] {
  const spans: Span[] = [];
  for (const range of splitSentenceRanges(line.content)) {
    let [start, end] = range;
    while (start < end && /\s/.test(line.content[start]!)) start++;
    while (end > start && /\s/.test(line.content[end - 1]!)) end--;
    if (end > start) spans.push({ start: line.start + start, end: line.start + end });
  }
  return mergeOpenQuotations(spans, line);
}

function mergeOpenQuotations(spans: Span[], line: Line): Span[] {
  const merged: Span[] = [];
  let open: Span | null = null;
  let parts = 0;
  for (const span of spans) {
    if (open) {
      open = { start: open.start, end: span.end };
      parts++;
    } else {
      open = { ...span };
      parts = 1;
    }
    const text = line.content.slice(open.start - line.start, open.end - line.start);
    if (!hasOpenQuotation(text) || parts >= 4) {
      merged.push(open);
      open = null;
    }
  }
  if (open) merged.push(open);
  return merged;
}

function hasOpenQuotation(text: string): boolean {
  // A boundary inside angle brackets (`<!channel>`, `<https://…|link>`) is not a sentence end.
  if ((text.match(/</g) ?? []).length > (text.match(/>/g) ?? []).length) return true;
  const opening = (text.match(/“/g) ?? []).length;
  const closing = (text.match(/”/g) ?? []).length;
  if (opening > closing) return true;
  return (text.match(/"/g) ?? []).length % 2 === 1;
}
