import { describe, expect, it } from 'vitest';
import { fold, terms, toTerm, tokenize } from '../../../src/core/search/analyzer.js';

describe('analyzer', () => {
  it('brings inflections of a word to one term', () => {
    expect(new Set(['spy', 'spying', 'spies'].map(toTerm)).size).toBe(1);
    expect(toTerm('cars')).toBe(toTerm('car'));
    expect(toTerm('stored')).toBe(toTerm('store'));
  });

  it('takes a word ending in "ss" for a singular (boss/bosses meet; discuss is no discus)', () => {
    expect(toTerm('boss')).toBe(toTerm('bosses'));
    expect(toTerm('pass')).toBe(toTerm('passes'));
    expect(toTerm('discuss')).toBe(toTerm('discussed'));
    expect(toTerm('discuss')).not.toBe(toTerm('discus'));
  });

  it('drops stop words but keeps capitalised acronyms such as US', () => {
    expect(terms('what did the company say about us')).toEqual(['compani']);
    expect(terms('the US government')).toEqual(['us', 'govern']);
    expect(terms('the U.S. government')).toEqual(['us', 'govern']);
  });

  it('folds accents and typographic quotes, and splits compounds', () => {
    expect(fold('Café’s “Ü”')).toBe(`cafe's "u"`);
    expect(terms('tit-for-tat Uber/Lyft')).toEqual(['tit', 'tat', 'uber', 'lyft']);
    expect(terms('Tesla’s')).toEqual(['tesla']);
  });

  it('keeps numbers whole, without thousands separators', () => {
    expect(terms('172,230 vehicles, 3.5 percent')).toEqual(['172230', 'vehicl', '3.5', 'percent']);
  });

  it('reports offsets that point at the words in the text', () => {
    const text = 'Musk denied the company would leak';
    for (const token of tokenize(text)) expect(text.slice(token.start, token.end)).toBe(token.word);
  });
});
