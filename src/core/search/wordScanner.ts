/**
 * The analyzer's tokenizer for the indexer: the words of a range of a text, exactly as
 * `WORD_PATTERN` (see `analyzer.ts`) finds them in that range, reported as offsets, and a table
 * from words to term ids that looks a word up by its characters in the text. Indexing 50,000
 * articles reads some 25 million words: with a regular expression match and a new string per
 * word before a hash-map look-up, tokenizing took longer than MiniSearch's indexing of the terms.
 *
 * Plain ASCII words, numbers and separators (and the typographic quotes, dashes, ellipsis and
 * no-break space of news text) are scanned by hand; anything else (accented letters, other
 * scripts, acronyms such as `U.S.`) is left to the regular expression itself, from that point.
 */
import { WORD_PATTERN } from './analyzer.js';

/** This module's own copy: `lastIndex` is state, and the analyzer's `matchAll` starts from it. */
const PATTERN = new RegExp(WORD_PATTERN.source, WORD_PATTERN.flags);

const APOSTROPHE = 0x27;
const RIGHT_SINGLE_QUOTE = 0x2019;

/** Non-ASCII characters that are neither letters nor digits, common in news text. */
function isKnownSeparator(c: number): boolean {
  return (
    c === 0xa0 || // no-break space
    c === 0x2013 || c === 0x2014 || // en and em dashes
    c === 0x2018 || c === 0x2019 || c === 0x201c || c === 0x201d || // curly quotes
    c === 0x2026 // ellipsis
  );
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

function isUpper(c: number): boolean {
  return c >= 0x41 && c <= 0x5a;
}

/** A character the hand scanner cannot classify (it may be a letter or a digit). */
function isOther(c: number): boolean {
  return c >= 0x80 && !isKnownSeparator(c);
}

/**
 * Calls `onWord(start, end)` for every match of `WORD_PATTERN` in `text.slice(from, to)`, in
 * order, with offsets into `text`.
 */
export function scanWords(text: string, from: number, to: number, onWord: (start: number, end: number) => void): void {
  let slice: string | null = null;
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    let end = -1;
    if (c < 0x80) {
      if (isDigit(c)) {
        // \d[\d,]*(?:\.\d+)?
        end = i + 1;
        while (end < to && (isDigit(text.charCodeAt(end)) || text.charCodeAt(end) === 0x2c)) end++;
        if (end + 1 < to && text.charCodeAt(end) === 0x2e && isDigit(text.charCodeAt(end + 1))) {
          end += 2;
          while (end < to && isDigit(text.charCodeAt(end))) end++;
        }
      } else if (isAsciiLetter(c) && !(isUpper(c) && i + 1 < to && text.charCodeAt(i + 1) === 0x2e)) {
        // [\p{L}\p{N}]+(?:['’][\p{L}]+)*, while it stays ASCII
        end = i + 1;
        while (end < to && (isAsciiLetter(text.charCodeAt(end)) || isDigit(text.charCodeAt(end)))) end++;
        if (end < to && isOther(text.charCodeAt(end))) end = -1;
        while (end !== -1 && end + 1 < to) {
          const q = text.charCodeAt(end);
          if (q !== APOSTROPHE && q !== RIGHT_SINGLE_QUOTE) break;
          const next = text.charCodeAt(end + 1);
          if (isOther(next)) {
            end = -1;
            break;
          }
          if (!isAsciiLetter(next)) break;
          let k = end + 2;
          while (k < to && isAsciiLetter(text.charCodeAt(k))) k++;
          if (k < to && isOther(text.charCodeAt(k))) {
            end = -1;
            break;
          }
          end = k;
        }
      } else if (!isAsciiLetter(c)) {
        i++;
        continue;
      }
    } else if (isKnownSeparator(c)) {
      i++;
      continue;
    }
    if (end === -1) {
      // The regular expression decides, from here, on the range alone.
      slice ??= text.slice(from, to);
      PATTERN.lastIndex = i - from;
      const match = PATTERN.exec(slice);
      if (match === null) return;
      const start = from + match.index;
      end = start + match[0].length;
      onWord(start, end);
      i = end;
      continue;
    }
    onWord(i, end);
    i = end;
  }
}

/** FNV-1a over the UTF-16 code units of `text[start .. end)`. */
function hashRange(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/**
 * Words (as written) → ids, looked up by their characters in a text without making a string of
 * them; a word not yet in the table is made a string once and resolved by the caller. The table
 * is emptied when it holds `limit` words. Open addressing over one typed array of
 * (hash, entry + 1) pairs, so a look-up reads one slot and then the word it compares.
 */
export class WordTable {
  private slots: Int32Array;
  private words: string[] = [];
  private ids: number[] = [];

  constructor(private readonly limit = 500_000) {
    this.slots = new Int32Array(2 << 16);
  }

  /** The id of the word `text[start .. end)`, from `resolve(word)` the first time it is seen. */
  idOf(text: string, start: number, end: number, resolve: (word: string) => number): number {
    const hash = hashRange(text, start, end) | 0;
    const length = end - start;
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    let slot = hash & mask;
    for (;;) {
      const entry = slots[2 * slot + 1]! - 1;
      if (entry === -1) break;
      if (slots[2 * slot] === hash) {
        const word = this.words[entry]!;
        if (word.length === length) {
          let same = true;
          for (let i = 0; i < length; i++) {
            if (word.charCodeAt(i) !== text.charCodeAt(start + i)) {
              same = false;
              break;
            }
          }
          if (same) return this.ids[entry]!;
        }
      }
      slot = (slot + 1) & mask;
    }
    const word = text.slice(start, end);
    const id = resolve(word);
    if (this.words.length >= this.limit) this.clear();
    else if ((this.words.length + 1) * 4 > this.slots.length) this.grow();
    this.insert(word, hash, id);
    return id;
  }

  private insert(word: string, hash: number, id: number): void {
    const mask = (this.slots.length >> 1) - 1;
    let slot = hash & mask;
    while (this.slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
    this.slots[2 * slot] = hash;
    this.slots[2 * slot + 1] = this.words.length + 1;
    this.words.push(word);
    this.ids.push(id);
  }

  private grow(): void {
    const { words, ids } = this;
    this.slots = new Int32Array(this.slots.length * 2);
    this.words = [];
    this.ids = [];
    words.forEach((word, i) => this.insert(word, hashRange(word, 0, word.length) | 0, ids[i]!));
  }

  private clear(): void {
    this.slots = new Int32Array(2 << 16);
    this.words = [];
    this.ids = [];
  }
}
