import { describe, expect, it } from 'vitest';
import { expectedAnswerType, satisfiesAnswerType } from '../../../src/core/answer/answerType.js';
import { AnswerEngine, loadCorpus } from '../../../src/core/index.js';

describe('answer types', () => {
  it.each([
    ['How much is a Tesla Model 3?', 'money'],
    ['What is the price of a Model Y?', 'money'],
    ['How many vehicles did Tesla deliver?', 'number'],
    ['What percentage of the market did Tesla have?', 'number'],
    ['When did Tesla open its Shanghai factory?', 'time'],
    ['How did deliveries compare with estimates?', 'any'],
  ])('%j expects %s', (question, type) => expect(expectedAnswerType(question)).toBe(type));

  it('recognises numbers, money and times in excerpts', () => {
    expect(satisfiesAnswerType('number', 'it delivered 184,000 vehicles')).toBe(true);
    expect(satisfiesAnswerType('number', 'it delivered many vehicles')).toBe(false);
    expect(satisfiesAnswerType('money', 'sales topping $6.6 billion')).toBe(true);
    expect(satisfiesAnswerType('money', 'the Model 3 is popular')).toBe(false);
    expect(satisfiesAnswerType('time', 'In 2019, Tesla opened a factory')).toBe(true);
    expect(satisfiesAnswerType('time', 'Tesla opened a factory')).toBe(false);
  });

  it('abstains when the passages share the words but not the fact asked for', () => {
    const engine = new AnswerEngine(loadCorpus('seeds').documents);
    const price = engine.answer('How much is a Tesla Model 3?');
    expect(price.answered).toBe(false);
    expect(price.message).toMatch(/never give a price/);
    expect(engine.answer('When did Tesla open its Shanghai factory?').excerpts[0]?.text).toMatch(/2019/);
  });
});
