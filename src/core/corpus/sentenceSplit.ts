/**
 * Sentence boundaries of one line of text, exactly as `sentence-splitter`'s `split(text)` finds
 * them (the `Sentence` nodes' ranges), in linear time.
 *
 * `sentence-splitter` walks the text one character at a time and, at every character, compares
 * the word starting there with each of its ~230 abbreviations and scans every abbreviation range
 * seen so far; on news text that is about 2.5 ms per article, 80% of loading a corpus (profiled
 * with `node --cpu-prof`). This is the same state machine (separators, pair marks, abbreviation
 * marks, with the package's own English word lists) with set look-ups and a running range end.
 * tests/core/corpus/sentenceSplit.test.ts checks it against `sentence-splitter` on thousands of
 * odd lines.
 */
import { DefaultAbbrMarkerOptions } from 'sentence-splitter';

const LANGUAGE = DefaultAbbrMarkerOptions.language;
const lowerSet = (words: readonly string[]): ReadonlySet<string> => new Set(words.map((w) => w.toLowerCase()));
const ABBREVIATIONS = lowerSet(LANGUAGE.ABBREVIATIONS);
const PREPOSITIVE = lowerSet(LANGUAGE.PREPOSITIVE_ABBREVIATIONS);
const EXCLAMATION = lowerSet(LANGUAGE.EXCLAMATION_WORDS);

/* Sentence separators of `sentence-splitter` (its defaults): . ． 。 ? ! ？ ！ (see separatorAt). */
/** Pair marks of `sentence-splitter`: inside one, no sentence ends. Curly quotes are not among them. */
const PAIR_START = new Map<string, string>([
  ['"', 'double quote'], ['[', 'angled bracket'], ['(', 'round bracket'], ['{', 'curly brace'],
  ['「', 'かぎ括弧'], ['（', '丸括弧'], ['『', '二重かぎ括弧'], ['｛', '波括弧'], ['［', '角括弧'], ['〚', '重角括弧'],
  ['【', '隅付き括弧'], ['《', '二重隅付き括弧'],
]);
const PAIR_END = new Map<string, string>([
  ['"', 'double quote'], [']', 'angled bracket'], [')', 'round bracket'], ['}', 'curly brace'],
  ['」', 'かぎ括弧'], ['）', '丸括弧'], ['』', '二重かぎ括弧'], ['｝', '波括弧'], ['］', '角括弧'], ['〛', '重角括弧'],
  ['】', '隅付き括弧'], ['》', '二重隅付き括弧'],
]);

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const UPPER_START = /^\p{Uppercase_Letter}/u;
const UPPER_DOT_START = /^\p{Uppercase_Letter}\./u;
const MULTI_PERIOD = /^([a-zA-Z]\.){3,}$/;
const LINE_INDEX = /^\d+\.$/;

// Characters as sentence-splitter sees them: UTF-16 code units (it uses `text.split('')`).
// The tests below are `/\s/` and the CJK expression, with the code units they match outside ASCII
// spelled out (`/\s/`) or ruled out (no CJK character below U+2E80 but Hangul Jamo), so that the
// curly quotes and dashes of news text never reach a regular expression.
function isWhite(text: string, i: number): boolean {
  return isWhiteCode(text.charCodeAt(i));
}

function isWhiteCode(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029
    || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function isCJK(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return (c >= 0x1100 && c <= 0x11ff) || (c >= 0x2e80 && CJK.test(text[i]!));
}

function isBreak(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === 10 || c === 13;
}

/** The word starting at `from`, up to whitespace or a CJK character. */
function wordFrom(text: string, from: number): string {
  let end = from;
  while (end < text.length && !isWhite(text, end) && !isCJK(text, end)) end++;
  return text.slice(from, end);
}

/** The state of one split: open pair marks and the end of the abbreviation ranges marked so far. */
interface SplitState {
  /** Open pair marks, by key (sentence-splitter keeps a list and removes the last of a key). */
  contexts: string[];
  /** Every abbreviation range starts at or before the current offset, so only their furthest end matters. */
  abbreviationEnd: number;
}

function separatorAt(text: string, offset: number, state: SplitState): boolean {
  if (state.contexts.length > 0 || offset < state.abbreviationEnd) return false;
  return isSeparator(text, offset, text.charCodeAt(offset));
}

/**
 * ASCII characters that are nothing to the splitter inside a word: no line break, whitespace,
 * separator, abbreviation mark (`.`, `!`) or pair mark.
 */
const PLAIN = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  const special = code === 10 || code === 13 || isWhiteCode(code) || isMarkOrSeparator(code)
    || code === 34 || code === 40 || code === 41 || code === 91 || code === 93 || code === 123 || code === 125;
  PLAIN[code] = special ? 0 : 1;
}

/** A character the abbreviation marker looks for (`.`, `!`, `ǃ`) or a separator. */
function isMarkOrSeparator(code: number): boolean {
  return code === 46 || code === 33 || code === 63 || code === 0x1c3 || code === 0xff0e || code === 0x3002 || code === 0xff1f || code === 0xff01;
}

/** Whether the character `code` at `offset` ends a sentence, outside pairs and abbreviations. */
function isSeparator(text: string, offset: number, code: number): boolean {
  if (code === 46) return offset + 1 >= text.length || isWhite(text, offset + 1);
  // The other separators: ! ? ． 。 ？ ！
  return code === 33 || code === 63 || code === 0xff0e || code === 0x3002 || code === 0xff1f || code === 0xff01;
}

/**
 * sentence-splitter's AbbrMarker at `offset`, where a word starts (the text starts there, or
 * whitespace or a CJK character comes before) past the abbreviations marked so far: elsewhere it does nothing.
 */
function markAbbreviation(text: string, offset: number, state: SplitState): void {
  const n = text.length;
  let end = offset;
  let candidate = false;
  while (end < n && !isWhite(text, end) && !isCJK(text, end)) {
    const c = text.charCodeAt(end);
    if (c === 46 /* . */ || c === 33 /* ! */ || c === 0x1c3 /* ǃ */) candidate = true;
    end++;
  }
  // Every word of the lists, and every pattern, has a period or an exclamation mark.
  if (!candidate) return;
  const word = text.slice(offset, end);
  const lower = word.toLowerCase();
  let mark = MULTI_PERIOD.test(word) || EXCLAMATION.has(lower) || PREPOSITIVE.has(lower) || LINE_INDEX.test(word);
  if (!mark) {
    const matched = ABBREVIATIONS.has(lower);
    const upperDot = UPPER_DOT_START.test(word);
    if (matched || upperDot) {
      const next = end + 1 < n ? wordFrom(text, end + 1) : '';
      const nextCapitalised = UPPER_START.test(next);
      if (upperDot && nextCapitalised) {
        // The previous word: back over whitespace, then over non-whitespace.
        let k = offset - 1;
        while (k >= 0 && isWhite(text, k)) k--;
        while (k >= 0 && !isWhite(text, k)) k--;
        if (UPPER_START.test(wordFrom(text, k + 1))) mark = true;
      }
      if (!mark && matched && !nextCapitalised) mark = true;
    }
  }
  if (mark) state.abbreviationEnd = Math.max(state.abbreviationEnd, end);
}

/** sentence-splitter's PairMaker at `offset`, a character that may be a pair mark (`"()[]{}` or U+3000 and above). */
function markPair(text: string, offset: number, state: SplitState): void {
  const c = text[offset]!;
  const startKey = PAIR_START.get(c);
  const endKey = PAIR_END.get(c);
  const key = startKey ?? endKey;
  if (key === undefined) return;
  if (!state.contexts.includes(key)) {
    if (startKey !== undefined) state.contexts.push(key);
  } else if (endKey !== undefined) {
    state.contexts.splice(state.contexts.lastIndexOf(key), 1);
  }
}

/** `[start, end)` ranges of the sentences of `text` (whitespace not trimmed), as `sentence-splitter` gives them. */
export function splitSentenceRanges(text: string): Array<[number, number]> {
  const n = text.length;
  const ranges: Array<[number, number]> = [];
  const state: SplitState = { contexts: [], abbreviationEnd: -1 };
  let sentenceStart = -1;
  let i = 0;
  while (i < n) {
    if (isBreak(text, i)) {
      while (i < n && isBreak(text, i)) i++;
    } else if (isWhite(text, i)) {
      while (i < n && isWhite(text, i) && !isBreak(text, i)) i++;
    } else if (separatorAt(text, i, state)) {
      while (i < n && separatorAt(text, i, state)) i++;
      if (sentenceStart !== -1) ranges.push([sentenceStart, i]);
      sentenceStart = -1;
    } else {
      if (sentenceStart === -1) sentenceStart = i;
      // Up to a line break or a separator, each character read once. `boundary`: whitespace or a
      // CJK character (or the start of the text) comes before `i`, so a word starts at `i`.
      let boundary = i === 0 || isWhite(text, i - 1) || isCJK(text, i - 1);
      // The abbreviation marker reads the word starting after whitespace or a CJK character (past the
      // abbreviations marked so far), and changes nothing unless the word has a period or an
      // exclamation mark. It runs when the word reaches one (or a separator), before that character
      // is read: the characters before it are no separators, whatever it marks.
      let word = -1;
      while (i < n) {
        const code = text.charCodeAt(i);
        // Most characters are letters inside a word: nothing to mark, no separator.
        if (!boundary && code < 128 && PLAIN[code] === 1) {
          i++;
          continue;
        }
        if (code === 10 || code === 13) break;
        const mayMark = isMarkOrSeparator(code);
        if (mayMark && word !== -1) {
          markAbbreviation(text, word, state);
          word = -1;
        }
        if (state.contexts.length === 0 && i >= state.abbreviationEnd && isSeparator(text, i, code)) break;
        if (boundary) {
          word = i >= state.abbreviationEnd ? i : -1;
          if (mayMark && word !== -1) {
            markAbbreviation(text, word, state);
            word = -1;
          }
        } else if (isWhiteCode(code)) {
          word = -1;
        }
        if (code === 34 || code === 40 || code === 41 || code === 91 || code === 93 || code === 123 || code === 125 || code >= 0x3000) markPair(text, i, state);
        boundary = isWhiteCode(code) || (code >= 0x1100 && isCJK(text, i));
        i++;
      }
    }
  }
  if (sentenceStart !== -1) ranges.push([sentenceStart, n]);
  return ranges;
}
