/**
 * Figures on invented wire copy (`tests/fixtures/wire/`: 24 hard-wrapped articles at 70 columns,
 * datelines, wire attribution, multi-paragraph quotations, two tables), with 45 questions a tester
 * wrote for them (`tests/fixtures/wire.questions.jsonl`). Floors a little under what the answering
 * core reaches: before it read layouts, every question about this copy was declined.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cachedSourceReader, evaluate, readQuestions, type Evaluation } from '../../src/cli/evaluation.js';
import { openEngine } from '../../src/cli/openCorpus.js';

describe('answers on hard-wrapped wire copy', () => {
  let evaluation: Evaluation;
  beforeAll(() => {
    const engine = openEngine('tests/fixtures/wire');
    evaluation = evaluate(readQuestions('tests/fixtures/wire.questions.jsonl'), (q) => engine.answer(q), cachedSourceReader());
  });

  it('finds the answer in the first three excerpts for most factual questions', () => {
    expect(evaluation.summary.hitAt3).toBeGreaterThanOrEqual(0.9); // measured 0.96
    expect(evaluation.summary.hitAt1).toBeGreaterThanOrEqual(0.66); // measured 0.74
  });

  it('answers speaker questions with whole statements by that speaker', () => {
    expect(evaluation.summary.speakersPassed).toBeGreaterThanOrEqual(9); // of 10, measured 10
  });

  it('declines what the copy does not cover, rarely what it does, and stays verbatim', () => {
    expect(evaluation.summary.abstentionsRight).toBeGreaterThanOrEqual(5); // of 8, measured 6
    expect(evaluation.summary.falseAbstentions).toBeLessThanOrEqual(1); // measured 0
    expect(evaluation.summary.notVerbatim).toBe(0);
    expect(evaluation.summary.excerptLength.p95).toBeLessThanOrEqual(450);
  });
});
