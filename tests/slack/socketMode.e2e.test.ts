/**
 * Socket Mode end to end: the real bot with an app-level token connects to a local Socket Mode
 * endpoint (a WebSocket server handed out by the fake `apps.connections.open`), acks envelopes,
 * answers, and answers a redelivered event once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBot, type RunningBot } from '../../src/main.js';
import { FakeSlack } from '../helpers/fakeSlack.js';
import { FakeSocketMode } from '../helpers/fakeSocketMode.js';
import { captureLogs, type LogCapture } from '../helpers/logCapture.js';
import { appMention, TEAM_ID } from '../helpers/slackRequests.js';

const APP_TOKEN = 'xapp-1-AAPP0001-1234567890-socketmodetesttoken';
const BOT_TOKEN = 'xoxb-socket-mode-test-bot-token';

describe('the Slack app in Socket Mode', () => {
  let fake: FakeSlack;
  let socket: FakeSocketMode;
  let bot: RunningBot;
  let logs: LogCapture;
  const dataDir = mkdtempSync(join(tmpdir(), 'tesla-socket-'));

  beforeAll(async () => {
    fake = await FakeSlack.start();
    socket = await FakeSocketMode.start();
    fake.replyTo('apps.connections.open', () => ({ ok: true, url: socket.url }));
    logs = captureLogs();
    bot = await startBot(
      { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: fake.apiUrl, PORT: '0', CORPUS_DIR: 'seeds', DATA_DIR: dataDir, LOG_LEVEL: 'debug' },
      { host: '127.0.0.1', logDestination: logs },
    );
  });

  afterAll(async () => {
    await bot?.stop();
    await socket?.close();
    await fake?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('connects with the app-level token', () => {
    expect(fake.callsTo('apps.connections.open')[0]?.token).toBe(APP_TOKEN);
    expect(fake.callsTo('auth.test')[0]?.token).toBe(BOT_TOKEN);
    expect(socket.connected).toBe(true);
  });

  it('acks an event, answers it in the thread, and answers a redelivery once', async () => {
    const event = appMention({ text: 'what did Musk say', channel: 'CSOCKET01' });
    const body = {
      token: 'legacy',
      team_id: TEAM_ID,
      api_app_id: 'AAPP0001',
      event,
      type: 'event_callback',
      event_id: 'EvSOCKET0001',
      event_time: 1,
      authorizations: [{ team_id: TEAM_ID, user_id: 'UBOT0001', is_bot: true }],
    };
    const first = socket.send('events_api', body);
    await fake.waitFor(() => socket.acked(first), 'the ack');
    const post = await fake.waitFor(() => fake.callsTo('chat.postMessage').find((call) => call.args['channel'] === 'CSOCKET01'), 'the answer');
    expect(post.args['thread_ts']).toBe(event['ts']);
    expect(JSON.stringify(post.args['blocks'])).toContain('Elon Musk');

    const again = socket.send('events_api', body, { attempt: 1, reason: 'timeout' });
    await fake.waitFor(() => socket.acked(again), 'the ack of the redelivery');
    await fake.settle(300);
    expect(fake.callsTo('chat.postMessage').filter((call) => call.args['channel'] === 'CSOCKET01')).toHaveLength(1);
  });

  it('answers /tesla through the response_url', async () => {
    const responseUrl = fake.responseUrl();
    const envelope = socket.send('slash_commands', {
      token: 'legacy',
      team_id: TEAM_ID,
      channel_id: 'CSOCKET02',
      user_id: 'USOCKET01',
      command: '/tesla',
      text: 'where is the data stored?',
      response_url: responseUrl.url,
      trigger_id: '1.2.3',
      api_app_id: 'AAPP0001',
    });
    await fake.waitFor(() => socket.acked(envelope), 'the ack');
    const reply = await fake.waitFor(() => fake.responsesTo(responseUrl.id)[0], 'the answer');
    expect(reply.body['response_type']).toBe('ephemeral');
    expect(JSON.stringify(reply.body['blocks'])).toContain('where is the data stored?');
  });

  it('never logs the tokens', () => {
    expect(logs.text()).not.toContain(APP_TOKEN);
    expect(logs.text()).not.toContain(BOT_TOKEN);
  });
});
