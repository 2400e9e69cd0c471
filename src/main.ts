/**
 * Entry point of the Slack app (`npm start`). Wiring only:
 * config → logger → stores (SQLite in DATA_DIR) → corpus and answering engine (from the index
 * snapshot when the corpus is unchanged) → corpus watcher → Slack app → digest scheduler.
 *
 * `.env` in the working directory is read first (values already in the environment win).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DestinationStream } from 'pino';
import type { Clock } from './core/ports.js';
import { systemClock } from './infra/clock.js';
import { ConfigError, describeConfig, loadConfig, secretsOf } from './infra/config.js';
import { CorpusWatcher } from './infra/corpusWatcher.js';
import { openIndex, saveIndex } from './infra/indexLoader.js';
import { LogFeedbackSink } from './infra/logFeedbackSink.js';
import { createLogger, type Logger } from './infra/logger.js';
import { DigestScheduler } from './infra/scheduler.js';
import { engineSnapshotCodec } from './infra/snapshotCodec.js';
import { DATABASE_FILE, openSqliteState, type SqliteState } from './infra/storage/sqlite.js';
import { createSlackApp } from './slack/app.js';
import { createDigestPublisher } from './slack/digest/publisher.js';

export interface StartOptions {
  /** Interface to listen on in HTTP mode (default: all). Tests use 127.0.0.1. */
  host?: string;
  /** Where logs go (default stdout). Tests pass a stream they read. */
  logDestination?: DestinationStream;
  /** Time for digests, thread expiry, rate limits and first-indexed times (tests pass a fake clock). */
  clock?: Clock;
  /** Clock for rate limits and redelivery memory only (tests); defaults to `clock`. */
  now?: () => number;
  /** Watch the corpus folder for changes (default true). */
  watchCorpus?: boolean;
  /** Names this process in digest claims (tests start two "processes"). */
  instanceId?: string;
}

export interface RunningBot {
  logger: Logger;
  /** The HTTP port actually bound (HTTP mode), else null. */
  port: number | null;
  state: SqliteState;
  scheduler: DigestScheduler;
  watcher: CorpusWatcher | null;
  stop(): Promise<void>;
}

/** Builds everything from `env` and starts receiving from Slack. Throws ConfigError for bad config. */
export async function startBot(env: Readonly<Record<string, string | undefined>>, options: StartOptions = {}): Promise<RunningBot> {
  const config = loadConfig(env);
  const clock = options.clock ?? systemClock;
  const now = options.now ?? (() => clock.now());
  const logger = createLogger({ level: config.logLevel, secrets: secretsOf(config), destination: options.logDestination });
  logger.info(describeConfig(config), 'starting');

  const state = openSqliteState({ file: join(config.dataDir, DATABASE_FILE), now: () => clock.now() });
  let watcher: CorpusWatcher | null = null;
  try {
    const location = { corpusDir: config.corpusDir, dataDir: config.dataDir, logger, codec: engineSnapshotCodec };
    const index = openIndex(location);
    const { engine } = index;
    await state.documents.recordIndexed(engine.documents().map((d) => d.docId), clock.now());
    const indexedAt = new Date(clock.now());

    watcher = new CorpusWatcher({ corpusDir: config.corpusDir, engine, ledger: state.documents, clock, logger });
    if (options.watchCorpus !== false) await watcher.start();
    const live = watcher;

    const scheduler = new DigestScheduler({
      state,
      corpus: live,
      publisher: createDigestPublisher({ botToken: config.slack.botToken, slackApiUrl: config.slackApiUrl, clock, logger }),
      clock,
      logger,
      defaultTimeZone: config.digestTimeZone,
      ...(options.instanceId === undefined ? {} : { instanceId: options.instanceId }),
    });

    const slack = createSlackApp({
      slack: config.slack,
      slackApiUrl: config.slackApiUrl,
      logger,
      engine,
      indexedAt: () => new Date(live.lastChangeAt ?? indexedAt.getTime()),
      threads: state.threads,
      feedback: new LogFeedbackSink(logger, state.feedback),
      digests: scheduler,
      now,
    });
    const { port } = await slack.start({ host: options.host });
    scheduler.start();

    return {
      logger,
      port,
      state,
      scheduler,
      watcher: options.watchCorpus === false ? null : live,
      async stop() {
        await scheduler.stop();
        await live.stop();
        await slack.stop();
        // The snapshot follows the live corpus, unless a served document is a kept last good version.
        if (live.changes > 0 && live.servesFiles) saveIndex(location, engine);
        await state.close();
      },
    };
  } catch (error) {
    await watcher?.stop();
    await state.close();
    throw error;
  }
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
