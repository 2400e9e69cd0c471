/**
 * Starts the real bot (`startBot` from src/main.ts: config, logger, corpus, engine, Slack app)
 * in HTTP mode on a free port of 127.0.0.1, against a {@link FakeSlack}, and stops both.
 */
import { startBot, type RunningBot } from '../../src/main.js';
import { FakeSlack } from './fakeSlack.js';
import { captureLogs, type LogCapture } from './logCapture.js';
import { postSigned, type PostOptions, type SignedPost } from './slackRequests.js';

export const TEST_BOT_TOKEN = 'xoxb-1111111111-2222222222-testtokenvalue';
export const TEST_SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

export interface BotHarness {
  fake: FakeSlack;
  bot: RunningBot;
  logs: LogCapture;
  /** `http://127.0.0.1:<port>` of the app. */
  url: string;
  /** Posts a correctly signed request to `/slack/events`. */
  send(request: SignedPost, options?: PostOptions): Promise<Response>;
  close(): Promise<void>;
}

export async function startHarness(env: Record<string, string> = {}): Promise<BotHarness> {
  const fake = await FakeSlack.start();
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
        ...env,
      },
      { host: '127.0.0.1', logDestination: logs },
    );
  } catch (error) {
    await fake.close();
    throw error;
  }
  const url = `http://127.0.0.1:${bot.port}`;
  return {
    fake,
    bot,
    logs,
    url,
    send: (request, options) => postSigned(url, TEST_SIGNING_SECRET, request, options),
    async close() {
      await bot.stop();
      await fake.close();
    },
  };
}
