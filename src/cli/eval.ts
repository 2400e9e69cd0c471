/**
 * `npm run eval -- [questions.jsonl] [--verbose]`: answers every question and prints hit@1,
 * hit@3, MRR, abstention accuracy, speaker precision and groups covered, and a verbatim check
 * of every excerpt. Default questions: tests/questions.dev.jsonl. Exit 1 if any excerpt is
 * not verbatim.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openEngine } from './openCorpus.js';
import { readQuestions, scoreAnswer, summarize, type EvalResult } from './evaluation.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { verbose: { type: 'boolean', short: 'v', default: false }, json: { type: 'boolean', default: false } },
});
const file = positionals[0] ?? 'tests/questions.dev.jsonl';
let questions;
try {
  questions = readQuestions(file);
} catch (error) {
  process.stderr.write(`eval: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}
const engine = openEngine();
const sources = new Map<string, string>();
const readSource = (path: string): string => {
  let text = sources.get(path);
  if (text === undefined) {
    text = readFileSync(path, 'utf8');
    sources.set(path, text);
  }
  return text;
};
const results: EvalResult[] = [];
let excerpts = 0;
for (const question of questions) {
  const answer = engine.answer(question.question);
  excerpts += answer.excerpts.length;
  const result = scoreAnswer(question, answer, readSource);
  results.push(result);
  if (values.verbose) {
    process.stdout.write(`${result.pass ? 'PASS' : 'FAIL'} ${result.id} ${question.question}\n`);
    answer.excerpts.slice(0, 5).forEach((e, i) => process.stdout.write(`   ${i + 1}. ${e.text.slice(0, 140)}\n`));
    if (!answer.answered) process.stdout.write(`   (abstained) ${answer.message}\n`);
  }
}
const s = summarize(results, excerpts);
if (values.json) {
  process.stdout.write(`${JSON.stringify({ summary: s, results }, null, 2)}\n`);
} else {
  const pct = (x: number): string => x.toFixed(2);
  const failed = results.filter((r) => !r.pass).map((r) => r.id);
  process.stdout.write(
    [
      `questions            ${s.questions} (${file})`,
      `answerable           ${s.answerable}: hit@1 ${pct(s.hitAt1)}  hit@3 ${pct(s.hitAt3)}  MRR ${pct(s.mrr)}`,
      `abstention           ${s.abstentions}: accuracy ${pct(s.abstentionAccuracy)}  (false abstentions on answerable: ${s.falseAbstentions})`,
      `speaker questions    ${s.speakerQuestions}: precision ${pct(s.speakerPrecision)}  groups covered ${s.speakerGroupsCovered.toFixed(1)}  pass ${pct(s.speakerPass)}`,
      `verbatim             ${s.excerpts - s.notVerbatim}/${s.excerpts} excerpts are exact slices of their files`,
      `failed               ${failed.length ? failed.join(', ') : 'none'}`,
    ].join('\n') + '\n',
  );
}
if (s.notVerbatim > 0) process.exit(1);
