/**
 * Scoring answers against development questions (format: shared eval README). Matching is on
 * normalized text: lower case, curly quotes made straight, white space folded.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Answer } from '../core/index.js';

const expectationSchema = z.union([
  z.object({ anyOf: z.array(z.string()).min(1) }),
  z.object({ abstain: z.literal(true) }),
  z.object({
    quotesBy: z.string(),
    groups: z.array(z.array(z.string()).min(1)).min(1),
    minGroups: z.number().int().positive(),
    precisionAt: z.number().int().positive(),
  }),
]);

const questionSchema = z.object({ id: z.string(), question: z.string(), expect: expectationSchema });

/** One evaluation question. */
export type EvalQuestion = z.infer<typeof questionSchema>;

/** The verdict on one answer. */
export interface EvalResult {
  id: string;
  question: string;
  kind: 'anyOf' | 'abstain' | 'quotesBy';
  /** anyOf: 1-based rank of the first excerpt containing an expected string, or null. */
  rank: number | null;
  /** abstain: whether the answer abstained. */
  abstained: boolean;
  /** quotesBy: share of the first `precisionAt` excerpts that contain a group's string. */
  precision: number | null;
  /** quotesBy: distinct groups covered in the first `precisionAt` excerpts. */
  groupsCovered: number | null;
  /** Whether the question passes its expectation (hit@3 for anyOf). */
  pass: boolean;
  /** Excerpts whose text is not the exact slice of their source file. */
  notVerbatim: number;
}

/** Figures over a whole question set. */
export interface EvalSummary {
  questions: number;
  answerable: number;
  hitAt1: number;
  hitAt3: number;
  mrr: number;
  abstentions: number;
  abstentionAccuracy: number;
  falseAbstentions: number;
  speakerQuestions: number;
  speakerPrecision: number;
  speakerGroupsCovered: number;
  speakerPass: number;
  excerpts: number;
  notVerbatim: number;
}

/** Lower case, straight quotes, single spaces. */
export function normalizeForMatch(text: string): string {
  return text.toLowerCase().replace(/[‘’‚′]/g, "'").replace(/[“”„″]/g, '"').replace(/\s+/g, ' ').trim();
}

/**
 * Reads a JSON Lines question file.
 *
 * @throws Error naming the line that is not a valid question.
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

/** Counts excerpts whose text differs from the file slice they claim. */
export function countNotVerbatim(answer: Answer, readSource: (path: string) => string): number {
  let bad = 0;
  for (const excerpt of answer.excerpts) {
    let content: string;
    try {
      content = readSource(excerpt.source.path);
    } catch {
      bad++;
      continue;
    }
    if (content.slice(excerpt.source.start, excerpt.source.end) !== excerpt.text) bad++;
  }
  return bad;
}

/** Scores one answer. */
export function scoreAnswer(question: EvalQuestion, answer: Answer, readSource: (path: string) => string): EvalResult {
  const texts = answer.excerpts.map((e) => normalizeForMatch(e.text));
  const base = {
    id: question.id, question: question.question, rank: null, abstained: !answer.answered,
    precision: null, groupsCovered: null, notVerbatim: countNotVerbatim(answer, readSource),
  };
  const expect = question.expect;
  if ('abstain' in expect) return { ...base, kind: 'abstain', pass: !answer.answered && answer.excerpts.length === 0 };
  if ('anyOf' in expect) {
    const wanted = expect.anyOf.map(normalizeForMatch);
    const index = texts.findIndex((t) => wanted.some((w) => t.includes(w)));
    const rank = index === -1 ? null : index + 1;
    return { ...base, kind: 'anyOf', rank, pass: rank !== null && rank <= 3 };
  }
  const top = texts.slice(0, expect.precisionAt);
  const groups = expect.groups.map((g) => g.map(normalizeForMatch));
  const covered = new Set<number>();
  let precise = 0;
  for (const text of top) {
    const hits = groups.map((g, i) => (g.some((s) => text.includes(s)) ? i : -1)).filter((i) => i >= 0);
    if (hits.length > 0) precise++;
    hits.forEach((i) => covered.add(i));
  }
  const precision = top.length > 0 ? precise / top.length : 0;
  return {
    ...base, kind: 'quotesBy', precision, groupsCovered: covered.size,
    pass: precision === 1 && covered.size >= expect.minGroups,
  };
}

/** Aggregates results into the figures the harness prints. */
export function summarize(results: readonly EvalResult[], excerptCount: number): EvalSummary {
  const answerable = results.filter((r) => r.kind === 'anyOf');
  const abstain = results.filter((r) => r.kind === 'abstain');
  const speaker = results.filter((r) => r.kind === 'quotesBy');
  const mean = (values: number[]): number => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);
  return {
    questions: results.length,
    answerable: answerable.length,
    hitAt1: mean(answerable.map((r) => (r.rank === 1 ? 1 : 0))),
    hitAt3: mean(answerable.map((r) => (r.rank !== null && r.rank <= 3 ? 1 : 0))),
    mrr: mean(answerable.map((r) => (r.rank ? 1 / r.rank : 0))),
    abstentions: abstain.length,
    abstentionAccuracy: mean(abstain.map((r) => (r.pass ? 1 : 0))),
    falseAbstentions: [...answerable, ...speaker].filter((r) => r.abstained).length,
    speakerQuestions: speaker.length,
    speakerPrecision: mean(speaker.map((r) => r.precision ?? 0)),
    speakerGroupsCovered: mean(speaker.map((r) => r.groupsCovered ?? 0)),
    speakerPass: mean(speaker.map((r) => (r.pass ? 1 : 0))),
    excerpts: excerptCount,
    notVerbatim: results.reduce((n, r) => n + r.notVerbatim, 0),
  };
}
