/**
 * The request guard in front of Bolt's receiver: a signed request is handled once, even after a
 * restart (its signature is kept in the SQLite state), a timestamp more than five minutes ahead is
 * refused like a stale one, and everything else goes through untouched. Also holds the one thing
 * the guard relies on inside Bolt: a request it has read and verified stays buffered, so the
 * receiver does not read the stream again.
 */
import { rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { HTTPModuleFunctions } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, TEST_SIGNING_SECRET, type BotHarness } from '../../helpers/botHarness.js';
import { FakeSlack } from '../../helpers/fakeSlack.js';
import { appMention, eventEnvelope, signatureHeaders, slashCommand } from '../../helpers/slackRequests.js';

describe('once per delivery, across a restart (HTTP mode, SQLite state)', () => {
  let fake: FakeSlack;
  let harness: BotHarness;
  let dataDir: string;

  beforeAll(async () => {
    fake = await FakeSlack.start();
    harness = await startHarness({}, { fake });
    dataDir = harness.dataDir;
  });

  afterAll(async () => {
    await harness.close();
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers a signed slash command replayed three times once, and again once after a restart', async () => {
    const respond = fake.responseUrl();
    const command = slashCommand({ text: 'what did Musk say', response_url: respond.url });
    const t = Math.floor(Date.now() / 1000);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await harness.send(command, { timestampSeconds: t })).status);
    expect(statuses).toEqual([200, 200, 200]);
    await fake.waitFor(() => fake.responsesTo(respond.id).length > 0, 'the answer', 10_000);
    await fake.settle(500);
    expect(fake.responsesTo(respond.id)).toHaveLength(1);
    expect(harness.logs.lines.filter((line) => line['msg'] === 'dropped a replayed request (same signature already handled)')).toHaveLength(2);

    // A restart on the same DATA_DIR remembers the signature: the replay is still dropped.
    await harness.bot.stop();
    harness = await startHarness({ DATA_DIR: dataDir }, { fake });
    expect((await harness.send(command, { timestampSeconds: t })).status).toBe(200);
    await fake.settle(800);
    expect(fake.responsesTo(respond.id)).toHaveLength(1);
    expect(harness.logs.find((line) => line['msg'] === 'dropped a replayed request (same signature already handled)')).toBeDefined();
  });

  it('does not answer again an event Slack retries after a restart (the delivery is remembered in SQLite)', async () => {
    const channel = 'CRESTART1';
    const event = eventEnvelope(appMention({ text: 'what did Musk say', channel }));
    await harness.send(event);
    await fake.waitFor(() => fake.callsTo('chat.postMessage').some((call) => call.args['channel'] === channel), 'the reply', 10_000);
    await harness.bot.stop();
    harness = await startHarness({ DATA_DIR: dataDir }, { fake });
    // Slack's retry: a new request (new timestamp and signature) for the same event_id.
    const retry = await harness.send(event, { timestampSeconds: Math.floor(Date.now() / 1000) + 1, headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' } });
    expect(retry.status).toBe(200);
    await fake.settle(800);
    expect(fake.callsTo('chat.postMessage').filter((call) => call.args['channel'] === channel)).toHaveLength(1);
    expect(harness.logs.find((line) => line['msg'] === 'dropped a repeated delivery')).toMatchObject({ reason: 'event already handled (same event_id)' });
  });

  it('refuses a timestamp more than five minutes ahead with 401, and accepts one a little ahead', async () => {
    const ahead = fake.responseUrl();
    const t = Math.floor(Date.now() / 1000);
    const refused = await harness.send(slashCommand({ text: 'what did Musk say', response_url: ahead.url }), { timestampSeconds: t + 6 * 60 });
    expect(refused.status).toBe(401);
    const skewed = fake.responseUrl();
    const accepted = await harness.send(slashCommand({ text: 'what did Musk say', response_url: skewed.url }), { timestampSeconds: t + 60 });
    expect(accepted.status).toBe(200);
    await fake.waitFor(() => fake.responsesTo(skewed.id).length > 0, 'the answer to the skewed request', 10_000);
    await fake.settle(300);
    expect(fake.responsesTo(ahead.id)).toHaveLength(0);
    expect(harness.logs.find((line) => line['msg'] === 'refused a request timestamped more than five minutes in the future')).toMatchObject({ timestamp: t + 360 });
  });

  it('still refuses a bad signature with 401 and lets /healthz and Slack\'s ssl_check through', async () => {
    const command = slashCommand({ text: 'what did Musk say', response_url: fake.responseUrl().url });
    expect((await harness.send(command, { signature: `v0=${'0'.repeat(64)}` })).status).toBe(401);
    expect((await fetch(`${harness.url}/healthz`)).status).toBe(200);
    const sslCheck = await fetch(`${harness.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'ssl_check=1&token=legacy',
    });
    expect(sslCheck.status).toBe(200);
  });
});

describe('what the guard relies on in Bolt', () => {
  it('keeps a verified request buffered, so the receiver verifies it again without reading the stream', async () => {
    const body = 'command=%2Ftesla&text=hello';
    const stream = Readable.from([Buffer.from(body)]) as unknown as IncomingMessage;
    Object.assign(stream, { headers: { 'content-type': 'application/x-www-form-urlencoded', ...signatureHeaders(TEST_SIGNING_SECRET, body) } });
    const options = { enabled: true, signingSecret: TEST_SIGNING_SECRET };
    await HTTPModuleFunctions.parseAndVerifyHTTPRequest(options, stream);
    expect(HTTPModuleFunctions.isBufferedIncomingMessage(stream)).toBe(true);
    expect(stream.readableEnded).toBe(true);
    // The receiver's own call: the stream is used up, so this only works from the buffer.
    const again = await HTTPModuleFunctions.parseAndVerifyHTTPRequest(options, stream);
    expect(again.rawBody.toString()).toBe(body);
  });
});
