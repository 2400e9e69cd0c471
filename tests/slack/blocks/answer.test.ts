import { describe, expect, it } from 'vitest';
import { ACTION_IDS, decodeContextState, decodeFeedbackState, decodePageState } from '../../../src/slack/blocks/actions.js';
import { renderAnswer } from '../../../src/slack/blocks/answer.js';
import { LIMITS, type KnownBlock } from '../../../src/slack/blocks/kit.js';
import { answer, excerpt } from './fixtures.js';
import { mrkdwnOf, quotesOf, textOf } from '../../helpers/blocksText.js';

type AnyBlock = KnownBlock & Record<string, unknown>;

const texts = (blocks: readonly KnownBlock[]): string[] => textOf(blocks).split('\n');

/** The answer's own buttons (Share, More, votes), not the per-excerpt "Show in context". */
function buttons(blocks: readonly KnownBlock[]): Array<{ action_id: string; value: string; text: { text: string } }> {
  const actions = blocks.find((block) => block.block_id === 'answer_actions') as AnyBlock | undefined;
  return (actions?.['elements'] ?? []) as Array<{ action_id: string; value: string; text: { text: string } }>;
}

describe('renderAnswer', () => {
  it('echoes the question and shows each excerpt with bold query words (a style), speaker and source label', () => {
    const rendered = renderAnswer({ answer: answer({ question: 'what did Musk say about spying' }), offset: 0 }, { surface: 'ephemeral' });
    const all = texts(rendered.blocks).join('\n');
    expect(all).toContain('Q: what did Musk say about spying');
    expect(quotesOf(rendered.blocks)).toEqual(['“If Tesla used cars to spy in China or anywhere, we will get shut down.”']);
    // "spying" in the question bolds "spy" in the quote (same analysis as the index).
    expect(JSON.stringify(rendered.blocks)).toContain('{"type":"text","text":"spy","style":{"bold":true}}');
    expect(all).toContain('— Elon Musk');
    expect(all).toContain('Tesla Says Its In-Vehicle Cameras Aren’t Activated in China');
    expect(all).not.toMatch(/000_c39a|1856/);
    expect(rendered.text).toBe('1 excerpt for “what did Musk say about spying”');
  });

  it('labels a source without a headline by its first sentence in italics, links a headline with a URL, shows outlet and date', () => {
    const lead = { text: 'China is restricting the use of Tesla’s electric cars by…', kind: 'lead' as const, cut: true };
    const rendered = renderAnswer(
      {
        answer: answer({
          excerpts: [
            excerpt({ source: { title: null, label: lead } }),
            excerpt({
              source: {
                docId: 'd2', title: 'A | *headline* <b>', label: { text: 'A | *headline* <b>', kind: 'headline', cut: false },
                url: 'https://news.example/a?x=1&y=2', outlet: 'TRT World', published: '2021-05-26', start: 5, end: 40,
              },
            }),
          ],
        }),
        offset: 0,
      },
      { surface: 'ephemeral' },
    );
    const json = JSON.stringify(rendered.blocks);
    expect(json).toContain(JSON.stringify({ type: 'text', text: lead.text, style: { italic: true } }));
    expect(json).toContain(JSON.stringify({ type: 'link', url: 'https://news.example/a?x=1&y=2', text: 'A | *headline* <b>' }));
    expect(texts(rendered.blocks).join('\n')).toContain('A | *headline* <b> · TRT World · 2021-05-26');
    expect(texts(rendered.blocks).join('\n')).not.toMatch(/chars|000_c39a801cf85dcbb3/);
  });

  it('names the other sources of a statement by their labels', () => {
    const alsoIn = [
      { docId: 'b', title: null, label: { text: 'B starts here…', kind: 'lead' as const, cut: true }, start: 1, end: 2 },
      { docId: 'c', title: 'C', label: { text: 'C', kind: 'headline' as const, cut: false }, start: 3, end: 4 },
      { docId: 'c', title: 'C', label: { text: 'C', kind: 'headline' as const, cut: false }, start: 9, end: 12 },
    ];
    const all = texts(renderAnswer({ answer: answer({ excerpts: [excerpt({ alsoIn })] }), offset: 0 }, { surface: 'ephemeral' }).blocks).join('\n');
    expect(all).toContain(' · also in B starts here…; C');
  });

  it('shows corpus and user text literally in rich_text, and leaves nothing parseable in mrkdwn', () => {
    const hostile = 'Read <!channel> and <!here>, ask <@U123> or <https://evil.example|click> & *win* `now`';
    const rendered = renderAnswer(
      {
        answer: answer({
          question: 'win <!channel> <@U999>',
          speaker: '<!everyone>',
          excerpts: [excerpt({ text: hostile, speaker: '<@U1|boss>', source: { title: '<!subteam^S1>', label: { text: '<!subteam^S1>', kind: 'headline', cut: false }, outlet: '<https://x|y>' } })],
        }),
        offset: 0,
      },
      { surface: 'shared', askedBy: 'U0ASKER' },
    );
    expect(quotesOf(rendered.blocks)).toEqual([hostile]);
    for (const mrkdwn of [...mrkdwnOf(rendered.blocks), rendered.text]) expect(mrkdwn).not.toMatch(/<!|<@U1|<@U123|<@U999|<https/);
    expect(JSON.stringify(rendered.blocks)).toContain('{"type":"user","user_id":"U0ASKER","style":{"italic":true}}');
  });

  it('does not mention a malformed asker id', () => {
    const rendered = renderAnswer({ answer: answer(), offset: 0 }, { surface: 'shared', askedBy: '!channel' });
    expect(texts(rendered.blocks).join('\n')).toContain('asked by !channel');
    expect(JSON.stringify(rendered.blocks)).not.toContain('"type":"user"');
  });

  it('offers "Show in context" on each excerpt, carrying the document and range', () => {
    const rendered = renderAnswer({ answer: answer({ excerpts: [excerpt(), excerpt({ source: { docId: 'd2', start: 5, end: 9 } })] }), offset: 0 }, { surface: 'ephemeral' });
    const values = rendered.blocks
      .filter((block) => block.type === 'actions' && block.block_id !== 'answer_actions')
      .map((block) => decodeContextState((block as AnyBlock & { elements: Array<{ value: string }> }).elements[0]!.value));
    expect(values).toEqual([{ docId: '000_c39a801cf85dcbb3', start: 1856, end: 1928 }, { docId: 'd2', start: 5, end: 9 }]);
  });

  it('marks the user’s vote on the buttons and says what the click did', () => {
    const rendered = renderAnswer({ answer: answer(), offset: 0 }, { surface: 'ephemeral', vote: { vote: 'down', note: 'Your vote: 👎.' } });
    const [, , up, down] = [undefined, ...buttons(rendered.blocks)] as Array<{ text: { text: string }; style?: string } | undefined>;
    expect(up).toMatchObject({ text: { text: '👍' } });
    expect(up?.style).toBeUndefined();
    expect(down).toMatchObject({ text: { text: '👎 Your vote' }, style: 'primary' });
    expect(texts(rendered.blocks)).toContain('Your vote: 👎.');
  });

  it('offers Share, More, 👍 and 👎 on a private answer, and carries the page in the buttons', () => {
    const rendered = renderAnswer({ answer: answer({ more: 7 }), offset: 5 }, { surface: 'ephemeral' });
    const ids = buttons(rendered.blocks).map((button) => button.action_id);
    expect(ids).toEqual([ACTION_IDS.share, ACTION_IDS.more, ACTION_IDS.feedbackUp, ACTION_IDS.feedbackDown]);
    const more = buttons(rendered.blocks)[1]!;
    expect(more.text.text).toBe('More (7)');
    const page = { question: 'what did Musk say', offset: 5, shown: 1, nextOffset: 6, surface: 'ephemeral', threadTs: null, firstSeen: 5 };
    expect(decodePageState(more.value)).toEqual(page);
    expect(decodeFeedbackState(buttons(rendered.blocks)[2]!.value)).toEqual({ question: 'what did Musk say', excerpts: ['000_c39a801cf85dcbb3:1856-1928'], page });
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
    expect(texts(rendered.blocks).join('\n')).toContain('shortened here');
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
