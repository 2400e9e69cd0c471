/**
 * Figures on an invented corpus in two other house styles (`tests/fixtures/press/`: 12 Markdown
 * articles with front matter, subheads, lists, tables and photo captions in US newspaper style,
 * and 8 one-line-per-paragraph magazine articles with sidecars), with 45 questions an independent
 * tester wrote without reading the code (`tests/fixtures/press.questions.jsonl`). Floors a little
 * under what the answering core reaches.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cachedSourceReader, evaluate, readQuestions, type Evaluation } from '../../src/cli/evaluation.js';
import { openEngine } from '../../src/cli/openCorpus.js';

describe('answers on Markdown newspaper and magazine copy', () => {
  let evaluation: Evaluation;
  beforeAll(() => {
    const engine = openEngine('tests/fixtures/press');
    evaluation = evaluate(readQuestions('tests/fixtures/press.questions.jsonl'), (q) => engine.answer(q), cachedSourceReader());
  });

  it('finds the answer in the first three excerpts for most factual questions', () => {
    expect(evaluation.summary.hitAt3).toBeGreaterThanOrEqual(0.86); // measured 0.92
    expect(evaluation.summary.hitAt1).toBeGreaterThanOrEqual(0.6); // measured 0.68
  });

  it('answers speaker questions with statements by that speaker', () => {
    expect(evaluation.summary.speakersPassed).toBeGreaterThanOrEqual(10); // of 12, measured 11
  });

  it('declines what the corpus does not cover, rarely what it does, and stays verbatim', () => {
    expect(evaluation.summary.abstentionsRight).toBeGreaterThanOrEqual(5); // of 8, measured 6
    expect(evaluation.summary.falseAbstentions).toBeLessThanOrEqual(1); // measured 0
    expect(evaluation.summary.notVerbatim).toBe(0);
    expect(evaluation.summary.excerptLength.p95).toBeLessThanOrEqual(450);
  });
});
