import { describe, expect, it } from 'vitest';
import { normalizeForMatch, scoreAnswer, summarize } from '../../src/cli/evaluation.js';
import type { Answer } from '../../src/core/index.js';

const file = 'He said “it’s  fine” today. Other text.';
const excerpt = (text: string, start = 0) => ({
  text, speaker: null, score: 1, alsoIn: [],
  source: { docId: 'd', path: 'd.txt', title: null, outlet: null, published: null, url: null, start, end: start + text.length },
});
const answer = (texts: string[]): Answer => ({
  question: 'q', intent: 'passages', speaker: null, answered: texts.length > 0, message: texts.length ? null : 'none',
  excerpts: texts.map((t) => excerpt(t, file.indexOf(t))),
});
const read = () => file;

describe('evaluation', () => {
  it('normalizes case, quotes and spaces', () => {
    expect(normalizeForMatch('He said “It’s  FINE”')).toBe(`he said "it's fine"`);
  });

  it('scores anyOf by rank and checks verbatim slices', () => {
    const q = { id: 'x', question: 'q', expect: { anyOf: ["it's fine"] } };
    const result = scoreAnswer(q, answer(['Other text.', 'He said “it’s  fine” today.']), read);
    expect(result).toMatchObject({ rank: 2, pass: true, notVerbatim: 0 });
    const forged = answer(['Other text.']);
    forged.excerpts[0]!.text = 'Forged text';
    expect(scoreAnswer(q, forged, read).notVerbatim).toBe(1);
  });

  it('scores abstentions and speaker questions', () => {
    expect(scoreAnswer({ id: 'a', question: 'q', expect: { abstain: true } }, answer([]), read).pass).toBe(true);
    const speaker = { id: 's', question: 'q', expect: { quotesBy: 'x', groups: [['fine'], ['other']], minGroups: 2, precisionAt: 5 } };
    const result = scoreAnswer(speaker, answer(['He said “it’s  fine” today.', 'Other text.']), read);
    expect(result).toMatchObject({ precision: 1, groupsCovered: 2, pass: true });
    const summary = summarize([result], 2);
    expect(summary.speakerPass).toBe(1);
  });
});
