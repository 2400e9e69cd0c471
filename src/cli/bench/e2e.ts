/**
 * End to end: the real Slack app (Bolt's HTTP receiver, the `/tesla` listener, Block Kit
 * rendering, `respond()` to the response_url) answering from the index worker as in production,
 * loaded by autocannon from a separate process (`loadGenerator.ts`) against the fake Slack Web API.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AnswerSource } from '../../slack/ports.js';
import { createLogger } from '../../infra/logger.js';
import { LogFeedbackSink } from '../../infra/logFeedbackSink.js';
import { MemoryState } from '../../infra/storage/memory.js';
import { MemoryThreadStore } from '../../infra/memoryThreadStore.js';
import { createSlackApp } from '../../slack/app.js';
import type { Phase, PhaseResult } from './loadGenerator.js';

export type { Phase, PhaseResult } from './loadGenerator.js';

const SIGNING_SECRET = 'bench-signing-secret-0123456789abcdef';
const BOT_TOKEN = 'xoxb-0000000000-0000000000-benchtokenvalue';

/** Runs the phases against an app serving `engine`; resolves to what each phase measured. */
export async function runEndToEnd(engine: AnswerSource, questions: readonly string[], phases: readonly Phase[]): Promise<PhaseResult[]> {
  const generator = fork(fileURLToPath(new URL(`./loadGenerator${extensionOf(import.meta.url)}`, import.meta.url)), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const messages: Array<Record<string, unknown>> = [];
  const waiters: Array<() => void> = [];
  generator.on('message', (message: Record<string, unknown>) => {
    messages.push(message);
    waiters.splice(0).forEach((wake) => wake());
  });
  const exited = new Promise<number | null>((resolve) => generator.once('exit', resolve));
  const next = async (type: string): Promise<Record<string, unknown>> => {
    for (;;) {
      const found = messages.find((m) => m.type === type);
      if (found) return found;
      const code = await Promise.race([new Promise<'message'>((resolve) => waiters.push(() => resolve('message'))), exited]);
      if (code !== 'message' && !messages.some((m) => m.type === type)) throw new Error(`bench: the load generator exited (${code}) before sending "${type}"`);
    }
  };

  const { apiUrl } = (await next('ready')) as { apiUrl: string };
  const logger = createLogger({ level: 'silent', secrets: [SIGNING_SECRET, BOT_TOKEN] });
  const slack = createSlackApp({
    slack: { mode: 'http', botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, port: 0 },
    slackApiUrl: apiUrl,
    logger,
    engine,
    indexedAt: new Date(),
    threads: new MemoryThreadStore(),
    feedback: new LogFeedbackSink(logger, new MemoryState({ now: Date.now }).feedback),
  });
  try {
    const { port } = await slack.start({ port: 0, host: '127.0.0.1' });
    generator.send({ type: 'run', appUrl: `http://127.0.0.1:${port}`, signingSecret: SIGNING_SECRET, questions, phases, settleMs: 15_000 });
    const { phases: results } = (await next('result')) as { phases: PhaseResult[] };
    return results;
  } finally {
    await slack.stop();
    if (generator.exitCode === null) generator.kill();
  }
}

function extensionOf(url: string): string {
  return url.endsWith('.ts') ? '.ts' : '.js';
}
