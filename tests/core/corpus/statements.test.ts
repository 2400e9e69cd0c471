import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../../src/core/corpus/load.js';
import { parseDocument } from '../../../src/core/corpus/parse.js';

const { documents } = loadCorpus('seeds');
const statementsOf = (id: string) => {
  const doc = documents.find((d) => d.id === id)!;
  return doc.statements.map((s) => ({ speaker: s.speaker, kind: s.kind, text: doc.text.slice(s.start, s.end) }));
};
const parse = (text: string) => {
  const { document } = parseDocument({ id: 't', path: 't.txt', relPath: 't.txt', text });
  return document.statements.map((s) => ({ speaker: s.speaker, kind: s.kind, text: text.slice(s.start, s.end) }));
};

describe('statements', () => {
  it('attributes a quote, and the quotation that continues it, to the full name', () => {
    const found = statementsOf('000_c39a801cf85dcbb3');
    expect(found).toContainEqual({ speaker: 'Elon Musk', kind: 'quote', text: expect.stringMatching(/^“There’s a very strong incentive/) });
    expect(found).toContainEqual({ speaker: 'Elon Musk', kind: 'quote', text: '“If Tesla used cars to spy in China or anywhere, we will get shut down.”' });
  });

  it('resolves "he said", "the company", reported speech and "according to"', () => {
    expect(statementsOf('003_6c1a8c9789bfba52')).toContainEqual(expect.objectContaining({ speaker: 'Elon Musk', text: expect.stringContaining('he said') }));
    expect(statementsOf('000_c39a801cf85dcbb3')).toContainEqual(expect.objectContaining({ speaker: 'Tesla', text: expect.stringContaining('said the company on Weibo') }));
    expect(statementsOf('000_c39a801cf85dcbb3')).toContainEqual({ speaker: 'Elon Musk', kind: 'reported', text: expect.stringContaining('denied the company would leak') });
    expect(statementsOf('004_fdd6b21969784f78')).toContainEqual(expect.objectContaining({ speaker: 'Bloomberg', text: expect.stringContaining('according to a report by Bloomberg') }));
    expect(statementsOf('002_5fed4d3acbf6fb6c')).toContainEqual(expect.objectContaining({ speaker: 'The Verge' }));
  });

  it('strips titles and possessive owners from speaker names', () => {
    expect(statementsOf('004_fdd6b21969784f78')).toContainEqual(expect.objectContaining({ speaker: 'Elon Musk', text: expect.stringContaining('Uber/Lyft') }));
    expect(statementsOf('000_c39a801cf85dcbb3')).toContainEqual(expect.objectContaining({ speaker: 'Consumer Reports' }));
  });

  it('does not take generic words, negations or passives for speakers', () => {
    expect(parse('Sources told reporters that the plan was dead. Experts said that cars spy.')).toEqual([]);
    expect(parse('Tesla has not commented on this story. It was reported that cars were banned.')).toEqual([]);
  });

  it('reads straight quotes and a speaker after the verb', () => {
    expect(parse('"We will not spy on anyone at all," said Jane Smith.')).toEqual([
      { speaker: 'Jane Smith', kind: 'quote', text: '"We will not spy on anyone at all," said Jane Smith.' },
    ]);
  });
});

describe('multi-word organisation names', () => {
  it('keeps connectors inside a name', () => {
    expect(parse('Tesla is recalling 12,000 cars because an anchor may loosen, the State Administration for Market Regulation said on Sunday.')).toEqual([
      expect.objectContaining({ speaker: 'State Administration for Market Regulation', kind: 'reported' }),
    ]);
  });
});
