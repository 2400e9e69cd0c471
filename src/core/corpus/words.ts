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

/**
 * Words and the punctuation that matters for attribution. A word keeps a final period only
 * after a capital (`U.S.`, `Jr.`… but not `Inc.`).
 */
const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}&'’-]|\.(?=\p{L}))*\.?|[,;:()—–|“”"]/gu;
/** An upper-case letter: a word ending in one keeps its final period (`U.S.`). */
const UPPER = /\p{Lu}/u;
const MIN_QUOTED_WORDS = 3;

/** The words of a text, with offsets into it. */
export function wordsOf(text: string): WordToken[] {
  const words: WordToken[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    let word = m[0];
    // A final period stays only after a capital ("U.S.", "Jr."), not after "Inc" or a sentence's last word.
    if (word.length > 1 && word.charCodeAt(word.length - 1) === 46 && !UPPER.test(word[word.length - 2]!)) word = word.slice(0, -1);
    words.push({ text: word, start: m.index, end: m.index + word.length });
  }
  return words;
}

/** True for punctuation tokens of {@link wordsOf}. */
export function isPunctuation(word: string): boolean {
  return /^[,;:()—–|“”"]$/.test(word);
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
  const spans: Span[] = [];
  if (!sentenceText.includes('“') && !sentenceText.includes('"') && !sentenceText.includes('”')) return spans;
  let open = -1;
  const push = (start: number, end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(sentenceText[s]!)) s++;
    while (e > s && /\s/.test(sentenceText[e - 1]!)) e--;
    if (sentenceText.slice(s, e).trim().split(/\s+/).length >= MIN_QUOTED_WORDS) spans.push({ start: s, end: e });
  };
  for (let i = 0; i < sentenceText.length; i++) {
    const c = sentenceText[i];
    if (c !== '"' && c !== '“' && c !== '”') continue;
    if (isOpeningMark(sentenceText, i)) {
      if (open !== -1) push(open, i);
      open = i + 1;
    } else if (open !== -1) {
      push(open, i);
      open = -1;
    } else if (spans.length === 0) {
      push(0, i);
    }
  }
  if (open !== -1) push(open, sentenceText.length);
  return spans;
}

/** True when a text ends inside a quotation: its last quotation mark opens one (read as {@link quotedSpans} reads marks). */
export function endsInsideQuote(text: string): boolean {
  let open = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === '“' || c === '”') open = isOpeningMark(text, i);
  }
  return open;
}

function isOpeningMark(text: string, i: number): boolean {
  const c = text[i];
  if (c === '“') return true;
  if (c === '”') return false;
  const before = i === 0 ? ' ' : text[i - 1]!;
  const after = text[i + 1] ?? ' ';
  return /[\s([{—–-]/.test(before) && !/[\s,.;:!?)]/.test(after);
}
