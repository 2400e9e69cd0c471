import { describe, expect, it } from 'vitest';
import { isDescribingWord, isLexiconFirstName, isPersonDescriptor, mayBeNameOnly } from '../../../src/core/corpus/lexicon.js';

describe('lexicon (compromise)', () => {
  it('knows first names beyond the hand-written lists, in any case', () => {
    for (const name of ['Serena', 'Elton', 'Guillermo', 'Spike', 'Glenn', 'robby']) expect(isLexiconFirstName(name), name).toBe(true);
    for (const word of ['Solskjaer', 'Bank', 'Spaniard', 'Sir', 'Microsoft', 'Ole']) expect(isLexiconFirstName(word), word).toBe(false);
  });

  it('tells a nationality, kind of person, organisation or place from a word that may start a name', () => {
    for (const word of ['Spaniard', 'American', 'Teenager', 'Microsoft']) expect(isDescribingWord(word), word).toBe(true);
    // Unknown ("Ole"), a common noun that may open an organisation's name ("Bank"), an honorific, a first name.
    for (const word of ['Ole', 'Bank', 'Sir', 'Serena']) expect(isDescribingWord(word), word).toBe(false);
  });

  it('finds nationalities and nouns for people that describe a name after them', () => {
    for (const word of ['Swede', 'Australian', 'Journalist', 'Curator']) expect(isPersonDescriptor(word), word).toBe(true);
    for (const word of ['Bank', 'Rival', 'Crosby', 'Beatriz']) expect(isPersonDescriptor(word), word).toBe(false);
  });

  it('takes unknown words and names as possible name words, not words of organisations or places', () => {
    for (const word of ['Crosby', 'Balague', 'Lynton', 'Beatriz']) expect(mayBeNameOnly(word), word).toBe(true);
    for (const word of ['Agency', 'Government', 'Rights', 'Borders', 'Bank']) expect(mayBeNameOnly(word), word).toBe(false);
  });
});
