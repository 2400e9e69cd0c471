/**
 * Scoring answers against evaluation questions (format: the shared eval README). Every rule here
 * is the rule of the independent scorer `../shared/eval/score.mjs`, so both give the same figures
 * on the same answers (tests/cli/evaluation.test.ts checks it):
 * - matching is on normalized text: lower case, curly quotes made straight, white space folded;
 * - `anyOf`: rank of the first excerpt containing one of the strings (hit@1, hit@3, MRR);
 * - `abstain`: right when the answer has `answered: false` and no excerpts;
 * - `quotesBy`: every one of the first `precisionAt` excerpts (default 5) contains a string of
 *   some group, and together they cover at least `minGroups` groups;
 * - a false abstention is an `anyOf` or `quotesBy` question answered with `answered: false`;
 * - an excerpt is verbatim when `text === fileContent.slice(start, end)`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { Answer } from '../core/index.js';

/** Excerpts per speaker question that must all be on target, when the question does not say. */
export const DEFAULT_PRECISION_AT = 5;

// Order matters: like score.mjs, `abstain` wins over `quotesBy`, which wins over `anyOf`.
const expectationSchema = z.union([
  z.object({ abstain: z.literal(true) }),
  z.object({
    quotesBy: z.string(),
    groups: z.array(z.array(z.string()).min(1)).min(1),
    minGroups: z.number().int().positive(),
    precisionAt: z.number().int().positive().default(DEFAULT_PRECISION_AT),
  }),
  z.object({ anyOf: z.array(z.string()).min(1) }),
]);

const questionSchema = z.object({ id: z.string(), question: z.string(), expect: expectationSchema });

/** One evaluation question. */
export type EvalQuestion = z.infer<typeof questionSchema>;

/** The kinds of question: factual, unanswerable, what someone said. */
export type EvalKind = 'anyOf' | 'abstain' | 'quotesBy';

/** The verdict on one answer. */
export interface EvalResult {
  id: string;
  question: string;
  kind: EvalKind;
  /** anyOf: 1-based rank of the first excerpt containing an expected string, or null. */
  rank: number | null;
  /** Whether the answer abstained (`answered: false`). */
  abstained: boolean;
  /** quotesBy: share of the first `precisionAt` excerpts that contain a group's string. */
  precision: number | null;
  /** quotesBy: distinct groups covered in the first `precisionAt` excerpts. */
  groupsCovered: number | null;
  /** quotesBy: groups the question needs covered. */
  minGroups: number | null;
  /** Whether the question passes its expectation (hit@3 for anyOf). */
  pass: boolean;
  /** Length in characters (UTF-16 units) of each excerpt's text, in answer order. */
  excerptLengths: number[];
  /** Excerpts whose text is not the exact slice of their source file. */
  notVerbatim: number;
}

/** p50, p95 and maximum of excerpt lengths, in characters. */
export interface LengthFigures {
  p50: number;
  p95: number;
  max: number;
}

/** Figures over a whole question set. */
export interface EvalSummary {
  questions: number;
  /** anyOf questions. */
  answerable: number;
  hitAt1: number;
  hitAt3: number;
  mrr: number;
  /** abstain questions, and how many of them abstained correctly. */
  abstentions: number;
  abstentionsRight: number;
  abstentionAccuracy: number;
  /** anyOf and quotesBy questions answered with `answered: false`. */
  falseAbstentions: number;
  /** quotesBy questions, and how many passed (precision 1 and enough groups). */
  speakerQuestions: number;
  speakersPassed: number;
  speakerPass: number;
  /** Means over the speaker questions. */
  speakerPrecision: number;
  speakerGroupsCovered: number;
  /** Over every excerpt of every answer. */
  excerptLength: LengthFigures;
  excerpts: number;
  verbatim: number;
  notVerbatim: number;
}

/** Reads a source file by the path an excerpt gives. */
export type SourceReader = (path: string) => string;

/**
 * Lower case, straight quotes, single spaces: exactly score.mjs's `norm` (’ ‘ → ', “ ” → ",
 * runs of white space → one space, then lower case; nothing trimmed).
 */
export function normalizeForMatch(text: string): string {
  return text.replace(/[’‘]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Reads a JSON Lines question file.
 *
 * @throws Error naming the line that is not a valid question (or the file that cannot be read).
 */
export function readQuestions(path: string): EvalQuestion[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const questions: EvalQuestion[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch {
      throw new Error(`${path}:${i + 1}: not valid JSON`);
    }
    const parsed = questionSchema.safeParse(data);
    if (!parsed.success) throw new Error(`${path}:${i + 1}: not an evaluation question (${parsed.error.issues[0]?.message ?? 'invalid'})`);
    questions.push(parsed.data);
  });
  return questions;
}

/** A {@link SourceReader} that reads each file once, paths resolved against `root` (default: the working directory). */
export function cachedSourceReader(root = '.'): SourceReader {
  const cache = new Map<string, string>();
  return (path) => {
    let text = cache.get(path);
    if (text === undefined) {
      text = readFileSync(resolve(root, path), 'utf8');
      cache.set(path, text);
    }
    return text;
  };
}

/** Whether an excerpt's text is exactly the slice of its file it claims; an unreadable file is not. */
export function isVerbatim(excerpt: Answer['excerpts'][number], readSource: SourceReader): boolean {
  let content: string;
  try {
    content = readSource(excerpt.source.path);
  } catch {
    return false;
  }
  return content.slice(excerpt.source.start, excerpt.source.end) === excerpt.text;
}

/** Counts excerpts whose text differs from the file slice they claim. */
export function countNotVerbatim(answer: Answer, readSource: SourceReader): number {
  return answer.excerpts.filter((excerpt) => !isVerbatim(excerpt, readSource)).length;
}

/** 1-based rank of the first text containing one of `wanted` (normalized), or null. */
export function firstRank(texts: readonly string[], wanted: readonly string[]): number | null {
  const needles = wanted.map(normalizeForMatch);
  const index = texts.findIndex((t) => needles.some((w) => t.includes(w)));
  return index === -1 ? null : index + 1;
}

/** Indexes of the groups that have a string in `text` (both normalized). */
function groupsIn(text: string, groups: readonly (readonly string[])[]): number[] {
  return groups.flatMap((group, i) => (group.some((s) => text.includes(s)) ? [i] : []));
}

/** Precision and groups covered of the first `precisionAt` texts (normalized) for a speaker question. */
export function speakerFigures(
  texts: readonly string[], groups: readonly (readonly string[])[], precisionAt: number,
): { precision: number; groupsCovered: number } {
  const top = texts.slice(0, precisionAt);
  const normalizedGroups = groups.map((g) => g.map(normalizeForMatch));
  const covered = new Set<number>();
  let onTarget = 0;
  for (const text of top) {
    const hits = groupsIn(text, normalizedGroups);
    if (hits.length > 0) onTarget++;
    hits.forEach((i) => covered.add(i));
  }
  return { precision: top.length > 0 ? onTarget / top.length : 0, groupsCovered: covered.size };
}

/** Scores one answer. */
export function scoreAnswer(question: EvalQuestion, answer: Answer, readSource: SourceReader): EvalResult {
  const texts = answer.excerpts.map((e) => normalizeForMatch(e.text));
  const base = {
    id: question.id, question: question.question, rank: null, abstained: answer.answered === false,
    precision: null, groupsCovered: null, minGroups: null,
    excerptLengths: answer.excerpts.map((e) => e.text.length), notVerbatim: countNotVerbatim(answer, readSource),
  };
  const expect = question.expect;
  if ('abstain' in expect) return { ...base, kind: 'abstain', pass: base.abstained && answer.excerpts.length === 0 };
  if ('quotesBy' in expect) {
    const { precision, groupsCovered } = speakerFigures(texts, expect.groups, expect.precisionAt);
    return {
      ...base, kind: 'quotesBy', precision, groupsCovered, minGroups: expect.minGroups,
      pass: precision === 1 && groupsCovered >= expect.minGroups,
    };
  }
  const rank = firstRank(texts, expect.anyOf);
  return { ...base, kind: 'anyOf', rank, pass: rank !== null && rank <= 3 };
}

/**
 * The value at percentile `p` (0–1) by the nearest-rank method: the smallest value with at least
 * `p` of the values at or below it. 0 for no values.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[index]!;
}

/** p50, p95 and maximum of `lengths`. */
export function lengthFigures(lengths: readonly number[]): LengthFigures {
  return { p50: percentile(lengths, 0.5), p95: percentile(lengths, 0.95), max: percentile(lengths, 1) };
}

/** Mean of `values`, 0 for none. */
function mean(values: readonly number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}

/**
 * Aggregates results into the figures the harness prints. (The second argument, from before
 * results carried their excerpt lengths, is accepted and ignored: the count comes from the results.)
 */
export function summarize(results: readonly EvalResult[], _excerptCount?: number): EvalSummary {
  const answerable = results.filter((r) => r.kind === 'anyOf');
  const abstain = results.filter((r) => r.kind === 'abstain');
  const speaker = results.filter((r) => r.kind === 'quotesBy');
  const lengths = results.flatMap((r) => r.excerptLengths);
  const notVerbatim = results.reduce((n, r) => n + r.notVerbatim, 0);
  const abstentionsRight = abstain.filter((r) => r.pass).length;
  const speakersPassed = speaker.filter((r) => r.pass).length;
  return {
    questions: results.length,
    answerable: answerable.length,
    hitAt1: mean(answerable.map((r) => (r.rank === 1 ? 1 : 0))),
    hitAt3: mean(answerable.map((r) => (r.rank !== null && r.rank <= 3 ? 1 : 0))),
    mrr: mean(answerable.map((r) => (r.rank ? 1 / r.rank : 0))),
    abstentions: abstain.length,
    abstentionsRight,
    abstentionAccuracy: abstain.length ? abstentionsRight / abstain.length : 0,
    falseAbstentions: [...answerable, ...speaker].filter((r) => r.abstained).length,
    speakerQuestions: speaker.length,
    speakersPassed,
    speakerPass: speaker.length ? speakersPassed / speaker.length : 0,
    speakerPrecision: mean(speaker.map((r) => r.precision ?? 0)),
    speakerGroupsCovered: mean(speaker.map((r) => r.groupsCovered ?? 0)),
    excerptLength: lengthFigures(lengths),
    excerpts: lengths.length,
    verbatim: lengths.length - notVerbatim,
    notVerbatim,
  };
}

/** One evaluation run: the figures, the verdict on each question and the answers themselves. */
export interface Evaluation {
  summary: EvalSummary;
  results: EvalResult[];
  answers: Answer[];
}

/** Answers every question with `answer` and scores the answers. */
export function evaluate(
  questions: readonly EvalQuestion[], answer: (question: string) => Answer, readSource: SourceReader,
): Evaluation {
  const answers = questions.map((q) => answer(q.question));
  const results = questions.map((q, i) => scoreAnswer(q, answers[i]!, readSource));
  return { summary: summarize(results), results, answers };
}

/**
 * The figures as the independent scorer prints them (`node ../shared/eval/score.mjs …`: three
 * decimals, counts as n/N), to check that both score the same answers alike:
 * `hit@1 0.255 hit@3 0.309 MRR 0.295 abstain 8/15 quotes 7/20 verbatim 180/180 falseAbstain 19`.
 */
export function scorerLine(s: EvalSummary): string {
  const three = (x: number): number => +x.toFixed(3);
  return [
    `hit@1 ${three(s.hitAt1)} hit@3 ${three(s.hitAt3)} MRR ${three(s.mrr)}`,
    `abstain ${s.abstentionsRight}/${s.abstentions} quotes ${s.speakersPassed}/${s.speakerQuestions}`,
    `verbatim ${s.verbatim}/${s.excerpts} falseAbstain ${s.falseAbstentions}`,
  ].join(' ');
}
