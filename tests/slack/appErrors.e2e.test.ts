/**
 * When answering itself fails, the user gets a short apology with an error id, the same id is in
 * the logs next to the error, and the app keeps serving. Uses the app factory directly with an
 * engine that fails on one question.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnswerEngine, loadCorpus } from '../../src/core/index.js';
import { LogFeedbackSink } from '../../src/infra/logFeedbackSink.js';
import { MemoryState } from '../../src/infra/storage/memory.js';
import { createLogger } from '../../src/infra/logger.js';
import { MemoryThreadStore } from '../../src/infra/memoryThreadStore.js';
import { createSlackApp, type SlackApp } from '../../src/slack/app.js';
import type { AnswerSource } from '../../src/slack/ports.js';
import { FakeSlack } from '../helpers/fakeSlack.js';
import { captureLogs, type LogCapture } from '../helpers/logCapture.js';
import { appMention, eventEnvelope, postSigned, slashCommand } from '../helpers/slackRequests.js';

const SECRET = 'errors-test-signing-secret';

describe('errors inside the app', () => {
  let fake: FakeSlack;
  let slack: SlackApp;
  let logs: LogCapture;
  let url: string;

  beforeAll(async () => {
    fake = await FakeSlack.start();
    logs = captureLogs();
    const logger = createLogger({ level: 'info', destination: logs, secrets: [SECRET] });
    const real = new AnswerEngine(loadCorpus('seeds').documents);
    const engine: AnswerSource = {
      answer: (question, options) => {
        if (question.includes('explode')) throw new Error('index corrupted (simulated)');
        return real.answer(question, options);
      },
      documents: () => real.documents(),
      stats: () => real.stats(),
      excerptContext: (docId, start, end) => real.excerptContext(docId, start, end),
    };
    slack = createSlackApp({
      slack: { mode: 'http', botToken: 'xoxb-errors-test-token-000', signingSecret: SECRET, port: 0 },
      slackApiUrl: fake.apiUrl,
      logger,
      engine,
      indexedAt: new Date(),
      threads: new MemoryThreadStore(),
      feedback: new LogFeedbackSink(logger, new MemoryState({ now: Date.now }).feedback),
    });
    const { port } = await slack.start({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await slack.stop();
    await fake.close();
  });

  it('apologizes to a /tesla user with an error id that is in the logs', async () => {
    const responseUrl = fake.responseUrl();
    await postSigned(url, SECRET, slashCommand({ text: 'please explode', response_url: responseUrl.url }));
    const reply = await fake.waitFor(() => fake.responsesTo(responseUrl.id)[0], 'the apology');
    const text = JSON.stringify(reply.body);
    expect(text).toContain('Sorry, something went wrong');
    const errorId = /error id `?([0-9a-f]{10})/.exec(text)?.[1];
    expect(errorId).toBeDefined();
    const logged = logs.find((line) => line['errorId'] === errorId);
    expect(logged).toMatchObject({ requestId: errorId, msg: 'answering /tesla failed' });
    expect(JSON.stringify(logged)).toContain('index corrupted (simulated)');
  });

  it('apologizes in the thread for a mention, and keeps answering afterwards', async () => {
    await postSigned(url, SECRET, eventEnvelope(appMention({ text: 'explode now', channel: 'CERR00001' })));
    const apology = await fake.waitFor(() => fake.callsTo('chat.postMessage').find((call) => call.args['channel'] === 'CERR00001'), 'the apology');
    expect(String(apology.args['text'])).toMatch(/Sorry, something went wrong on my side \(error id [0-9a-f]{10}\)/);

    await postSigned(url, SECRET, eventEnvelope(appMention({ text: 'what did Musk say', channel: 'CERR00002' })));
    const answer = await fake.waitFor(() => fake.callsTo('chat.postMessage').find((call) => call.args['channel'] === 'CERR00002'), 'an answer');
    expect(JSON.stringify(answer.args['blocks'])).toContain('Elon Musk');
  });

  it('catches what a listener lets through in app.error, logs it with the request id, and keeps serving', async () => {
    slack.app.command('/boom', async ({ ack }) => {
      await ack();
      throw new Error('a listener bug (simulated)');
    });
    const response = await postSigned(url, SECRET, slashCommand({ text: '', command: '/boom', response_url: fake.responseUrl().url }));
    expect(response.status).toBe(200);
    const logged = await fake.waitFor(() => logs.find((line) => line['msg'] === 'unhandled error in a Slack listener'), 'the logged error');
    expect(logged).toMatchObject({ kind: '/boom', errorId: expect.any(String) });
    expect(JSON.stringify(logged)).toContain('a listener bug (simulated)');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  it('fails to start with a clear message when Slack rejects the bot token', async () => {
    const rejecting = await FakeSlack.start();
    rejecting.failNext('auth.test', { error: 'invalid_auth' });
    const app = createSlackApp({
      slack: { mode: 'http', botToken: 'xoxb-revoked-token-0000', signingSecret: SECRET, port: 0 },
      slackApiUrl: rejecting.apiUrl,
      logger: createLogger({ level: 'silent' }),
      engine: { answer: () => { throw new Error('unused'); }, documents: () => [], stats: () => ({ documents: 0, passages: 0, outlets: [], earliest: null, latest: null }), excerptContext: () => null },
      indexedAt: new Date(),
      threads: new MemoryThreadStore(),
      feedback: { record: async () => 'recorded' as const },
    });
    try {
      await expect(app.start({ port: 0, host: '127.0.0.1' })).rejects.toThrow(/could not verify SLACK_BOT_TOKEN .*invalid_auth/);
    } finally {
      await app.stop();
      await rejecting.close();
    }
  });
});
