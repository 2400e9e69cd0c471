/**
 * Entry point of the Slack app (`npm start`). Wiring only:
 * config → logger → corpus and answering engine → thread state and feedback → Slack app → start.
 *
 * `.env` in the working directory is read first (values already in the environment win).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DestinationStream } from 'pino';
import { AnswerEngine, loadCorpus } from './core/index.js';
import { ConfigError, describeConfig, loadConfig, secretsOf } from './infra/config.js';
import { LogFeedbackSink } from './infra/logFeedbackSink.js';
import { createLogger, type Logger } from './infra/logger.js';
import { MemoryThreadStore } from './infra/memoryThreadStore.js';
import { createSlackApp } from './slack/app.js';

export interface StartOptions {
  /** Interface to listen on in HTTP mode (default: all). Tests use 127.0.0.1. */
  host?: string;
  /** Where logs go (default stdout). Tests pass a stream they read. */
  logDestination?: DestinationStream;
  /** Clock for rate limits and redelivery memory (tests). */
  now?: () => number;
}

export interface RunningBot {
  logger: Logger;
  /** The HTTP port actually bound (HTTP mode), else null. */
  port: number | null;
  stop(): Promise<void>;
}

/** Builds everything from `env` and starts receiving from Slack. Throws ConfigError for bad config. */
export async function startBot(env: Readonly<Record<string, string | undefined>>, options: StartOptions = {}): Promise<RunningBot> {
  const config = loadConfig(env);
  const logger = createLogger({ level: config.logLevel, secrets: secretsOf(config), destination: options.logDestination });
  logger.info(describeConfig(config), 'starting');

  const { documents, warnings } = loadCorpus(config.corpusDir);
  for (const warning of warnings) logger.warn({ path: warning.path, reason: warning.reason }, 'skipped a corpus file');
  const engine = new AnswerEngine(documents);
  const indexedAt = new Date();
  const stats = engine.stats();
  logger.info({ documents: stats.documents, passages: stats.passages, corpusDir: config.corpusDir }, 'index ready');

  const slack = createSlackApp({
    slack: config.slack,
    slackApiUrl: config.slackApiUrl,
    logger,
    engine,
    indexedAt,
    threads: new MemoryThreadStore({ now: options.now }),
    feedback: new LogFeedbackSink(logger),
    now: options.now,
  });
  const { port } = await slack.start({ host: options.host });
  return { logger, port, stop: () => slack.stop() };
}

async function main(): Promise<void> {
  const envFile = resolve('.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  let bot: RunningBot;
  try {
    bot = await startBot(process.env);
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : `tesla: could not start: ${(error as Error).message}`);
    process.exit(1);
  }
  process.on('unhandledRejection', (reason) => bot.logger.error({ err: reason }, 'unhandled promise rejection'));
  const shutdown = (signal: string) => {
    bot.logger.info({ signal }, 'shutting down');
    bot.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        bot.logger.error({ err: error }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void main();
}
