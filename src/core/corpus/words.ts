/**
 * Tokens for attribution: words (with the punctuation that matters for who said what) and the
 * quoted passages of a sentence. Shared by statement extraction and in-document name resolution.
 */
import type { Span } from './types.js';

/** A word of a sentence with its offsets inside the text it was read from. */
export interface WordToken {
  text: string;
  start: number;
  end: number;
}

/** A capitalised word that may be (part of) a name: "Musk", "U.S.", "O'Neill", "Vodafone's". */
export const NAME_WORD = /^\p{Lu}[\p{L}\p{N}.&'’-]*$/u;

/** `NAME_WORD.test(word)`, without the regular expression for a word of ASCII letters (and ’). */
export function isNameWord(word: string): boolean {
  if (word.length === 0) return false;
  const first = word.charCodeAt(0);
  if (!(first >= 65 && first <= 90)) return first >= 128 && NAME_WORD.test(word);
  for (let i = 1; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 38 || c === 39 || c === 45 || c === 0x2019) continue;
    return c >= 128 && NAME_WORD.test(word);
  }
  return true;
}

/**
 * Words and the punctuation that matters for attribution: what
 * `/[\p{L}\p{N}](?:[\p{L}\p{N}&'’-]|\.(?=\p{L}))*\.?|[,;:()—–|“”"]/gu` matches, read by a scanner
 * (the expression and its match objects were about 7% of a load profile). A word keeps a final period only
 * after a capital (`U.S.`, `Jr.`… but not `Inc.`).
 */
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/uy;
const LETTER = /\p{L}/uy;
const LETTER_OR_DIGIT_UNIT = /[\p{L}\p{N}]/u;
const LETTER_UNIT = /\p{L}/u;
const UPPER_UNIT = /\p{Lu}/u;
const MIN_QUOTED_WORDS = 3;

/** Bits of a UTF-16 code unit: letter or digit (1), letter (2), upper-case letter (4), known (8). */
const CODE_CLASS = new Uint8Array(0x10000);

/** The bits of a code unit read alone (a surrogate is none), from the Unicode classes on first need. */
export function codeClass(code: number): number {
  let bits = CODE_CLASS[code]!;
  if (bits === 0) {
    const unit = String.fromCharCode(code);
    bits = 8 | (LETTER_OR_DIGIT_UNIT.test(unit) ? 1 : 0) | (LETTER_UNIT.test(unit) ? 2 : 0) | (UPPER_UNIT.test(unit) ? 4 : 0);
    CODE_CLASS[code] = bits;
  }
  return bits;
}

/** True for the first half of a surrogate pair at `i` (a code point outside the BMP). */
function isPairAt(text: string, i: number, code: number): boolean {
  return (code & 0xfc00) === 0xd800 && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
}

/** Length (1 or 2 code units) of the letter or digit starting at `i`, or 0 when there is none. */
function letterOrDigitAt(text: string, i: number, code: number): number {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) ? 1 : 0;
  if (!isPairAt(text, i, code)) return codeClass(code) & 1;
  LETTER_OR_DIGIT.lastIndex = i;
  return LETTER_OR_DIGIT.test(text) ? 2 : 0;
}

/** True when a letter starts at `i`. */
function letterAt(text: string, i: number): boolean {
  if (i >= text.length) return false;
  const code = text.charCodeAt(i);
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
  if (!isPairAt(text, i, code)) return (codeClass(code) & 2) !== 0;
  LETTER.lastIndex = i;
  return LETTER.test(text);
}

/** True for the punctuation tokens: `, ; : ( ) — – | “ ” "`. */
function isPunctuationCode(code: number): boolean {
  return code === 44 || code === 59 || code === 58 || code === 40 || code === 41 || code === 124 || code === 34
    || code === 0x2014 || code === 0x2013 || code === 0x201c || code === 0x201d;
}

/** ASCII characters that go on a word: letters, digits, `&`, `'` and `-`. */
const WORD_PART = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  WORD_PART[code] = (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 38 || code === 39 || code === 45 ? 1 : 0;
}

/** The words of a text, with offsets into it. */
export function wordsOf(text: string): WordToken[] {
  const words: WordToken[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (isPunctuationCode(code)) {
      words.push({ text: text[i]!, start: i, end: i + 1 });
      i++;
      continue;
    }
    const first = letterOrDigitAt(text, i, code);
    if (first === 0) {
      // Not a token: step over one code point, as the regular expression's search does.
      i += code >= 0xd800 && code <= 0xdbff && i + 1 < n && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
      continue;
    }
    const start = i;
    i += first;
    // Reads stay inside the text (a read past its end would deoptimise the optimised code).
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c < 128) {
        // A letter, a digit, & ' or -; a period before a letter.
        if (WORD_PART[c] === 1 || (c === 46 && letterAt(text, i + 1))) {
          i++;
          continue;
        }
        break;
      }
      if (c === 0x2019) {
        i++;
        continue;
      }
      const length = letterOrDigitAt(text, i, c);
      if (length === 0) break;
      i += length;
    }
    let end = i;
    if (i < n && text.charCodeAt(i) === 46) {
      i++;
      // A final period stays only after a capital ("U.S.", "Jr."), not after "Inc" or a sentence's last word.
      const before = text.charCodeAt(end - 1);
      if (before < 128 ? before >= 65 && before <= 90 : (codeClass(before) & 4) !== 0) end = i;
    }
    words.push({ text: text.slice(start, end), start, end });
  }
  return words;
}

/** True for punctuation tokens of {@link wordsOf}. */
export function isPunctuation(word: string): boolean {
  return word.length === 1 && isPunctuationCode(word.charCodeAt(0));
}

const WHITESPACE = /\s/;

/** True for what `/\s/` matches, the code unit at `i` of `text`. */
function isWhiteAt(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  return code < 128 ? code === 32 || (code >= 9 && code <= 13) : WHITESPACE.test(text[i]!);
}

/** True for a quotation mark: `"`, `“` or `”`. */
function isQuoteCode(code: number): boolean {
  return code === 34 || code === 0x201c || code === 0x201d;
}

/**
 * Finds one character in a text for ranges that move forward (the sentences of a document in
 * order): the text after the last query is searched once, by `indexOf`.
 */
export class CharFinder {
  private from = 0;
  /** The first offset of the character at or after `from`, or -1. */
  private at: number;

  constructor(private readonly text: string, private readonly char: string) {
    this.at = text.indexOf(char);
  }

  /** True when the character occurs in `[from, to)` of the text. */
  within(from: number, to: number): boolean {
    if (from < this.from || (this.at !== -1 && from > this.at)) {
      this.from = from;
      this.at = this.text.indexOf(this.char, from);
    }
    return this.at !== -1 && this.at < to;
  }
}

/** Tells whether a range of a text holds one of some characters, for ranges in document order. */
export class MarkFinder {
  private readonly finders: CharFinder[];

  constructor(text: string, marks: readonly string[]) {
    this.finders = marks.map((mark) => new CharFinder(text, mark));
  }

  /** True when `[from, to)` holds one of the marks. */
  within(from: number, to: number): boolean {
    return this.finders.some((finder) => finder.within(from, to));
  }
}

/** The quotation marks (`"`, `“`, `”`) of a text, for ranges in document order. */
export class QuoteMarks extends MarkFinder {
  constructor(text: string) {
    super(text, ['"', '“', '”']);
  }
}

/**
 * Quoted passages of at least three words, as spans inside `sentenceText` (marks excluded).
 * Marks are read by position, not paired: a straight `"` after a space (or at the start) and
 * before a word opens, any other closes. An opening mark inside an open quotation starts a new
 * one (newspaper style reopens each sentence or paragraph without closing the last); a quotation
 * left open runs to the end of the sentence; a closing mark with none open closes a quotation
 * that began in an earlier sentence.
 */
export function quotedSpans(sentenceText: string): Span[] {
  return quotedSpansIn(sentenceText, 0, sentenceText.length);
}

/**
 * {@link quotedSpans} of `text.slice(from, to)` without slicing it: the spans are offsets from
 * `from`.
 */
export function quotedSpansIn(text: string, from: number, to: number): Span[] {
  const spans: Span[] = [];
  let open = -1;
  for (let i = from; i < to; i++) {
    if (!isQuoteCode(text.charCodeAt(i))) continue;
    if (isOpeningMark(text, i, from, to)) {
      if (open !== -1) pushQuoted(text, from, open, i, spans);
      open = i + 1;
    } else if (open !== -1) {
      pushQuoted(text, from, open, i, spans);
      open = -1;
    } else if (spans.length === 0) {
      pushQuoted(text, from, from, i, spans);
    }
  }
  if (open !== -1) pushQuoted(text, from, open, to, spans);
  return spans;
}

/** Adds `[start, end)` of `text`, trimmed, as a span from `from` when it holds at least three words. */
function pushQuoted(text: string, from: number, start: number, end: number, spans: Span[]): void {
  let s = start;
  let e = end;
  while (s < e && isWhiteAt(text, s)) s++;
  while (e > s && isWhiteAt(text, e - 1)) e--;
  // Words are separated by runs of whitespace: three words have two runs between them.
  let gaps = 0;
  for (let k = s + 1; k < e && gaps + 1 < MIN_QUOTED_WORDS; k++) {
    if (isWhiteAt(text, k) && !isWhiteAt(text, k - 1)) gaps++;
  }
  if (gaps + 1 >= MIN_QUOTED_WORDS) spans.push({ start: s - from, end: e - from });
}

/** True when a text (`text.slice(from, to)`) ends inside a quotation: its last quotation mark opens one (read as {@link quotedSpans} reads marks). */
export function endsInsideQuote(text: string, from = 0, to = text.length): boolean {
  for (let i = to - 1; i >= from; i--) {
    if (isQuoteCode(text.charCodeAt(i))) return isOpeningMark(text, i, from, to);
  }
  return false;
}

/** Whether the mark at `i` of `text.slice(from, to)` opens a quotation. */
function isOpeningMark(text: string, i: number, from: number, to: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 0x201c) return true;
  if (c === 0x201d) return false;
  // Before: whitespace, an opening bracket or a dash (the start counts as a space).
  if (i > from) {
    const before = text.charCodeAt(i - 1);
    if (!(before === 40 || before === 91 || before === 123 || before === 0x2014 || before === 0x2013 || before === 45 || isWhiteAt(text, i - 1))) return false;
  }
  // After: not whitespace nor closing punctuation (the end counts as a space).
  if (i + 1 >= to) return false;
  const after = text.charCodeAt(i + 1);
  return !(after === 44 || after === 46 || after === 59 || after === 58 || after === 33 || after === 63 || after === 41 || isWhiteAt(text, i + 1));
}
