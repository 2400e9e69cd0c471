import fc from 'fast-check';
import { all as corpusSentences } from 'nlp-corpus';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../../src/core/index.js';
import { terms, WORD_PATTERN } from '../../../src/core/search/analyzer.js';
import { scanWords, WordTable } from '../../../src/core/search/wordScanner.js';

/** The words of `text.slice(from, to)` as the regular expression finds them, as offsets into `text`. */
function byRegex(text: string, from: number, to: number): Array<[number, number]> {
  return [...text.slice(from, to).matchAll(new RegExp(WORD_PATTERN.source, WORD_PATTERN.flags))].map((m) => [from + m.index, from + m.index + m[0].length]);
}

function byScanner(text: string, from: number, to: number): Array<[number, number]> {
  const words: Array<[number, number]> = [];
  scanWords(text, from, to, (start, end) => words.push([start, end]));
  return words;
}

const tricky = [
  "U.S. officials said the U.S.A. and U.K. would ... A. Smith's car, Mr. Jones' 3D model, 1,000.50 dollars, 10, 20 and 1,.5",
  "rock'n'roll it's o'clock5 l’été café naïve Zürich — “quoted” ‘single’ it’s…end",
  'x1y2 A.b AB.C. 2² ½ 3.14.15 .5 5. ,5 ’s ’ \' \'\'abc',
  'Ελληνικά 中文 العربية 𝐀𝐁 emoji 🚗 tab\there non\u00a0breaking',
];

describe('scanWords: the words of WORD_PATTERN, as offsets', () => {
  it('finds exactly the regular expression’s words on tricky text and at every range boundary', () => {
    for (const text of tricky) {
      for (let from = 0; from <= text.length; from += 3) {
        for (let to = from; to <= text.length; to += 5) expect(byScanner(text, from, to)).toEqual(byRegex(text, from, to));
      }
      expect(byScanner(text, 0, text.length)).toEqual(byRegex(text, 0, text.length));
    }
  });

  it('finds exactly the regular expression’s words in every sentence of the seed corpus and 20,000 corpus lines', () => {
    for (const doc of loadCorpus('seeds').documents) {
      for (const s of doc.sentences) expect(byScanner(doc.text, s.start, s.end)).toEqual(byRegex(doc.text, s.start, s.end));
      expect(byScanner(doc.text, 0, doc.text.length)).toEqual(byRegex(doc.text, 0, doc.text.length));
    }
    // The raw lines (not the bench's cleaned ones): any characters, quotes and markup included.
    const lines = (corpusSentences() as unknown[]).filter((line): line is string => typeof line === 'string').slice(0, 20_000);
    for (const line of lines) expect(byScanner(line, 0, line.length)).toEqual(byRegex(line, 0, line.length));
  });

  it('finds exactly the regular expression’s words in arbitrary strings', () => {
    const char = fc.constantFrom(...'aZq09 ,.\'’-“”—…\u00a0éÉß中𝐀²½AU.S'.split(''), '𝐀');
    fc.assert(
      fc.property(fc.array(char, { maxLength: 40 }), fc.nat(), fc.nat(), (chars, a, b) => {
        const text = chars.join('');
        const from = text.length === 0 ? 0 : a % (text.length + 1);
        const to = from + (text.length === 0 ? 0 : b % (text.length - from + 1));
        expect(byScanner(text, from, to)).toEqual(byRegex(text, from, to));
      }),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        expect(byScanner(text, 0, text.length)).toEqual(byRegex(text, 0, text.length));
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves the analyzer’s own pattern alone (its lastIndex is where matchAll starts)', () => {
    const text = 'The U.S. and the U.K. agreed';
    byScanner(text, 0, 12);
    expect(WORD_PATTERN.lastIndex).toBe(0);
    expect(terms('Tesla told Chinese consumers')).toEqual(['tesla', 'tell', 'chines', 'consum']);
  });
});

describe('WordTable', () => {
  it('resolves each distinct word once and finds it again by its characters', () => {
    const table = new WordTable(1000);
    const resolved: string[] = [];
    const text = 'the car and the cars, the CAR, the car';
    const ids = byRegex(text, 0, text.length).map(([s, e]) => table.idOf(text, s, e, (w) => (resolved.push(w), resolved.length - 1)));
    expect(resolved).toEqual(['the', 'car', 'and', 'cars', 'CAR']);
    expect(ids).toEqual([0, 1, 2, 0, 3, 0, 4, 0, 1]);
  });

  it('grows, and empties itself when full, without losing ids it hands out', () => {
    const table = new WordTable(50_000);
    const text = Array.from({ length: 120_000 }, (_, i) => `w${i}`).join(' ');
    const words = byRegex(text, 0, text.length);
    let next = 0;
    const ids = words.map(([s, e]) => table.idOf(text, s, e, () => next++));
    expect(ids).toEqual(words.map((_, i) => i));
    // Seen again: the same ids for the words still in the table, new ones after it was emptied.
    const again = words.slice(-10).map(([s, e]) => table.idOf(text, s, e, () => -1));
    expect(again.every((id, i) => id === ids[ids.length - 10 + i] || id === -1)).toBe(true);
  });
});
