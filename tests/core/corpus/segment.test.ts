import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { segment } from '../../../src/core/corpus/segment.js';

const seed = (id: string): string => readFileSync(`seeds/${id}.txt`, 'utf8');

describe('segment', () => {
  it('gives sentences whose offsets slice the text exactly', () => {
    const text = seed('000_c39a801cf85dcbb3');
    const { sentences } = segment(text, 0);
    const quote = sentences.find((s) => text.slice(s.start, s.end).startsWith('“If Tesla used cars'));
    expect(quote).toMatchObject({ start: 1856, end: 1928 });
  });

  it('keeps abbreviations and decimals inside sentences', () => {
    const text = 'The U.S. labeled Huawei a threat. Mr. Smith said on Feb. 3 that sales rose 3.5 percent. Done.';
    const { sentences } = segment(text, 0);
    expect(sentences.map((s) => text.slice(s.start, s.end))).toEqual([
      'The U.S. labeled Huawei a threat.',
      'Mr. Smith said on Feb. 3 that sales rose 3.5 percent.',
      'Done.',
    ]);
  });

  it('keeps a quotation that spans sentences in one unit', () => {
    const text = '"The security of data is very important. All data will be stored in China," Tesla said. Next.';
    const { sentences } = segment(text, 0);
    expect(text.slice(sentences[0]!.start, sentences[0]!.end)).toBe(
      '"The security of data is very important. All data will be stored in China," Tesla said.',
    );
  });

  it('reads headline, Published: line, section menu and outlet sign-off as metadata, never as prose', () => {
    const text = seed('002_5fed4d3acbf6fb6c');
    const { stated, sentences } = segment(text, 0);
    expect(stated).toMatchObject({
      title: 'Tesla promises to store data from cars sold in China in the country to avoid suspicions of espionage',
      published: '2021-05-26',
      outlet: 'News ru',
    });
    const prose = sentences.map((s) => text.slice(s.start, s.end)).join('\n');
    expect(prose).not.toContain('NEW CARS AUTO INDUSTRY');
    expect(prose).not.toContain('News ru');
    expect(prose).not.toContain('Published:');
  });

  it('reads a Source: line as the outlet and skips SEE ALSO links', () => {
    expect(segment(seed('003_6c1a8c9789bfba52'), 0).stated.outlet).toBe('TRT World');
    const text = seed('000_c39a801cf85dcbb3');
    const prose = segment(text, 0).sentences.map((s) => text.slice(s.start, s.end)).join('\n');
    expect(prose).not.toContain('SEE ALSO');
  });

  it('states no headline when the text opens with prose', () => {
    expect(segment(seed('001_953c6a8def8152e0'), 0).stated.title).toBeUndefined();
    expect(segment(seed('004_fdd6b21969784f78'), 0).stated.title).toBeUndefined();
  });

  it('groups sentences of a paragraph into passages of at most three', () => {
    const { passages, sentences } = segment(seed('004_fdd6b21969784f78'), 0);
    for (const p of passages) {
      expect(p.lastSentence - p.firstSentence).toBeLessThan(3);
      expect(sentences[p.firstSentence]!.paragraph).toBe(sentences[p.lastSentence]!.paragraph);
    }
  });
});

describe('segment with markup', () => {
  it('does not end a sentence inside angle brackets', () => {
    const text = 'The recall notice went to <!channel> and all staff. Next sentence.';
    const { sentences } = segment(text, 0);
    expect(text.slice(sentences[0]!.start, sentences[0]!.end)).toBe('The recall notice went to <!channel> and all staff.');
  });
});
