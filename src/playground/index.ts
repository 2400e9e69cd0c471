/**
 * Local mode: a Slack workspace played in-process, and a page shaped like a Slack channel to use it.
 *
 * The app is the same Bolt app with the same listeners as in Slack. The playground stands where
 * Slack stands: it signs Slack-shaped payloads (commands, events, interactions) and posts them to the
 * app's real `HTTPReceiver`, and it serves the Web API calls and response_url posts the app makes.
 * Nothing here composes an answer.
 *
 * @example
 * const playground = await startPlayground({ port: 3000, clock: systemClock, logger });
 * const slack = createSlackApp({ slack: playground.slack, slackApiUrl: playground.slackApiUrl, ... });
 * await slack.start();                       // mounts the receiver on the playground's server
 * playground.attachDigests(scheduler);       // "skip to the next digest" asks the scheduler
 * console.log(playground.url);               // http://localhost:3000
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock, DigestControl } from '../core/ports.js';
import type { LocalModeConfig } from '../infra/config.js';
import type { LocalSlackTarget } from '../slack/app.js';
import { PlaygroundClock } from './clock.js';
import { PlaygroundServer } from './server.js';
import { SlackSide } from './slackSide.js';
import { Workspace } from './workspace.js';

export { PlaygroundClock } from './clock.js';
export { Workspace } from './workspace.js';
export { SlackSide } from './slackSide.js';

export interface PlaygroundOptions {
  /** Port of the page (and of everything else); 0 picks a free one. */
  port: number;
  /** Interface to listen on; default 127.0.0.1 (the playground has no login, so it stays on this machine). */
  host?: string;
  /** Real time; the playground adds what was skipped ahead. */
  clock: Clock;
  logger: Logger;
}

export interface Playground {
  /** Where a person opens the page (`http://localhost:3000`). */
  url: string;
  port: number;
  /** The Web API base URL the app's clients use (this server's `/api/`). */
  slackApiUrl: string;
  /** What the app factory needs to run against the playground. */
  slack: LocalSlackTarget;
  /** Playground time: real time plus what "skip to the next digest" skipped. */
  clock: PlaygroundClock;
  workspace: Workspace;
  side: SlackSide;
  attachDigests(digests: DigestControl): void;
  close(): Promise<void>;
}

export const DEFAULT_PLAYGROUND_HOST = '127.0.0.1';

export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
  const host = options.host ?? DEFAULT_PLAYGROUND_HOST;
  const clock = new PlaygroundClock(options.clock);
  // Made up for this run: the app signs nothing with them outside this process.
  const botToken = `xoxb-playground-${randomBytes(12).toString('hex')}`;
  const signingSecret = randomBytes(24).toString('hex');
  const workspace = new Workspace({ clock, logger: options.logger, botToken });
  let baseUrl = '';
  const side = new SlackSide({ workspace, clock, logger: options.logger, signingSecret, baseUrl: () => baseUrl });
  const server = new PlaygroundServer({ workspace, side, clock, logger: options.logger, hosts: [host] });
  const port = await server.listen(options.port, host);
  const loopback = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  baseUrl = `http://${loopback.includes(':') ? `[${loopback}]` : loopback}:${port}`;
  const shownHost = host === DEFAULT_PLAYGROUND_HOST && options.host === undefined ? 'localhost' : loopback;
  return {
    url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`,
    port,
    slackApiUrl: `${baseUrl}/api/`,
    slack: { mode: 'local', botToken, signingSecret, mount: (listener) => server.mount(listener) },
    clock,
    workspace,
    side,
    attachDigests: (digests) => side.attachDigests(digests),
    close: () => server.close(),
  };
}

/** The start-up line of local mode: which mode, why, the URL to open, and how to connect Slack instead. */
export function localModeMessage(config: LocalModeConfig, url: string): string {
  const why =
    config.reason === 'unconfigured'
      ? 'no Slack variables are set'
      : `asked for (npm run playground)${config.ignored.length > 0 ? `; ignoring ${config.ignored.join(', ')}` : ''}`;
  return (
    `local mode (${why}): open ${url} to try the bot in a page shaped like a Slack channel. ` +
    'To connect a real Slack workspace instead: create the app from manifest.yml, put SLACK_BOT_TOKEN and SLACK_APP_TOKEN ' +
    '(or SLACK_SIGNING_SECRET) in .env, and run npm start (README.md, "The Slack app").'
  );
}
