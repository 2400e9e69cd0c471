/**
 * The terminal rendering of an answer: sources named as a reader recognises them, never by a raw
 * document id.
 */
import { describe, expect, it } from 'vitest';
import { formatAnswerText, labelText } from '../../src/cli/formatText.js';
import { AnswerEngine, loadCorpus } from '../../src/core/index.js';

describe('formatAnswerText', () => {
  it('names sources by headline, else by their opening words, never by document id', () => {
    expect(labelText({ text: 'Tesla to store data in China', kind: 'headline', cut: false })).toBe('“Tesla to store data in China”');
    expect(labelText({ text: 'China is restricting the use…', kind: 'lead', cut: true })).toBe('article opening “China is restricting the use…”');
    expect(labelText({ text: 'notes.txt', kind: 'file', cut: false })).toBe('notes.txt');
    const { documents } = loadCorpus('seeds');
    const engine = new AnswerEngine(documents);
    for (const question of ['what did Musk say', 'where is the data stored']) {
      const text = formatAnswerText(engine.answer(question));
      for (const doc of documents) expect(text).not.toContain(doc.id);
    }
  });
});
