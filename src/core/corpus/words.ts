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
const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}&'’-]|\.(?=\p{L}))*(?:(?<=\p{Lu})\.)?|[,;:()—–|“”"]/gu;
const QUOTE_PAIRS = /“([^“”]*)”|"([^"]*)"/g;
const MIN_QUOTED_WORDS = 3;

/** The words of a text, with offsets into it. */
export function wordsOf(text: string): WordToken[] {
  const words: WordToken[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    words.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return words;
}

/** True for punctuation tokens of {@link wordsOf}. */
export function isPunctuation(word: string): boolean {
  return /^[,;:()—–|“”"]$/.test(word);
}

/**
 * Quoted passages of at least three words, as spans inside `sentenceText` (marks excluded). A
 * quotation opened and not closed runs to the end of the sentence.
 */
export function quotedSpans(sentenceText: string): Span[] {
  const spans: Span[] = [];
  if (!sentenceText.includes('“') && !sentenceText.includes('"')) return spans;
  for (const match of sentenceText.matchAll(QUOTE_PAIRS)) {
    const inner = match[1] ?? match[2] ?? '';
    if (inner.trim().split(/\s+/).length < MIN_QUOTED_WORDS) continue;
    spans.push({ start: match.index + 1, end: match.index + match[0].length - 1 });
  }
  const lastEnd = spans.length > 0 ? spans.at(-1)!.end + 1 : 0;
  const tail = sentenceText.slice(lastEnd);
  const open = tail.search(/[“"]/);
  if (open !== -1 && !/[”"]/.test(tail.slice(open + 1))) {
    const start = lastEnd + open + 1;
    if (sentenceText.slice(start).trim().split(/\s+/).length >= MIN_QUOTED_WORDS) spans.push({ start, end: sentenceText.length });
  }
  return spans;
}
