/**
 * A label a person recognises for a document: its stated headline; else the start of its first
 * sentence, cut at a word boundary, marked as such (`kind: 'lead'`, never to be shown as a
 * headline); else, for a document with no prose at all, its file name. Raw document ids never
 * stand in for a headline in front of a reader.
 *
 * @example
 * sourceLabel(doc) // { text: 'China is restricting the use of Tesla’s electric cars by…', kind: 'lead' }
 */
import type { CorpusDocument } from '../corpus/types.js';

/** How a label was made, which decides how it is shown. */
export type SourceLabelKind =
  /** The headline the source states (front matter, sidecar or a headline line). */
  | 'headline'
  /** The start of the article's first sentence: shown as such (italic), never as a headline. */
  | 'lead'
  /** The file name: the document has neither a headline nor a sentence. */
  | 'file';

/** A document's label. `text` is corpus text (whitespace runs read as one space); render it literally. */
export interface SourceLabel {
  text: string;
  kind: SourceLabelKind;
  /** True when `text` was cut (it then ends with `…`). */
  cut: boolean;
}

/** Characters of a label drawn from a first sentence, at most (cut at a word boundary before it). */
export const LEAD_LABEL_CHARS = 80;

/** The label of `doc` (see the module comment). */
export function sourceLabel(doc: Pick<CorpusDocument, 'meta' | 'text' | 'sentences' | 'relPath'>): SourceLabel {
  const title = doc.meta.title?.trim();
  if (title) return { text: squeeze(title), kind: 'headline', cut: false };
  const first = doc.sentences[0];
  if (first !== undefined) {
    const sentence = squeeze(doc.text.slice(first.start, first.end));
    if (sentence !== '') return cutAtWord(sentence, LEAD_LABEL_CHARS);
  }
  return { text: doc.relPath.split('/').pop() ?? doc.relPath, kind: 'file', cut: false };
}

/** Whitespace runs (line breaks of hard-wrapped copy, tabs) as one space, trimmed. */
function squeeze(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function cutAtWord(sentence: string, max: number): SourceLabel {
  if (sentence.length <= max) return { text: sentence, kind: 'lead', cut: false };
  const room = sentence.slice(0, max);
  const space = room.lastIndexOf(' ');
  // A word longer than the whole budget is cut where it must be (never inside a surrogate pair).
  let head = space > max / 2 ? room.slice(0, space) : room;
  if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1);
  head = head.replace(/[\s,;:–—-]+$/u, '');
  return { text: `${head}…`, kind: 'lead', cut: true };
}
