/**
 * Development figures on the BBC News set (`../shared/eval/realnews/`: 2,225 articles, 90
 * questions), scored in-process exactly as `npm run eval -- --corpus …` scores them. The articles
 * stay outside the repository (their copyright is the BBC's); without the folder these tests skip.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cachedSourceReader, evaluate, readQuestions, scorerLine, type Evaluation } from '../../src/cli/evaluation.js';
import { openEngine } from '../../src/cli/openCorpus.js';

// Issue 9's targets (hit@1 0.7, hit@3 0.85, abstentions 13/15, speakers 17/20, false abstentions
// <= 3, p95 <= 450), or floors a little under what the answering core reaches where it does better.
/** Least share of the 55 factual questions with an expected string in the first excerpt (measured 0.75; the target). */
const MIN_HIT_AT_1 = 0.7;
/** Least share with an expected string in the first three excerpts (measured 0.85, 47 of 55; the target). */
const MIN_HIT_AT_3 = 0.85;
/** Least mean reciprocal rank (measured 0.79). */
const MIN_MRR = 0.75;
/** Least unanswerable questions (of 15) answered with an abstention (measured 13; the target). */
const MIN_ABSTENTIONS_RIGHT = 13;
/** Least speaker questions (of 20) passed: precision and groups (measured 19). */
const MIN_SPEAKERS_PASSED = 18;
/** Most factual and speaker questions answered with answered:false (measured 0). */
const MAX_FALSE_ABSTENTIONS = 2;
/** Longest 95th-percentile excerpt, in characters (measured 291). */
const MAX_EXCERPT_P95 = 450;

const REALNEWS = '../shared/eval/realnews';
const CORPUS = `${REALNEWS}/corpus`;
const QUESTIONS = `${REALNEWS}/questions.dev.jsonl`;
const SCORE_MJS = '../shared/eval/score.mjs';
/** Loading and indexing 2,225 articles, then 90 answers: about 5 s alone, allow for a busy 2-core machine. */
const TIMEOUT_MS = 60_000;

const absent = !existsSync(CORPUS) || !existsSync(QUESTIONS);
const title = absent
  ? `BBC development figures: skipped because ${REALNEWS}/ is absent (the BBC set is not part of the repository)`
  : 'BBC development figures';

describe.skipIf(absent)(title, { timeout: TIMEOUT_MS }, () => {
  let run: Evaluation;

  beforeAll(() => {
    const engine = openEngine(CORPUS);
    run = evaluate(readQuestions(QUESTIONS), (q) => engine.answer(q), cachedSourceReader());
  }, TIMEOUT_MS);

  it('finds expected excerpts at rank 1 and in the top three', () => {
    expect(run.summary.answerable).toBe(55);
    expect(run.summary.hitAt1).toBeGreaterThanOrEqual(MIN_HIT_AT_1);
    expect(run.summary.hitAt3).toBeGreaterThanOrEqual(MIN_HIT_AT_3);
    expect(run.summary.mrr).toBeGreaterThanOrEqual(MIN_MRR);
  });

  it('abstains on unanswerable questions and seldom on answerable ones', () => {
    expect(run.summary.abstentions).toBe(15);
    expect(run.summary.abstentionsRight).toBeGreaterThanOrEqual(MIN_ABSTENTIONS_RIGHT);
    expect(run.summary.falseAbstentions).toBeLessThanOrEqual(MAX_FALSE_ABSTENTIONS);
  });

  it('passes speaker questions', () => {
    expect(run.summary.speakerQuestions).toBe(20);
    expect(run.summary.speakersPassed).toBeGreaterThanOrEqual(MIN_SPEAKERS_PASSED);
  });

  it('keeps excerpts short', () => {
    expect(run.summary.excerptLength.p95).toBeLessThanOrEqual(MAX_EXCERPT_P95);
  });

  it('returns only verbatim excerpts', () => {
    expect(run.summary.excerpts).toBeGreaterThan(0);
    expect(run.summary.verbatim).toBe(run.summary.excerpts);
    expect(run.summary.notVerbatim).toBe(0);
  });

  it.skipIf(!existsSync(SCORE_MJS))('gives the figures score.mjs gives on the same answers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'realnews-'));
    try {
      const answers = join(dir, 'answers.jsonl');
      writeFileSync(answers, run.answers.map((a) => JSON.stringify(a)).join('\n'));
      const args = [SCORE_MJS, QUESTIONS, answers, '.', '--min-hit3', '0', '--min-abstain', '0', '--min-quotes', '0'];
      const { stdout } = spawnSync(process.execPath, args, { encoding: 'utf8' });
      expect(stdout).toContain(`${scorerLine(run.summary)} unparsable 0`);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});

/**
 * 60 further questions about other articles of the same archive, written blind by a tester who
 * never read the code (`tests/questions.bbc-heldout.jsonl`; each expected string is a short
 * citation, the articles stay outside the repository). They measure how the answering core holds
 * on questions nobody tuned it for; floors a little under the measured figures.
 */
const HELDOUT = 'tests/questions.bbc-heldout.jsonl';
/**
 * 45 more, about yet other articles (none the two sets above use), written on 7 December 2026 by
 * someone who ran no answering engine. Measured before anything was changed for them (hit@1 0.57,
 * hit@3 0.73, 6/8 speakers, 2 false abstentions); their failures then showed five kinds of error
 * that were fixed, so they are development questions now.
 */
const BLIND = 'tests/questions.bbc-blind.jsonl';

describe.skipIf(absent)(absent ? `${title} (held-out)` : 'BBC held-out figures', { timeout: TIMEOUT_MS }, () => {
  let run: Evaluation;
  let blind: Evaluation;

  beforeAll(() => {
    const engine = openEngine(CORPUS);
    run = evaluate(readQuestions(HELDOUT), (q) => engine.answer(q), cachedSourceReader());
    blind = evaluate(readQuestions(BLIND), (q) => engine.answer(q), cachedSourceReader());
  }, TIMEOUT_MS);

  it('holds on a second blind set about other articles', () => {
    expect(blind.summary.answerable).toBe(30);
    expect(blind.summary.hitAt1).toBeGreaterThanOrEqual(0.5); // measured 0.57
    expect(blind.summary.hitAt3).toBeGreaterThanOrEqual(0.76); // measured 0.83
    expect(blind.summary.abstentionsRight).toBeGreaterThanOrEqual(6); // of 7, measured 7
    expect(blind.summary.speakersPassed).toBeGreaterThanOrEqual(7); // of 8, measured 8
    expect(blind.summary.falseAbstentions).toBeLessThanOrEqual(2); // measured 0
    expect(blind.summary.notVerbatim).toBe(0);
  });

  it('finds expected excerpts for questions nobody tuned for', () => {
    expect(run.summary.answerable).toBe(35);
    expect(run.summary.hitAt1).toBeGreaterThanOrEqual(0.65); // measured 0.71
    expect(run.summary.hitAt3).toBeGreaterThanOrEqual(0.86); // measured 0.91
  });

  it('abstains, passes speaker questions and stays verbatim', () => {
    expect(run.summary.abstentionsRight).toBeGreaterThanOrEqual(7); // of 10, measured 8
    expect(run.summary.speakersPassed).toBeGreaterThanOrEqual(12); // of 15, measured 13
    expect(run.summary.falseAbstentions).toBeLessThanOrEqual(2); // measured 1
    expect(run.summary.notVerbatim).toBe(0);
  });
});
