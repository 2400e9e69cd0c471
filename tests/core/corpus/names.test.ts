import { describe, expect, it } from 'vitest';
import { genderOf, isFirstName, splitRun } from '../../../src/core/corpus/names.js';

const split = (run: string) => splitRun(run.split(' '));

describe('names', () => {
  it('knows first names from the lists and from compromise\'s lexicon, but takes gender only from the lists', () => {
    expect(isFirstName('Jeremy')).toBe(true);
    expect(isFirstName('Serena')).toBe(true);
    expect(isFirstName('Solskjaer')).toBe(false);
    expect(genderOf(['Jeremy', 'Flynn'])).toBe('m');
    expect(genderOf(['Serena', 'Williams'])).toBe(null);
  });

  it('splits a word that cannot be a given name off a first name and surname', () => {
    expect(split('Film-maker Spike Lee')).toMatchObject({ role: 'Film-maker', name: ['Spike', 'Lee'] });
    expect(split('EADS Philippe Camus')).toMatchObject({ role: 'EADS', name: ['Philippe', 'Camus'] });
    expect(split('Spaniard Guillermo Garcia-Lopez')).toMatchObject({ role: 'Spaniard', name: ['Guillermo', 'Garcia-Lopez'] });
  });

  it('splits a nationality or kind of person off two words known only as names', () => {
    expect(split('Swede Joachim Johansson')).toMatchObject({ role: 'Swede', name: ['Joachim', 'Johansson'] });
    expect(split('Australian Lynton Crosby')).toMatchObject({ role: 'Australian', name: ['Lynton', 'Crosby'] });
    expect(split('Journalist Guillem Balague').name).toEqual(['Guillem', 'Balague']);
    expect(split('Tunisian-born Abdellatif Kechiche').name).toEqual(['Abdellatif', 'Kechiche']);
  });

  it('keeps three given names, an organisation and an honorific whole', () => {
    expect(split('Ole Gunnar Solskjaer').name).toEqual(['Ole', 'Gunnar', 'Solskjaer']);
    expect(split('Bank Sal Oppenheim').name).toEqual(['Bank', 'Sal', 'Oppenheim']);
    expect(split('Human Rights Watch').name).toEqual(['Human', 'Rights', 'Watch']);
    expect(split('European Medicines Agency').name).toEqual(['European', 'Medicines', 'Agency']);
    expect(split('Welsh Assembly Government').name).toEqual(['Welsh', 'Assembly', 'Government']);
    expect(split('Sir Teddy Taylor')).toMatchObject({ honorific: 'Sir', name: ['Teddy', 'Taylor'] });
  });
});
