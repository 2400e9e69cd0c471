/**
 * Entry point of the Slack app (`npm start`). Wiring only:
 * config → logger → [local mode: the playground] → stores (PostgreSQL when DATABASE_URL is set,
 * else SQLite in DATA_DIR; in memory in local mode) → the index worker (a worker thread owning the
 * answering engine, from the index snapshot when the corpus is unchanged) → corpus watcher → Slack
 * app → digest scheduler.
 *
 * With no Slack variable set (or `npm run playground`, which passes `--playground`), the app runs
 * in local mode: the playground plays Slack's side and serves a page on PORT.
 *
 * `.env` in the working directory is read first (values already in the environment win).
 */
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DestinationStream } from 'pino';
import { ingestionRules } from './core/index.js';
import type { Clock } from './core/ports.js';
import { systemClock } from './infra/clock.js';
import { ConfigError, describeConfig, loadConfig, secretsOf, type Config, type SlackConfig } from './infra/config.js';
import { CorpusWatcher } from './infra/corpusWatcher.js';
import { diskDocuments } from './infra/diskDocuments.js';
import { IndexWorkerClient } from './infra/indexWorkerClient.js';
import { LogFeedbackSink } from './infra/logFeedbackSink.js';
import { createLogger, type Logger } from './infra/logger.js';
import { DigestScheduler } from './infra/scheduler.js';
import { MemoryState } from './infra/storage/memory.js';
import { openStateStore } from './infra/storage/open.js';
import type { StateStore } from './core/ports.js';
import { localModeMessage, startPlayground, type Playground } from './playground/index.js';
import { createSlackApp, type LocalSlackTarget } from './slack/app.js';
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
  /** Digest timing for tests: takeover of a dead instance's claim (default 15 min), longest pause between ticks (default 1 min). */
  digestTiming?: { staleClaimMs?: number; maxTickIntervalMs?: number };
  /** Local mode whatever the Slack variables say (`npm run playground`). */
  local?: boolean;
}

export interface RunningBot {
  logger: Logger;
  /** The HTTP port actually bound (HTTP mode, or the playground's in local mode), else null. */
  port: number | null;
  /** Local mode: the playground (its page is at `playground.url`); null with a real workspace. */
  playground: Playground | null;
  state: StateStore;
  scheduler: DigestScheduler;
  watcher: CorpusWatcher | null;
  /** The index worker's client (the index lives in a worker thread). */
  index: IndexWorkerClient;
  stop(): Promise<void>;
}

/** Builds everything from `env` and starts receiving from Slack. Throws ConfigError for bad config. */
export async function startBot(env: Readonly<Record<string, string | undefined>>, options: StartOptions = {}): Promise<RunningBot> {
  const config = loadConfig(env, { local: options.local === true });
  const logger = createLogger({ level: config.logLevel, secrets: secretsOf(config), destination: options.logDestination });
  logger.info(describeConfig(config), 'starting');

  // Local mode: the playground plays Slack's side (workspace, Web API, the page) on PORT, on its own clock.
  const { playground, target, slackApiUrl } = await connectSlack(config, options, logger);
  const clock = playground?.clock ?? options.clock ?? systemClock;
  const now = options.now ?? (() => clock.now());

  // The playground's workspace lives in memory, so its state does too: a restart starts both afresh.
  let state: StateStore | undefined;
  let watcher: CorpusWatcher | null = null;
  let index: IndexWorkerClient | undefined;
  try {
    if (playground !== null) {
      state = new MemoryState({ now: () => clock.now() });
    } else {
      const opened = await openStateStore(config, () => clock.now());
      state = opened.state;
      logger.info({ storage: opened.description }, 'state store opened');
    }
    // The index lives in a worker thread: Bolt's receiver only sends it messages.
    const rules = ingestionRules(config.maxFileMB);
    index = await IndexWorkerClient.start({ corpusDir: config.corpusDir, dataDir: config.dataDir, logger, rules });
    const engine = index;
    await state.documents.recordIndexed(engine.served.map((d) => d.docId), clock.now());
    const indexedAt = new Date(clock.now());

    watcher = new CorpusWatcher({
      corpusDir: config.corpusDir,
      engine: { updater: engine, served: engine.served, document: diskDocuments(config.corpusDir, rules) },
      ledger: state.documents,
      clock,
      logger,
      rules,
      skipped: engine.skipped,
    });
    const live = watcher;
    engine.onRestart((served) => live.reset(served));
    if (options.watchCorpus !== false) await watcher.start();

    const scheduler = new DigestScheduler({
      state,
      corpus: live,
      publisher: createDigestPublisher({ botToken: target.botToken, slackApiUrl, clock, logger }),
      clock,
      logger,
      defaultTimeZone: config.digestTimeZone,
      ...(options.instanceId === undefined ? {} : { instanceId: options.instanceId }),
      ...options.digestTiming,
    });

    const slack = createSlackApp({
      slack: target,
      slackApiUrl,
      logger,
      engine: {
        answer: (question, options) => engine.answer(question, options),
        excerptContext: (docId, start, end) => engine.excerptContext(docId, start, end),
        documents: () => engine.documents(),
        stats: () => engine.stats(),
        skippedFiles: () => live.skippedFiles().map((file) => ({ path: relative(config.corpusDir, file.path), reason: file.reason })),
      },
      indexedAt: () => new Date(live.lastChangeAt ?? indexedAt.getTime()),
      threads: state.threads,
      feedback: new LogFeedbackSink(logger, state.feedback),
      deliveries: state.deliveries,
      rateLimits: state.rateLimits,
      digests: scheduler,
      now,
    });
    const { port } = await slack.start({ host: options.host });
    playground?.attachDigests(scheduler);
    scheduler.start();
    if (playground !== null && config.slack.mode === 'local') {
      logger.info({ mode: 'local', url: playground.url }, localModeMessage(config.slack, playground.url));
    }

    const running = state;
    return {
      logger,
      port: playground?.port ?? port,
      playground,
      state: running,
      scheduler,
      watcher: options.watchCorpus === false ? null : live,
      index: engine,
      async stop() {
        // Stop receiving and finish what was started: replies already acknowledged, and a digest
        // being posted (its run is marked before the state closes, so no other instance repeats it).
        await Promise.all([scheduler.stop(), slack.stop()]);
        await live.stop();
        // The snapshot follows the live corpus, unless a served document is a kept last good version.
        if (live.changes > 0 && live.servesFiles) await engine.save(live.skippedFiles());
        await engine.stop();
        await running.close();
        await playground?.close();
      },
    };
  } catch (error) {
    await watcher?.stop();
    await index?.stop();
    await state?.close();
    await playground?.close();
    throw error;
  }
}

/** Who plays Slack: the playground in local mode (started here), else the workspace the config names. */
async function connectSlack(
  config: Config,
  options: StartOptions,
  logger: Logger,
): Promise<{ playground: Playground | null; target: SlackConfig | LocalSlackTarget; slackApiUrl: string }> {
  if (config.slack.mode !== 'local') return { playground: null, target: config.slack, slackApiUrl: config.slackApiUrl };
  const playground = await startPlayground({ port: config.slack.port, host: options.host, clock: options.clock ?? systemClock, logger });
  return { playground, target: playground.slack, slackApiUrl: playground.slackApiUrl };
}

async function main(): Promise<void> {
  const envFile = resolve('.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  let bot: RunningBot;
  try {
    bot = await startBot(process.env, { local: process.argv.includes('--playground') });
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : `tesla: could not start: ${(error as Error).message}`);
    process.exit(1);
  }
  if (bot.playground !== null) {
    // The JSON log line says it too; this is for the person at the terminal.
    process.stderr.write(
      `\n  tesla runs in local mode: open ${bot.playground.url}\n` +
        '  To connect a real Slack workspace instead, follow README.md → "The Slack app".\n\n',
    );
  }
  stopOnSignals(bot);
}

/** Stopping gives up after this long (replies drain for up to 10 s; a digest post may take a little more). */
const FORCE_EXIT_MS = 25_000;

/**
 * SIGTERM (Docker, Kubernetes, systemd) and SIGINT stop the bot cleanly: no new requests, replies
 * under way posted and remembered, a digest being posted marked, the state closed; then exit 0.
 * A second signal exits at once; a stop that takes longer than {@link FORCE_EXIT_MS} exits 1.
 */
export function stopOnSignals(bot: RunningBot): void {
  process.on('unhandledRejection', (reason) => bot.logger.error({ err: reason }, 'unhandled promise rejection'));
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      bot.logger.warn({ signal }, 'second signal while stopping: exiting now, without waiting');
      process.exit(1);
    }
    stopping = true;
    const startedAt = Date.now();
    bot.logger.info({ signal }, 'shutting down: no new requests; finishing replies and any digest under way');
    const force = setTimeout(() => {
      bot.logger.error({ afterMs: Date.now() - startedAt }, `could not stop within ${FORCE_EXIT_MS / 1000} s: exiting anyway`);
      process.exit(1);
    }, FORCE_EXIT_MS);
    force.unref();
    bot.stop().then(
      () => {
        bot.logger.info({ tookMs: Date.now() - startedAt }, 'stopped');
        process.exit(0);
      },
      (error: unknown) => {
        bot.logger.error({ err: error }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void main();
}
