/**
 * The words of a question as the index sees them: variants for names, abbreviations, phrasal
 * verbs, typos and paraphrases, and the weights they carry. Invented one-line articles.
 */
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../src/core/index.js';
import { PassageIndex } from '../../../src/core/search/passageIndex.js';
import { WordNetLexicon, type Lexicon, type RelatedWord } from '../../../src/core/search/lexicon.js';
import { buildTermGroups, HIERARCHY_WEIGHT, RELATED_WEIGHT, VECTOR_WEIGHT, type TermGroup } from '../../../src/core/answer/query.js';
import { toTerm } from '../../../src/core/search/analyzer.js';

const index = new PassageIndex();
[
  'The Harbourside coach resigned on Monday after a run of defeats, the club said.',
  'German carmakers and the European Commission met in Brussels to talk about the US market.',
  'Shares in Acme rose after the company opened a new data center near Dublin.',
  'Acme made a profit in the fourth quarter.',
  'Schools for children reopened.',
  'Jef Raskin, who led the Macintosh team, has died.',
  'Jeff Bezos said Amazon would grow.',
].forEach((text, i) => index.add(parseDocument({ id: `a${i}`, path: `a${i}.txt`, relPath: `a${i}.txt`, text }).document));
const lexicon = new WordNetLexicon();

function indexWith(...texts: string[]): PassageIndex {
  const small = new PassageIndex();
  texts.forEach((text, i) => small.add(parseDocument({ id: `x${i}`, path: `x${i}.txt`, relPath: `x${i}.txt`, text }).document));
  return small;
}

function group(question: string, word: string): TermGroup {
  const found = buildTermGroups(question, index, lexicon).find((g) => g.word === word);
  if (found === undefined) throw new Error(`no group for ${word}`);
  return found;
}

describe('buildTermGroups', () => {
  it('reads a phrasal verb as what it means: "step down" meets "resigned"', () => {
    expect(group('Why did the coach step down?', 'step').variants.get(toTerm('resigned')!)).toBeGreaterThanOrEqual(0.8);
    expect(buildTermGroups('Why did the coach step down?', index, lexicon).some((g) => g.word === 'down')).toBe(false);
  });

  it('gives names their other forms and abbreviations, never synonyms', () => {
    const germany = group('What did Germany say about Brussels?', 'Germany');
    expect(germany.proper).toBe(true);
    expect(germany.variants.has(toTerm('German')!)).toBe(true);
    expect(group('What about America and Europe?', 'America').variants.has('us')).toBe(true);
    expect(group('What about the EU?', 'EU').variants.has(toTerm('European')!)).toBe(true);
    expect(group('acme q4 profit', 'q4').variants.has(toTerm('quarter')!)).toBe(true);
    expect(group('childrens schools', 'childrens').variants.has(toTerm('children')!)).toBe(true);
    expect([...group('What did the Telegraph say?', 'Telegraph').variants.keys()]).toEqual([toTerm('Telegraph')]);
  });

  it('meets typos by one edit from five letters, and by two swapped letters', () => {
    expect(group('acme data centre neer dublin', 'dublin').variants.size).toBeGreaterThanOrEqual(1);
    expect(group('Where is the data cetner?', 'cetner').variants.has(toTerm('center')!)).toBe(true);
    expect(group('How did Acme shraes do?', 'shraes').variants.has(toTerm('shares')!)).toBe(true);
    expect(group('ipad sales', 'ipad').variants.size).toBe(1);
  });

  it('reads "going to" and "about to" before a verb as the future tense, not a topic', () => {
    const words = (q: string) => buildTermGroups(q, index, lexicon).map((g) => g.word);
    expect(words('Is Acme going to close the data center?')).not.toContain('going');
    expect(words('Is Acme about to reopen schools?')).not.toContain('about');
    expect(words('Who is going to Dublin?')).toContain('going');
  });

  it('meets a name misspelt as another name the corpus knows: "jeff raskin" meets "Jef Raskin"', () => {
    expect(group('jeff raskin', 'jeff').variants.get('jef')).toBeGreaterThan(0);
    expect(group('jeff raskin', 'jeff').variants.get('jeff')).toBe(1);
    // A dictionary word is not a spelling of a name.
    expect(buildTermGroups('Andy Ram', indexWith('Andy Ram won. The anti group lost.'), lexicon)[0]!.variants.has('anti')).toBe(false);
    // A dictionary word keeps its own spelling: "coach" does not meet "coaches"' neighbours by one edit.
    expect([...group('coach', 'coach').variants.keys()].every((t) => t !== 'couch')).toBe(true);
  });

  it('weighs a dictionary word the corpus lacks as a paraphrase, and a word nobody knows as the rarest', () => {
    const groups = buildTermGroups('Which field did the coach quit in Harbourside?', index, lexicon);
    const field = groups.find((g) => g.word === 'field')!;
    const known = groups.filter((g) => g.word !== 'field').map((g) => g.idf);
    expect(field.idf).toBeLessThanOrEqual(Math.max(...known));
    const ipad = buildTermGroups('ipad coach', index, lexicon).find((g) => g.word === 'ipad')!;
    expect(ipad.unheard).toBe(true);
    expect(ipad.idf).toBeGreaterThanOrEqual(index.idf('coach'));
  });

  it('adds word-vector neighbours the corpus holds at their own low weight, never for names or words WordNet does not know', () => {
    // WordNet's words, then neighbours as a vector lexicon gives them (relation 'similar').
    const similar: Record<string, string[]> = { resign: ['quit', 'coach'], ipad: ['profit'], acme: ['company'], harbourside: ['coach'], earnings: ['profit'] };
    const withVectors: Lexicon = {
      related: (word: string): RelatedWord[] => [
        ...lexicon.related(word),
        ...(similar[word.toLowerCase()] ?? []).map((w) => ({ word: w, relation: 'similar' as const })),
      ],
    };
    const groupOf = (question: string, word: string): TermGroup => buildTermGroups(question, index, withVectors).find((g) => g.word === word)!;
    expect(VECTOR_WEIGHT).toBeLessThan(RELATED_WEIGHT);
    expect(VECTOR_WEIGHT).toBeLessThanOrEqual(HIERARCHY_WEIGHT);
    const resign = groupOf('Why did the Harbourside boss resign?', 'resign');
    expect(resign.variants.get(toTerm('coach')!)).toBe(VECTOR_WEIGHT);
    expect(resign.variants.has(toTerm('quit')!)).toBe(false); // not in the corpus
    // A paraphrase the corpus lacks finds the corpus's word through its neighbour.
    expect(groupOf('acme earnings', 'earnings').variants.get(toTerm('profit')!)).toBeGreaterThanOrEqual(VECTOR_WEIGHT);
    // A name keeps its own forms only; a word neither the dictionary nor the corpus knows gets no
    // neighbours (ipad → ipod is a sibling, not a paraphrase) and stays unheard.
    expect(groupOf('What did Acme say?', 'Acme').variants.has(toTerm('company')!)).toBe(false);
    expect(groupOf('why did harbourside lose', 'harbourside').variants.has(toTerm('coach')!)).toBe(false); // a name typed in lower case
    const ipad = groupOf('ipad sales', 'ipad');
    expect(ipad.variants.size).toBe(1);
    expect(ipad.unheard).toBe(true);
    expect(ipad).toEqual(group('ipad sales', 'ipad'));
  });
});
