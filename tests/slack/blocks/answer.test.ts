import { describe, expect, it } from 'vitest';
import { ACTION_IDS, decodeFeedbackState, decodePageState } from '../../../src/slack/blocks/actions.js';
import { renderAnswer } from '../../../src/slack/blocks/answer.js';
import { LIMITS, type KnownBlock } from '../../../src/slack/blocks/kit.js';
import { answer, excerpt } from './fixtures.js';

type AnyBlock = KnownBlock & Record<string, unknown>;

function texts(blocks: readonly KnownBlock[]): string[] {
  const found: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      if (typeof record['text'] === 'string') found.push(record['text']);
      Object.values(record).forEach(visit);
    }
  };
  visit(blocks);
  return found;
}

function buttons(blocks: readonly KnownBlock[]): Array<{ action_id: string; value: string; text: { text: string } }> {
  const actions = blocks.find((block) => block.type === 'actions') as AnyBlock | undefined;
  return (actions?.['elements'] ?? []) as Array<{ action_id: string; value: string; text: { text: string } }>;
}

describe('renderAnswer', () => {
  it('echoes the question and shows each excerpt with bold query words, speaker and source', () => {
    const rendered = renderAnswer({ answer: answer({ question: 'what did Musk say about spying' }), offset: 0 }, { surface: 'ephemeral' });
    const all = texts(rendered.blocks).join('\n');
    expect(all).toContain('*Q:* what did Musk say about spying');
    // "spying" in the question bolds "spy" in the quote (same analysis as the index).
    expect(all).toContain('>“If Tesla used cars to *spy* in China or anywhere, we will get shut down.”\n— *Elon Musk*');
    expect(all).toContain('Tesla Says Its In-Vehicle Cameras Aren’t Activated in China · chars 1856–1928');
    expect(rendered.text).toBe('1 excerpt for “what did Musk say about spying”');
  });

  it('falls back to the document id without a headline, links the headline when there is a URL, and shows outlet and date', () => {
    const rendered = renderAnswer(
      {
        answer: answer({
          excerpts: [
            excerpt({ source: { title: null } }),
            excerpt({ source: { docId: 'd2', title: 'A | headline <b>', url: 'https://news.example/a?x=1&y=2', outlet: 'TRT World', published: '2021-05-26', start: 5, end: 40 } }),
          ],
        }),
        offset: 0,
      },
      { surface: 'ephemeral' },
    );
    const all = texts(rendered.blocks).join('\n');
    expect(all).toContain('`000_c39a801cf85dcbb3` · chars 1856–1928');
    expect(all).toContain('<https://news.example/a?x=1&amp;y=2|A | headline &lt;b&gt;> · TRT World · 2021-05-26 · chars 5–40');
  });

  it('says in how many other sources a statement also appears', () => {
    const alsoIn = [
      { docId: 'b', title: null, label: { text: 'B starts here…', kind: 'lead' as const, cut: true }, start: 1, end: 2 },
      { docId: 'c', title: 'C', label: { text: 'C', kind: 'headline' as const, cut: false }, start: 3, end: 4 },
      { docId: 'c', title: 'C', label: { text: 'C', kind: 'headline' as const, cut: false }, start: 9, end: 12 },
    ];
    const all = texts(renderAnswer({ answer: answer({ excerpts: [excerpt({ alsoIn })] }), offset: 0 }, { surface: 'ephemeral' }).blocks).join('\n');
    expect(all).toContain('also in 2 other sources');
  });

  it('escapes corpus and user text so it cannot ping, mention or link', () => {
    const hostile = 'Read <!channel> and <!here>, ask <@U123> or <https://evil.example|click> & win';
    const rendered = renderAnswer(
      {
        answer: answer({
          question: 'win <!channel> <@U999>',
          speaker: '<!everyone>',
          excerpts: [excerpt({ text: hostile, speaker: '<@U1|boss>', source: { title: '<!subteam^S1>', outlet: '<https://x|y>' } })],
        }),
        offset: 0,
      },
      { surface: 'shared', askedBy: 'U0ASKER' },
    );
    const all = texts(rendered.blocks).join('\n') + rendered.text;
    expect(all).toContain('Read &lt;!*channel*&gt; and &lt;!here&gt;, ask &lt;@U123&gt; or &lt;https://evil.example|click&gt; &amp; *win*');
    expect(all).not.toMatch(/<!|<@U1|<@U123|<@U999|<https/);
    expect(all).toContain('asked by <@U0ASKER>');
  });

  it('does not mention a malformed asker id', () => {
    const all = texts(renderAnswer({ answer: answer(), offset: 0 }, { surface: 'shared', askedBy: '!channel' }).blocks).join('\n');
    expect(all).toContain('asked by !channel');
    expect(all).not.toContain('<!channel');
  });

  it('offers Share, More, 👍 and 👎 on a private answer, and carries the page in the buttons', () => {
    const rendered = renderAnswer({ answer: answer({ more: 7 }), offset: 5 }, { surface: 'ephemeral' });
    const ids = buttons(rendered.blocks).map((button) => button.action_id);
    expect(ids).toEqual([ACTION_IDS.share, ACTION_IDS.more, ACTION_IDS.feedbackUp, ACTION_IDS.feedbackDown]);
    const more = buttons(rendered.blocks)[1]!;
    expect(more.text.text).toBe('More (7)');
    expect(decodePageState(more.value)).toEqual({ question: 'what did Musk say', offset: 5, shown: 1, nextOffset: 6, surface: 'ephemeral', threadTs: null });
    expect(decodeFeedbackState(buttons(rendered.blocks)[2]!.value)).toEqual({ question: 'what did Musk say', excerpts: ['000_c39a801cf85dcbb3:1856-1928'] });
    expect(texts(rendered.blocks).join('\n')).toContain('excerpt 6 · 7 more');
  });

  it('has no Share button in a conversation or on a shared answer, and no More when nothing is left', () => {
    for (const surface of ['conversation', 'shared'] as const) {
      const ids = buttons(renderAnswer({ answer: answer({ more: 0 }), offset: 0 }, { surface, threadTs: '1.2' }).blocks).map((b) => b.action_id);
      expect(ids).toEqual([ACTION_IDS.feedbackUp, ACTION_IDS.feedbackDown]);
    }
  });

  it('says kindly when nothing was found, with the core’s message and suggestions, and no buttons', () => {
    const rendered = renderAnswer(
      { answer: answer({ answered: false, excerpts: [], message: 'The articles never mention “quantum”.', more: 0 }), offset: 0 },
      { surface: 'ephemeral' },
    );
    const all = texts(rendered.blocks).join('\n');
    expect(all).toContain('The articles never mention “quantum”.');
    expect(all).toContain('/tesla sources');
    expect(buttons(rendered.blocks)).toHaveLength(0);
    expect(rendered.text).toContain('Nothing found');
  });

  it('says when a page past the end is empty', () => {
    const rendered = renderAnswer({ answer: answer({ excerpts: [], more: 0 }), offset: 8 }, { surface: 'ephemeral' });
    expect(texts(rendered.blocks).join('\n')).toContain('No more excerpts');
    expect(rendered.nextOffset).toBe(8);
  });

  it('stays within Slack limits for long answers and leaves the rest to More', () => {
    const long = 'Zeppelin '.repeat(1_000) + '& <tag> '.repeat(300);
    const excerpts = Array.from({ length: 20 }, (_, index) =>
      excerpt({ text: long, speaker: null, source: { docId: `doc${index}`, start: index * 10, end: index * 10 + long.length } }),
    );
    const rendered = renderAnswer({ answer: answer({ question: 'zeppelin', excerpts, more: 30 }), offset: 0 }, { surface: 'ephemeral' });
    expect(rendered.blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
    for (const text of texts(rendered.blocks)) expect(text.length).toBeLessThanOrEqual(LIMITS.sectionText);
    expect(JSON.stringify(rendered.blocks).length).toBeLessThanOrEqual(LIMITS.messageTotal + 2_000);
    expect(rendered.shownExcerpts.length).toBeGreaterThan(0);
    expect(rendered.shownExcerpts.length).toBeLessThan(20);
    expect(rendered.nextOffset).toBe(rendered.shownExcerpts.length);
    expect(rendered.remaining).toBe(20 - rendered.shownExcerpts.length + 30);
    expect(texts(rendered.blocks).join('\n')).toContain('(shortened here)');
    for (const button of buttons(rendered.blocks)) expect(button.value.length).toBeLessThanOrEqual(LIMITS.buttonValue);
  });

  it('never exceeds 50 blocks with many short excerpts', () => {
    const excerpts = Array.from({ length: 40 }, (_, index) => excerpt({ source: { docId: `d${index}` } }));
    const rendered = renderAnswer({ answer: answer({ excerpts }), offset: 0 }, { surface: 'ephemeral' });
    expect(rendered.blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
    expect(rendered.remaining).toBe(40 - rendered.shownExcerpts.length);
  });

  it('uses the given positions when excerpts were skipped', () => {
    const rendered = renderAnswer(
      { answer: answer({ excerpts: [excerpt(), excerpt({ source: { docId: 'x' } })], more: 0 }), offset: 3, positions: [3, 7] },
      { surface: 'conversation', threadTs: '9.9' },
    );
    expect(rendered.nextOffset).toBe(8);
  });

  it('is pure: the same answer renders the same blocks', () => {
    const input = { answer: answer({ more: 2 }), offset: 0 };
    expect(renderAnswer(input, { surface: 'ephemeral' })).toEqual(renderAnswer(input, { surface: 'ephemeral' }));
  });
});
