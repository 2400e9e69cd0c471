/**
 * End to end: the real bot (config → logger → corpus → engine → Bolt app in HTTP mode) on a free
 * port of 127.0.0.1, driven with correctly signed Slack requests, talking to a fake Web API.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS, decodePageState } from '../../src/slack/blocks/actions.js';
import type { KnownBlock } from '../../src/slack/blocks/kit.js';
import { startHarness, TEST_BOT_TOKEN, TEST_SIGNING_SECRET, type BotHarness } from '../helpers/botHarness.js';
import { FAKE_BOT, type RecordedCall } from '../helpers/fakeSlack.js';
import {
  appHomeOpened,
  appMention,
  blockActions,
  directMessage,
  eventEnvelope,
  nextTs,
  slashCommand,
} from '../helpers/slackRequests.js';
import { mrkdwnOf, quotesOf, textOf } from '../helpers/blocksText.js';


function buttonValue(blocks: unknown, actionId: string): string {
  const button = buttonsOf(blocks, actionId)[0];
  if (button?.value === undefined) throw new Error(`no ${actionId} button`);
  return button.value;
}

function buttonsOf(blocks: unknown, actionId: string): Array<{ value: string; text: { text: string }; style?: string }> {
  return (blocks as Array<{ type: string; elements?: Array<{ action_id?: string }> }>)
    .filter((block) => block.type === 'actions')
    .flatMap((block) => block.elements ?? [])
    .filter((element) => element.action_id === actionId) as Array<{ value: string; text: { text: string }; style?: string }>;
}

/** No raw document id, no character range: what a reader sees names sources by their labels. */
function expectReadable(blocks: unknown): void {
  const text = textOf(blocks);
  expect(text).not.toMatch(/00\d_[0-9a-f]{16}/);
  expect(text).not.toMatch(/chars \d+/);
}

describe('the Slack app over the seed corpus, in HTTP mode', () => {
  let harness: BotHarness;

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    await harness.close();
  });

  const postsAfter = (count: number, channel?: string) =>
    harness.fake.waitFor(
      () => {
        const posts = harness.fake.callsTo('chat.postMessage').filter((call) => channel === undefined || call.args['channel'] === channel);
        return posts.length >= count ? posts : undefined;
      },
      `${count} posts`,
    );

  it('verifies the bot token with auth.test at start and serves /healthz once the index is ready', async () => {
    expect(harness.fake.callsTo('auth.test')[0]?.token).toBe(TEST_BOT_TOKEN);
    const response = await fetch(`${harness.url}/healthz`);
    expect(response.status).toBe(200);
    const status = (await response.json()) as Record<string, unknown>;
    expect(status).toMatchObject({ status: 'ok', documents: 5 });
    expect(status['passages']).toBeGreaterThan(0);
  });

  it('answers /tesla privately through the response_url, acking at once', async () => {
    const responseUrl = harness.fake.responseUrl();
    const response = await harness.send(slashCommand({ text: 'what did Musk say', response_url: responseUrl.url }));
    expect(response.status).toBe(200);
    const [reply] = await harness.fake.waitFor(() => harness.fake.responsesTo(responseUrl.id).at(0) && harness.fake.responsesTo(responseUrl.id), 'the answer');
    const body = reply!.body;
    expect(body['response_type']).toBe('ephemeral');
    expect(body['unfurl_links']).toBe(false);
    expect(body['unfurl_media']).toBe(false);
    const text = textOf(body['blocks']);
    expect(text).toContain('Q: what did Musk say');
    expect(text).toContain('If Tesla used cars to spy in China or anywhere, we will get shut down.');
    expect(text).toContain('— Elon Musk');
    expect(text).toContain('Tesla Says Its In-Vehicle Cameras Aren’t Activated in China');
    expectReadable(body['blocks']);
    expect(buttonValue(body['blocks'], ACTION_IDS.share)).toBeTruthy();
    expect(buttonValue(body['blocks'], ACTION_IDS.more)).toBeTruthy();
    expect(harness.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('explains usage for /tesla help and an empty /tesla, and lists the corpus for /tesla sources', async () => {
    for (const text of ['help', '']) {
      const responseUrl = harness.fake.responseUrl();
      await harness.send(slashCommand({ text, response_url: responseUrl.url }));
      const reply = await harness.fake.waitFor(() => harness.fake.responsesTo(responseUrl.id)[0], 'usage');
      expect(textOf(reply.body['blocks'])).toContain('/tesla what did Musk say');
    }
    const responseUrl = harness.fake.responseUrl();
    await harness.send(slashCommand({ text: 'sources', response_url: responseUrl.url }));
    const reply = await harness.fake.waitFor(() => harness.fake.responsesTo(responseUrl.id)[0], 'sources');
    const text = textOf(reply.body['blocks']);
    expect(text).toContain('5 documents · ');
    expect(text).toContain('Tesla Says Its In-Vehicle Cameras Aren’t Activated in China');
    expect(text).toContain('News ru');
  });

  it('Share in channel posts the same answer publicly, "asked by" the user, and removes the private copy', async () => {
    const ask = harness.fake.responseUrl();
    await harness.send(slashCommand({ text: 'what did Musk say', user_id: 'USHARER1', response_url: ask.url }));
    const answer = await harness.fake.waitFor(() => harness.fake.responsesTo(ask.id)[0], 'the answer');

    const click = harness.fake.responseUrl();
    const response = await harness.send(
      blockActions({
        action_id: ACTION_IDS.share,
        value: buttonValue(answer.body['blocks'], ACTION_IDS.share),
        response_url: click.url,
        user: 'USHARER1',
        is_ephemeral: true,
      }),
    );
    expect(response.status).toBe(200);
    const [shared, removed] = await harness.fake.waitFor(() => {
      const replies = harness.fake.responsesTo(click.id);
      return replies.length >= 2 ? replies : undefined;
    }, 'share and delete');
    expect(shared!.body['response_type']).toBe('in_channel');
    expect(shared!.body['replace_original']).toBe(false);
    const sharedText = textOf(shared!.body['blocks']);
    expect(sharedText).toContain('asked by @USHARER1');
    expectReadable(shared!.body['blocks']);
    expect(quotesOf(shared!.body['blocks'])).toEqual(quotesOf(answer.body['blocks']));
    expect(removed!.body['delete_original']).toBe(true);
  });

  it('More replaces a private answer with the next excerpts', async () => {
    const ask = harness.fake.responseUrl();
    await harness.send(slashCommand({ text: 'what did Musk say', user_id: 'UMORE001', response_url: ask.url }));
    const first = await harness.fake.waitFor(() => harness.fake.responsesTo(ask.id)[0], 'the answer');

    const click = harness.fake.responseUrl();
    await harness.send(
      blockActions({ action_id: ACTION_IDS.more, value: buttonValue(first.body['blocks'], ACTION_IDS.more), response_url: click.url, user: 'UMORE001', is_ephemeral: true }),
    );
    const next = await harness.fake.waitFor(() => harness.fake.responsesTo(click.id)[0], 'the next page');
    expect(next.body['replace_original']).toBe(true);
    const nextQuotes = quotesOf(next.body['blocks']);
    expect(nextQuotes.length).toBeGreaterThan(0);
    for (const quote of nextQuotes) expect(quotesOf(first.body['blocks'])).not.toContain(quote);
    expect(textOf(next.body['blocks'])).toMatch(/excerpts? 6/);
  });

  it('More, then Share, shares every page the user has seen, "asked by" them', async () => {
    const ask = harness.fake.responseUrl();
    await harness.send(slashCommand({ text: 'what did Musk say', user_id: 'USHARE02', response_url: ask.url }));
    const first = await harness.fake.waitFor(() => harness.fake.responsesTo(ask.id)[0], 'the answer');
    const more = harness.fake.responseUrl();
    await harness.send(blockActions({ action_id: ACTION_IDS.more, value: buttonValue(first.body['blocks'], ACTION_IDS.more), response_url: more.url, user: 'USHARE02', is_ephemeral: true }));
    const second = await harness.fake.waitFor(() => harness.fake.responsesTo(more.id)[0], 'the next page');
    expect(buttonsOf(second.body['blocks'], ACTION_IDS.share)[0]?.text.text).toBe('Share all pages in channel');

    const click = harness.fake.responseUrl();
    await harness.send(blockActions({ action_id: ACTION_IDS.share, value: buttonValue(second.body['blocks'], ACTION_IDS.share), response_url: click.url, user: 'USHARE02', is_ephemeral: true }));
    const [shared] = await harness.fake.waitFor(() => (harness.fake.responsesTo(click.id).length >= 2 ? harness.fake.responsesTo(click.id) : undefined), 'share');
    expect(shared!.body['response_type']).toBe('in_channel');
    expect(quotesOf(shared!.body['blocks'])).toEqual([...quotesOf(first.body['blocks']), ...quotesOf(second.body['blocks'])]);
    expect(textOf(shared!.body['blocks'])).toContain('asked by @USHARE02');
  });

  it('one vote per user per answer: the answer shows the vote, the same button withdraws it, the other changes it', async () => {
    const user = 'UFEED001';
    const ask = harness.fake.responseUrl();
    await harness.send(slashCommand({ text: 'where is the data stored?', user_id: user, response_url: ask.url }));
    const answer = await harness.fake.waitFor(() => harness.fake.responsesTo(ask.id)[0], 'the answer');
    const votesOf = async () => (await harness.bot.state.feedback.recent(100)).filter((vote) => vote.userId === user);

    const click = async (actionId: string) => {
      const responseUrl = harness.fake.responseUrl();
      await harness.send(blockActions({ action_id: actionId, value: buttonValue(answer.body['blocks'], actionId), response_url: responseUrl.url, user, is_ephemeral: true }));
      return harness.fake.waitFor(() => harness.fake.responsesTo(responseUrl.id)[0], 'the answer with the vote');
    };

    // 👍: the private answer is replaced by itself with the vote marked, and a thank-you line.
    const up = await click(ACTION_IDS.feedbackUp);
    expect(up.body['replace_original']).toBe(true);
    expect(quotesOf(up.body['blocks'])).toEqual(quotesOf(answer.body['blocks']));
    expect(buttonsOf(up.body['blocks'], ACTION_IDS.feedbackUp)[0]).toMatchObject({ text: { text: '👍 Your vote' }, style: 'primary' });
    expect(buttonsOf(up.body['blocks'], ACTION_IDS.feedbackDown)[0]?.style).toBeUndefined();
    expect(textOf(up.body['blocks'])).toContain('Your vote: 👍. Thanks, glad it helped.');
    expect(await votesOf()).toEqual([expect.objectContaining({ vote: 'up', question: 'where is the data stored?' })]);

    // 👍 again: one vote, not two; it is withdrawn, and the thanks is not repeated.
    const again = await click(ACTION_IDS.feedbackUp);
    expect(await votesOf()).toEqual([]);
    expect(textOf(again.body['blocks'])).toContain('You withdrew your 👍 vote');
    expect(textOf(again.body['blocks'])).not.toContain('Thanks');
    expect(buttonsOf(again.body['blocks'], ACTION_IDS.feedbackUp)[0]).toMatchObject({ text: { text: '👍' } });

    // 👍 then 👎: still one vote, changed.
    await click(ACTION_IDS.feedbackUp);
    const down = await click(ACTION_IDS.feedbackDown);
    expect(await votesOf()).toEqual([expect.objectContaining({ vote: 'down' })]);
    expect(buttonsOf(down.body['blocks'], ACTION_IDS.feedbackDown)[0]).toMatchObject({ text: { text: '👎 Your vote' }, style: 'primary' });
    expect(textOf(down.body['blocks'])).toContain('Your vote: 👎 (changed)');
    const logged = harness.logs.find((line) => (line['feedback'] as { userId?: string } | undefined)?.userId === user);
    expect(logged?.['feedback']).toMatchObject({ question: 'where is the data stored?' });
  });

  it('two 👍 clicks on a shared answer store one vote, and the voter is told privately', async () => {
    const channel = 'CVOTES001';
    await harness.send(eventEnvelope(appMention({ text: 'what did Musk say', channel })));
    const [post] = await postsAfter(1, channel);
    const value = buttonValue(post!.args['blocks'], ACTION_IDS.feedbackUp);
    const notes: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      const responseUrl = harness.fake.responseUrl();
      await harness.send(blockActions({ action_id: ACTION_IDS.feedbackUp, value, response_url: responseUrl.url, user: 'UVOTER01', channel }));
      const reply = await harness.fake.waitFor(() => harness.fake.responsesTo(responseUrl.id)[0], 'the vote note');
      expect(reply.body['replace_original']).toBe(false);
      notes.push(textOf(reply.body['blocks']));
      const votes = (await harness.bot.state.feedback.recent(100)).filter((vote) => vote.userId === 'UVOTER01');
      expect(votes.length).toBe(i === 0 ? 1 : 0);
    }
    expect(notes.filter((note) => note.includes('Thanks'))).toHaveLength(1);
  });

  it('"Show in context" opens a modal with the paragraphs around the excerpt, where it stands, and the source', async () => {
    const ask = harness.fake.responseUrl();
    await harness.send(slashCommand({ text: 'what did Musk say', user_id: 'UCONTEXT', response_url: ask.url }));
    const answer = await harness.fake.waitFor(() => harness.fake.responsesTo(ask.id)[0], 'the answer');
    const buttons = buttonsOf(answer.body['blocks'], ACTION_IDS.showContext);
    expect(buttons).toHaveLength(quotesOf(answer.body['blocks']).length);
    const quote = quotesOf(answer.body['blocks'])[0]!;

    const before = harness.fake.callsTo('views.open').length;
    await harness.send(blockActions({ action_id: ACTION_IDS.showContext, value: buttons[0]!.value, response_url: harness.fake.responseUrl().url, user: 'UCONTEXT', is_ephemeral: true }));
    const open = await harness.fake.waitFor(() => harness.fake.callsTo('views.open')[before], 'views.open');
    expect(open.args['trigger_id']).toBe('123.456.def');
    const view = open.args['view'] as { type: string; title: { text: string }; blocks: Array<{ block_id?: string }> };
    expect(view.type).toBe('modal');
    const text = textOf(view.blocks);
    expect(text).toMatch(/Paragraph \d+ of \d+/);
    expectReadable(view.blocks);
    const ids = view.blocks.map((block) => block.block_id);
    expect(ids).toContain('context_excerpt');
    expect(ids.includes('context_before') || text.includes('(the start of the article)')).toBe(true);
    expect(ids.includes('context_after') || text.includes('(the end of the article)')).toBe(true);
    // The excerpt, in bold, inside its paragraph.
    const excerptBlock = JSON.stringify(view.blocks.find((block) => block.block_id === 'context_excerpt'));
    const bold = JSON.parse(excerptBlock).elements[0].elements.find((e: { style?: { bold?: boolean } }) => e.style?.bold === true);
    expect(bold.text).toBe(quote);
    // The paragraphs shown are the source file's own text, character for character.
    const seeds = readdirSync('seeds').map((name) => readFileSync(join('seeds', name), 'utf8'));
    for (const id of ['context_before', 'context_excerpt', 'context_after']) {
      const block = view.blocks.find((b) => b.block_id === id);
      if (block !== undefined) expect(seeds.some((seed) => seed.includes(textOf([block]).replace(/^…|…$/g, '')))).toBe(true);
    }
  });

  it('lists sources and the App Home by labels a reader recognises, never by raw ids', async () => {
    const responseUrl = harness.fake.responseUrl();
    await harness.send(slashCommand({ text: 'sources', response_url: responseUrl.url }));
    const reply = await harness.fake.waitFor(() => harness.fake.responsesTo(responseUrl.id)[0], 'sources');
    expectReadable(reply.body['blocks']);
    const json = JSON.stringify(reply.body['blocks']);
    expect(json).toContain('{"type":"text","text":"China is restricting the use of Tesla’s electric cars by military personnel and…","style":{"italic":true}}');
    expect(textOf(reply.body['blocks'])).toContain('Tesla Says Its In-Vehicle Cameras Aren’t Activated in China — ');

    await harness.send(eventEnvelope(appHomeOpened({ user: 'UHOME002', channel: 'DHOME002' })));
    const publish = await harness.fake.waitFor(() => harness.fake.callsTo('views.publish').find((call) => call.args['user_id'] === 'UHOME002'), 'views.publish');
    expectReadable((publish.args['view'] as { blocks: unknown }).blocks);
  });

  it('answers a mention in its thread, and follow-ups in the thread refine the last question', async () => {
    const channel = 'CTHREAD01';
    const threadTs = nextTs();
    await harness.send(eventEnvelope(appMention({ text: 'what did Musk say', channel, thread_ts: threadTs })));
    const [first] = await postsAfter(1, channel);
    expect(first!.args['thread_ts']).toBe(threadTs);
    expect(String(first!.args['unfurl_links'])).toBe('false');
    const firstQuotes = quotesOf(first!.args['blocks']);
    expect(firstQuotes).toHaveLength(5);

    // "more": the next excerpts of the same question, in the same thread.
    await harness.send(eventEnvelope(appMention({ text: 'more', channel, thread_ts: threadTs })));
    const second = (await postsAfter(2, channel))[1]!;
    expect(second.args['thread_ts']).toBe(threadTs);
    const secondQuotes = quotesOf(second.args['blocks']);
    expect(secondQuotes.length).toBeGreaterThan(0);
    for (const quote of secondQuotes) expect(firstQuotes).not.toContain(quote);

    // "since May": the last question with a parsed date filter (the corpus is from 2021).
    await harness.send(eventEnvelope(appMention({ text: 'since May', channel, thread_ts: threadTs })));
    const third = (await postsAfter(3, channel))[2]!;
    expect(textOf(third.args['blocks'])).toContain('Q: what did Musk say since:2021-05-01');

    // "only <outlet>": the outlet filter replaces nothing else.
    await harness.send(eventEnvelope(appMention({ text: 'only news ru', channel, thread_ts: threadTs })));
    const fourth = (await postsAfter(4, channel))[3]!;
    expect(textOf(fourth.args['blocks'])).toContain('Q: what did Musk say since:2021-05-01 source:"News ru"');

    // A bad date gets a clear message, and the thread keeps its question.
    await harness.send(eventEnvelope(appMention({ text: 'since the flood', channel, thread_ts: threadTs })));
    const fifth = (await postsAfter(5, channel))[4]!;
    expect(textOf(fifth.args['blocks'])).toContain('couldn\'t read “the flood” as a date');

    // An unknown outlet says which ones exist.
    await harness.send(eventEnvelope(appMention({ text: 'only Reuters', channel, thread_ts: threadTs })));
    const sixth = (await postsAfter(6, channel))[5]!;
    expect(textOf(sixth.args['blocks'])).toMatch(/Outlets I know: News ru, TRT World/);
  });

  it('"what else did he say" asks for the last speaker and skips what the thread has shown', async () => {
    const channel = 'CTHREAD02';
    const mentionTs = nextTs();
    await harness.send(eventEnvelope(appMention({ text: 'what did Musk say', channel, ts: mentionTs })));
    const [first] = await postsAfter(1, channel);
    // A mention outside a thread starts one under the mention.
    expect(first!.args['thread_ts']).toBe(mentionTs);

    await harness.send(eventEnvelope(appMention({ text: 'what else did he say?', channel, thread_ts: mentionTs })));
    const second = (await postsAfter(2, channel))[1]!;
    expect(textOf(second.args['blocks'])).toContain('Q: what did Elon Musk say');
    const secondQuotes = quotesOf(second.args['blocks']);
    expect(secondQuotes.length).toBeGreaterThan(0);
    for (const quote of secondQuotes) expect(quotesOf(first!.args['blocks'])).not.toContain(quote);
  });

  it('More on a thread answer continues in the thread', async () => {
    const channel = 'CTHREAD03';
    const threadTs = nextTs();
    await harness.send(eventEnvelope(appMention({ text: 'what did Tesla say', channel, thread_ts: threadTs, user: 'UTHREAD3' })));
    const [first] = await postsAfter(1, channel);
    const value = buttonValue(first!.args['blocks'], ACTION_IDS.more);
    expect(decodePageState(value)).toMatchObject({ surface: 'conversation', threadTs });

    const click = harness.fake.responseUrl();
    await harness.send(blockActions({ action_id: ACTION_IDS.more, value, response_url: click.url, channel, user: 'UTHREAD3', thread_ts: threadTs }));
    const second = (await postsAfter(2, channel))[1]!;
    expect(second.args['thread_ts']).toBe(threadTs);
    for (const quote of quotesOf(second.args['blocks'])) expect(quotesOf(first!.args['blocks'])).not.toContain(quote);
  });

  it('answers DMs in the DM, and ignores edits, deletions, bots and its own messages', async () => {
    const channel = 'DDIRECT02';
    await harness.send(eventEnvelope(directMessage({ text: 'where is the data stored?', channel })));
    const [reply] = await postsAfter(1, channel);
    expect(reply!.args['thread_ts']).toBeUndefined();
    expect(textOf(reply!.args['blocks'])).toContain('Q: where is the data stored?');

    const ignored = [
      directMessage({ text: 'edited', channel, subtype: 'message_changed', message: { text: 'what did Musk say' } }),
      directMessage({ text: '', channel, subtype: 'message_deleted' }),
      directMessage({ text: 'I am another bot', channel, user: 'UOTHERBOT', bot_id: 'BOTHER01' }),
      directMessage({ text: 'I am another bot', channel, subtype: 'bot_message', bot_id: 'BOTHER01' }),
      directMessage({ text: 'my own answer', channel, user: FAKE_BOT.userId, bot_id: FAKE_BOT.botId }),
      directMessage({ text: 'a channel message', channel: 'CGENERAL1', channel_type: 'channel' }),
    ];
    for (const event of ignored) {
      const response = await harness.send(eventEnvelope(event));
      expect(response.status).toBe(200);
    }
    await harness.fake.settle(300);
    expect(harness.fake.callsTo('chat.postMessage').filter((call) => call.args['channel'] === channel)).toHaveLength(1);
  });

  it('replies once to a retried event, a redelivered event_id, and the message + app_mention pair of one mention', async () => {
    const channel = 'DDIRECT03';
    const ts = nextTs();
    const dm = eventEnvelope(directMessage({ text: `<@${FAKE_BOT.userId}> what did Musk say`, channel, ts }));
    await harness.send(dm);
    await harness.send(dm, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    await harness.send(dm, { headers: { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_error' } });
    // The same message, delivered again as an app_mention (another event_id, same team/channel/ts).
    await harness.send(eventEnvelope(appMention({ text: 'what did Musk say', channel, ts })));
    await postsAfter(1, channel);
    await harness.fake.settle(400);
    expect(harness.fake.callsTo('chat.postMessage').filter((call) => call.args['channel'] === channel)).toHaveLength(1);
    expect(harness.logs.find((line) => line['msg'] === 'dropped a repeated delivery')).toBeDefined();
  });

  it('publishes the App Home when it is opened, with example questions answered in the DM', async () => {
    await harness.send(eventEnvelope(appHomeOpened({ user: 'UHOME001', channel: 'DHOME001' })));
    const publish = await harness.fake.waitFor(
      () => harness.fake.callsTo('views.publish').find((call) => call.args['user_id'] === 'UHOME001'),
      'views.publish',
    );
    const view = publish.args['view'] as { type: string; blocks: KnownBlock[]; private_metadata: string };
    expect(view.type).toBe('home');
    const text = textOf(view.blocks);
    expect(text).toContain('5 documents · ');
    expect(text).toContain('2021-05-26');
    expect(text).toMatch(/Last indexed \d{4}-\d{2}-\d{2}/);
    expect(text).toContain('what did Musk say');

    const example = (view.blocks.find((block) => block.block_id === 'home_examples') as { elements: Array<{ action_id: string; value: string }> }).elements[0]!;
    await harness.send(
      blockActions({ action_id: example.action_id, value: example.value, response_url: harness.fake.responseUrl().url, user: 'UHOME001', view: { id: 'VHOME', type: 'home', private_metadata: view.private_metadata } }),
    );
    const [answer] = await postsAfter(1, 'DHOME001');
    expect(textOf(answer!.args['blocks'])).toContain(`Q: ${example.value}`);
  });

  it('rejects a bad signature and a stale timestamp with 401, without answering', async () => {
    const before = harness.fake.calls.length;
    const request = eventEnvelope(appMention({ text: 'what did Musk say', channel: 'CSIGNED01' }));
    const forged = await harness.send(request, { signature: 'v0=0000000000000000000000000000000000000000000000000000000000000000' });
    expect(forged.status).toBe(401);
    const stale = await harness.send(request, { timestampSeconds: Math.floor(Date.now() / 1000) - 10 * 60 });
    expect(stale.status).toBe(401);
    const wrongSecret = await fetch(`${harness.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: request.body });
    expect(wrongSecret.status).toBe(401);
    await harness.fake.settle(200);
    expect(harness.fake.calls.length).toBe(before);
  });

  it('answers Slack\'s URL verification challenge for the Request URL', async () => {
    const response = await harness.send({ body: JSON.stringify({ type: 'url_verification', token: 'legacy', challenge: 'challenge-123' }), contentType: 'application/json' });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('challenge-123');
  });

  it('rate-limits a user kindly, per user', async () => {
    const user = 'URATELIM';
    const replies: Array<{ id: string }> = [];
    for (let i = 0; i < 11; i += 1) {
      const responseUrl = harness.fake.responseUrl();
      replies.push(responseUrl);
      await harness.send(slashCommand({ text: `what did Musk say ${i}`, user_id: user, response_url: responseUrl.url }));
    }
    const last = await harness.fake.waitFor(() => harness.fake.responsesTo(replies[10]!.id)[0], 'the 11th reply');
    expect(textOf(last.body['blocks'])).toMatch(/asking faster than I can keep up with.*wait \d+ seconds?/);
    const tenth = await harness.fake.waitFor(() => harness.fake.responsesTo(replies[9]!.id)[0], 'the 10th reply');
    expect(textOf(tenth.body['blocks'])).toContain('Q: ');

    // Another user is not affected.
    const other = harness.fake.responseUrl();
    await harness.send(slashCommand({ text: 'what did Musk say', user_id: 'UOTHER01', response_url: other.url }));
    const otherReply = await harness.fake.waitFor(() => harness.fake.responsesTo(other.id)[0], 'another user');
    expect(textOf(otherReply.body['blocks'])).toContain('Q: ');
  });

  it('survives Slack API errors: logs them with context and keeps answering', async () => {
    harness.fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    await harness.send(eventEnvelope(appMention({ text: 'what did Musk say', channel: 'CGONE0001', user: 'UERRORS1' })));
    const logged = await harness.fake.waitFor(() => harness.logs.find((line) => line['slackError'] === 'channel_not_found'), 'the logged error');
    expect(logged).toMatchObject({ slackCall: 'chat.postMessage', channel: 'CGONE0001' });
    expect(logged['requestId']).toEqual(expect.any(String));

    harness.fake.failNext('chat.postMessage', { error: 'not_in_channel' });
    await harness.send(eventEnvelope(appMention({ text: 'what did Musk say', channel: 'COUTSIDE1', user: 'UERRORS1' })));
    await harness.fake.waitFor(() => harness.logs.find((line) => line['slackError'] === 'not_in_channel' && line['channel'] === 'COUTSIDE1'), 'the logged error');

    // Rate limited by Slack (HTTP 429): the client waits as told and retries once.
    harness.fake.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 0 });
    await harness.send(eventEnvelope(appMention({ text: 'what did Musk say', channel: 'CBUSY0001', user: 'UERRORS1' })));
    await postsAfter(1, 'CBUSY0001');

    // Still up, still answering.
    expect((await fetch(`${harness.url}/healthz`)).status).toBe(200);
    await harness.send(eventEnvelope(appMention({ text: 'what did Musk say', channel: 'CFINE0001', user: 'UERRORS1' })));
    await postsAfter(1, 'CFINE0001');
  });

  it('never logs a secret', () => {
    const text = harness.logs.text();
    expect(text.length).toBeGreaterThan(0);
    expect(text).not.toContain(TEST_BOT_TOKEN);
    expect(text).not.toContain(TEST_SIGNING_SECRET);
  });
});

describe('the Slack app over a hostile corpus', () => {
  let harness: BotHarness;
  let corpusDir: string;

  beforeAll(async () => {
    corpusDir = mkdtempSync(join(tmpdir(), 'tesla-hostile-'));
    writeFileSync(
      join(corpusDir, 'hostile.txt'),
      'Zeppelin owners alarmed\n\n' +
        'Zeppelin owners were told to ask <@U123ADMIN> about the zeppelin recall notice.\n\n' +
        'The zeppelin refund page is <https://evil.example|click here> & more for zeppelin owners.\n\n' +
        'The zeppelin recall notice went to <!channel> and <!here> readers.\n\n' +
        'The *very* old ferry rule says `rm -rf /` is _not_ ~allowed~.\n',
    );
    harness = await startHarness({ CORPUS_DIR: corpusDir });
  });

  afterAll(async () => {
    await harness.close();
    rmSync(corpusDir, { recursive: true, force: true });
  });

  /** Where Slack parses text (mrkdwn, the notification text), nothing can ping, mention or link. */
  const assertInert = (text: string) => {
    expect(text).not.toMatch(/<!channel>|<!here>|<@U123ADMIN>|<https:\/\/evil/);
    // Every `<` left is one this app wrote: a user mention of a well-formed id or a link it built.
    expect(text.replace(/<@U[A-Z0-9]+>/g, '')).not.toContain('<');
  };

  it('shows corpus text literally in rich_text, where it cannot ping, mention, link or format', async () => {
    const shown: string[] = [];
    for (const question of ['zeppelin recall notice', 'zeppelin refund page', 'zeppelin owners', 'readers', 'ferry *very* rm']) {
      const responseUrl = harness.fake.responseUrl();
      await harness.send(slashCommand({ text: question, response_url: responseUrl.url }));
      const reply = await harness.fake.waitFor(() => harness.fake.responsesTo(responseUrl.id)[0], 'the answer');
      for (const mrkdwn of mrkdwnOf(reply.body['blocks'])) assertInert(mrkdwn);
      assertInert(String(reply.body['text']));
      expectReadable(reply.body['blocks']);
      shown.push(...quotesOf(reply.body['blocks']));
    }
    const all = shown.join('\n');
    // Character for character, as in the file: rich_text text elements are never parsed.
    expect(all).toContain('ask <@U123ADMIN> about');
    expect(all).toContain('<https://evil.example|click here> & more');
    expect(all).toMatch(/<!(?:channel|here)>/);
    expect(all).toContain('The *very* old ferry rule says `rm -rf /` is _not_ ~allowed~.');
  });

  it('echoes the question literally, from a slash command and from a mention', async () => {
    const responseUrl = harness.fake.responseUrl();
    await harness.send(slashCommand({ text: 'zeppelin <!channel> <@U123ADMIN> <https://evil.example|x>', response_url: responseUrl.url }));
    const reply = await harness.fake.waitFor(() => harness.fake.responsesTo(responseUrl.id)[0], 'the answer');
    for (const mrkdwn of mrkdwnOf(reply.body['blocks'])) assertInert(mrkdwn);
    assertInert(String(reply.body['text']));

    // Slack sends typed `<`, `>`, `&` escaped in message text; they must come back escaped, not raw.
    await harness.send(eventEnvelope(appMention({ text: 'zeppelin &lt;!channel&gt; &amp; <!here>', channel: 'CHOSTILE1' })));
    const post: RecordedCall = await harness.fake.waitFor(() => harness.fake.callsTo('chat.postMessage')[0], 'the thread answer');
    for (const mrkdwn of mrkdwnOf(post.args['blocks'])) assertInert(mrkdwn);
    assertInert(String(post.args['text']));
  });
});
