/**
 * Cold start, run as a fresh process by the benchmark:
 * `node … coldStart.ts <corpus folder> <data folder> <question>` opens the index as the app does at
 * start-up (`openIndex`: the corpus hashed, the snapshot checked and restored), answers the
 * question and prints `{"coldStartMs": …}`: milliseconds from the process's start (Node's time
 * origin, so runtime boot, module loading and reading the file count) to the first answer.
 */
import { openIndex } from '../../infra/indexLoader.js';
import { createLogger } from '../../infra/logger.js';
import { engineSnapshotCodec } from '../../infra/snapshotCodec.js';

const [corpusDir, dataDir, question] = process.argv.slice(2);
if (!corpusDir || !dataDir || !question) {
  process.stderr.write('usage: coldStart.ts <corpus folder> <data folder> <question>\n');
  process.exit(2);
}
const logger = createLogger({ level: 'warn', destination: process.stderr });
const { engine, source } = await openIndex({ corpusDir, dataDir, logger, codec: engineSnapshotCodec });
const answer = engine.answer(question);
const coldStartMs = performance.now();
process.stdout.write(`${JSON.stringify({ coldStartMs, source, answered: answer.answered, documents: engine.stats().documents })}\n`);
