/**
 * Starts the real bot (`startBot` from src/main.ts: config, logger, corpus, engine, Slack app)
 * in HTTP mode on a free port of 127.0.0.1, against a {@link FakeSlack}, and stops both.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBot, type RunningBot, type StartOptions } from '../../src/main.js';
import { FakeSlack } from './fakeSlack.js';
import { captureLogs, type LogCapture } from './logCapture.js';
import { postSigned, type PostOptions, type SignedPost } from './slackRequests.js';

export const TEST_BOT_TOKEN = 'xoxb-1111111111-2222222222-testtokenvalue';
export const TEST_SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

export interface BotHarness {
  fake: FakeSlack;
  bot: RunningBot;
  logs: LogCapture;
  /** The state folder (a fresh temp folder unless `DATA_DIR` was given). */
  dataDir: string;
  /** `http://127.0.0.1:<port>` of the app. */
  url: string;
  /** Posts a correctly signed request to `/slack/events`. */
  send(request: SignedPost, options?: PostOptions): Promise<Response>;
  close(): Promise<void>;
}

export interface HarnessOptions extends Omit<StartOptions, 'host' | 'logDestination'> {
  /** Reuse a running fake Web API (a restart, or a second instance) instead of starting one. */
  fake?: FakeSlack;
}

export async function startHarness(env: Record<string, string> = {}, options: HarnessOptions = {}): Promise<BotHarness> {
  const { fake: sharedFake, ...startOptions } = options;
  const fake = sharedFake ?? (await FakeSlack.start());
  const ownDataDir = env['DATA_DIR'] === undefined ? mkdtempSync(join(tmpdir(), 'tesla-data-')) : null;
  const dataDir = env['DATA_DIR'] ?? ownDataDir!;
  const logs = captureLogs();
  let bot: RunningBot;
  try {
    bot = await startBot(
      {
        SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_API_URL: fake.apiUrl,
        PORT: '0',
        CORPUS_DIR: 'seeds',
        LOG_LEVEL: 'debug',
        DATA_DIR: dataDir,
        ...env,
      },
      { host: '127.0.0.1', logDestination: logs, ...startOptions },
    );
  } catch (error) {
    if (sharedFake === undefined) await fake.close();
    if (ownDataDir !== null) rmSync(ownDataDir, { recursive: true, force: true });
    throw error;
  }
  const url = `http://127.0.0.1:${bot.port}`;
  return {
    fake,
    bot,
    logs,
    dataDir,
    url,
    send: (request, postOptions) => postSigned(url, TEST_SIGNING_SECRET, request, postOptions),
    async close() {
      await bot.stop();
      if (sharedFake === undefined) await fake.close();
      if (ownDataDir !== null) rmSync(ownDataDir, { recursive: true, force: true });
    },
  };
}
