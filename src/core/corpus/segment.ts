/**
 * Segmentation of a document body into paragraphs, sentences and passages, with exact
 * offsets. Lines that are not prose (headline, metadata lines, `SEE ALSO:` links, section
 * menus, tables of figures, outlet sign-offs, a dateline) are recognised here: they yield
 * metadata, never excerpts. Sentence boundaries are `sentence-splitter`'s (abbreviations,
 * decimals, quotes), found by its linear-time port in `sentenceSplit.ts`.
 *
 * The layout is read per file. Where lines are hard-wrapped (wire copy, e-mail and text exports
 * wrap at a fixed width), the lines of a paragraph are joined into one paragraph whose span
 * runs over the line breaks; where the file is written one line per paragraph, a line is a
 * paragraph. Markdown headings, list items, tables and metadata lines are never joined.
 */
import { splitSentenceRanges } from './sentenceSplit.js';
import { MarkFinder } from './words.js';
import { findDate } from './dates.js';
import { MAX_SENTENCES_PER_PASSAGE } from './passageSize.js';
import type { DocumentMeta, Passage, Sentence, Span } from './types.js';

/** The segmentation of one document and the metadata its own lines state. */
export interface Segmentation {
  paragraphs: Span[];
  sentences: Sentence[];
  passages: Passage[];
  /** Metadata stated by the text itself (headline line, `Published:`, `Source:`, sign-off). */
  stated: Partial<DocumentMeta>;
}


/**
 * Characters a quotation merged from several sentences may reach: past it the merge stops, so
 * a long quotation gives several units (a single longer sentence stays whole).
 */
export const MAX_MERGED_QUOTATION_CHARS = 400;

/** One non-blank line, trimmed. */
interface Line extends Span {
  content: string;
  /** Leading whitespace, a tab counting 4. */
  indent: number;
  role: LineRole;
}

/**
 * What a line is by its form alone: `text` may be joined with its neighbours when the file is
 * hard-wrapped, `item` (a list item) starts a unit, `boilerplate` ("SEE ALSO: …", a byline) and
 * the others are units of their own. A wrapped sentence may put a dash, "Watch …" or "by Jane
 * Doe." at the start of a line, so an item or boilerplate line may still continue a paragraph.
 */
type LineRole = 'text' | 'item' | 'boilerplate' | 'heading' | 'table' | 'other';

/** A candidate paragraph: one line, or the lines of a hard-wrapped paragraph. */
interface Unit extends Span {
  /** The unit's text with its line breaks read as spaces (for metadata values and rules). */
  content: string;
  /** The role of its first line. */
  role: LineRole;
}

const BOILERPLATE_PREFIX =
  /^(?:see also|read more|read also|also read|related(?: articles?| stories| coverage)?|more from|recommended|advertisement|subscribe|sign up|follow us|click here|share this|image|photo|video|watch|listen|copyright|©|\(c\)|all rights reserved|reporting by|editing by|writing by|additional reporting)\b[\s:]*/i;
const PUBLISHED_LINE = /^(?:published|posted|date|updated|last updated)(?: on)?\s*:\s*(.+)$/i;
const SOURCE_LINE = /^(?:source|outlet|publication)\s*:\s*(.+?)\s*$/i;
const URL_LINE = /^(?:(?:url|link|source url|original)\s*:\s*)?(https?:\/\/\S+)\s*$/i;
const BYLINE = /^[Bb]y\s+(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3})(?<!\.)\s*$/u;
const MARKDOWN_HEADING = /^#{1,6}\s+(.*?)\s*#*\s*$/;
const MARKDOWN_NOISE = /^(?:!\[.*\]\(.*\)|[-*_]{3,}|<!--.*-->|\[\^?\d+\]:.*)$/;
const LIST_MARKER = /^(?:[-*+•]|\d{1,3}[.)])[ \t]+(?=\S)/u;
const TERMINAL_PUNCTUATION = /[.!?…:;"”’)\]]$/u;
/** A sentence ends the line: full stop, question or exclamation mark, possibly inside closing marks. */
const SENTENCE_END = /[.!?…]["”’')\]]*$/u;
/** A sentence or a clause that announces a list ends the line. */
const CLAUSE_END = /[.!?…:;]["”’')\]]*$/u;

/**
 * Segments the body of a document (from `bodyStart`) into paragraphs, sentences and passages.
 *
 * @param text the whole file content
 * @param bodyStart offset where the body starts (after front matter)
 */
export function segment(text: string, bodyStart: number): Segmentation {
  const units = readUnits(readBlocks(text, bodyStart));
  const stated: Partial<DocumentMeta> = {};
  const prose: Unit[] = [];
  const lastIndex = units.length - 1;
  units.forEach((unit, index) => {
    if (classify(unit, index, lastIndex, prose.length === 0, stated) === 'prose') prose.push(unit);
  });

  const paragraphs: Span[] = [];
  const sentences: Sentence[] = [];
  const passages: Passage[] = [];
  const marks = new OpeningMarks(text);
  for (const unit of prose) {
    const paragraph = paragraphs.length;
    paragraphs.push({ start: unit.start, end: unit.end });
    const from = paragraph === 0 ? datelineEnd(text, unit) : proseStart(text, unit);
    const first = sentences.length;
    for (const span of sentencesOf(text, from, unit.end, marks)) sentences.push({ start: span.start, end: span.end, paragraph });
    for (let i = first; i < sentences.length; i += MAX_SENTENCES_PER_PASSAGE) {
      const last = Math.min(i + MAX_SENTENCES_PER_PASSAGE, sentences.length) - 1;
      passages.push({ start: sentences[i]!.start, end: sentences[last]!.end, firstSentence: i, lastSentence: last });
    }
  }
  return { paragraphs, sentences, passages, stated };
}

// ---------------------------------------------------------------------------------------------
// Layout: lines, blocks (separated by blank lines), and units (joined hard-wrapped lines)

/** The non-blank lines of the body, grouped in blocks separated by blank lines. */
function readBlocks(text: string, bodyStart: number): Line[][] {
  const blocks: Line[][] = [];
  let block: Line[] = [];
  let position = bodyStart;
  while (position <= text.length) {
    let end = text.indexOf('\n', position);
    if (end === -1) end = text.length;
    let start = position;
    let stop = end;
    let indent = 0;
    while (start < stop && /\s/.test(text[start]!)) indent += text[start++] === '\t' ? 4 : 1;
    while (stop > start && /\s/.test(text[stop - 1]!)) stop--;
    if (stop > start) {
      const content = text.slice(start, stop);
      block.push({ start, end: stop, content, indent, role: roleOf(content) });
    } else if (block.length > 0) {
      blocks.push(block);
      block = [];
    }
    position = end + 1;
  }
  if (block.length > 0) blocks.push(block);
  for (const lines of blocks) markTableBlock(lines);
  return blocks;
}

function roleOf(rawContent: string): LineRole {
  const content = rawContent.replace(/^\uFEFF/, '');
  if (MARKDOWN_HEADING.test(content)) return 'heading';
  if (MARKDOWN_NOISE.test(content) || isMetadataLine(content) || isSectionMenu(content)) return 'other';
  // A wrapped line may begin with "video" or "watch": only a capitalised line is boilerplate.
  if ((!/^\p{Ll}/u.test(content) && BOILERPLATE_PREFIX.test(content)) || BYLINE.test(content)) return 'boilerplate';
  if (isTableRow(content)) return 'table';
  if (LIST_MARKER.test(content)) return 'item';
  return 'text';
}

function isMetadataLine(content: string): boolean {
  if (PUBLISHED_LINE.test(content) || URL_LINE.test(content)) return true;
  const source = SOURCE_LINE.exec(content);
  return source !== null && wordCount(source[1]!) <= 6;
}

/** Longer lines without columns are prose, whatever figures they hold. */
const MAX_ROW_CHARS = 100;
const FIGURE = /^[-+±(]?[$£€¥]?\d[\d.,:/]*(?:%|pct|[kmb]n?)?\)?[,;]?$/i;
const PROSE_WORD = /(?:^|\s)(?:the|a|an|of|to|in|on|at|by|for|from|with|and|or|as|that|is|was|were|are)(?=\s|$)/;
const FIGURE_UNITS = new Set(['vs', 'vs.', 'mln', 'bln', 'million', 'billion', 'dlrs', 'dlr', 'cts', 'pct', 'pc', 'stg', 'yen', 'pts', 'shr', 'shrs']);

/**
 * A row of a table: columns separated by runs of spaces, or by a tab between figures, or a short
 * line of figures ("Revs 10.5 mln vs 9.8 mln", "Sales 1,234 1,100") with more figures than words
 * and no sentence end.
 */
function isTableRow(content: string): boolean {
  // Runs of spaces between columns; two spaces after a full stop are typewriter style, not columns.
  const gaps = content.includes('  ') ? (content.match(/(?<![.!?:;"”’])[ ]{2,}(?=\S)/gu) ?? []).length : 0;
  if (gaps >= 2) return true;
  if (content.length > MAX_ROW_CHARS && !content.includes('\t')) return false;
  const tokens = content.split(/\s+/);
  const figures = tokens.filter((t) => FIGURE.test(t)).length;
  if (figures === 0) return false;
  if (content.includes('\t') || (gaps === 1 && figures >= 2)) return true;
  // A line of hard-wrapped prose may be full of figures too; its small words give it away.
  if (figures < 2 || SENTENCE_END.test(content) || /^\p{Ll}/u.test(content) || PROSE_WORD.test(content)) return false;
  if (tokens.some((t) => t.toLowerCase() === 'vs' || t.toLowerCase() === 'vs.')) return true;
  const words = tokens.filter((t) => /^[("“]?\p{L}{2,}/u.test(t) && !FIGURE_UNITS.has(t.toLowerCase())).length;
  return figures > words;
}

/** In a block that is mostly a table, its captions and column headings are part of the table. */
function markTableBlock(lines: Line[]): void {
  const rows = lines.filter((line) => line.role === 'table').length;
  if (rows < 2 || rows * 2 < lines.length) return;
  for (const line of lines) {
    if (line.role === 'text' && !SENTENCE_END.test(line.content)) line.role = 'table';
  }
}

/** The hard-wrap width of a file, or null when its lines are not hard-wrapped. */
function wrapWidth(blocks: readonly Line[][]): number | null {
  const joinable: Line[] = [];
  const next: Line[] = [];
  const lengths: number[] = [];
  for (const lines of blocks) {
    lines.forEach((line, i) => {
      const following = lines[i + 1];
      if (line.role !== 'text' || following === undefined || following.role !== 'text') return;
      joinable.push(line);
      next.push(following);
      lengths.push(line.content.length, following.content.length);
    });
  }
  if (joinable.length === 0) return null;
  lengths.sort((a, b) => a - b);
  // Nearly every line of a wrapped paragraph is close to the width; an odd long line is not the width.
  const width = lengths[Math.round((lengths.length - 1) * 0.9)]!;
  if (width < 30 || width > 160) return null;
  const filled = joinable.filter((line, i) => isFilled(line, next[i]!, width)).length;
  const ended = joinable.filter((line) => SENTENCE_END.test(line.content)).length;
  if (joinable.length === 1) return filled === 1 && ended === 0 && joinable[0]!.content.length >= 40 ? width : null;
  // Sentences end at a line end about as often as at any other word in wrapped text, and at
  // nearly every line end when a line is a paragraph.
  return filled >= 0.6 * joinable.length && ended <= 0.5 * joinable.length ? width : null;
}

/** Whether `line` is full at this wrap width: the first word of `next` would not have fitted on it. */
function isFilled(line: Line, next: Line, width: number): boolean {
  const firstWord = next.content.split(/\s/, 1)[0]!.length;
  return line.content.length + 1 + firstWord > 0.85 * width;
}

/** The units of the body: every line, with the lines of a hard-wrapped paragraph joined. */
function readUnits(blocks: readonly Line[][]): Unit[] {
  const width = wrapWidth(blocks);
  const units: Unit[] = [];
  for (const lines of blocks) {
    const baseIndent = lines.reduce((min, l) => (l.role === 'text' ? Math.min(min, l.indent) : min), Infinity);
    let group: Line[] = [];
    lines.forEach((line, i) => {
      const previous = lines[i - 1];
      if (group.length > 0 && !continues(group, previous!, line, width, baseIndent)) {
        units.push(unitOf(group));
        group = [];
      }
      group.push(line);
    });
    units.push(unitOf(group));
  }
  return units;
}

/**
 * Whether `line` continues the paragraph or list item `group` (which ends with `previous`). A
 * line indented under a list item does. In a hard-wrapped file, a text line does when
 * `previous` is full or the paragraph runs on, unless it is indented as a new paragraph is.
 */
function continues(group: readonly Line[], previous: Line, line: Line, width: number | null, baseIndent: number): boolean {
  const head = group[0]!;
  const filled = width !== null && isFilled(previous, line, width);
  if (line.role !== 'text') {
    // Inside a wrapped paragraph: after a full line, or for a dash, after a full line that ends no clause.
    if (!filled || head.role !== 'text' || line.indent > baseIndent) return false;
    return line.role === 'boilerplate' || (line.role === 'item' && !CLAUSE_END.test(previous.content));
  }
  if (head.role === 'item') return line.indent > head.indent || filled;
  // Boilerplate ("Listen to the full interview on …") may be wrapped too; it stays boilerplate.
  if ((head.role !== 'text' && head.role !== 'boilerplate') || width === null || line.indent > baseIndent) return false;
  if (filled) return true;
  // A short line ends a paragraph when a sentence ends on it; standing alone, it is a title.
  return !SENTENCE_END.test(previous.content) && group.length > 1;
}

function unitOf(lines: readonly Line[]): Unit {
  const first = lines[0]!;
  const last = lines[lines.length - 1]!;
  const content = lines.length === 1 ? first.content : lines.map((l) => l.content).join(' ');
  return { start: first.start, end: last.end, content, role: first.role };
}

// ---------------------------------------------------------------------------------------------
// What a unit is: prose or metadata

type UnitKind = 'prose' | 'meta';

function classify(
  unit: Unit,
  index: number,
  lastIndex: number,
  beforeProse: boolean,
  stated: Partial<DocumentMeta>,
): UnitKind {
  const content = unit.content.replace(/^\uFEFF/, '');
  if (unit.role === 'table') return 'meta';
  const heading = MARKDOWN_HEADING.exec(content);
  if (heading) {
    if (beforeProse && stated.title === undefined && heading[1]) stated.title = heading[1];
    return 'meta';
  }
  if (unit.role === 'other' || unit.role === 'boilerplate' || BOILERPLATE_PREFIX.test(content)) {
    // A headline in capitals, as wire copy writes it, reads like a section menu.
    if (index === 0 && beforeProse && isSectionMenu(content) && wordCount(content) <= 25) stated.title ??= content;
    else readMetadataLine(content, stated);
    return 'meta';
  }
  if (TERMINAL_PUNCTUATION.test(content)) return 'prose';
  const words = wordCount(content);
  // A list item without final punctuation is prose unless it is a menu entry ("- Home").
  if (unit.role === 'item') return words > 3 ? 'prose' : 'meta';
  if (index === 0 && beforeProse && words >= 3 && words <= 25) {
    stated.title ??= content;
    return 'meta';
  }
  if (index === lastIndex && words <= 4 && /^\p{Lu}/u.test(content)) {
    stated.outlet ??= content;
    return 'meta';
  }
  // A subheading or a link to another article (wrapped or not); a sentence ending on a figure or a name is prose.
  if (words <= 25 && isHeadlineLike(content, words)) return 'meta';
  return 'prose';
}

/** Records what a metadata line (`Published:`, `Source:`, a URL, a byline) states. */
function readMetadataLine(content: string, stated: Partial<DocumentMeta>): void {
  const published = PUBLISHED_LINE.exec(content);
  if (published) {
    const date = findDate(published[1]!);
    if (date && stated.published === undefined) stated.published = date;
    return;
  }
  const source = SOURCE_LINE.exec(content);
  if (source && wordCount(source[1]!) <= 6) {
    const value = source[1]!;
    const url = URL_LINE.exec(value);
    if (url) stated.url ??= url[1]!;
    else stated.outlet ??= value;
    return;
  }
  const url = URL_LINE.exec(content);
  if (url) {
    stated.url ??= url[1]!;
    return;
  }
  const byline = BYLINE.exec(content);
  if (byline) stated.author ??= byline[1]!;
}

function isSectionMenu(content: string): boolean {
  // Cheapest test first: prose has lower-case letters.
  if (/[a-z]/.test(content)) return false;
  return content.split(/\s+/).length >= 3 && /[A-Z]{2}/.test(content) && !TERMINAL_PUNCTUATION.test(content);
}

/** Words that headlines leave out and narrative sentences rarely do without. */
const NARRATIVE_WORD = /\b(?:the|a|an|was|were|had|been|said)\b/i;

/**
 * A line without final punctuation that reads as a headline: a few words, Title Case, or in
 * headline style (no article, no "was", "had", "said").
 */
function isHeadlineLike(content: string, words: number): boolean {
  if (words <= 6) return true;
  const long = content.split(/\s+/).filter((w) => /^\p{L}/u.test(w) && w.length > 3);
  const capitalised = long.filter((w) => /^\p{Lu}/u.test(w)).length;
  if (long.length > 0 && capitalised >= 0.75 * long.length) return true;
  return !NARRATIVE_WORD.test(content);
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

// ---------------------------------------------------------------------------------------------
// Sentences

/** A wire-service dateline: `WASHINGTON, April 8 -`, `LONDON (Reuters) -`, `BEIJING, March 3 (Xinhua) --`. */
const DATELINE = new RegExp(
  [
    String.raw`^(?<place>\p{Lu}[\p{L}.'’-]*(?:[ ]\p{Lu}[\p{L}.'’-]*){0,3}(?:,[ ]\p{Lu}[\p{L}.]+(?:[ ]\p{Lu}[\p{L}.]+)?)??)?`,
    String.raw`(?<date>,?[ ](?:\p{Lu}\p{Ll}{2,8}\.?[ ]\d{1,2}|\d{1,2}[ ]\p{Lu}\p{Ll}{2,8}))?`,
    String.raw`(?<agency>[ ]?\([^()\n]{1,40}\))?`,
    String.raw`(?:[ ]+(?:--?|—|–)[ ]+|[ ]*[—–][ ]*)(?=[\p{Lu}\d"“'‘])`,
  ].join(''),
  'u',
);

/** Where the prose of the first paragraph starts: after a dateline, if it opens with one. */
function datelineEnd(text: string, unit: Unit): number {
  const from = proseStart(text, unit);
  const match = DATELINE.exec(text.slice(from, Math.min(unit.end, from + 120)));
  if (!match) return from;
  const { place, date, agency } = match.groups!;
  // A place in capitals is a dateline; a place in Title Case only with a date or an agency.
  const capitals = place !== undefined && !/\p{Ll}/u.test(place.split(',')[0]!);
  if (!capitals && date === undefined && agency === undefined) return from;
  if (place === undefined && agency === undefined) return from;
  return from + match[0].length;
}

/** Where the prose of a unit starts: after a list marker. */
function proseStart(text: string, unit: Unit): number {
  if (unit.role !== 'item') return unit.start;
  const marker = LIST_MARKER.exec(text.slice(unit.start, unit.end));
  return unit.start + (marker?.[0].length ?? 0);
}

/**
 * Sentences of the paragraph `[start, end)` of `text` (line breaks inside read as spaces); a
 * quotation (or markup in angle brackets) spanning sentences stays in one unit.
 */
function sentencesOf(text: string, start: number, end: number, marks: OpeningMarks): Span[] {
  const content = text.slice(start, end);
  const spans: Span[] = [];
  for (const range of sentenceRanges(content)) {
    let [from, to] = range;
    while (from < to && /\s/.test(content[from]!)) from++;
    while (to > from && /\s/.test(content[to - 1]!)) to--;
    if (to > from) spans.push({ start: start + from, end: start + to });
  }
  return mergeOpenQuotations(spans, text, marks);
}

type Range = [number, number];

/** Sentence ranges of a paragraph: `sentence-splitter`'s, with three of its readings corrected for prose. */
function sentenceRanges(content: string): Range[] {
  const ranges = splitSentenceRanges(content);
  const split = content.includes('"') ? ranges.flatMap((range) => splitOpenQuotation(content, range)) : ranges;
  return splitAt(split, proseSentenceEnds(content));
}

/**
 * `sentence-splitter` ends no sentence inside straight quotation marks, so one mark left open (a
 * quotation continuing in the next paragraph, the newspaper convention) makes the rest of the
 * paragraph one "sentence". A long range holding straight quotation marks is split again with
 * the marks read as plain characters; {@link mergeOpenQuotations} joins a quotation back, within
 * its bounds.
 */
function splitOpenQuotation(content: string, [from, to]: Range): Range[] {
  const range = content.slice(from, to);
  if (to - from <= MAX_MERGED_QUOTATION_CHARS || !range.includes('"')) return [[from, to]];
  return splitSentenceRanges(range.replaceAll('"', '”')).map(([a, b]) => [from + a, from + b]);
}

const CAPITAL_AFTER_SPACE = /\s+[\p{Lu}"“‘(]/uy;

/**
 * Sentence ends `sentence-splitter` does not see, as offsets just past them: a number with a full
 * stop, which it reads as a list index ("1. Preheat"), and a full stop inside closing quotation
 * marks (it ends a sentence only before whitespace). Before a capital, inside a sentence, both
 * end it: "… since February 2001. Last month …", "… “It is hard.” Then …".
 */
function proseSentenceEnds(content: string): number[] {
  const ends: number[] = [];
  for (let dot = content.indexOf('.'); dot !== -1; dot = content.indexOf('.', dot + 1)) {
    let end = dot + 1;
    const next = content.charCodeAt(end);
    if (next === 0x22 /* " */ || next === 0x201d /* ” */) end++;
    else if (!closesNumber(content, dot)) continue;
    CAPITAL_AFTER_SPACE.lastIndex = end;
    if (CAPITAL_AFTER_SPACE.test(content)) ends.push(end);
  }
  return ends;
}

/** Whether the full stop at `dot` follows a word made of digits ("2001."). */
function closesNumber(content: string, dot: number): boolean {
  let start = dot;
  while (start > 0 && content.charCodeAt(start - 1) >= 48 && content.charCodeAt(start - 1) <= 57) start--;
  return start < dot && start > 0 && /\s/.test(content[start - 1]!);
}

/** `ranges` (in order) split at the offsets `ends` (in order) that fall inside them. */
function splitAt(ranges: Range[], ends: readonly number[]): Range[] {
  if (ends.length === 0) return ranges;
  const split: Range[] = [];
  let e = 0;
  for (const [from, to] of ranges) {
    let start = from;
    for (; e < ends.length && ends[e]! < to; e++) {
      if (ends[e]! <= start) continue;
      split.push([start, ends[e]!]);
      start = ends[e]!;
    }
    split.push([start, to]);
  }
  return split;
}

/**
 * Merges the sentences of an open quotation into one unit, until it closes; a merged unit stays
 * within {@link MAX_MERGED_QUOTATION_CHARS} (and four sentences), so a quotation that runs to the
 * end of its paragraph does not swallow it.
 */
function mergeOpenQuotations(spans: Span[], text: string, marks: OpeningMarks): Span[] {
  const merged: Span[] = [];
  let open: Span | null = null;
  let parts = 0;
  for (const span of spans) {
    if (open && parts < 4 && span.end - open.start <= MAX_MERGED_QUOTATION_CHARS) {
      open = { start: open.start, end: span.end };
      parts++;
    } else {
      if (open) merged.push(open);
      open = { ...span };
      parts = 1;
    }
    if (!marks.within(open.start, open.end) || !hasOpenQuotation(text, open.start, open.end)) {
      merged.push(open);
      open = null;
    }
  }
  if (open) merged.push(open);
  return merged;
}

/**
 * Tells whether a range of a text holds a mark that may leave something open (`<`, `“` or `"`;
 * without one, nothing is), for ranges in document order.
 */
class OpeningMarks extends MarkFinder {
  constructor(text: string) {
    super(text, ['<', '“', '"']);
  }
}

/** Whether `text.slice(from, to)` leaves a quotation (or angle brackets) open, counting its marks in one pass. */
function hasOpenQuotation(text: string, from: number, to: number): boolean {
  let angles = 0;
  let curly = 0;
  let straight = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === 60 /* < */) angles++;
    else if (code === 62 /* > */) angles--;
    else if (code === 0x201c /* “ */) curly++;
    else if (code === 0x201d /* ” */) curly--;
    else if (code === 34 /* " */) straight++;
  }
  // A boundary inside angle brackets (`<!channel>`, `<https://…|link>`) is not a sentence end.
  return angles > 0 || curly > 0 || straight % 2 === 1;
}
