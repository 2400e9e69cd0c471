/** The playground's workspace answers the Web API as Slack does, where the app can tell. */
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { checkBlocks } from '../../src/playground/blockCheck.js';
import { PlaygroundClock } from '../../src/playground/clock.js';
import { BOT, BOT_DM, GENERAL, YOU } from '../../src/playground/directory.js';
import { stateValues, toWireText } from '../../src/playground/slackSide.js';
import { RESPONSE_URL_MAX_USES, Workspace } from '../../src/playground/workspace.js';
import { renderAnswer } from '../../src/slack/blocks/answer.js';
import { renderDigestModal } from '../../src/slack/blocks/digestHome.js';
import { FakeClock } from '../helpers/fakeClock.js';

const TOKEN = 'xoxb-playground-test';

function workspace(clock = new FakeClock(Date.UTC(2024, 2, 25, 8, 0))) {
  return { ws: new Workspace({ clock, logger: pino({ level: 'silent' }), botToken: TOKEN }), clock };
}

describe('the playground workspace', () => {
  it('checks the bot token like Slack', () => {
    const { ws } = workspace();
    expect(ws.call('auth.test', {}, null).body).toEqual({ ok: false, error: 'not_authed' });
    expect(ws.call('auth.test', {}, 'xoxb-other').body).toEqual({ ok: false, error: 'invalid_auth' });
    expect(ws.call('auth.test', {}, TOKEN).body).toMatchObject({ ok: true, user_id: BOT.userId, bot_id: BOT.botId });
  });

  it('posts, threads (a reply to a reply joins the parent’s thread), updates and deletes messages', () => {
    const { ws } = workspace();
    const parent = ws.postAsUser(YOU, GENERAL, 'hello', null);
    const reply = ws.call('chat.postMessage', { channel: GENERAL, text: 'hi', thread_ts: parent.ts }, TOKEN).body;
    const nested = ws.call('chat.postMessage', { channel: GENERAL, text: 'again', thread_ts: reply['ts'] }, TOKEN).body;
    expect(ws.message(GENERAL, String(nested['ts']))?.threadTs).toBe(parent.ts);
    expect(ws.message(GENERAL, parent.ts)).toMatchObject({ replyCount: 2, latestReply: nested['ts'] });
    expect(ws.call('chat.update', { channel: GENERAL, ts: parent.ts, text: 'x' }, TOKEN).body).toEqual({ ok: false, error: 'cant_update_message' });
    expect(ws.call('chat.update', { channel: GENERAL, ts: reply['ts'], text: 'edited' }, TOKEN).body).toMatchObject({ ok: true });
    expect(ws.message(GENERAL, String(reply['ts']))).toMatchObject({ text: 'edited', edited: true });
    expect(ws.call('chat.delete', { channel: GENERAL, ts: reply['ts'] }, TOKEN).body).toMatchObject({ ok: true });
    expect(ws.call('chat.postMessage', { channel: 'C404', text: 'x' }, TOKEN).body).toEqual({ ok: false, error: 'channel_not_found' });
    expect(ws.call('chat.postMessage', { channel: GENERAL }, TOKEN).body).toEqual({ ok: false, error: 'no_text' });
    // A user id stands for the DM with them.
    expect(ws.call('chat.postMessage', { channel: YOU, text: 'psst' }, TOKEN).body).toMatchObject({ ok: true, channel: BOT_DM });
  });

  it('refuses Block Kit that Slack would refuse, with Slack’s error and pointers', () => {
    const { ws } = workspace();
    const tooMany = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    expect(ws.call('chat.postMessage', { channel: GENERAL, text: 'x', blocks: tooMany }, TOKEN).body).toMatchObject({
      ok: false,
      error: 'invalid_blocks',
      errors: ['no more than 50 items allowed [json-pointer:/blocks]'],
    });
    const long = [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }];
    expect(checkBlocks(long, 'message')).toEqual(['must be less than 3001 characters [json-pointer:/blocks/0/text/text]']);
    const buttons = [{ type: 'actions', elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'x'.repeat(76) }, value: 'v' }, { type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'ok' } }] }];
    expect(checkBlocks(buttons, 'message')).toEqual([
      'must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]',
      'duplicate action_id "a" [json-pointer:/blocks/0/elements/1/action_id]',
    ]);
    expect(checkBlocks([{ type: 'carousel' }], 'message')).toEqual(['unsupported type "carousel" [json-pointer:/blocks/0/type]']);
  });

  it('accepts everything this app renders', () => {
    const answer = renderAnswer(
      {
        answer: {
          question: 'what did Musk say',
          intent: 'quotes',
          speaker: 'Elon Musk',
          answered: true,
          message: null,
          more: 3,
          excerpts: [
            {
              text: '“We will get shut down.”',
              speaker: 'Elon Musk',
              score: 1,
              source: { docId: 'd', path: 'seeds/d.txt', title: 'A <b>title</b>', outlet: null, published: null, url: null, label: { text: 'A <b>title</b>', kind: 'headline', cut: false }, start: 0, end: 24 },
              alsoIn: [],
            },
          ],
        },
        offset: 0,
      },
      { surface: 'ephemeral' },
    );
    expect(checkBlocks(answer.blocks, 'message')).toEqual([]);
    const modal = renderDigestModal({ channelId: null, settings: { time: '09:00', timeZone: 'UTC', topic: null, postWhenEmpty: false } });
    expect(checkBlocks(modal.blocks, 'modal')).toEqual([]);
  });

  it('gives blocks without an id one, as Slack does, and keeps the app’s own ids', () => {
    const { ws } = workspace();
    const body = ws.call('chat.postMessage', { channel: GENERAL, text: 'x', blocks: [{ type: 'divider' }, { type: 'divider', block_id: 'mine' }] }, TOKEN).body;
    const stored = ws.message(GENERAL, String(body['ts']))!;
    expect((stored.blocks as Array<{ block_id: string }>)[0]!.block_id).toMatch(/^[\w-]{4}$/);
    expect((stored.blocks as Array<{ block_id: string }>)[1]!.block_id).toBe('mine');
  });

  it('handles response_urls like Slack: ephemeral by default, in_channel, replace, delete, five uses', () => {
    const { ws } = workspace();
    const id = ws.newResponseUrl({ user: YOU, channel: GENERAL, threadTs: null, source: null });
    expect(ws.respond(id, { text: 'private' }).status).toBe(200);
    const [privateMessage] = ws.messagesFor(YOU, GENERAL);
    expect(privateMessage).toMatchObject({ text: 'private', ephemeralTo: YOU, botId: BOT.botId });
    expect(ws.messagesFor('U0SOMEONE', GENERAL)).toEqual([]);
    const fromButton = ws.newResponseUrl({ user: YOU, channel: GENERAL, threadTs: null, source: { ts: privateMessage!.ts, ephemeral: true } });
    ws.respond(fromButton, { text: 'replaced', replace_original: true });
    expect(ws.message(GENERAL, privateMessage!.ts)?.text).toBe('replaced');
    ws.respond(fromButton, { text: 'public', response_type: 'in_channel' });
    expect(ws.messagesFor('U0SOMEONE', GENERAL).map((m) => m.text)).toEqual(['public']);
    ws.respond(fromButton, { delete_original: true });
    expect(ws.message(GENERAL, privateMessage!.ts)).toBeUndefined();
    for (let i = 3; i < RESPONSE_URL_MAX_USES; i += 1) expect(ws.respond(fromButton, { text: 'again' }).status).toBe(200);
    expect(ws.respond(fromButton, { text: 'one too many' })).toEqual({ status: 404, body: { ok: false, error: 'expired_url' } });
    expect(ws.respond('nope', { text: 'x' }).status).toBe(404);
  });

  it('opens a modal only with a fresh trigger id', () => {
    const { ws, clock } = workspace();
    const view = renderDigestModal({ channelId: GENERAL, settings: { time: '09:00', timeZone: 'UTC', topic: null, postWhenEmpty: false } });
    expect(ws.call('views.open', { trigger_id: 'made-up', view }, TOKEN).body).toEqual({ ok: false, error: 'invalid_trigger_id' });
    const stale = ws.newTrigger(YOU);
    clock.advance(3_001);
    expect(ws.call('views.open', { trigger_id: stale, view }, TOKEN).body).toEqual({ ok: false, error: 'expired_trigger_id' });
    const opened = ws.call('views.open', { trigger_id: ws.newTrigger(YOU), view }, TOKEN).body;
    expect(opened).toMatchObject({ ok: true, view: { type: 'modal', callback_id: 'digest_settings' } });
    expect(ws.modalStack(YOU)).toHaveLength(1);
    const titled = { ...view, title: { type: 'plain_text', text: 'A title longer than twenty-four' } };
    expect(ws.call('views.open', { trigger_id: ws.newTrigger(YOU), view: titled }, TOKEN).body).toMatchObject({ ok: false, error: 'invalid_arguments' });
  });

  it('types what a person enters into view.state.values, and requires required inputs', () => {
    const view = renderDigestModal({ channelId: null, settings: { time: '09:00', timeZone: 'UTC', topic: null, postWhenEmpty: false } });
    expect(stateValues(view.blocks, { digest_time: '09:00', digest_time_zone: 'UTC' })).toEqual({ errors: { digest_channel: 'Please complete this required field.' } });
    const filled = stateValues(view.blocks, { digest_channel: GENERAL, digest_time: '07:30', digest_time_zone: 'UTC', digest_topic: 'battery', digest_options: ['post_when_empty'] });
    expect(filled).toEqual({
      values: {
        digest_channel: { value: { type: 'conversations_select', selected_conversation: GENERAL } },
        digest_time: { value: { type: 'timepicker', selected_time: '07:30' } },
        digest_time_zone: { value: { type: 'plain_text_input', value: 'UTC' } },
        digest_topic: { value: { type: 'plain_text_input', value: 'battery' } },
        digest_options: { value: { type: 'checkboxes', selected_options: [expect.objectContaining({ value: 'post_when_empty' })] } },
      },
    });
  });

  it('writes what a person types in Slack’s wire format', () => {
    const { ws } = workspace();
    expect(toWireText('@tesla is <b> & @here in #general?', ws)).toBe(`<@${BOT.userId}> is &lt;b&gt; &amp; <!here> in <#${GENERAL}|general>?`);
    expect(toWireText('mail me@tesla.com', ws)).toBe('mail me@tesla.com');
  });
});

describe('the playground clock', () => {
  it('skips ahead (never back) and fires the timers that come due, in order', async () => {
    const base = new FakeClock(1_000_000);
    const clock = new PlaygroundClock(base);
    const fired: string[] = [];
    clock.setTimer(60_000, () => fired.push('a minute'));
    clock.setTimer(10_000, () => fired.push('ten seconds'));
    const cancelled = clock.setTimer(5_000, () => fired.push('cancelled'));
    cancelled.cancel();
    clock.setTimer(3_600_000, () => fired.push('an hour'));
    expect(clock.skipTo(1_000_000 + 120_000)).toBe(120_000);
    expect(fired).toEqual(['ten seconds', 'a minute']);
    expect(clock.now()).toBe(1_120_000);
    expect(clock.offsetMs).toBe(120_000);
    expect(clock.skipTo(0)).toBe(0);
    // Real time passing still fires the rest, once.
    await base.advance(3_600_000);
    expect(fired).toEqual(['ten seconds', 'a minute', 'an hour']);
  });
});
