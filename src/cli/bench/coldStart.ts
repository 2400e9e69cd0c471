/**
 * Cold start, run as a fresh process by the benchmark:
 * `node … coldStart.ts <snapshot file> <question>` loads the snapshot, answers the question and
 * prints `{"coldStartMs": …}`: milliseconds from the process's start (Node's time origin, so
 * runtime boot, module loading and reading the file count) to the first answer.
 */
import { readFileSync } from 'node:fs';
import { AnswerEngine } from '../../core/index.js';

const [snapshotPath, question] = process.argv.slice(2);
if (!snapshotPath || !question) {
  process.stderr.write('usage: coldStart.ts <snapshot file> <question>\n');
  process.exit(2);
}
const engine = AnswerEngine.fromSnapshot(readFileSync(snapshotPath));
const answer = engine.answer(question);
const coldStartMs = performance.now();
process.stdout.write(`${JSON.stringify({ coldStartMs, answered: answer.answered, documents: engine.stats().documents })}\n`);
