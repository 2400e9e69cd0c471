import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  cachedSourceReader, evaluate, lengthFigures, normalizeForMatch, percentile, readQuestions, scoreAnswer, scorerLine, summarize,
  type EvalQuestion,
} from '../../src/cli/evaluation.js';
import { openEngine } from '../../src/cli/openCorpus.js';
import type { Answer } from '../../src/core/index.js';

/** The independent scorer, beside the repository; the tests that run it skip when it is absent. */
const SCORE_MJS = '../shared/eval/score.mjs';

const file = 'He said “it’s  fine” today. Other text. „Hallo“ she wrote. Unrelated words.';
const excerpt = (text: string, start = file.indexOf(text)) => ({
  text, speaker: null, score: 1, alsoIn: [],
  source: { docId: 'd', path: 'd.txt', title: null, outlet: null, published: null, url: null, label: { text: 'd', kind: 'file' as const, cut: false }, start, end: start + text.length },
});
/** An answer quoting `texts` from `file`; no texts means an abstention. */
const answer = (texts: string[]): Answer => ({
  question: 'q', intent: 'passages', speaker: null, answered: texts.length > 0, message: texts.length ? null : 'none',
  excerpts: texts.map((t) => excerpt(t)),
});
const read = () => file;
const anyOf = (id: string, ...strings: string[]): EvalQuestion => ({ id, question: id, expect: { anyOf: strings } });
const abstain = (id: string): EvalQuestion => ({ id, question: id, expect: { abstain: true } });
const quotesBy = (id: string, groups: string[][], minGroups: number, precisionAt: number): EvalQuestion => ({
  id, question: id, expect: { quotesBy: 'x', groups, minGroups, precisionAt },
});

describe('evaluation: matching', () => {
  it('normalizes as score.mjs does: case, curly quotes, white space, nothing trimmed', () => {
    expect(normalizeForMatch('He said “It’s  FINE”')).toBe(`he said "it's fine"`);
    expect(normalizeForMatch(' „Hallo‚ \n')).toBe(' „hallo‚ ');
  });

  it('reads question files, defaults precisionAt to 5 and names a bad line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'eval-q-'));
    try {
      const path = join(dir, 'q.jsonl');
      writeFileSync(path, `${JSON.stringify({ id: 's', question: 'q', expect: { quotesBy: 'x', groups: [['a']], minGroups: 1 } })}\n\n`);
      expect(readQuestions(path)[0]!.expect).toMatchObject({ precisionAt: 5 });
      writeFileSync(path, `${JSON.stringify(abstain('a'))}\n{"id": "b"}\n`);
      expect(() => readQuestions(path)).toThrow(/q\.jsonl:2: not an evaluation question/);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});

describe('evaluation: scoring', () => {
  it('counts a hit at rank 2 for hit@3 and MRR but not hit@1', () => {
    const result = scoreAnswer(anyOf('x', "it's fine"), answer(['Other text.', 'He said “it’s  fine” today.']), read);
    expect(result).toMatchObject({ kind: 'anyOf', rank: 2, pass: true, abstained: false, notVerbatim: 0 });
    expect(summarize([result])).toMatchObject({ answerable: 1, hitAt1: 0, hitAt3: 1, mrr: 0.5, falseAbstentions: 0 });
  });

  it('counts an answerable or speaker question answered with answered:false as a false abstention', () => {
    const missed = scoreAnswer(anyOf('x', 'other'), answer([]), read);
    expect(missed).toMatchObject({ rank: null, abstained: true, pass: false });
    const speaker = scoreAnswer(quotesBy('s', [['fine']], 1, 5), answer([]), read);
    const right = scoreAnswer(abstain('a'), answer([]), read);
    const wrong = scoreAnswer(abstain('b'), answer(['Other text.']), read);
    expect([right.pass, wrong.pass]).toEqual([true, false]);
    expect(summarize([missed, speaker, right, wrong])).toMatchObject({
      falseAbstentions: 2, abstentions: 2, abstentionsRight: 1, abstentionAccuracy: 0.5, hitAt3: 0, mrr: 0,
    });
  });

  it('fails a speaker question on precision even when it covers enough groups', () => {
    const q = quotesBy('s', [['fine'], ['other']], 2, 3);
    const imprecise = scoreAnswer(q, answer(['He said “it’s  fine” today.', 'Unrelated words.', 'Other text.']), read);
    expect(imprecise).toMatchObject({ precision: 2 / 3, groupsCovered: 2, minGroups: 2, pass: false });
    // Only the first precisionAt excerpts count, for precision and for groups.
    const beyond = scoreAnswer(quotesBy('s', [['fine'], ['other']], 1, 1), answer(['He said “it’s  fine” today.', 'Unrelated words.']), read);
    expect(beyond).toMatchObject({ precision: 1, groupsCovered: 1, pass: true });
    const precise = scoreAnswer(q, answer(['He said “it’s  fine” today.', 'Other text.']), read);
    expect(precise).toMatchObject({ precision: 1, groupsCovered: 2, pass: true });
    expect(summarize([imprecise, beyond, precise])).toMatchObject({ speakerQuestions: 3, speakersPassed: 2 });
  });

  it('computes excerpt length percentiles by nearest rank over every excerpt', () => {
    const oneToTwenty = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(percentile(oneToTwenty, 0.95)).toBe(19);
    expect(percentile(oneToTwenty, 0.5)).toBe(10);
    expect(percentile(Array.from({ length: 100 }, (_, i) => 100 - i), 0.95)).toBe(95);
    expect(lengthFigures([])).toEqual({ p50: 0, p95: 0, max: 0 });
    expect(lengthFigures([7])).toEqual({ p50: 7, p95: 7, max: 7 });
    const results = [
      scoreAnswer(anyOf('x', 'other'), answer(['Other text.', 'Unrelated words.']), read),
      scoreAnswer(anyOf('y', 'other'), answer(['He said “it’s  fine” today.']), read),
    ];
    expect(results.map((r) => r.excerptLengths)).toEqual([[11, 16], [27]]);
    expect(summarize(results)).toMatchObject({ excerpts: 3, excerptLength: { p50: 16, p95: 27, max: 27 } });
  });

  it('checks that every excerpt is the exact slice of its file', () => {
    const forged = answer(['Other text.']);
    forged.excerpts[0]!.text = 'Forged text';
    expect(scoreAnswer(anyOf('x', 'forged'), forged, read)).toMatchObject({ rank: 1, notVerbatim: 1 });
    const unreadable = () => { throw new Error('ENOENT'); };
    const result = scoreAnswer(anyOf('x', 'other'), answer(['Other text.']), unreadable);
    expect(summarize([result])).toMatchObject({ excerpts: 1, verbatim: 0, notVerbatim: 1 });
  });

  it('evaluates a question set with any answering function', () => {
    const run = evaluate([anyOf('x', 'other'), abstain('a')], (q) => answer(q === 'x' ? ['Other text.'] : []), read);
    expect(run.answers).toHaveLength(2);
    expect(run.summary).toMatchObject({ questions: 2, hitAt1: 1, abstentionsRight: 1, excerpts: 1, verbatim: 1 });
  });
});

/** Runs score.mjs on `answers` to `questions`, file paths resolved against `root`; its figure line. */
function runScoreMjs(questions: readonly EvalQuestion[], answers: readonly Answer[], root: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'eval-score-'));
  try {
    writeFileSync(join(dir, 'q.jsonl'), questions.map((q) => JSON.stringify(q)).join('\n'));
    writeFileSync(join(dir, 'a.jsonl'), answers.map((a) => JSON.stringify(a)).join('\n'));
    const args = [SCORE_MJS, join(dir, 'q.jsonl'), join(dir, 'a.jsonl'), root, '--min-hit3', '0', '--min-abstain', '0', '--min-quotes', '0'];
    return spawnSync(process.execPath, args, { encoding: 'utf8' }).stdout;
  } finally {
    rmSync(dir, { recursive: true });
  }
}

describe.skipIf(!existsSync(SCORE_MJS))('evaluation agrees with the independent scorer (score.mjs)', () => {
  it('on the seeds answers to the development questions', () => {
    const questions = readQuestions('tests/questions.dev.jsonl');
    const engine = openEngine('seeds');
    const run = evaluate(questions, (q) => engine.answer(q), cachedSourceReader());
    expect(runScoreMjs(questions, run.answers, '.')).toContain(`${scorerLine(run.summary)} unparsable 0`);
  });

  const dir = mkdtempSync(join(tmpdir(), 'eval-hand-'));
  afterAll(() => rmSync(dir, { recursive: true }));

  it('on hand-made answers where a looser matcher would differ', () => {
    writeFileSync(join(dir, 'd.txt'), file);
    const forged = answer(['Other text.']);
    forged.excerpts[0]!.text = 'Other text!';
    const cases: [EvalQuestion, Answer][] = [
      [anyOf('rank2', "it's fine"), answer(['Other text.', 'He said “it’s  fine” today.'])],
      [anyOf('low9', '"hallo"'), answer(['„Hallo“ she wrote.'])],
      [anyOf('untrimmed', 'today. '), answer(['He said “it’s  fine” today.'])],
      [anyOf('falseAbstain', 'other'), answer([])],
      [abstain('right'), answer([])],
      [abstain('wrong'), answer(['Other text.'])],
      [quotesBy('imprecise', [['fine'], ['other']], 2, 2), answer(['He said “it’s  fine” today.', 'Unrelated words.', 'Other text.'])],
      [quotesBy('precise', [['fine'], ['other']], 2, 5), answer(['He said “it’s  fine” today.', 'Other text.'])],
      [anyOf('forged', 'other'), forged],
    ];
    const questions = cases.map(([q]) => q);
    const run = evaluate(questions, (q) => cases.find(([c]) => c.question === q)![1], cachedSourceReader(dir));
    expect(run.summary).toMatchObject({ hitAt1: 0.2, hitAt3: 0.4, falseAbstentions: 1, abstentionsRight: 1, speakersPassed: 1, notVerbatim: 1 });
    expect(runScoreMjs(questions, run.answers, dir)).toContain(`${scorerLine(run.summary)} unparsable 0`);
  });
});

/** Runs `npm run eval` (through tsx) with `args`. */
function evalCli(args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/eval.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, CORPUS_DIR: 'seeds' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('eval command', () => {
  it('prints every figure for the seeds', () => {
    const { code, stdout } = evalCli([]);
    expect(code).toBe(0);
    for (const label of ['hit@1', 'hit@3', 'MRR', 'abstentions right    3/3', 'speakers passed      1/1', 'false abstentions    0', 'excerpt length       p50', 'verbatim             ']) {
      expect(stdout).toContain(label);
    }
  });

  it('scores the folder given by --corpus and prints JSON', () => {
    const { code, stdout } = evalCli(['--corpus', 'seeds', '--json', 'tests/questions.dev.jsonl']);
    expect(code).toBe(0);
    const output = JSON.parse(stdout);
    expect(output).toMatchObject({ corpus: 'seeds', documents: 5, summary: { questions: 15, notVerbatim: 0 } });
    expect(output.results).toHaveLength(15);
  });

  it('exits 2 with the usage on a bad flag, a missing folder or a missing file', () => {
    for (const args of [['--nope'], ['--corpus', 'no/such/folder'], ['no-such-questions.jsonl']]) {
      const { code, stdout, stderr } = evalCli(args);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/usage: npm run eval/);
    }
  });
});
