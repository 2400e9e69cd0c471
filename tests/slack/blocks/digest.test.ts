/** Digest → Block Kit: one message for a short digest, an overview and a thread for a long one, limits, escaping. */
import { describe, expect, it } from 'vitest';
import type { Digest, DigestStory } from '../../../src/core/digest/index.js';
import { renderDigest, renderDigestPreview } from '../../../src/slack/blocks/digest.js';
import { renderDigestStatus } from '../../../src/slack/blocks/digestStatus.js';
import { LIMITS, textSize } from '../../../src/slack/blocks/kit.js';
import { mrkdwnOf, quotesOf, textOf } from '../../helpers/blocksText.js';

const settings = { time: '09:00', timeZone: 'Europe/Berlin', topic: null, postWhenEmpty: false };
const period = { start: Date.parse('2024-03-25T08:00:00Z'), end: Date.parse('2024-03-26T08:00:00Z') };

function story(n: number, overrides: Partial<DigestStory['article']> = {}): DigestStory {
  const text = `Sentence ${n} says the <!channel> recall & <@U123> the <https://evil.example|click> details of story ${n}. `.repeat(3);
  return {
    article: {
      docId: `doc${n}`, path: `c/doc${n}.txt`, title: `Headline ${n}`, outlet: 'Wire', published: '2024-03-25', url: `https://news.example/${n}`, firstIndexedAt: 1, label: { text: `Headline ${n}`, kind: 'headline', cut: false },
      summary: [{ text, speaker: null, kind: 'summary', start: 10, end: 10 + text.length }],
      statements: [{ text: '“We fixed it,” Tesla said.', speaker: 'Tesla', kind: 'quote', start: 400, end: 426 }],
      ...overrides,
    },
    alsoCoveredBy: [{ docId: `other${n}`, path: '', title: null, outlet: 'Other Wire', published: null, url: null, label: { text: `Other story ${n} starts here…`, kind: 'lead', cut: true }, firstIndexedAt: 2 }],
  };
}

const digestOf = (stories: DigestStory[], topic: string | null = null): Digest => ({ period, topic, stories, newArticles: stories.length * 2, matchingArticles: stories.length * 2 });

describe('renderDigest', () => {
  it('renders a digest as a newsletter: label, outlet and date, the story, one statement, also covered by, all literal', () => {
    const rendered = renderDigest(digestOf([story(1)], 'recall *<b>*'), settings);
    expect(rendered.thread).toEqual([]);
    const blocks = rendered.overview.blocks;
    const text = textOf(blocks);
    expect(text).toContain('📰 Daily digest: 2 articles, 1 story');
    expect(text).toContain('New since Mon 25 Mar 2024, 09:00 (Europe/Berlin) · topic: “recall *<b>*”');
    expect(text).toContain('1. Headline 1 · Wire · 2024-03-25');
    expect(JSON.stringify(blocks)).toContain('{"type":"link","url":"https://news.example/1","text":"Headline 1","style":{"bold":true}}');
    expect(quotesOf(blocks)[0]).toContain('Sentence 1 says the <!channel> recall & <@U123> the <https://evil.example|click> details');
    expect(text).toContain('💬 “We fixed it,” Tesla said. — Tesla');
    expect(text).toContain('Also covered by: Other story 1 starts here… (Other Wire)');
    expect(JSON.stringify(blocks)).toContain('{"type":"text","text":"Other story 1 starts here…","style":{"italic":true}}');
    // Nothing parseable: no mrkdwn carries corpus or user text; no ids or offsets.
    expect(mrkdwnOf(blocks)).toEqual([]);
    expect(text).not.toMatch(/doc1|other1|chars/);
  });

  it('puts the five most important stories in the message and the rest in its thread, all within Slack limits', () => {
    const rendered = renderDigest(digestOf(Array.from({ length: 30 }, (_, i) => story(i))), settings);
    const storiesIn = (blocks: unknown) => (blocks as Array<{ type: string }>).filter((block) => block.type === 'rich_text').length;
    expect(storiesIn(rendered.overview.blocks)).toBe(5);
    expect(textOf(rendered.overview.blocks)).toContain('🧵 25 more stories in the thread.');
    expect(textOf(rendered.overview.blocks)).toContain('5. Headline 4');
    expect(rendered.thread.map((part) => storiesIn(part.blocks))).toEqual([5, 5, 5, 5, 5]);
    expect(textOf(rendered.thread[0]!.blocks)).toContain('6. Headline 5');
    for (const part of [rendered.overview, ...rendered.thread]) {
      expect(part.blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
      expect(textSize(part.blocks)).toBeLessThanOrEqual(LIMITS.messageTotal);
      expect(part.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
    }
    const preview = renderDigestPreview(digestOf(Array.from({ length: 30 }, (_, i) => story(i))), settings);
    expect(preview.blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
    expect(JSON.stringify(preview.blocks)).toMatch(/\d+ more stories do not fit in a preview/);
    expect(textOf(preview.blocks)).not.toContain('in the thread.');
  });

  it('keeps a short digest in one message', () => {
    const rendered = renderDigest(digestOf([story(1), story(2), story(3), story(4), story(5)]), settings);
    expect(rendered.thread).toEqual([]);
    expect(textOf(rendered.overview.blocks)).not.toContain('in the thread');
  });

  it('says "nothing new" in one line', () => {
    const rendered = renderDigest(digestOf([], 'cameras'), settings);
    expect(rendered.overview.text).toBe('Nothing new in the corpus about “cameras” since Mon 25 Mar 2024, 09:00.');
    expect(rendered.thread).toEqual([]);
  });

  it('shows a topic literally in status (a `*` in it cannot break the bold around it)', () => {
    const subscription = { teamId: 'T', channelId: 'C1', ...settings, topic: '*very* `odd` <!here>', enabled: true, disabledReason: null, updatedBy: 'U42', createdAt: 0, updatedAt: 0, enabledAt: 0 };
    const status = renderDigestStatus({ channel: { teamId: 'T', channelId: 'C1' }, subscription, nextRun: null, recent: [], waiting: 2, paused: null });
    expect(textOf(status.blocks)).toContain('📰 Daily digest: on · 09:00 Europe/Berlin · topic: *very* `odd` <!here> · “nothing new” line: off');
    for (const mrkdwn of mrkdwnOf(status.blocks)) expect(mrkdwn).not.toContain('very');
  });

  it('shows status with the reason a digest is off and why runs were skipped, keeping user mentions', () => {
    const status = renderDigestStatus({
      channel: { teamId: 'T', channelId: 'C1' },
      subscription: { teamId: 'T', channelId: 'C1', ...settings, enabled: false, disabledReason: 'turned off by <@U42> <!here>', updatedBy: 'U42', createdAt: 0, updatedAt: 0, enabledAt: 0 },
      nextRun: null,
      recent: [{ teamId: 'T', channelId: 'C1', runDate: '2024-03-25', scheduledFor: 0, status: 'empty', attempt: 1, claimedBy: 'x', claimedAt: period.start, finishedAt: period.start, periodStart: 0, periodEnd: 0, documents: 0, messageTs: null, detail: 'nothing new in the corpus since Sun 24 Mar 2024, 09:00' }],
      waiting: 0,
      paused: null,
    });
    const json = JSON.stringify(status.blocks);
    expect(json).toContain('*Daily digest: off* · turned off by <@U42> &lt;!here&gt;');
    expect(json).toContain('2024-03-25 — skipped: nothing new in the corpus since Sun 24 Mar 2024, 09:00');
  });
});
