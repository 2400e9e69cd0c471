import { describe, expect, it } from 'vitest';
import { parseFollowUp, whatDidSay, withFilter } from '../../../src/slack/conversation/followUps.js';
import { parseRequest, plainText, stripBotMention } from '../../../src/slack/conversation/requestText.js';

describe('parseFollowUp', () => {
  it.each([
    ['more', { kind: 'more' }],
    ['More please!', { kind: 'more' }],
    ['what else', { kind: 'more' }],
    ['only TRT World', { kind: 'source', outlet: 'TRT World' }],
    ['only from "News ru"', { kind: 'source', outlet: 'News ru' }],
    ['just Reuters.', { kind: 'source', outlet: 'Reuters' }],
    ['since May', { kind: 'since', dateText: 'May' }],
    ['only since 2021-05-01', { kind: 'since', dateText: '2021-05-01' }],
    ['before June 2021', { kind: 'before', dateText: 'June 2021' }],
    ['what else did he say?', { kind: 'whatElse', speaker: null }],
    ['What else did she say about China', { kind: 'whatElse', speaker: null }],
    ['what else did Elon Musk say', { kind: 'whatElse', speaker: 'Elon Musk' }],
  ])('reads %j', (text, expected) => {
    expect(parseFollowUp(text)).toEqual(expected);
  });

  it('is null for a new question', () => {
    expect(parseFollowUp('what did Musk say')).toBeNull();
    expect(parseFollowUp('where is the data stored?')).toBeNull();
  });
});

describe('withFilter', () => {
  it('adds a filter, replacing one of the same kind (and its synonyms)', () => {
    expect(withFilter('what did Musk say', 'source', 'TRT World')).toBe('what did Musk say source:"TRT World"');
    expect(withFilter('what did Musk say outlet:Reuters since:2021-01-01', 'source', 'News ru')).toBe('what did Musk say since:2021-01-01 source:"News ru"');
    expect(withFilter('what did Musk say after:2020-01-01', 'since', '2021-05-01')).toBe('what did Musk say since:2021-05-01');
    expect(withFilter('q before:2021-01-01', 'before', '2021-06-01')).toBe('q before:2021-06-01');
  });

  it('builds "what did X say"', () => {
    expect(whatDidSay('Elon Musk')).toBe('what did Elon Musk say');
  });
});

describe('request text', () => {
  it('classifies help, sources, too long and questions', () => {
    expect(parseRequest('')).toEqual({ kind: 'help' });
    expect(parseRequest('  Help ')).toEqual({ kind: 'help' });
    expect(parseRequest('sources')).toEqual({ kind: 'sources' });
    expect(parseRequest('x'.repeat(501))).toEqual({ kind: 'tooLong', length: 501 });
    expect(parseRequest(' what did Musk say ')).toEqual({ kind: 'question', question: 'what did Musk say' });
  });

  it('removes the bot mention and turns Slack markup into plain text', () => {
    expect(stripBotMention('<@UBOT1> what did <@U2> say', 'UBOT1')).toBe('what did <@U2> say');
    expect(stripBotMention('<@UBOT1|tesla>   more', undefined)).toBe('more');
    expect(plainText('what did <@U2|musk> say in <#C1|general> about <https://x.example|this> &amp; &lt;that&gt; <!here>')).toBe(
      'what did @musk say in #general about this & <that> @here',
    );
  });
});
