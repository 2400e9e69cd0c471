import { describe, expect, it } from 'vitest';
import { WordNetLexicon } from '../../../src/core/search/lexicon.js';

const lexicon = new WordNetLexicon();
const words = (word: string): string[] => lexicon.related(word).map((r) => r.word);

describe('WordNetLexicon', () => {
  it('finds synonyms people use instead of the article’s words', () => {
    expect(words('purchase')).toContain('buy');
    expect(words('prohibit')).toContain('forbid');
    expect(words('abroad')).toContain('overseas');
  });

  it('finds derivationally related forms', () => {
    expect(words('production')).toContain('produce');
  });

  it('labels relations so that broader and narrower words can weigh less', () => {
    const related = lexicon.related('car');
    expect(related.find((r) => r.word === 'automobile')?.relation).toBe('synonym');
    expect(related.every((r) => ['synonym', 'derived', 'broader', 'narrower'].includes(r.relation))).toBe(true);
  });

  it('tells nouns naming people from other nouns, plurals and "boss" included', () => {
    for (const word of ['singer', 'coach', 'boss', 'muggers', 'goalkeeper']) expect(lexicon.namesPerson(word), word).toBe(true);
    for (const word of ['film', 'website', 'company', 'painting', 'zzqxv']) expect(lexicon.namesPerson(word), word).toBe(false);
  });

  it('returns nothing for unknown words and never the word itself', () => {
    expect(lexicon.related('zzqxv')).toEqual([]);
    expect(words('car')).not.toContain('car');
  });
});
