import { beforeAll, describe, expect, it } from 'vitest';
import { AnswerEngine, loadCorpus } from '../../../src/core/index.js';
import { MemoryThreadStore } from '../../../src/infra/memoryThreadStore.js';
import { excerptKey, renderAnswer } from '../../../src/slack/blocks/answer.js';
import { Conversation, threadKey, type AskPlan, type Plan } from '../../../src/slack/conversation/conversation.js';

let engine: AnswerEngine;
beforeAll(() => {
  engine = new AnswerEngine(loadCorpus('seeds').documents);
});

function asAsk(plan: Plan): AskPlan {
  if (plan.kind !== 'ask') throw new Error(`expected a question, got ${JSON.stringify(plan)}`);
  return plan;
}

/** Plans, runs, renders and remembers, as a listener does; returns what was shown. */
async function turn(conversation: Conversation, key: string, text: string) {
  const plan = await conversation.plan(key, text);
  if (plan.kind !== 'ask') return { plan, shown: [] as string[] };
  const page = await conversation.run(plan);
  const rendered = renderAnswer(page, { surface: 'conversation', threadTs: '1.1' });
  await conversation.remember(key, plan, page.answer, rendered);
  return { plan, page, shown: rendered.shownExcerpts.map(excerptKey) };
}

describe('Conversation', () => {
  it('pages with "more" and never repeats an excerpt in a thread', async () => {
    const conversation = new Conversation(engine, new MemoryThreadStore());
    const key = threadKey('T1', 'C1', '1.1');
    const first = await turn(conversation, key, 'what did Musk say');
    const second = await turn(conversation, key, 'more');
    expect(asAsk(second.plan)).toMatchObject({ question: 'what did Musk say', offset: 5, origin: 'refine' });
    expect(second.shown.length).toBeGreaterThan(0);
    for (const key of second.shown) expect(first.shown).not.toContain(key);
  });

  it('"what else did he say" asks about the last speaker, skipping what was shown', async () => {
    const conversation = new Conversation(engine, new MemoryThreadStore());
    const key = threadKey('T1', 'C1', '2.2');
    const first = await turn(conversation, key, 'what did Musk say');
    const second = await turn(conversation, key, 'what else did he say');
    expect(second.plan).toMatchObject({ question: 'what did Elon Musk say', offset: 0 });
    expect(second.shown.length).toBeGreaterThan(0);
    for (const shown of second.shown) expect(first.shown).not.toContain(shown);
    // Positions point past the skipped excerpts, so "more" continues after them.
    expect(second.page?.positions?.[0]).toBeGreaterThanOrEqual(first.shown.length);
  });

  it('refines with outlet and date filters, and keeps the question when a refinement finds nothing', async () => {
    const conversation = new Conversation(engine, new MemoryThreadStore());
    const key = threadKey('T1', 'C1', '3.3');
    await turn(conversation, key, 'what did Musk say');
    const outlet = await turn(conversation, key, 'only news ru');
    expect(outlet.plan).toMatchObject({ question: 'what did Musk say source:"News ru"' });
    const since = await turn(conversation, key, 'since May');
    expect(since.plan).toMatchObject({ question: 'what did Musk say source:"News ru" since:2021-05-01' });
    const nothing = await turn(conversation, key, 'before 2000');
    expect(nothing.page?.answer.answered).toBe(false);
    const more = await conversation.plan(key, 'more');
    expect(more).toMatchObject({ question: 'what did Musk say source:"News ru" since:2021-05-01' });
  });

  it('answers follow-ups without a thread with a hint, and notices for unknown outlets and bad dates', async () => {
    const conversation = new Conversation(engine, new MemoryThreadStore());
    const key = threadKey('T1', 'C1', '4.4');
    expect(await conversation.plan(key, 'more')).toMatchObject({ kind: 'notice', text: expect.stringContaining('no earlier question') });
    expect(await conversation.plan(key, 'what else did Musk say')).toMatchObject({ kind: 'ask', question: 'what did Musk say' });
    await turn(conversation, key, 'where is the data stored?');
    expect(await conversation.plan(key, 'only Reuters')).toMatchObject({ kind: 'notice', text: expect.stringContaining('Outlets I know: News ru, TRT World') });
    expect(await conversation.plan(key, 'since the flood')).toMatchObject({ kind: 'notice', text: expect.stringContaining('as a date') });
    expect(await conversation.plan(key, 'help')).toEqual({ kind: 'help' });
    expect(await conversation.plan(key, 'sources')).toEqual({ kind: 'sources' });
  });

  it('forgets a thread that went quiet', async () => {
    let now = 0;
    const conversation = new Conversation(engine, new MemoryThreadStore({ quietAfterMs: 1_000, now: () => now }));
    const key = threadKey('T1', 'C1', '5.5');
    await turn(conversation, key, 'what did Musk say');
    now = 999;
    expect((await conversation.plan(key, 'more')).kind).toBe('ask');
    now = 5_000;
    expect((await conversation.plan(key, 'more')).kind).toBe('notice');
  });
});
