/**
 * `npm run ask -- [--json | --jsonl] [--limit N] [--offset N] "question"`
 *
 * Text mode prints the answer as Slack would show it; `--json` prints one Answer as JSON;
 * `--jsonl` reads one question per stdin line and prints one Answer per line. Only answers go
 * to stdout. Exit 0 for an answer or an honest "nothing found", 2 for bad usage.
 *
 * The index comes from the snapshot in `DATA_DIR` (default `data/`) when it matches the corpus and
 * this program's settings, as at the app's start; else it is built and the snapshot written.
 */
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { openSnapshotEngine } from './openCorpus.js';
import { formatAnswerText } from './formatText.js';

const USAGE = `usage: npm run --silent ask -- [--json] [--limit N] [--offset N] "your question"
       printf 'q1\\nq2\\n' | npm run --silent ask -- --jsonl
example: npm run ask -- "what did Musk say"`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        jsonl: { type: 'boolean', default: false },
        limit: { type: 'string' },
        offset: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  const offset = values.offset === undefined ? undefined : Number(values.offset);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) fail('--limit needs a whole number of at least 1');
  if (offset !== undefined && (!Number.isInteger(offset) || offset < 0)) fail('--offset needs a whole number of at least 0');
  const options = { ...(limit === undefined ? {} : { limit }), ...(offset === undefined ? {} : { offset }) };

  if (values.jsonl) {
    if (positionals.length > 0) fail('--jsonl reads questions from stdin, one per line; give no question argument');
    const engine = await openSnapshotEngine();
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of lines) {
      if (line.trim() === '') continue;
      process.stdout.write(`${JSON.stringify(engine.answer(line, options))}\n`);
    }
    return;
  }
  const question = positionals.join(' ').trim();
  if (question === '') fail('ask needs a question');
  const engine = await openSnapshotEngine();
  const answer = engine.answer(question, options);
  process.stdout.write(values.json ? `${JSON.stringify(answer, null, 2)}\n` : `${formatAnswerText(answer)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`ask failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
