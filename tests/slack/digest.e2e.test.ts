/**
 * Daily digests end to end: the real bot (SQLite in a temp DATA_DIR, a temp copy of the corpus
 * watched live, the scheduler on a fake clock) behind HMAC-signed Slack requests, posting to the
 * fake Slack Web API. A new file shows up in answers and in the next digest, which lists what the
 * preview listed; a restart mid-day
 * repeats nothing and keeps thread state; each Slack error is handled as documented.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DIGEST_ACTION_IDS, DIGEST_MODAL_CALLBACK, DIGEST_MODAL_FIELDS } from '../../src/slack/blocks/digestHome.js';
import { startHarness, type BotHarness } from '../helpers/botHarness.js';
import { FakeClock } from '../helpers/fakeClock.js';
import { FakeSlack, type ScriptedFailure } from '../helpers/fakeSlack.js';
import { NEW_ARTICLE } from '../helpers/articles.js';
import { appHomeOpened, appMention, eventEnvelope, homeOverflow, slashCommand, viewSubmission } from '../helpers/slackRequests.js';
import { mrkdwnOf, quotesOf, textOf } from '../helpers/blocksText.js';


const START = '2024-03-25T06:00:00Z'; // 07:00 in Berlin


async function until<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

interface Setup {
  harness: BotHarness;
  clock: FakeClock;
  corpusDir: string;
  dataDir: string;
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function setup(options: { clock?: FakeClock; corpusDir?: string; dataDir?: string; fake?: FakeSlack; env?: Record<string, string> } = {}): Promise<Setup> {
  const clock = options.clock ?? new FakeClock(START);
  const corpusDir = options.corpusDir ?? mkdtempSync(join(tmpdir(), 'tesla-corpus-'));
  if (options.corpusDir === undefined) {
    cpSync('seeds', corpusDir, { recursive: true });
    cleanups.push(() => rmSync(corpusDir, { recursive: true, force: true }));
  }
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tesla-data-'));
  if (options.dataDir === undefined) cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const harness = await startHarness(
    { CORPUS_DIR: corpusDir, DATA_DIR: dataDir, ...options.env },
    { clock, ...(options.fake === undefined ? {} : { fake: options.fake }) },
  );
  let closed = false;
  const close = harness.close.bind(harness);
  harness.close = async () => {
    if (closed) return;
    closed = true;
    await close();
  };
  cleanups.push(() => harness.close());
  return { harness, clock, corpusDir, dataDir };
}

/** Runs a slash command and returns its (first) private response. */
async function command(harness: BotHarness, text: string, fields: { channel_id?: string; user_id?: string } = {}) {
  const responseUrl = harness.fake.responseUrl();
  const response = await harness.send(slashCommand({ text, response_url: responseUrl.url, channel_id: fields.channel_id ?? 'CDIGEST1', ...(fields.user_id ? { user_id: fields.user_id } : {}) }));
  expect(response.status).toBe(200);
  const reply = await harness.fake.waitFor(() => harness.fake.responsesTo(responseUrl.id)[0], `the reply to /tesla ${text}`);
  return { body: reply.body, text: textOf(reply.body['blocks']) };
}

/** Moves the fake clock (firing the scheduler's timers) and waits for the digests it started. */
async function runClockTo(setup: Setup, at: string): Promise<void> {
  setup.clock.set(at);
  await setup.harness.bot.scheduler.idle();
}

const postsTo = (harness: BotHarness, channel: string) => harness.fake.callsTo('chat.postMessage').filter((call) => call.args['channel'] === channel);

describe('daily digests, end to end', () => {
  it('subscribes with the user’s Slack time zone, and a new file shows up in answers and in the next digest', async () => {
    const s = await setup();
    const { harness } = s;
    harness.fake.setUserTimeZone('UASKER01', 'Europe/Berlin');

    const on = await command(harness, 'digest on');
    expect(on.body['response_type']).toBe('ephemeral');
    expect(on.text).toContain('✅ Daily digest on for <#CDIGEST1>: 09:00 Europe/Berlin · all new articles');
    expect(on.text).toContain('(your Slack time zone)');
    expect(on.text).toContain('Next digest: Mon 25 Mar 2024, 09:00');
    expect(harness.fake.callsTo('users.info')[0]?.args['user']).toBe('UASKER01');

    // An article is dropped into the corpus folder.
    s.clock.advance(60_000);
    writeFileSync(join(s.corpusDir, 'recall_2024.txt'), NEW_ARTICLE);
    await until(() => harness.bot.watcher!.changes >= 1, 'the watcher to index the new file');
    const answer = await command(harness, 'what did Jane Roe say');
    expect(answer.text).toContain('Recalls like this are routine for a factory of that size');
    expect(answer.text).toContain('Tesla recalls Model Y cars over a seat belt fault in Shanghai');

    const preview = await command(harness, 'digest now');
    expect(preview.text).toContain('Preview, only you see it');
    expect(preview.text).toContain('Tesla recalls Model Y cars over a seat belt fault in Shanghai');
    expect(postsTo(harness, 'CDIGEST1')).toHaveLength(0);

    const before = await command(harness, 'digest status');
    expect(before.text).toContain('6 new articles waiting for the next digest');

    await runClockTo(s, '2024-03-25T08:00:00Z');
    const [digest] = postsTo(harness, 'CDIGEST1');
    expect(digest).toBeDefined();
    expect(String(digest!.args['unfurl_links'])).toBe('false');
    const blocks = digest!.args['blocks'];
    const text = textOf(blocks);
    expect(text).toContain('📰 Daily digest: 6 articles, 3 stories');
    expect(text).toContain('Tesla recalls Model Y cars over a seat belt fault in Shanghai · Example Wire · 2024-03-24');
    expect(quotesOf(blocks).join('\n')).toContain('Tesla is recalling 12,000 Model Y cars built at its Shanghai gigafactory');
    expect(text).toMatch(/💬 .* — Jane Roe/);
    // What a reader recognises: labels, never ids or offsets; no mrkdwn carries corpus text.
    expect(text).not.toMatch(/recall_2024|00\d_[0-9a-f]{16}|chars \d/);
    expect(mrkdwnOf(blocks)).toEqual([]);
    expect(text).toContain('Also covered by: ');
    // The preview and the real run agree on what is new: the same stories.
    const storiesOf = (shown: string) => [...shown.matchAll(/^\d+\. (.+?)(?: · |$)/gm)].map((m) => m[1]);
    expect(storiesOf(text)).toHaveLength(3);
    expect(storiesOf(preview.text)).toEqual(storiesOf(text));

    const after = await command(harness, 'digest status');
    expect(after.text).toContain('📰 Daily digest: on · ');
    expect(after.text).toMatch(/2024-03-25 — sent Mon 25 Mar 2024, 09:00, 6 articles/);
    expect(after.text).toContain('Next digest: Tue 26 Mar 2024, 09:00');
  });

  it('after a restart mid-day: the sent digest is not repeated, thread follow-ups still work (state from SQLite), the index loads from the snapshot', async () => {
    const clock = new FakeClock(START);
    const first = await setup({ clock, env: { DIGEST_TZ: 'Europe/Berlin' } });
    const on = await command(first.harness, 'digest on --always');
    expect(on.text).toContain('(the default time zone, DIGEST_TZ)');
    await runClockTo(first, '2024-03-25T08:00:00Z');
    expect(postsTo(first.harness, 'CDIGEST1')).toHaveLength(1);
    // A new subscription's first digest covers the last day: the seeds indexed at start-up.
    expect(textOf(postsTo(first.harness, 'CDIGEST1')[0]!.args['blocks'])).toContain('📰 Daily digest: 5 articles');

    await first.harness.send(eventEnvelope(appMention({ text: 'what did Musk say', channel: 'CTHREAD1', ts: '1711350000.000100' })));
    await first.harness.fake.waitFor(() => postsTo(first.harness, 'CTHREAD1')[0], 'the answer in the thread');
    await first.harness.close();

    clock.set('2024-03-25T10:30:00Z');
    const second = await setup({ clock, corpusDir: first.corpusDir, dataDir: first.dataDir, env: { DIGEST_TZ: 'Europe/Berlin' } });
    await second.harness.bot.scheduler.idle();
    await second.harness.bot.scheduler.tick();
    expect(postsTo(second.harness, 'CDIGEST1')).toHaveLength(0);
    expect(second.harness.logs.find((l) => l['msg'] === 'index ready (loaded from the snapshot)')).toBeDefined();

    await second.harness.send(eventEnvelope(appMention({ text: 'more', channel: 'CTHREAD1', thread_ts: '1711350000.000100' })));
    const more = await second.harness.fake.waitFor(() => postsTo(second.harness, 'CTHREAD1')[0], 'the follow-up answer');
    expect(more.args['thread_ts']).toBe('1711350000.000100');
    expect(textOf(more.args['blocks'])).toContain('What Elon Musk said');
    expect(textOf(more.args['blocks'])).not.toContain('no earlier question');
  });

  it('posts once when two bot processes share the database and tick at the same moment', async () => {
    const clock = new FakeClock(START);
    const first = await setup({ clock, env: { DIGEST_TZ: 'Europe/Berlin' } });
    const second = await setup({ clock, corpusDir: first.corpusDir, dataDir: first.dataDir, fake: first.harness.fake, env: { DIGEST_TZ: 'Europe/Berlin' } });
    await command(first.harness, 'digest on --always', { channel_id: 'CRACE001' });
    clock.set('2024-03-25T08:00:00Z');
    await Promise.all([first.harness.bot.scheduler.idle(), second.harness.bot.scheduler.idle()]);
    await Promise.all([first.harness.bot.scheduler.tick(), second.harness.bot.scheduler.tick(), first.harness.bot.scheduler.tick()]);
    expect(postsTo(first.harness, 'CRACE001')).toHaveLength(1);
  });

  it('shows the digests on the App Home and changes them there', async () => {
    const s = await setup();
    await command(s.harness, 'digest on 07:30 America/New_York cameras');
    await s.harness.send(eventEnvelope(appHomeOpened({ user: 'UHOME001' })));
    const home = await s.harness.fake.waitFor(() => s.harness.fake.callsTo('views.publish')[0], 'the Home tab');
    const homeText = textOf((home.args['view'] as { blocks: unknown }).blocks);
    expect(homeText).toContain('Daily digests');
    expect(homeText).toContain('<#CDIGEST1> — on · next: ');
    expect(homeText).toContain('07:30 America/New_York · topic: cameras');

    await s.harness.send(homeOverflow({ action_id: DIGEST_ACTION_IDS.edit, value: 'off:CDIGEST1', user: 'UHOME001' }));
    const republished = await s.harness.fake.waitFor(() => s.harness.fake.callsTo('views.publish')[1], 'the refreshed Home tab');
    expect(textOf((republished.args['view'] as { blocks: unknown }).blocks)).toContain('*off*: turned off by <@UHOME001>');

    await s.harness.send(homeOverflow({ action_id: DIGEST_ACTION_IDS.edit, value: 'edit:CDIGEST1', user: 'UHOME001' }));
    const modal = await s.harness.fake.waitFor(() => s.harness.fake.callsTo('views.open')[0], 'the settings modal');
    const view = modal.args['view'] as { callback_id: string; private_metadata: string };
    expect(view.callback_id).toBe(DIGEST_MODAL_CALLBACK);

    const F = DIGEST_MODAL_FIELDS;
    const values = (time: string, zone: string) => ({
      [F.time]: { [F.value]: { type: 'timepicker', selected_time: time } },
      [F.timeZone]: { [F.value]: { type: 'plain_text_input', value: zone } },
      [F.topic]: { [F.value]: { type: 'plain_text_input', value: 'battery' } },
      [F.options]: { [F.value]: { type: 'checkboxes', selected_options: [{ value: F.postWhenEmpty }] } },
    });
    const refused = await s.harness.send(viewSubmission({ callback_id: DIGEST_MODAL_CALLBACK, private_metadata: view.private_metadata, values: values('08:15', 'Mars/Base'), user: 'UHOME001' }));
    const errors = (await refused.json()) as { response_action: string; errors: Record<string, string> };
    expect(errors.response_action).toBe('errors');
    expect(errors.errors[F.timeZone]).toContain('“Mars/Base” is not a time zone I know');

    const saved = await s.harness.send(viewSubmission({ callback_id: DIGEST_MODAL_CALLBACK, private_metadata: view.private_metadata, values: values('08:15', 'asia/tokyo'), user: 'UHOME001' }));
    expect(saved.status).toBe(200);
    await s.harness.fake.waitFor(() => s.harness.fake.callsTo('views.publish')[2], 'the Home tab after saving');
    const status = await command(s.harness, 'digest status');
    expect(status.text).toContain('📰 Daily digest: on · 08:15 Asia/Tokyo · topic: battery · “nothing new” line: on');
  });

  it('explains bad times, zones and commands', async () => {
    const s = await setup();
    expect((await command(s.harness, 'digest on 25:00')).text).toContain('“25:00” is not a time of day. Use 24-hour HH:MM');
    expect((await command(s.harness, 'digest on 09:00 Europe/Berlinn')).text).toContain('is not a time zone I know');
    expect((await command(s.harness, 'digest sometimes')).text).toContain('I don\'t know `digest sometimes`');
    expect((await command(s.harness, 'digest')).text).toContain('/tesla digest on 07:30 Europe/Berlin battery recall');
    expect((await command(s.harness, 'digest off')).text).toContain('This channel has no daily digest');
    expect((await command(s.harness, 'digest status')).text).toContain('This channel has no daily digest');
    const utc = await command(s.harness, 'digest on 6pm');
    expect(utc.text).toContain('18:00 UTC');
    expect(utc.text).toContain('Slack did not tell me your time zone');
  });
});

describe('digest delivery when Slack fails', () => {
  /** Subscribes CFAIL001 (nothing-new line on), scripts failures, runs the 09:00 Berlin digest. */
  async function failing(failures: Array<[string, ScriptedFailure]>): Promise<Setup & { status: () => Promise<string> }> {
    const s = await setup({ env: { DIGEST_TZ: 'Europe/Berlin' } });
    await command(s.harness, 'digest on --always', { channel_id: 'CFAIL001' });
    for (const [method, failure] of failures) s.harness.fake.failNext(method, failure);
    await runClockTo(s, '2024-03-25T08:00:00Z');
    return { ...s, status: async () => (await command(s.harness, 'digest status', { channel_id: 'CFAIL001' })).text };
  }

  it('not_in_channel: joins the public channel once and posts again', async () => {
    const s = await failing([['chat.postMessage', { error: 'not_in_channel' }]]);
    expect(s.harness.fake.callsTo('conversations.join').map((c) => c.args['channel'])).toEqual(['CFAIL001']);
    expect(postsTo(s.harness, 'CFAIL001')).toHaveLength(2);
    expect(await s.status()).toMatch(/2024-03-25 — sent/);
  });

  it('not_in_channel in a private channel (cannot join): turns the digest off with the reason in status', async () => {
    const s = await failing([
      ['chat.postMessage', { error: 'not_in_channel' }],
      ['conversations.join', { error: 'method_not_supported_for_channel_type' }],
    ]);
    const status = await s.status();
    expect(status).toContain('*Daily digest: off* · I am not a member of this channel and cannot join it (it is private); invite me with /invite @tesla');
    expect(status).toMatch(/2024-03-25 — failed: I am not a member/);
    expect(s.harness.logs.find((l) => l['msg'] === 'digest turned off: the channel cannot receive it')).toMatchObject({ slackError: 'not_in_channel' });
  });

  it('not_in_channel again after joining: turns the digest off', async () => {
    const s = await failing([
      ['chat.postMessage', { error: 'not_in_channel' }],
      ['chat.postMessage', { error: 'not_in_channel' }],
    ]);
    expect(s.harness.fake.callsTo('conversations.join')).toHaveLength(1);
    expect(await s.status()).toContain('*Daily digest: off* · I am still not a member of this channel after joining it');
  });

  it('channel_not_found: turns the digest off with the reason', async () => {
    const s = await failing([['chat.postMessage', { error: 'channel_not_found' }]]);
    expect(await s.status()).toContain('*Daily digest: off* · Slack says the channel does not exist (deleted, or private and I was never invited)');
    await runClockTo(s, '2024-03-26T08:00:00Z');
    expect(postsTo(s.harness, 'CFAIL001')).toHaveLength(1);
  });

  it('is_archived: turns the digest off with the reason', async () => {
    const s = await failing([['chat.postMessage', { error: 'is_archived' }]]);
    expect(await s.status()).toContain('*Daily digest: off* · the channel is archived');
  });

  for (const code of ['invalid_auth', 'token_revoked']) {
    it(`${code}: stops scheduling, logs loudly, says so in status, and the digest is kept for after the fix`, async () => {
      const s = await failing([['chat.postMessage', { error: code }]]);
      const fatal = s.harness.logs.find((l) => l['level'] === 60);
      expect(String(fatal?.['msg'])).toContain('DIGESTS STOPPED: Slack rejected the bot token');
      expect(fatal?.['reason']).toContain(code);
      const status = await s.status();
      expect(status).toContain('*All digests are stopped*');
      expect(status).toMatch(/2024-03-25 — not sent yet, will retry: Slack rejected the bot token/);
      await runClockTo(s, '2024-03-26T08:00:00Z');
      expect(postsTo(s.harness, 'CFAIL001')).toHaveLength(1);
      expect(s.clock.timers).toBe(0);
    });
  }

  it('rate limited (HTTP 429): waits Retry-After on the clock, then posts once', async () => {
    const s = await failing([['chat.postMessage', { status: 429, retryAfterSeconds: 7 }]]);
    expect(s.clock.sleeps).toContain(7_000);
    expect(postsTo(s.harness, 'CFAIL001')).toHaveLength(2);
    expect(s.harness.logs.find((l) => String(l['msg']).includes('waiting 7 s (Retry-After)'))).toBeDefined();
    expect(await s.status()).toMatch(/2024-03-25 — sent/);
  });

  it('rate limited again and again: leaves it for the next tick, which posts it', async () => {
    const s = await failing(Array.from({ length: 4 }, () => ['chat.postMessage', { status: 429, retryAfterSeconds: 2 }] as [string, ScriptedFailure]));
    expect(await s.status()).toMatch(/not sent yet, will retry: rate limited by Slack 4 times in a row/);
    await runClockTo(s, '2024-03-25T08:05:00Z');
    expect(await s.status()).toMatch(/2024-03-25 — sent/);
    expect(postsTo(s.harness, 'CFAIL001')).toHaveLength(5);
  });
});
