/**
 * The playground page in a real browser: Debian's Chromium (`/usr/bin/chromium`, never a
 * downloaded one) driven by playwright-core, against the real bot in local mode. Each step leaves
 * a screenshot in tests/playground/screenshots/ (git-ignored) to look at.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocal, type LocalBot } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOTS = join('tests', 'playground', 'screenshots');
const MUSK_QUOTE = 'If Tesla used cars to spy in China or anywhere, we will get shut down.';

describe('the playground page in Chromium', { timeout: 60_000 }, () => {
  let local: LocalBot;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  let stopped = false;
  const pageErrors: string[] = [];

  const composer = () => page.locator('#main [data-testid=composer]');
  const threadComposer = () => page.locator('#thread [data-testid=thread-composer]');
  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  async function type(text: string, box = composer()) {
    await box.fill(text);
    await box.press('Enter');
  }

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`The browser tests drive Debian's Chromium at ${CHROMIUM}, which is missing: apt-get install -y chromium (.ci/run does this).`);
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    local = await startLocal();
    profile = mkdtempSync(join(tmpdir(), 'tesla-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1400, height: 900 },
      timezoneId: 'UTC',
      locale: 'en-GB',
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(local.url);
    await composer().waitFor();
  });

  afterAll(async () => {
    await context?.close();
    if (!stopped) await local?.close();
    if (profile !== undefined) rmSync(profile, { recursive: true, force: true });
  });

  it('asks /tesla and shows the private answer, "Only visible to you", in Block Kit', async () => {
    await page.locator('#main .empty-note', { hasText: 'This is the very beginning of #general' }).waitFor();
    await type('/tesla what did Musk say');
    const answer = page.locator('#main [data-testid=ephemeral-message]', { hasText: MUSK_QUOTE });
    await answer.waitFor();
    await expect(answer.locator('.eph-label').textContent()).resolves.toContain('Only visible to you');
    // The quote is a block quote with the question's words in bold; the speaker below it.
    await expect(answer.locator('blockquote.mk-quote').first().textContent()).resolves.toContain('If Tesla used cars');
    await expect(answer.locator('blockquote.mk-quote b').first().textContent()).resolves.toBeTruthy();
    await expect(answer.getByRole('button', { name: 'Share in channel' }).count()).resolves.toBe(1);
    await expect(answer.locator('.bk-context').first().textContent()).resolves.toMatch(/excerpts 1–5/);
    await expect(composer().inputValue()).resolves.toBe('');
    await shot('1-private-answer');
  });

  it('names each source by its label (a first sentence in italics), never a raw id or a character range', async () => {
    const answer = page.locator('#main [data-testid=ephemeral-message]', { hasText: MUSK_QUOTE });
    const text = (await answer.textContent()) ?? '';
    expect(text).not.toMatch(/00\d_[0-9a-f]{16}|chars \d+/);
    await expect(answer.locator('.bk-rich-text i', { hasText: /…$/ }).count()).resolves.toBeGreaterThan(0);
  });

  it('"Show in context" opens a modal with the paragraphs around the excerpt, the excerpt in bold', async () => {
    const answer = page.locator('#main [data-testid=ephemeral-message]', { hasText: MUSK_QUOTE });
    const quotes = answer.locator('blockquote.mk-quote');
    const index = await quotes.evaluateAll((nodes, quote) => nodes.findIndex((node) => (node.textContent ?? '').includes(quote)), MUSK_QUOTE);
    await answer.getByRole('button', { name: 'Show this excerpt with the paragraphs around it' }).nth(index).click();
    const modal = page.getByTestId('modal');
    await modal.waitFor();
    await expect(modal.locator('.modal-title').textContent()).resolves.toBe('In context');
    await expect(modal.textContent()).resolves.toMatch(/Paragraph \d+ of \d+/);
    await expect(modal.locator('blockquote.mk-quote b').textContent()).resolves.toContain(MUSK_QUOTE);
    // The paragraphs before and after are there, as written in the article.
    await expect(modal.locator('.bk-rich-text').count()).resolves.toBeGreaterThanOrEqual(4);
    await shot('1b-in-context');
    await modal.locator('.modal-footer button', { hasText: 'Close' }).click();
    await modal.waitFor({ state: 'detached' });
  });

  it('👍 on a private answer shows the vote on it; a second 👍 withdraws it (one vote, thanked once)', async () => {
    const answer = page.locator('#main [data-testid=ephemeral-message]', { hasText: MUSK_QUOTE });
    await answer.getByRole('button', { name: 'Helpful answer', exact: true }).click();
    await answer.getByRole('button', { name: /your vote/ }).waitFor();
    await expect(answer.textContent()).resolves.toContain('Your vote: 👍. Thanks, glad it helped.');
    const mine = async () => (await local.bot.state.feedback.recent(10)).filter((vote) => vote.question === 'what did Musk say');
    expect(await mine()).toHaveLength(1);
    await shot('1c-voted');
    await answer.getByRole('button', { name: /your vote; click again to withdraw it/ }).click();
    await answer.locator('.bk-context', { hasText: 'You withdrew your 👍 vote' }).waitFor();
    await expect(answer.textContent()).resolves.not.toContain('Thanks');
    expect(await mine()).toHaveLength(0);
  });

  it('brings the last command back with the Up key', async () => {
    await composer().focus();
    await composer().press('ArrowUp');
    await expect(composer().inputValue()).resolves.toBe('/tesla what did Musk say');
    await composer().fill('');
  });

  it('Share in channel posts the answer for everyone and removes the private copy', async () => {
    const ephemeral = page.locator('#main [data-testid=ephemeral-message]', { hasText: MUSK_QUOTE });
    await ephemeral.getByRole('button', { name: 'Share in channel' }).click();
    const shared = page.locator('#main [data-testid=message]', { hasText: 'asked by' });
    await shared.waitFor();
    await expect(shared.locator('.mention').first().textContent()).resolves.toBe('@you');
    await ephemeral.waitFor({ state: 'detached' });
    await page.mouse.move(5, 5);
    await shot('2-shared');
  });

  it('👍 on the shared answer is thanked privately', async () => {
    await page.locator('#main [data-testid=message]', { hasText: 'asked by' }).getByRole('button', { name: 'Helpful answer', exact: true }).click();
    await page.locator('#main [data-testid=ephemeral-message]', { hasText: 'Thanks, glad it helped.' }).waitFor();
    expect((await local.bot.state.feedback.recent(1))[0]).toMatchObject({ vote: 'up', question: 'what did Musk say' });
  });

  it('answers @tesla in a thread pane, and a follow-up there', async () => {
    await type('@tesla where is the data stored?');
    const thread = page.locator('#thread');
    await thread.waitFor();
    const first = thread.locator('[data-testid=message].from-bot').first();
    await first.waitFor();
    await expect(first.textContent()).resolves.toContain('where is the data stored?');
    await expect(page.locator('#main [data-testid=thread-summary]').last().textContent()).resolves.toContain('1 reply');
    await type('@tesla only TRT World', threadComposer());
    const second = thread.locator('[data-testid=message].from-bot').nth(1);
    await second.waitFor();
    await expect(second.textContent()).resolves.toContain('TRT World');
    await expect(thread.locator('.thread-count').textContent()).resolves.toBe('3 replies');
    await shot('3-thread');
  });

  it('More in the thread continues the conversation there', async () => {
    const thread = page.locator('#thread');
    await thread.locator('[data-testid=message].from-bot').first().getByRole('button', { name: /^More/ }).click();
    await thread.locator('[data-testid=message].from-bot').nth(2).waitFor();
    await page.getByTestId('close-thread').click();
    await thread.waitFor({ state: 'hidden' });
  });

  it('draws a channel with a private answer and a thread (the README picture)', async () => {
    await page.setViewportSize({ width: 1440, height: 1240 });
    await page.getByTestId('channel-random').click();
    await type('/tesla what did Musk say');
    await page.locator('#main [data-testid=ephemeral-message]', { hasText: MUSK_QUOTE }).waitFor();
    await type('@tesla where is the data stored?');
    await page.locator('#thread [data-testid=message].from-bot').first().waitFor();
    await type('@tesla only TRT World', threadComposer());
    await page.locator('#thread [data-testid=message].from-bot').nth(1).waitFor();
    await page.mouse.move(5, 5);
    await shot('readme');
    await page.getByTestId('close-thread').click();
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.getByTestId('channel-general').click();
  });

  it('shows escaped corpus text as text: no @channel ping, no link', async () => {
    writeFileSync(
      join(local.corpusDir, 'hostile.txt'),
      'Zebrafrog bulletin\n\nThe zebrafrog memo said <!channel> read <https://evil.example|click here> & ask <@U0YOU00001> about *zebrafrog* now.\n\n' +
        'The zebrafrog memo is *very* clear: never run `rm -rf /` on a _zebrafrog_.\n',
    );
    await expect.poll(() => local.bot.watcher?.changes ?? 0, { timeout: 10_000 }).toBeGreaterThan(0);
    await type('/tesla zebrafrog memo');
    const answer = page.locator('#main [data-testid=ephemeral-message]', { hasText: 'zebrafrog' });
    await answer.waitFor();
    const quote = answer.locator('blockquote.mk-quote').first();
    await expect(quote.textContent()).resolves.toContain('<!channel> read <https://evil.example|click here> & ask <@U0YOU00001>');
    await expect(answer.locator('.broadcast').count()).resolves.toBe(0);
    await expect(answer.locator('a[href^="https://evil"]').count()).resolves.toBe(0);
    await expect(answer.locator('.mention').count()).resolves.toBe(0);
    // Asterisks, backticks and underscores show as written: nothing in corpus text formats.
    await expect(answer.locator('blockquote.mk-quote', { hasText: 'very' }).textContent()).resolves.toContain('The zebrafrog memo is *very* clear: never run `rm -rf /` on a _zebrafrog_.');
    await expect(answer.locator('blockquote.mk-quote code').count()).resolves.toBe(0);
    await expect(answer.locator('blockquote.mk-quote i').count()).resolves.toBe(0);
    await answer.scrollIntoViewIfNeeded();
    await shot('4a-literal');
    await answer.getByRole('button', { name: 'Dismiss message' }).click();
    await answer.waitFor({ state: 'detached' });
  });

  it('opens the App Home, and adds a daily digest from its modal', async () => {
    await page.getByTestId('app-tesla').click();
    const home = page.getByTestId('home-view');
    await home.waitFor();
    await expect(home.locator('.bk-header').first().textContent()).resolves.toBe('Ask the news corpus');
    await home.getByRole('button', { name: 'Add a daily digest' }).click();
    const modal = page.getByTestId('modal');
    await modal.waitFor();
    await expect(modal.locator('.modal-title').textContent()).resolves.toBe('Daily digest');
    // Saving without a channel: Slack's own "required" check.
    await page.getByTestId('modal-submit').click();
    await modal.locator('.bk-error', { hasText: 'Please complete this required field.' }).waitFor();
    await modal.locator('select').selectOption({ label: '#random' });
    await modal.locator('[data-block-id=digest_time_zone] input').fill('Europe/Berlim');
    await page.getByTestId('modal-submit').click();
    // The app's own check, answered with response_action: errors.
    await modal.locator('.bk-error', { hasText: 'Europe/Berlin' }).waitFor();
    await shot('4-digest-modal');
    await modal.locator('[data-block-id=digest_time_zone] input').fill('Europe/Berlin');
    await page.getByTestId('modal-submit').click();
    await modal.waitFor({ state: 'detached' });
    await home.locator('.bk-section', { hasText: '#random' }).waitFor();
    // Documents by their labels (a first sentence in italics), never by raw ids.
    expect((await home.textContent()) ?? '').not.toMatch(/00\d_[0-9a-f]{16}/);
    await expect(home.locator('li i', { hasText: 'China is restricting the use of Tesla’s electric cars' }).count()).resolves.toBe(1);
    await shot('5-app-home');
  });

  it('a digest’s ⋯ menu on the App Home sends the chosen option (block_actions with selected_option)', async () => {
    const home = page.getByTestId('home-view');
    const random = home.locator('.bk-section', { hasText: '#random' });
    await random.getByRole('button', { name: 'More actions' }).click();
    await random.getByRole('menuitem', { name: 'Turn off' }).click();
    await home.locator('.bk-section', { hasText: 'turned off by' }).waitFor();
    expect((await local.bot.scheduler.status({ teamId: 'T0PLAYGND', channelId: 'C0RANDOM00' })).subscription?.enabled).toBe(false);
  });

  it('the Home tab’s example questions are answered in the Messages tab', async () => {
    await page.getByTestId('home-view').getByRole('button', { name: 'what did Musk say', exact: true }).click();
    await page.getByTestId('tab-messages').click();
    await page.locator('#main [data-testid=message].from-bot', { hasText: MUSK_QUOTE }).waitFor();
  });

  it('previews the channel’s digest, then runs it for real when playground time skips to it', async () => {
    await page.getByTestId('channel-general').click();
    await type('/tesla digest now');
    const preview = page.locator('#main [data-testid=ephemeral-message]', { hasText: 'Preview, only you see it' });
    await preview.locator('.bk-header', { hasText: /Daily digest: \d+ articles/ }).first().waitFor();
    await preview.scrollIntoViewIfNeeded();
    await shot('6-digest-preview');

    await page.getByTestId('skip-digest').click();
    await page.getByTestId('toast-error').filter({ hasText: 'has no daily digest yet' }).waitFor();
    await type('/tesla digest on 09:00 UTC --always');
    await page.locator('#main [data-testid=ephemeral-message]', { hasText: 'Daily digest on' }).waitFor();
    await page.getByTestId('skip-digest').click();
    // The scheduler's real run: a public message in the channel, at the digest's hour.
    const digest = page.locator('#main [data-testid=message].from-bot', { hasText: /Daily digest.*The zebrafrog memo said/ });
    await digest.waitFor();
    await page.getByTestId('playground-clock').waitFor();
    // A newsletter a reader recognises: labels, no ids or character ranges; the preview listed the same stories.
    const digestText = (await digest.textContent()) ?? '';
    expect(digestText).not.toMatch(/00\d_[0-9a-f]{16}|chars \d+|hostile\b/);
    const previewText = (await preview.textContent()) ?? '';
    for (const label of ['Tesla Says Its In-Vehicle Cameras Aren’t Activated in China', 'The zebrafrog memo said <!channel> read']) {
      expect(previewText).toContain(label);
      expect(digestText).toContain(label);
    }
    await digest.scrollIntoViewIfNeeded();
    await shot('7-digest-run');
  });

  it('draws every part of Block Kit a message can carry', async () => {
    const blocks = [
      { type: 'header', text: { type: 'plain_text', text: 'A header :newspaper:', emoji: true } },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: '*Bold*, _italic_, ~strike~, `code`, <https://example.com|a link>, <#C0GENERAL0>, &lt;b&gt;' },
        fields: [
          { type: 'mrkdwn', text: '*Outlet*\nTRT World' },
          { type: 'plain_text', text: 'Date\n2021-05-26' },
        ],
        accessory: { type: 'button', action_id: 'demo_button', text: { type: 'plain_text', text: 'Open' }, value: 'v', style: 'danger' },
      },
      { type: 'divider' },
      { type: 'context', elements: [{ type: 'image', image_url: 'https://example.com/a.png', alt_text: 'logo' }, { type: 'mrkdwn', text: 'small print' }] },
      {
        type: 'rich_text',
        elements: [
          { type: 'rich_text_quote', elements: [{ type: 'text', text: 'A quoted line', style: { bold: true } }] },
          { type: 'rich_text_list', style: 'bullet', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'one' }] }, { type: 'rich_text_section', elements: [{ type: 'text', text: 'two' }] }] },
        ],
      },
      { type: 'actions', elements: [{ type: 'static_select', action_id: 'demo_select', placeholder: { type: 'plain_text', text: 'Pick' }, options: [{ text: { type: 'plain_text', text: 'A' }, value: 'a' }] }] },
    ];
    const token = local.bot.playground?.workspace.botToken ?? '';
    const posted = await fetch(`${local.url}/api/chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'C0GENERAL0', text: 'Block Kit sampler', blocks }),
    });
    expect(await posted.json()).toMatchObject({ ok: true });
    const message = page.locator('#main [data-testid=message]', { hasText: 'A header' });
    await message.waitFor();
    await expect(message.locator('.bk-header').textContent()).resolves.toBe('A header 📰');
    await expect(message.locator('.bk-section-text b').textContent()).resolves.toBe('Bold');
    await expect(message.locator('.bk-section-text i').textContent()).resolves.toBe('italic');
    await expect(message.locator('.bk-section-text s').textContent()).resolves.toBe('strike');
    await expect(message.locator('.bk-section-text code').textContent()).resolves.toBe('code');
    await expect(message.locator('.bk-section-text a[href="https://example.com"]').textContent()).resolves.toBe('a link');
    await expect(message.locator('.bk-section-text .channel-link').textContent()).resolves.toBe('#general');
    await expect(message.locator('.bk-section-text').textContent()).resolves.toContain('<b>');
    await expect(message.locator('.bk-field').count()).resolves.toBe(2);
    await expect(message.locator('.bk-accessory .bk-danger').textContent()).resolves.toBe('Open');
    await expect(message.locator('.bk-context img[alt=logo]').count()).resolves.toBe(1);
    await expect(message.locator('.bk-rich-text blockquote b').textContent()).resolves.toBe('A quoted line');
    await expect(message.locator('.bk-rich-text li').count()).resolves.toBe(2);
    await expect(message.locator('select.bk-select option').count()).resolves.toBe(2);
    await message.scrollIntoViewIfNeeded();
    await shot('9-block-kit');
  });

  it('says kindly when a command does not exist', async () => {
    await type('/weather');
    const notice = page.locator('#main [data-testid=ephemeral-message]', { hasText: 'is not a valid command' });
    await notice.waitFor();
    await expect(notice.locator('.msg-author').textContent()).resolves.toBe('Slackbot');
  });

  it('says kindly when the server is gone, and keeps what you typed', async () => {
    expect(pageErrors).toEqual([]);
    stopped = true;
    await local.close();
    await page.locator('#banner', { hasText: 'Lost the connection to the playground server' }).waitFor();
    await type('/tesla are you there?');
    await page.getByTestId('toast-error').filter({ hasText: 'Can’t reach the playground server' }).first().waitFor();
    await expect(composer().inputValue()).resolves.toBe('/tesla are you there?');
    await shot('8-server-gone');
  });
});
