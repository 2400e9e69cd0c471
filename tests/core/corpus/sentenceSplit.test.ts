import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { split } from 'sentence-splitter';
import { describe, expect, it } from 'vitest';
import { splitSentenceRanges } from '../../../src/core/corpus/sentenceSplit.js';

/** The library's answer: the ranges of its Sentence nodes. */
function libraryRanges(text: string): Array<[number, number]> {
  return split(text).filter((node) => node.type === 'Sentence').map((node) => [node.range[0], node.range[1]]);
}

const pieces = [
  'The', 'U.S.', 'Mr.', 'Dr. No', 'Feb.', 'Inc.', 'e.g.', 'i.e.', 'St. Louis', 'No. 3', '3.5', '1,000',
  'said', 'Musk', 'Tesla', '.', '!', '?', '...', '…', ',', ';', ':', '"', '“', '”', '(', ')', '[', ']', "'", '’',
  'a', 'b', 'C', 'Q1.', 'A.B.C.', '2.', 'ok', '\t', '  ', 'Wow!', 'Really?', '「', '」',
];

describe('splitSentenceRanges', () => {
  it('finds the same sentences as sentence-splitter on every line of the seeds', () => {
    for (const file of readdirSync('seeds')) {
      for (const line of readFileSync(`seeds/${file}`, 'utf8').split('\n')) {
        expect(splitSentenceRanges(line), line).toEqual(libraryRanges(line));
      }
    }
  });

  it('finds the same sentences as sentence-splitter on arbitrary tricky lines', () => {
    const line = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).chain((words) =>
      fc.array(fc.constantFrom(' ', '', '  '), { minLength: words.length, maxLength: words.length }).map((gaps) =>
        words.map((w, i) => w + gaps[i]).join(''),
      ),
    );
    fc.assert(
      fc.property(fc.oneof(line, fc.string({ maxLength: 60 })), (text) => {
        expect(splitSentenceRanges(text)).toEqual(libraryRanges(text));
      }),
      { numRuns: 3000 },
    );
  });
});
