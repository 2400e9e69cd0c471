/**
 * `npm run eval -- [--corpus DIR] [--verbose] [--json] [questions.jsonl]`
 *
 * Answers every question of a question file against a corpus folder and prints hit@1, hit@3, MRR,
 * abstentions right, speaker questions passed, false abstentions, excerpt length p50/p95/max and
 * the verbatim check (scoring rules: evaluation.ts, the same as ../shared/eval/score.mjs). The
 * corpus is opened as `ask` opens it: `--corpus DIR` is the same as `CORPUS_DIR=DIR`, default
 * `seeds`; default questions: tests/questions.dev.jsonl. Exit 2 with a usage message for bad usage
 * (unknown flag, missing folder or file, malformed question file), 1 if any excerpt is not
 * verbatim, else 0.
 */
import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Answer } from '../core/index.js';
import { CorpusError } from '../core/index.js';
import { ConfigError } from '../infra/config.js';
import { buildEngine, corpusDir } from './openCorpus.js';
import {
  cachedSourceReader, evaluate, readQuestions,
  type EvalQuestion, type EvalResult, type EvalSummary, type Evaluation,
} from './evaluation.js';

const DEFAULT_QUESTIONS = 'tests/questions.dev.jsonl';
/** Excerpts shown under each failure with --verbose, and how much of each. */
const VERBOSE_EXCERPTS = 3;
const VERBOSE_CHARS = 160;

const USAGE = `usage: npm run eval -- [--corpus DIR] [--verbose] [--json] [questions.jsonl]
  --corpus DIR    corpus folder, as CORPUS_DIR=DIR (default: CORPUS_DIR, else seeds)
  questions.jsonl question file (default: ${DEFAULT_QUESTIONS})
  --verbose, -v   print each failed question with its first excerpts
  --json          print the summary and every result as JSON (use npm run --silent)
example: npm run eval -- --corpus ../shared/eval/realnews/corpus ../shared/eval/realnews/questions.dev.jsonl`;

/** What the command line asks for. */
interface EvalOptions {
  corpus: string;
  questionsFile: string;
  verbose: boolean;
  json: boolean;
}

/** Prints `message` and the usage on stderr and exits 2. */
function fail(message: string): never {
  process.stderr.write(`eval: ${message}\n${USAGE}\n`);
  process.exit(2);
}

/** Reads the flags; exits 2 on a bad flag, a second file, or a folder or file that is missing. */
function parseOptions(argv: string[]): EvalOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        corpus: { type: 'string' },
        verbose: { type: 'boolean', short: 'v', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length > 1) fail(`one question file at most, got ${positionals.length}: ${positionals.join(' ')}`);
  if (values.corpus !== undefined && values.corpus.trim() === '') fail('--corpus needs a folder');
  const options = {
    corpus: corpusDir(values.corpus), questionsFile: positionals[0] ?? DEFAULT_QUESTIONS,
    verbose: values.verbose, json: values.json,
  };
  if (!isDirectory(options.corpus)) fail(`corpus folder not found: ${options.corpus}`);
  if (!isFile(options.questionsFile)) fail(`question file not found: ${options.questionsFile}`);
  return options;
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

/** Two decimals. */
const fixed = (x: number): string => x.toFixed(2);

/** The summary as aligned lines of text. */
function formatSummary(s: EvalSummary, options: EvalOptions, documents: number, failed: readonly string[]): string {
  const { p50, p95, max } = s.excerptLength;
  return [
    `corpus               ${options.corpus} (${documents} documents)`,
    `questions            ${s.questions} (${options.questionsFile})`,
    `answerable           ${s.answerable}: hit@1 ${fixed(s.hitAt1)}  hit@3 ${fixed(s.hitAt3)}  MRR ${fixed(s.mrr)}`,
    `abstentions right    ${s.abstentionsRight}/${s.abstentions}`,
    `speakers passed      ${s.speakersPassed}/${s.speakerQuestions}  (mean precision ${fixed(s.speakerPrecision)}, groups covered ${s.speakerGroupsCovered.toFixed(1)})`,
    `false abstentions    ${s.falseAbstentions} (of ${s.answerable + s.speakerQuestions} answerable and speaker questions)`,
    `excerpt length       p50 ${p50}  p95 ${p95}  max ${max} characters (${s.excerpts} excerpts)`,
    `verbatim             ${s.verbatim}/${s.excerpts} excerpts are exact slices of their files`,
    `failed               ${failed.length ? failed.join(', ') : 'none'}`,
  ].join('\n');
}

/** Why a result failed, in a few words. */
function failureReason(result: EvalResult, answer: Answer): string {
  if (result.kind === 'abstain') return `should abstain, gave ${answer.excerpts.length} excerpts`;
  if (result.kind === 'quotesBy') {
    return `speaker: precision ${fixed(result.precision ?? 0)}, groups ${result.groupsCovered}/${result.minGroups}`;
  }
  return result.rank === null ? 'no expected string in any excerpt' : `first expected string at rank ${result.rank}`;
}

/** What the question expected, shortened. */
function expectedText(question: EvalQuestion): string {
  const e = question.expect;
  if ('abstain' in e) return 'expected: abstain';
  if ('quotesBy' in e) return `expected: ${e.minGroups} of ${e.groups.length} statements by ${e.quotesBy} in the first ${e.precisionAt}`;
  return `expected: ${e.anyOf.map((s) => JSON.stringify(s)).join(' | ')}`;
}

/** One failed question: verdict, question, what it expected and the answer's first excerpts. */
function formatFailure(result: EvalResult, question: EvalQuestion, answer: Answer): string {
  const lines = [`FAIL ${result.id} (${failureReason(result, answer)}) ${question.question}`, `   ${expectedText(question)}`];
  if (!answer.answered) lines.push(`   (abstained) ${answer.message ?? ''}`);
  answer.excerpts.slice(0, VERBOSE_EXCERPTS).forEach((e, i) => {
    const text = e.text.replace(/\s+/g, ' ');
    const shown = text.length > VERBOSE_CHARS ? `${text.slice(0, VERBOSE_CHARS)}…` : text;
    lines.push(`   ${i + 1}. [${e.source.docId}${e.speaker ? `, ${e.speaker}` : ''}] ${shown}`);
  });
  return lines.join('\n');
}

/** Prints the evaluation as text (failures first with --verbose) or as JSON. */
function report(run: Evaluation, questions: readonly EvalQuestion[], options: EvalOptions, documents: number): void {
  if (options.json) {
    const { corpus, questionsFile } = options;
    const output = { corpus, documents, questions: questionsFile, summary: run.summary, results: run.results };
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    return;
  }
  const failed = run.results.filter((r) => !r.pass);
  if (options.verbose) {
    for (const r of failed) {
      const i = run.results.indexOf(r);
      process.stdout.write(`${formatFailure(r, questions[i]!, run.answers[i]!)}\n`);
    }
    if (failed.length) process.stdout.write('\n');
  }
  process.stdout.write(`${formatSummary(run.summary, options, documents, failed.map((r) => r.id))}\n`);
}

async function main(): Promise<void> {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0); // the reader (head, less) is gone
    throw error;
  });
  const options = parseOptions(process.argv.slice(2));
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  let questions: EvalQuestion[];
  try {
    questions = readQuestions(options.questionsFile);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  let engine;
  try {
    engine = await buildEngine(options.corpus);
  } catch (error) {
    if (error instanceof CorpusError || error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const run = evaluate(questions, (q) => engine.answer(q), cachedSourceReader());
  report(run, questions, options, engine.stats().documents);
  if (run.summary.notVerbatim > 0) process.exit(1);
}

void main();
