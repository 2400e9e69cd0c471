/**
 * The Slack app factory: a Bolt `App` in Socket Mode (when an app-level token is configured)
 * or HTTP mode (`POST /slack/events`, verified with the signing secret), with `GET /healthz`,
 * a request id per request, every listener registered and `app.error` as the last net.
 *
 * Local mode is HTTP mode with Slack played by the playground (`src/playground`): the same
 * `HTTPReceiver`, verifying the same signatures, mounted on the playground's server instead of
 * listening on its own port.
 *
 * @example
 * const slack = createSlackApp({ slack: config.slack, slackApiUrl: config.slackApiUrl, logger, engine, ... });
 * const { port } = await slack.start();
 */
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, type CodedError, type Context, type CustomRoute } from '@slack/bolt';
import type { Logger } from 'pino';
import type { DeliveryLedger, RateLimitLedger } from '../core/ports.js';
import type { SlackConfig } from '../infra/config.js';
import { MemoryDeliveries, MemoryRateLimits } from '../infra/storage/memory.js';
import { boltLogger } from './boltLogger.js';
import { Conversation } from './conversation/conversation.js';
import { InFlight, type SlackDeps } from './deps.js';
import { registerListeners } from './listeners/index.js';
import type { AnswerSource, DigestControl, FeedbackSink, ThreadStore } from './ports.js';
import { DeliveryGate } from './reliability/deliveryGate.js';
import { RateLimiter, type RateLimitOptions } from './reliability/rateLimiter.js';
import { guardRequests } from './reliability/requestGuard.js';
import { describeRequest, requestIdOf, requestScopeMiddleware } from './requestScope.js';
import { slackErrorDetails } from './slackCalls.js';

/**
 * Local mode: a stand-in for Slack (the playground) that signs what it sends with `signingSecret`,
 * accepts `botToken` on its Web API, and serves the app's endpoints on its own HTTP server.
 */
export interface LocalSlackTarget {
  mode: 'local';
  botToken: string;
  signingSecret: string;
  /** Serves the app's HTTP endpoints (`POST /slack/events`, `GET /healthz`) on the stand-in's server. */
  mount(listener: RequestListener): void;
}

export interface SlackAppOptions {
  slack: SlackConfig | LocalSlackTarget;
  /** Web API base URL (Slack's, or a local fake in tests). */
  slackApiUrl: string;
  logger: Logger;
  engine: AnswerSource;
  /** When the index was built or loaded (a function when the live corpus keeps changing it). */
  indexedAt: Date | (() => Date);
  threads: ThreadStore;
  /** Daily digests (`/tesla digest`, App Home settings); omitted, they are unavailable. */
  digests?: DigestControl;
  feedback: FeedbackSink;
  /**
   * Deliveries and signed requests already handled, and per-user request counts: the shared store
   * when several instances serve one workspace (default: this process's memory).
   */
  deliveries?: DeliveryLedger;
  rateLimits?: RateLimitLedger;
  /** Per-user limit on questions; default 10 a minute. */
  rateLimit?: Omit<RateLimitOptions, 'now'>;
  /** Clock for rate limits, redelivery memory and relative dates (tests pass a fake). */
  now?: () => number;
}

/** How to listen in HTTP mode (and for `/healthz` in Socket Mode). */
export interface ListenOptions {
  port?: number;
  host?: string;
}

export interface SlackApp {
  app: App;
  /** Starts receiving: opens the socket (Socket Mode) or listens (HTTP mode). */
  start(listen?: ListenOptions): Promise<{ port: number | null }>;
  stop(): Promise<void>;
}

export const DEFAULT_RATE_LIMIT = { limit: 10, windowMs: 60_000 } as const;

/** How long stopping waits for replies under way. */
const STOP_DRAIN_MS = 10_000;

export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { logger, slack } = options;
  const now = options.now ?? Date.now;
  const deliveries = options.deliveries ?? new MemoryDeliveries();
  const deps: SlackDeps = {
    engine: options.engine,
    conversation: new Conversation(options.engine, options.threads, () => new Date(now())),
    gate: new DeliveryGate({ ledger: deliveries, now }),
    rateLimiter: new RateLimiter(options.rateLimits ?? new MemoryRateLimits(), { ...(options.rateLimit ?? DEFAULT_RATE_LIMIT), now }),
    feedback: options.feedback,
    logger,
    indexedAt: typeof options.indexedAt === 'function' ? options.indexedAt : () => options.indexedAt as Date,
    digests: options.digests ?? null,
    inFlight: new InFlight(),
  };
  const bolt = boltLogger(logger);
  const customRoutes = [healthRoute(options.engine, deps.indexedAt)];
  const clientOptions = {
    slackApiUrl: options.slackApiUrl,
    // Answers are interactive: a couple of quick retries, then give up and log (never 30 minutes of retries).
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2_000 },
    timeout: 15_000,
  };

  const receiver =
    slack.mode === 'socket'
      ? null
      : new HTTPReceiver({
          signingSecret: slack.signingSecret,
          endpoints: '/slack/events',
          ...(slack.mode === 'http' ? { port: slack.port } : {}),
          customRoutes,
          logger: bolt,
          // Ack (200) first, work after: Slack gets its answer within 3 seconds.
          processBeforeResponse: false,
        });
  // Replayed and future-dated requests are refused before Bolt sees them.
  if (receiver !== null && slack.mode !== 'socket') {
    receiver.requestListener = guardRequests(receiver.requestListener, { signingSecret: slack.signingSecret, deliveries, logger });
  }
  const app =
    slack.mode === 'socket'
      ? new App({
          token: slack.botToken,
          appToken: slack.appToken,
          socketMode: true,
          customRoutes,
          port: slack.port,
          logger: bolt,
          clientOptions,
          deferInitialization: true,
          extendedErrorHandler: true,
        })
      : new App({
          token: slack.botToken,
          receiver: receiver ?? undefined,
          logger: bolt,
          clientOptions,
          deferInitialization: true,
          extendedErrorHandler: true,
        });

  app.use(requestScopeMiddleware(logger));
  registerListeners(app, deps);
  app.error(async ({ error, body, context }: { error: CodedError; body: unknown; context: Context | undefined }) => {
    // The last net: whatever a listener did not catch is logged here, and the process goes on.
    logger.error(
      { err: error, code: error.code, errorId: requestIdOf(context), ...describeRequest((body ?? {}) as Record<string, unknown>) },
      'unhandled error in a Slack listener',
    );
  });

  let started = false;
  return {
    app,
    async start(listen: ListenOptions = {}) {
      try {
        await app.init();
      } catch (error) {
        throw new Error(
          `slack: could not verify SLACK_BOT_TOKEN with auth.test at ${options.slackApiUrl} (${describeError(error)}). ` +
            'Check the token (OAuth & Permissions → Bot User OAuth Token) and that the app is installed.',
          { cause: error },
        );
      }
      if (slack.mode === 'local') {
        // The receiver does not listen: its request listener is served by the playground's server.
        if (receiver !== null) slack.mount(receiver.requestListener);
        started = true;
        logger.info({ mode: slack.mode }, 'Slack app started');
        return { port: null };
      }
      const port = listen.port ?? slack.port;
      const result: unknown =
        slack.mode === 'socket' ? await app.start() : await app.start(listen.host === undefined ? port : { port, host: listen.host });
      started = true;
      const boundPort = slack.mode === 'http' ? portOf(result as Server) : null;
      logger.info({ mode: slack.mode, port: boundPort ?? slack.port }, 'Slack app started');
      return { port: boundPort };
    },
    async stop() {
      if (!started) return;
      started = false;
      // In local mode nothing listens; the playground closes its own server.
      if (slack.mode !== 'local') await app.stop();
      // Replies already acknowledged finish (posted, and remembered) before the state closes.
      await deps.inFlight.drain(STOP_DRAIN_MS);
      logger.info('Slack app stopped');
    },
  };
}

/** `GET /healthz`: 200 with a small status once the index is ready (it is built before the app starts). */
function healthRoute(engine: AnswerSource, indexedAt: () => Date): CustomRoute {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: (_request: IncomingMessage, response: ServerResponse) => {
      const stats = engine.stats();
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ status: 'ok', documents: stats.documents, passages: stats.passages, indexedAt: indexedAt().toISOString() }),
      );
    },
  };
}

function portOf(server: Server | undefined): number | null {
  const address = server?.address();
  return address !== null && typeof address === 'object' ? (address as AddressInfo).port : null;
}

function describeError(error: unknown): string {
  return slackErrorDetails(error).slackError;
}
