/**
 * Local mode end to end: the real bot started with no Slack variable, driven over HTTP as the page
 * drives it. Every answer asserted here comes from the Bolt app's listeners through the
 * playground's Web API and response_urls.
 */
import { writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot } from '../../src/main.js';
import { ConfigError } from '../../src/infra/config.js';
import { decodePageState } from '../../src/slack/blocks/actions.js';
import { signatureHeaders } from '../../src/playground/payloads.js';
import { captureLogs } from '../helpers/logCapture.js';
import { botMessages, DM, elementRef, GENERAL, RANDOM, startLocal, textOf, YOU, type LocalBot } from './helpers.js';

function statusWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers: { host } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end();
  });
}

const MUSK_QUOTE = 'If Tesla used cars to spy in China or anywhere, we will get shut down.';

describe('local mode: the playground in front of the real app', () => {
  let local: LocalBot;

  beforeAll(async () => {
    local = await startLocal();
  });

  afterAll(async () => {
    await local.close();
  });

  it('starts without Slack variables, logs the mode and the URL, and serves the page and /healthz', async () => {
    const line = local.logs.find((l) => l['mode'] === 'local' && typeof l['url'] === 'string');
    expect(line?.['msg']).toMatch(new RegExp(`^local mode \\(no Slack variables are set\\): open ${local.url} .*To connect a real Slack workspace instead: .*SLACK_BOT_TOKEN`));
    expect(local.logs.find((l) => l['msg'] === 'starting')).toMatchObject({ mode: 'local' });
    const page = await fetch(`${local.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>tesla · local playground</title>');
    for (const asset of ['app.js', 'blockkit.js', 'mrkdwn.js', 'emoji.js', 'styles.css']) {
      expect((await fetch(`${local.url}/assets/${asset}`)).status).toBe(200);
    }
    expect((await fetch(`${local.url}/assets/../workspace.ts`)).status).toBe(404);
    const health = await fetch(`${local.url}/healthz`);
    expect(await health.json()).toMatchObject({ status: 'ok', documents: 5 });
  });

  it('answers /tesla privately through the response_url, with the app’s real Block Kit', async () => {
    const sent = await local.post('send', { channel: GENERAL, text: '/tesla what did Musk say' });
    expect(sent).toEqual({ status: 200, body: { ok: true, at: expect.any(Number) } });
    const answer = await local.waitFor((s) => botMessages(s, GENERAL).find((m) => m.ephemeralTo === YOU && m.text.includes('what did Musk say')), 'the private answer');
    const text = textOf(answer.blocks);
    expect(text).toContain('Q: what did Musk say');
    expect(text).toContain(MUSK_QUOTE);
    expect(text).toContain('— Elon Musk');
    expect(text).not.toMatch(/chars \d+|00\d_[0-9a-f]{16}/);
    const share = elementRef(answer.blocks, 'answer_share');
    expect(decodePageState(share.value)).toMatchObject({ question: 'what did Musk say', offset: 0, surface: 'ephemeral' });
    // Ephemeral: nobody else sees it, and there is no public message.
    expect(botMessages(await local.state(), GENERAL).filter((m) => m.ephemeralTo === null)).toHaveLength(0);
  });

  it('Share in channel posts the answer publicly, asked by you, and removes the private copy', async () => {
    await local.post('send', { channel: RANDOM, text: '/tesla what did Musk say' });
    const answer = await local.waitFor((s) => botMessages(s, RANDOM).find((m) => m.ephemeralTo === YOU), 'the private answer');
    const share = elementRef(answer.blocks, 'answer_share');
    expect((await local.post('action', { channel: RANDOM, ts: answer.ts, ...share })).body).toEqual({ ok: true });
    const shared = await local.waitFor((s) => botMessages(s, RANDOM).find((m) => m.ephemeralTo === null), 'the shared answer');
    expect(textOf(shared.blocks)).toContain(`asked by @${YOU}`);
    expect(textOf(shared.blocks)).toContain(MUSK_QUOTE);
    await local.waitFor((s) => !s.messages.some((m) => m.ts === answer.ts), 'the private copy to go');
  });

  it('More replaces a private answer with the next page; 👍 is recorded and shown on it', async () => {
    await local.post('send', { channel: GENERAL, text: '/tesla where is the data stored?' });
    const first = await local.waitFor((s) => botMessages(s, GENERAL).find((m) => m.ephemeralTo === YOU && m.text.includes('where is the data stored')), 'the answer');
    const more = elementRef(first.blocks, 'answer_more');
    await local.post('action', { channel: GENERAL, ts: first.ts, ...more });
    const next = await local.waitFor((s) => {
      const replaced = s.messages.find((m) => m.ts === first.ts);
      return replaced !== undefined && textOf(replaced.blocks).includes('excerpts 6') ? replaced : undefined;
    }, 'the next page in place');
    expect(textOf(next.blocks)).toContain('Q: where is the data stored?');

    const up = elementRef(next.blocks, 'answer_feedback_up');
    await local.post('action', { channel: GENERAL, ts: next.ts, ...up });
    const voted = await local.waitFor((s) => {
      const replaced = s.messages.find((m) => m.ts === next.ts);
      return replaced !== undefined && textOf(replaced.blocks).includes('glad it helped') ? replaced : undefined;
    }, 'the vote on the answer');
    expect(textOf(voted.blocks)).toContain('👍 Your vote');
    const votes = await local.bot.state.feedback.recent(5);
    expect(votes[0]).toMatchObject({ vote: 'up', userId: YOU, channelId: GENERAL, question: 'where is the data stored?' });
  });

  it('answers @tesla in the thread and refines the question with follow-ups there', async () => {
    const sent = await local.post('send', { channel: GENERAL, text: '@tesla what did Musk say' });
    expect(sent.body).toMatchObject({ ok: true, mentionsBot: true });
    const threadTs = String(sent.body['ts']);
    const first = await local.waitFor((s) => botMessages(s, GENERAL, threadTs)[0], 'the answer in the thread');
    expect(textOf(first.blocks)).toContain('Elon Musk');
    const mention = (await local.state()).messages.find((m) => m.ts === threadTs);
    expect(mention).toMatchObject({ user: YOU, text: '<@U0TESLABOT> what did Musk say', replyCount: 1 });

    await local.post('send', { channel: GENERAL, text: '@tesla more', threadTs });
    const second = await local.waitFor((s) => botMessages(s, GENERAL, threadTs)[1], 'the follow-up answer');
    expect(textOf(second.blocks)).toContain('Q: what did Musk say');
    expect(textOf(second.blocks)).not.toContain(MUSK_QUOTE);
    // A message in a thread that does not mention the bot is not sent to it.
    await local.post('send', { channel: GENERAL, text: 'thanks, that helps', threadTs });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(botMessages(await local.state(), GENERAL, threadTs)).toHaveLength(2);
  });

  it('answers a DM at the top level and ignores its own messages there', async () => {
    await local.post('send', { channel: DM, text: 'what did Musk say' });
    await local.waitFor((s) => botMessages(s, DM, null)[0], 'the DM answer');
    await new Promise((resolve) => setTimeout(resolve, 400));
    // Slack tells the app about its own DM messages too; Bolt drops them, so exactly one answer.
    expect(botMessages(await local.state(), DM)).toHaveLength(1);
    expect(local.logs.find((l) => l['kind'] === 'event:message' && l['msg'] === 'answering in conversation')).toBeDefined();
  });

  it('shows Slack’s own notice for a command that is not installed, and answers /tesla help', async () => {
    await local.post('send', { channel: GENERAL, text: '/weather today' });
    const notice = await local.waitFor((s) => s.messages.find((m) => m.user === 'USLACKBOT' && m.ephemeralTo === YOU), 'Slackbot’s notice');
    expect(notice.text).toContain('`/weather` is not a valid command');
    await local.post('send', { channel: GENERAL, text: '/tesla help' });
    await local.waitFor((s) => botMessages(s, GENERAL).find((m) => m.text === 'How to ask /tesla'), 'the usage');
  });

  it('opens the App Home (app_home_opened → views.publish) and saves a digest from its modal', async () => {
    expect((await local.post('home', { tab: 'home' })).body).toEqual({ ok: true });
    const home = await local.waitFor((s) => s.home, 'the Home tab');
    expect(textOf(home.blocks)).toContain('Ask the news corpus');
    expect(textOf(home.blocks)).toContain('Daily digests');

    const add = elementRef(home.blocks, 'home_digest_add');
    await local.post('action', { viewId: home.id, ...add });
    const modal = await local.waitFor((s) => s.modals[0], 'the digest modal');
    expect(modal.title.text).toBe('Daily digest');

    // Required fields are checked by Slack's client before anything is sent.
    const empty = await local.post('view/submit', { viewId: modal.id, values: { digest_channel: null, digest_time: '09:00', digest_time_zone: 'UTC' } });
    expect(empty.body).toEqual({ ok: true, errors: { digest_channel: 'Please complete this required field.' } });
    // The app's own checks come back as response_action: errors.
    const badZone = await local.post('view/submit', { viewId: modal.id, values: { digest_channel: RANDOM, digest_time: '07:30', digest_time_zone: 'Europe/Berlim' } });
    expect((badZone.body['errors'] as Record<string, string>)['digest_time_zone']).toMatch(/Europe\/Berlin/);
    expect((await local.state()).modals).toHaveLength(1);

    const saved = await local.post('view/submit', {
      viewId: modal.id,
      values: { digest_channel: RANDOM, digest_time: '07:30', digest_time_zone: 'Europe/Berlin', digest_topic: '', digest_options: ['post_when_empty'] },
    });
    expect(saved.body).toEqual({ ok: true });
    await local.waitFor((s) => s.modals.length === 0, 'the modal to close');
    const refreshed = await local.waitFor((s) => (s.home !== null && textOf(s.home.blocks).includes(`<#${RANDOM}>`) ? s.home : undefined), 'the Home tab to list #random');
    expect(textOf(refreshed.blocks)).toContain('07:30');
    expect((await local.bot.scheduler.status({ teamId: 'T0PLAYGND', channelId: RANDOM })).subscription).toMatchObject({ time: '07:30', timeZone: 'Europe/Berlin', postWhenEmpty: true });
  });

  it('previews the digest, turns it on, and runs it for real when time skips to its hour', async () => {
    await local.post('send', { channel: GENERAL, text: '/tesla digest now' });
    const preview = await local.waitFor((s) => botMessages(s, GENERAL).find((m) => m.ephemeralTo === YOU && m.text.startsWith('Preview')), 'the preview');
    expect(textOf(preview.blocks)).toContain('Tesla Says Its In-Vehicle Cameras Aren’t Activated in China');

    // Without a digest, there is nothing to skip to: said kindly.
    const early = await local.post('digest/skip', { channel: GENERAL });
    expect(early.status).toBe(400);
    expect(early.body['error']).toMatch(/#general has no daily digest yet. Turn it on first/);

    await local.post('send', { channel: GENERAL, text: '/tesla digest on 09:00 UTC' });
    await local.waitFor((s) => botMessages(s, GENERAL).find((m) => m.ephemeralTo === YOU && textOf(m.blocks).includes('Daily digest on')), 'the confirmation');
    // A new article arrives in the corpus folder: the watcher indexes it, the digest lists it.
    writeFileSync(
      join(local.corpusDir, 'new_recall.txt'),
      'Tesla recalls cars over camera software\n\nTesla said on Monday it would recall cars because the interior camera software stored clips too long. “We take privacy seriously,” the company said.\n',
    );
    await local.waitFor(() => (local.bot.watcher?.changes ?? 0) >= 1 || undefined, 'the watcher to index the article');

    const skipped = await local.post('digest/skip', { channel: GENERAL });
    expect(skipped.body).toMatchObject({ ok: true });
    const at = new Date(Number(skipped.body['at']));
    expect(at.getUTCHours()).toBe(9);
    const digest = await local.waitFor((s) => botMessages(s, GENERAL).find((m) => m.ephemeralTo === null && m.text.startsWith('Daily digest')), 'the digest in #general');
    expect(textOf(digest.blocks)).toContain('Tesla recalls cars over camera software');
    expect(Number(digest.ts) * 1000).toBeGreaterThanOrEqual(at.getTime());
    const state = await local.state();
    expect(state.clock.offsetMs).toBeGreaterThan(0);
    const status = await local.bot.scheduler.status({ teamId: 'T0PLAYGND', channelId: GENERAL });
    // The first digest covers the last 24 hours, as the preview did: the seeds and the new article.
    expect(status.recent[0]).toMatchObject({ status: 'sent', documents: 6 });
    expect(textOf(digest.blocks)).toContain('Tesla Says Its In-Vehicle Cameras Aren’t Activated in China');
  });

  it('refuses what Slack would refuse: forged requests, foreign hosts, bad page input', async () => {
    const body = 'token=x&command=%2Ftesla&text=hi';
    const forged = await fetch(`${local.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signatureHeaders('not-the-secret', body, Math.floor(Date.now() / 1000)) },
      body,
    });
    expect(forged.status).toBe(401);
    // A page on another site that resolves its own name to 127.0.0.1 (DNS rebinding) gets nothing.
    expect(await statusWithHost(`${local.url}/playground/state`, 'evil.example')).toBe(403);
    expect(await statusWithHost(`${local.url}/playground/state`, `localhost:${local.bot.port}`)).toBe(200);
    const notJson = await fetch(`${local.url}/playground/send`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(notJson.status).toBe(415);
    const bad = await local.post('send', { channel: 'nope', text: 'hi' });
    expect(bad.status).toBe(400);
    expect(bad.body['error']).toMatch(/did not understand/);
    const gone = await local.post('action', { channel: GENERAL, ts: '1.000001', blockId: 'x', actionId: 'answer_share' });
    expect(gone.body).toEqual({ ok: false, error: 'That message is gone.' });
    const wrongToken = await fetch(`${local.url}/api/auth.test`, { method: 'POST', headers: { authorization: 'Bearer xoxb-not-the-playground-token' } });
    expect(await wrongToken.json()).toEqual({ ok: false, error: 'invalid_auth' });
  });
});

describe('start-up modes', () => {
  it('stops on a partial Slack configuration, listing what is missing, and listens on nothing', async () => {
    const logs = captureLogs();
    const start = startBot({ SLACK_BOT_TOKEN: 'xoxb-1111111111-2222222222-partialtoken', PORT: '0', LOG_LEVEL: 'silent' }, { host: '127.0.0.1', logDestination: logs });
    await expect(start).rejects.toBeInstanceOf(ConfigError);
    await expect(start).rejects.toThrow(/SLACK_APP_TOKEN and SLACK_SIGNING_SECRET are both unset[\s\S]*npm run playground/);
    expect(logs.lines).toHaveLength(0);
  });

  it('runs locally when asked (npm run playground), whatever the Slack variables say', async () => {
    const local = await startLocal({ SLACK_BOT_TOKEN: 'xoxb-1111111111-2222222222-ignoredtoken', SLACK_SIGNING_SECRET: 'ignored-secret-123456' }, { local: true, watchCorpus: false });
    try {
      const line = local.logs.find((l) => l['mode'] === 'local' && typeof l['url'] === 'string');
      expect(line?.['msg']).toMatch(/^local mode \(asked for \(npm run playground\); ignoring SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET\)/);
      expect(local.logs.text()).not.toContain('ignoredtoken');
      await local.post('send', { channel: GENERAL, text: '/tesla what did Musk say' });
      await local.waitFor((s) => botMessages(s, GENERAL).find((m) => textOf(m.blocks).includes(MUSK_QUOTE)), 'the answer');
    } finally {
      await local.close();
    }
  });

  it('says so kindly when the port is taken', async () => {
    const first = await startLocal({}, { watchCorpus: false });
    try {
      await expect(startBot({ PORT: String(first.bot.port), LOG_LEVEL: 'silent', DATA_DIR: first.corpusDir }, { host: '127.0.0.1', logDestination: captureLogs() })).rejects.toThrow(
        `playground: port ${first.bot.port} is already in use (another npm start?). Stop that, or pick another port: PORT=${(first.bot.port ?? 0) + 1} npm start`,
      );
    } finally {
      await first.close();
    }
  });
});
