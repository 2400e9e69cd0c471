import { describe, expect, it } from 'vitest';
import { AnswerEngine } from '../../../src/core/index.js';
import { fixtureText, speakerFixtures } from './speakers.fixtures.js';

const engine = new AnswerEngine(speakerFixtures());
const ask = (question: string) => engine.answer(question);
const texts = (question: string) => ask(question).excerpts.map((e) => e.text);

describe('speaker answers', () => {
  it('answers a person asked by surname, by "Ms X" and by title, with that person\'s statements only', () => {
    for (const question of ['what did Ms Porter say about the recall', 'What did the Acme chief executive say about the recall?', 'How did Jane Porter explain the recall?']) {
      const answer = ask(question);
      expect(answer.intent).toBe('quotes');
      expect(answer.excerpts.length).toBeGreaterThan(0);
      expect(answer.excerpts.every((e) => e.speaker === 'Jane Porter')).toBe(true);
      expect(answer.excerpts[0]!.text).toMatch(/recall|replacing the batteries/);
    }
  });

  it('matches the topic against the paragraph and the article too, and corrects a typo in it', () => {
    // The quote never says "cup final"; its article does.
    expect(texts('What did Tom Porter say about the cup final?')[0]).toContain('The lads gave everything');
    expect(texts('what did Jane Porter say about the recal')[0]).toMatch(/recall|replacing the batteries/);
    expect(texts('What did Jane Porter say about demand in Asai')[0]).toContain('demand for robots was strong in Asia');
  });

  it('puts statements from an article about the topic before those of an article that only mentions it', () => {
    const found = texts('What did Mayor Quintero say about the Marlow busway?');
    expect(found[0]).toContain('told people on the east side to wait');
  });

  it('puts a statement giving a reason before one that does not when the topic asks why', () => {
    const found = texts('Solhaug\'s comments on why the pilots are on strike');
    const reason = found.findIndex((t) => t.includes('because the airline refused to talk'));
    expect(reason).toBeGreaterThanOrEqual(0);
    expect(reason).toBeLessThan(found.findIndex((t) => t.includes('Our members are tired')));
    expect(texts('What did Solhaug say about the passengers?')[0]).toContain('the passengers are angry');
  });

  it('never answers a title question with the person the topic names', () => {
    const answer = ask("What did Worldcorp's former finance chief say about Webb?");
    expect(answer.speaker).toBe('Scott Sullen');
  });

  it('answers a surname several people share for the person the topic fits', () => {
    const answer = ask('what did Porter say about the referee');
    expect(answer.excerpts[0]!.speaker).toBe('Tom Porter');
    expect(ask('what did Porter say').excerpts[0]!.speaker).toBe('Jane Porter');
  });

  it('answers an organisation asked by acronym with its own statements and its spokespeople', () => {
    const answer = ask('Any quotes from the NUT on the strike?');
    const speakers = new Set(answer.excerpts.map((e) => e.speaker));
    expect(speakers).toEqual(new Set(['The National Union of Teachers', 'Sam Hill']));
  });

  it('keeps two "Mr Brown"s of different stories apart', () => {
    const answer = ask('What did Gordon Brown say?');
    expect(answer.excerpts.map((e) => e.text).join(' ')).not.toContain('bridge');
    expect(answer.excerpts.map((e) => e.text)).toContain('The chancellor said the budget would stay balanced over the cycle.');
  });

  it('stays verbatim', () => {
    for (const question of ['what did Porter say', 'quotes from the NUT', 'what did the chancellor say']) {
      for (const e of ask(question).excerpts) expect(fixtureText(e.source.docId).slice(e.source.start, e.source.end)).toBe(e.text);
    }
  });
});
