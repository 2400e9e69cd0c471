/** Digest → Block Kit: one message for a short digest, an overview and a thread for a long one, limits, escaping. */
import { describe, expect, it } from 'vitest';
import type { Digest, DigestStory } from '../../../src/core/digest/index.js';
import { renderDigest, renderDigestPreview } from '../../../src/slack/blocks/digest.js';
import { renderDigestStatus } from '../../../src/slack/blocks/digestStatus.js';
import { LIMITS, textSize } from '../../../src/slack/blocks/kit.js';

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
  it('renders a short digest in one message with headline, outlet, date, quotes, speakers, offsets and also-covered-by, escaped', () => {
    const rendered = renderDigest(digestOf([story(1)], 'recall <b>'), settings);
    expect(rendered.thread).toEqual([]);
    const json = JSON.stringify(rendered.overview.blocks);
    expect(json).toContain('📰 Daily digest: 2 articles, 1 story');
    expect(json).toContain('New since Mon 25 Mar 2024, 09:00 (Europe/Berlin) · topic: *recall &lt;b&gt;*');
    expect(json).toContain('*<https://news.example/1|Headline 1>*\\nWire · 2024-03-25');
    expect(json).toContain('&lt;!channel&gt; recall &amp; &lt;@U123&gt;');
    expect(json).not.toContain('<!channel>');
    expect(json).toContain('>— *Tesla*');
    expect(json).toContain('`doc1` · chars 10–');
    expect(json).toContain('Also covered by: Other Wire (`other1`)');
  });

  it('puts a long digest in an overview and one thread reply per story, all within Slack limits', () => {
    const rendered = renderDigest(digestOf(Array.from({ length: 30 }, (_, i) => story(i))), settings);
    expect(rendered.thread).toHaveLength(30);
    expect(rendered.overview.blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
    expect(JSON.stringify(rendered.overview.blocks)).toContain('Details of each story are in the thread');
    expect(JSON.stringify(rendered.overview.blocks)).toContain('1. *<https://news.example/0|Headline 0>* — Wire · 2024-03-25 — also covered by 1 other');
    for (const part of [rendered.overview, ...rendered.thread]) {
      expect(part.blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
      expect(textSize(part.blocks)).toBeLessThanOrEqual(LIMITS.messageTotal);
      expect(part.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
    }
    const preview = renderDigestPreview(digestOf(Array.from({ length: 30 }, (_, i) => story(i))), settings);
    expect(preview.blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
    expect(JSON.stringify(preview.blocks)).toMatch(/\d+ more stories do not fit in a preview/);
  });

  it('says "nothing new" in one line', () => {
    const rendered = renderDigest(digestOf([], 'cameras'), settings);
    expect(rendered.overview.text).toBe('Nothing new in the corpus about “cameras” since Mon 25 Mar 2024, 09:00.');
    expect(rendered.thread).toEqual([]);
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
