import { describe, expect, it } from 'vitest';
import { blockQuote, escapeMrkdwn, mentionUser, mrkdwnLink, shorten } from '../../../src/slack/blocks/mrkdwn.js';
import { highlight, questionTerms } from '../../../src/slack/blocks/highlight.js';

describe('mrkdwn helpers', () => {
  it('escapes &, < and > (in that order, so nothing is escaped twice)', () => {
    expect(escapeMrkdwn('<!channel> & <@U1> &amp;')).toBe('&lt;!channel&gt; &amp; &lt;@U1&gt; &amp;amp;');
  });

  it('links only http(s) URLs, encoding what mrkdwn would read as syntax', () => {
    expect(mrkdwnLink('https://a.example/x?q=1&r=2', 'T<i>')).toBe('<https://a.example/x?q=1&amp;r=2|T&lt;i&gt;>');
    expect(mrkdwnLink('https://a.example/a|b>c', 'x')).toBe('<https://a.example/a%7Cb%3Ec|x>');
    expect(mrkdwnLink('javascript:alert(1)', 'x')).toBe('x');
    expect(mrkdwnLink(null, 'a & b')).toBe('a &amp; b');
  });

  it('mentions only well-formed user ids', () => {
    expect(mentionUser('U123ABC')).toBe('<@U123ABC>');
    expect(mentionUser('<!channel>')).toBe('&lt;!channel&gt;');
  });

  it('shortens at a word boundary with an ellipsis', () => {
    expect(shorten('short', 10)).toBe('short');
    expect(shorten('the quick brown fox jumps', 16)).toBe('the quick brown…');
    expect(shorten('abcdefghijklmnop', 5)).toBe('abcd…');
  });

  it('quotes every line', () => {
    expect(blockQuote('a\nb')).toBe('>a\n>b');
  });
});

describe('highlight', () => {
  it('bolds the words that match the question, by index term, merging neighbours', () => {
    const terms = questionTerms('what did Elon Musk say about cameras source:"TRT World" since:2021-05-01');
    expect(terms.has('world')).toBe(false);
    expect(highlight('Elon Musk said the camera is off.', terms)).toBe('*Elon Musk* said the *camera* is off.');
  });

  it('escapes around and inside bold runs', () => {
    const terms = questionTerms('channel');
    expect(highlight('<!channel> & channel', terms)).toBe('&lt;!*channel*&gt; &amp; *channel*');
  });

  it('escapes plainly when there is nothing to bold', () => {
    expect(highlight('a <b> c', new Set())).toBe('a &lt;b&gt; c');
  });
});
