import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnswerEngine, loadCorpus } from '../../../src/core/index.js';

const engine = new AnswerEngine(loadCorpus('seeds').documents);
const sources = new Map<string, string>();
const source = (path: string): string => {
  if (!sources.has(path)) sources.set(path, readFileSync(path, 'utf8'));
  return sources.get(path)!;
};
const corpusWords = ['Musk', 'Tesla', 'camera', 'data', 'China', 'said', 'what', 'did', 'say', 'about', 'spy', 'source:"TRT World"', 'since:2021-05-01', 'before:x', '“', '"', "'s", '?'];

describe('answering arbitrary questions', () => {
  it('never throws, stays verbatim and bounded', () => {
    const question = fc.oneof(
      fc.string({ maxLength: 600 }),
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.array(fc.constantFrom(...corpusWords), { maxLength: 12 }).map((w) => w.join(' ')),
    );
    fc.assert(
      fc.property(question, fc.integer({ min: -3, max: 30 }), fc.integer({ min: -2, max: 40 }), (q, limit, offset) => {
        const answer = engine.answer(q, { limit, offset });
        expect(answer.excerpts.length).toBeLessThanOrEqual(20);
        expect(JSON.stringify(answer).length).toBeLessThan(40_000);
        if (!answer.answered) {
          expect(answer.excerpts).toEqual([]);
          expect(answer.message).toBeTruthy();
        }
        for (const e of answer.excerpts) {
          expect(source(e.source.path).slice(e.source.start, e.source.end)).toBe(e.text);
          expect(e.text.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
