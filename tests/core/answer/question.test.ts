import { describe, expect, it } from 'vitest';
import { normaliseQuestion, parseQuestion } from '../../../src/core/answer/question.js';

describe('parseQuestion', () => {
  it.each([
    ['what did Musk say', 'Musk', ''],
    ['What did Tesla say about the security of vehicle data?', 'Tesla', 'the security of vehicle data'],
    ['What did The Verge report?', 'The Verge', ''],
    ['quotes from Elon Musk about spying', 'Elon Musk', 'spying'],
    ["Musk's comments on the camera", 'Musk', 'the camera'],
    ['what has Huawei said', 'Huawei', ''],
    ['how did Tesla respond to the ban', 'Tesla', 'the ban'],
    ['What has Ghosn said?', 'Ghosn', ''],
    ['What did Mr Lamberty say about taking the authorities to court?', 'Mr Lamberty', 'taking the authorities to court'],
    ['How did Brad Gilbert react to his coach leaving?', 'Brad Gilbert', 'his coach leaving'],
    ['How did Acme explain the recall?', 'Acme', 'the recall'],
    ["Wenger's comments on the referee", 'Wenger', 'the referee'],
    ["What was Wenger's view of the referee?", 'Wenger', 'the referee'],
    ["Dr Okafor's view of the study", 'Dr Okafor', 'the study'],
    ['Any quotes from the NUJ on the job cuts?', 'the NUJ', 'the job cuts'],
    ["Microsoft's Robbie Bach on the cable recall", "Microsoft's Robbie Bach", 'the cable recall'],
    ['What did Musk tell Reuters about China?', 'Musk', 'China'],
    ['What did Tesla tell Chinese buyers about whether the cameras are switched on?', 'Tesla', 'whether the cameras are switched on'],
    ['How has Mr Makarov explained his hunger strike?', 'Mr Makarov', 'his hunger strike'],
    ['How has the club reacted to the ban?', 'the club', 'the ban'],
    ['What did the mayor tell the BBC', 'the mayor', ''],
    ['Musk told Reuters', 'Musk', ''],
    ['What has the chairman of the public accounts committee said?', 'the chairman of the public accounts committee', ''],
    ['What did the Tesla CEO say about spying', 'the Tesla CEO', 'spying'],
  ])('reads %j as a question about what someone said', (question, speaker, topic) => {
    const parsed = parseQuestion(question);
    expect(parsed.speakerAsked).toBe(speaker);
    expect(parsed.topic).toBe(topic);
  });

  it.each([
    'What does the interior camera record before a crash?', 'Who did Tesla meet from Baidu and Alibaba?', 'what is the CLOUD Act',
    'How many flights were cancelled when the plane landed?', 'Will the builder make any money on the stadium?', 'What did the police tell him about it',
  ])(
    'reads %j as a question about passages',
    (question) => expect(parseQuestion(question).speakerAsked).toBeNull(),
  );

  it('reads filters and removes them from the question', () => {
    const parsed = parseQuestion('cameras source:"TRT World" since:2021-05-01 before:2021-06');
    expect(parsed.filters).toEqual({ outlet: 'TRT World', since: '2021-05-01', before: '2021-06-01' });
    expect(parsed.text).toBe('cameras');
    expect(parseQuestion('cameras outlet:Reuters').filters.outlet).toBe('Reuters');
  });

  it('explains unknown filters, bad dates and empty ranges', () => {
    expect(parseQuestion('cameras author:someone').error).toMatch(/not a filter I know/);
    expect(parseQuestion('cameras since:yesterday').error).toMatch(/not a date/);
    expect(parseQuestion('cameras since:2021-06-01 before:2021-05-01').error).toMatch(/no date fits/);
    expect(parseQuestion('see https://example.com').error).toBeNull();
    const name = parseQuestion('When will Cat Deeley front CD:UK for the final time?');
    expect(name.error).toBeNull();
    expect(name.text).toContain('CD:UK');
    expect(parseQuestion('cameras Source:Reuters').filters.outlet).toBe('Reuters');
  });
});

describe('parseQuestion without a possessive', () => {
  it('reads "Musk statements on confidentiality" as a speaker question', () => {
    expect(parseQuestion('Musk statements on confidentiality')).toMatchObject({ speakerAsked: 'Musk', topic: 'confidentiality' });
  });
});

describe('question normalisation', () => {
  it('strips leading emoji and symbols, and zero-width characters inside words, before reading the intent', () => {
    expect(parseQuestion('🤔 what did Musk say about spying')).toMatchObject({ speakerAsked: 'Musk', topic: 'spying' });
    expect(parseQuestion('👉👉 quotes from Elon Musk')).toMatchObject({ speakerAsked: 'Elon Musk' });
    expect(parseQuestion('what did Mu\u200Bsk s\u2060ay about da\uFEFFta')).toMatchObject({ speakerAsked: 'Musk', topic: 'data' });
    expect(normaliseQuestion('\u200D✨ cameras?')).toBe('cameras?');
  });
});
